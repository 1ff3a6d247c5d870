import { deviceStatusBodySchema, idParamSchema, loginBodySchema } from '@hall/shared';
import type { FastifyInstance } from 'fastify';
import { toSessionUser } from '../auth/auth-service';
import { hallSettings } from '../services/context';
import { HallError } from '../services/errors';
import type { RouteServices } from '../services/route-services';
import { audienceOf } from '../realtime/audience';
import type { Feed } from '../realtime/feed';
import { actorOf, allow, SESSION_COOKIE, tokenOf } from './guards';
import { parse } from './parse';

const ANY_DEVICE = ['kiosk', 'board', 'terminal', 'pad'] as const;

/** Health, login, the caller's identity, the service list, the queue snapshot, counters and devices. */
export function registerHallRoutes(app: FastifyInstance, services: RouteServices, feed: Feed) {
  const { auth, queue, counters, devices, lookup, ctx } = services;

  app.get('/healthz', async () => ({ ok: true }));

  app.post('/api/auth/login', async (request, reply) => {
    const { username, password } = parse(loginBodySchema, request.body);
    const session = auth.login(username, password, request.ip);
    reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 12 * 3600 });
    return session;
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const token = tokenOf(request);
    if (token) auth.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', { preHandler: allow({ role: 'staff', devices: ANY_DEVICE }) }, async (request) => {
    const principal = request.principal;
    if (principal.kind === 'staff') return { kind: 'staff', user: toSessionUser(principal.user), hallName: hallSettings(ctx).hallName };
    if (principal.kind !== 'device') throw new HallError('unauthorized', 'no caller', 401);
    const { id, kind, name, counterId } = principal.device;
    return { kind: 'device', device: { id, kind, name, counterId, hallName: hallSettings(ctx).hallName } };
  });

  app.get('/api/services', { preHandler: allow({ role: 'staff', devices: ANY_DEVICE }) }, async () => queue.views.serviceViews());

  app.get('/api/queue', { preHandler: allow({ role: 'staff', devices: ANY_DEVICE }) }, async (request) =>
    feed.snapshot(audienceOf(request.principal), (seq) => queue.views.snapshot(seq)));

  app.get('/api/counters', { preHandler: allow({ role: 'staff', devices: ANY_DEVICE }) }, async () => lookup.counters());

  app.get('/api/counters/:id/queue', { preHandler: allow({ role: 'staff', devices: ['terminal'] }) }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    const view = queue.views.counterQueue(id);
    if (!view) throw new HallError('not-found', `counter ${id} does not exist`);
    return view;
  });

  const counterActions = { 'sign-in': counters.signIn, 'sign-out': counters.signOut, pause: counters.pause, resume: counters.resume };
  for (const [action, run] of Object.entries(counterActions)) {
    app.post(`/api/counters/:id/${action}`, { preHandler: allow({ role: 'staff' }) }, async (request) => {
      const { id } = parse(idParamSchema, request.params);
      return { counter: run(id, actorOf(request)) };
    });
  }

  app.post('/api/devices/status', { preHandler: allow({ devices: ANY_DEVICE }) }, async (request) => {
    const body = parse(deviceStatusBodySchema, request.body);
    const principal = request.principal;
    if (principal.kind !== 'device') throw new HallError('forbidden', 'only devices report their status', 403);
    return devices.reportStatus(principal.device.id, body);
  });

  app.get('/api/devices', { preHandler: allow({ role: 'manager' }) }, async () => devices.list());
}
