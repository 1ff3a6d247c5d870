import type {} from '@fastify/cookie';
import type { DeviceKind, Role } from '@hall/shared';
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
