import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { createGunzip } from 'node:zlib';
import { issuesText } from '@hall/shared';
import type { z } from 'zod';
import { badRequest, CityError } from '../services/errors';

/** Validates input with a shared zod schema; a failure becomes 400 `bad-request` naming the fields. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw badRequest(issuesText(result.error));
}

// node-postgres/PGlite errors that blame the database, not the request: the connection is gone,
// the server is shutting down or out of resources. The hall retries later (503 + retry-after).
const UNAVAILABLE = /^(08|53|57P0)/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);

function databaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return /Connection terminated|Client has encountered a connection error|PGlite is closed/i.test(String((error as Error).message));
  return UNAVAILABLE.test(code) || NETWORK.has(code);
}

/** `/t/<code>` and `/api/track/<code>…` with the code replaced by `***`. */
export function maskUrl(url: string): string {
  return url.replace(/^(\/t\/|\/api\/track\/)[^/?]*/, '$1***');
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The fastify app: one error shape `{ error: { code, message } }`, never a 5xx for bad input, gzip bodies accepted. */
export function createApp(options: { logLevel: LogLevel | false }): FastifyInstance {
  const app = Fastify({
    logger: options.logLevel === false ? false : {
      level: options.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      // A tracking code in a URL is the visitor's key to their ticket: it never reaches the log.
      serializers: { req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: maskUrl(req.url), remoteAddress: req.ip }) },
    },
    bodyLimit: 64 * 1024,
    trustProxy: true,
  });

  // A push may come gzip-compressed; the body limit of each route applies to the inflated bytes (zip bombs stop there).
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding'];
    if (encoding === undefined || encoding === 'identity') return payload;
    if (encoding !== 'gzip') throw new CityError('bad-request', `content-encoding ${encoding} is not supported; use gzip`, 415);
    const gunzip = createGunzip() as ReturnType<typeof createGunzip> & { receivedEncodedLength: number };
    gunzip.receivedEncodedLength = 0;
    payload.on('data', (chunk: Buffer) => {
      gunzip.receivedEncodedLength += chunk.length;
    });
    payload.on('error', (error) => gunzip.destroy(error));
    payload.pipe(gunzip);
    return gunzip;
  });

  app.setErrorHandler((error: FastifyError | CityError | Error, request, reply) => {
    if (error instanceof CityError) {
      return reply.code(error.status).send({ error: { code: error.code, message: error.message, ...error.extra } });
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Malformed JSON or gzip, wrong content type, oversized body: the client's fault, said plainly.
      const code = status === 404 ? 'not-found' : status === 413 ? 'body-too-large' : status === 415 ? 'unsupported-media-type' : 'bad-request';
      return reply.code([404, 413, 415].includes(status) ? status : 400).send({ error: { code, message: error.message } });
    }
    if (databaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.code(503).header('retry-after', '5').send({ error: { code: 'storage-unavailable', message: 'the city database is unavailable; retry later' } });
    }
    request.log.error({ err: error }, 'request failed');
    // No stack trace or SQL leaves the server: the log has them.
    return reply.code(500).send({ error: { code: 'internal', message: 'internal error; see the city server log' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
  );
  app.get('/healthz', async () => ({ ok: true }));
  return app;
}
