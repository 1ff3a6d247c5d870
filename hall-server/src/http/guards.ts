import type {} from '@fastify/cookie';
import { CSRF_HEADER, CSRF_HEADER_VALUE, type DeviceKind, type Role } from '@hall/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService, Principal } from '../auth/auth-service';
import type { Actor } from '../services/context';
import { HallError } from '../services/errors';

export const SESSION_COOKIE = 'hall_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

/** The bearer token of a request: the Authorization header, else the staff session cookie. */
export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
  return request.cookies?.[SESSION_COOKIE];
}

/** Resolves the caller once per request, before any route runs. */
export function principalHook(auth: AuthService) {
  return async (request: FastifyRequest) => {
    request.principal = auth.principal(tokenOf(request));
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF, beyond the cookie's SameSite=Strict: a state-changing request that rides on the session
 * cookie (no Bearer header) must be JSON and carry `X-Requested-With: hall`. A cross-site form
 * can send neither (the header needs a CORS preflight this server never grants). Bearer callers
 * are unaffected: a browser never attaches a bearer token by itself.
 */
export function csrfHook() {
  return async (request: FastifyRequest) => {
    if (SAFE_METHODS.has(request.method)) return;
    const header = request.headers.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer ')) return;
    if (request.cookies?.[SESSION_COOKIE] === undefined) return;
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (request.method !== 'DELETE' && mediaType !== 'application/json') {
      throw new HallError('json-required', 'a request signed in by cookie must send a JSON body (content-type: application/json)', 415);
    }
    if (request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
      throw new HallError('csrf-header-missing', `a request signed in by cookie must send the header ${CSRF_HEADER}: ${CSRF_HEADER_VALUE}`, 403);
    }
  };
}

const ROLE_RANK: Record<Role, number> = { staff: 1, manager: 2, admin: 3 };

/** Who may call a route: staff at or above a role, and/or devices of given kinds. */
export interface Access {
  role?: Role;
  devices?: readonly DeviceKind[];
  anonymous?: boolean;
}

/** A preHandler enforcing an Access rule: 401 without credentials, 403 with the wrong ones. */
export function allow(access: Access) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = request.principal;
    if (access.anonymous) return;
    if (principal.kind === 'anonymous') throw new HallError('unauthorized', 'sign in or send a device token', 401);
    if (principal.kind === 'staff' && access.role && ROLE_RANK[principal.user.role] >= ROLE_RANK[access.role]) return;
    if (principal.kind === 'device' && access.devices?.includes(principal.device.kind)) return;
    throw new HallError('forbidden', 'this caller may not use this route', 403);
  };
}

/** The actor recorded on events for the request's principal. */
export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  if (principal.kind === 'staff') return { userId: principal.user.id, deviceId: null };
  if (principal.kind === 'device') return { userId: null, deviceId: principal.device.id };
  return { userId: null, deviceId: null };
}
