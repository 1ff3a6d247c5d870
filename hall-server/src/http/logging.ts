import { LogController, type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';

/** pino's levels, plus `silent` (the default for tests: no output at all). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How the hall server logs: JSON lines (pino, through fastify) at `level`, to stdout unless `stream` is given. */
export interface HallLog {
  level: LogLevel;
  stream?: { write(line: string): unknown };
}

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

const REDACTED = '[redacted]';
/** Query parameters that carry a credential: a screen's pairing token, a ticket's tracking code. */
const SECRET_QUERY = /([?&](?:device|token|access_token|trackingCode|password)=)[^&#]*/gi;
/** Paths whose last segment is a ticket's tracking code: whoever holds it may rate that ticket. */
const SECRET_PATH = /^(\/t\/|\/api\/track\/)[^/?#]+/;

/** A URL fit for the log: device tokens, tracking codes and other credentials replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH, `$1${REDACTED}`).replace(SECRET_QUERY, `$1${REDACTED}`);
}

/**
 * fastify's logger options: one `request` line per request (our onResponse hook, fastify's own two
 * lines are off), secrets never written. Our serializers log no headers or bodies at all; the
 * redact paths catch any later `log.info({ headers, body })` all the same.
 */
export function loggerOptions(log: HallLog | undefined): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  if (!log || log.level === 'silent') return { logger: false };
  return {
    logController: new LogController({ disableRequestLogging: true }),
    logger: {
      level: log.level,
      ...(log.stream ? { stream: log.stream } : {}),
      redact: {
        paths: [
          'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie',
          'body.password', 'body.token', 'password', 'token', '*.password', '*.token',
        ],
        censor: REDACTED,
      },
      serializers: {
        req: (request: FastifyRequest) => ({ method: request.method, url: redactUrl(request.url), remoteAddress: request.ip }),
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      },
    },
  };
}

/** One info line per finished request: method, redacted URL, client address, status, milliseconds. */
export function logRequests(app: FastifyInstance) {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ req: request, res: reply, responseTime: Math.round(reply.elapsedTime) }, 'request');
  });
}
