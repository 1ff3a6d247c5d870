import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { LoginThrottled } from '../auth/login-limiter';
import type { Feed } from '../realtime/feed';
import { HallError, logStorageFault, storageRefusal } from '../services/errors';
import type { RouteServices } from '../services/route-services';
import { csrfHook, principalHook } from './guards';
import { logRequests, loggerOptions, redactUrl, type HallLog } from './logging';
import { registerHallRoutes } from './hall-routes';
import type { DemoLinks } from './landing-page';
import { registerManagerRoutes } from './manager-routes';
import { registerAdminRoutes } from './admin-routes';
import { registerStaticRoutes, type StaticDirs } from './static-routes';
import { registerTicketRoutes } from './ticket-routes';

export interface RouteEntry {
  method: string;
  url: string;
}

export interface HttpAppOptions {
  services: RouteServices;
  feed: Feed;
  dirs: StaticDirs;
  demo: DemoLinks | null;
  /** Off (silent) when not given: tests stay quiet. */
  log?: HallLog;
}

/** Builds the fastify app: one error shape `{ error: { code, message } }`, never a 5xx for bad input. */
export async function createHttpApp(options: HttpAppOptions): Promise<{ app: FastifyInstance; routes: RouteEntry[] }> {
  // trustProxy off: request.ip is the TCP peer (the login throttle and the landing page rely on it).
  const app = Fastify({ ...loggerOptions(options.log), bodyLimit: 64 * 1024, trustProxy: false });
  logRequests(app);
  // The route list, for the security tests that walk every route.
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  await app.register(fastifyCookie);
  app.decorateRequest('principal', null as never);
  app.addHook('onRequest', principalHook(options.services.auth));
  app.addHook('onRequest', csrfHook());

  app.setErrorHandler((error: FastifyError | HallError | Error, request, reply) => {
    const storage = storageRefusal(error);
    if (storage) {
      // The disk or a lock failed, not the request: 503, keep serving, the log keeps the SQLite code.
      logStorageFault(`${request.method} ${redactUrl(request.url).split('?')[0]}`, error);
      request.log.error({ err: error }, 'storage fault');
      return reply.code(storage.status).header('retry-after', '5').send({ error: { code: storage.code, message: storage.message } });
    }
    if (error instanceof HallError) {
      if (error instanceof LoginThrottled) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Malformed JSON, wrong content type, oversized body: the client's fault, said plainly.
      const code = status === 404 ? 'not-found' : status === 429 ? 'rate-limited' : 'bad-request';
      return reply.code(status === 404 || status === 429 ? status : 400).send({ error: { code, message: error.message } });
    }
    request.log.error({ err: error }, 'request failed');
    // No stack trace or SQL leaves the server: the log has them.
    return reply.code(500).send({ error: { code: 'internal', message: 'internal error; see the hall server log' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
  );

  registerHallRoutes(app, options.services, options.feed);
  registerTicketRoutes(app, options.services);
  registerManagerRoutes(app, options.services);
  registerAdminRoutes(app, options.services);
  await registerStaticRoutes(app, options.services, options.dirs, options.demo);
  return { app, routes };
}
