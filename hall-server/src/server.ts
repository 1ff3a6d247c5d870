import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from './db/database';
import { createHttpApp, type RouteEntry } from './http/app';
import type { DemoLinks } from './http/landing-page';
import type { HallLog } from './http/logging';
import { attachRealtime } from './realtime/socket-server';
import { createFeed } from './realtime/feed';
import { createHallRepo } from './repos/hall-repo';
import { createPeopleRepo } from './repos/people-repo';
import { createRatingsRepo } from './repos/ratings-repo';
import { createTicketsRepo } from './repos/tickets-repo';
import { scheduleNightly } from './cli/backup';
import type { HallContext } from './services/context';
import { guarded } from './services/errors';
import { createHallServices, type HallServices } from './services/hall-services';
import { createRouteServices } from './services/route-services';
import { registerHallBookingRoutes } from './bookings/booking-routes';
import { registerSyncRoutes, startHallSync, type HallSync, type SyncTuning } from './sync/hall-sync';
import type { IssueLimit } from './services/issue-limiter';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface HallServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  clock?: () => number;
  timeZone?: string;
  /** JSON log lines (pino): level and stream; none (silent) when not given, so tests stay quiet. */
  log?: HallLog;
  /** URL printed in ticket QR codes; defaults to the listening address. */
  publicUrl?: string;
  /** Runs before the server listens (init, demo seeding); may return the demo hall's links. */
  setup?: (services: HallServices) => DemoLinks | null | void;
  /** Nightly backups (off in tests). */
  nightlyBackup?: boolean;
  authLimits?: { maxFailures: number; windowMs: number };
  /** Timings of the city link (tests shorten the back-off); the link runs only once the hall is enrolled. */
  sync?: SyncTuning;
  /** Issue rate limit per kiosk (default ISSUE_LIMIT); null turns it off for load tests and benchmarks. */
  issueLimit?: IssueLimit | null;
}

export interface HallServer {
  url: string;
  port: number;
  db: Db;
  services: HallServices;
  /** The link to the city (idle unless enrolled). */
  sync: HallSync;
  /** Every HTTP route (method, url pattern), for tests that walk them all. */
  routes: RouteEntry[];
  /** fastify's in-process request, for tests that need another client address (`remoteAddress`). */
  inject: FastifyInstance['inject'];
  /** The server's logger (JSON lines; silent unless `log` was given). */
  log: FastifyBaseLogger;
  close(): Promise<void>;
}

/** Creates the hall's context over an open database: repos, clock, time zone. */
export function createHallContext(db: Db, options: { clock?: () => number; timeZone?: string; publicUrl?: () => string; feed?: ReturnType<typeof createFeed> }): HallContext {
  return {
    db,
    hall: createHallRepo(db),
    tickets: createTicketsRepo(db),
    people: createPeopleRepo(db),
    ratings: createRatingsRepo(db),
    events: options.feed ?? createFeed(),
    clock: options.clock ?? Date.now,
    timeZone: options.timeZone ?? 'Asia/Shanghai',
    randomToken: (bytes) => randomBytes(bytes).toString('base64url'),
    publicUrl: options.publicUrl ?? (() => 'http://localhost:8080'),
  };
}

/** Starts a hall server; no import side effects — only the CLI reads the environment. */
export async function createHallServer(options: HallServerOptions): Promise<HallServer> {
  mkdirSync(join(options.dataDir, 'media'), { recursive: true });
  const db = openDatabase(join(options.dataDir, 'hall.db'));
  const feed = createFeed();
  let publicUrl = options.publicUrl ?? '';
  const ctx = createHallContext(db, { clock: options.clock, timeZone: options.timeZone, publicUrl: () => publicUrl, feed });
  const services = createHallServices(ctx, options.authLimits, options.issueLimit);
  // A full disk must not stop the hall from starting: yesterday's tickets are closed at the next tick.
  guarded('closing previous days', () => services.queue.closePreviousDays());
  const demo = options.setup?.(services) ?? null;

  const routeServices = createRouteServices(services);
  const { app, routes } = await createHttpApp({
    services: routeServices, feed, demo, log: options.log,
    dirs: {
      kioskDist: join(ROOT, 'kiosk/dist'), displayDist: join(ROOT, 'counter-display/dist'),
      voicePack: join(ROOT, 'counter-display/voice-pack'), dataDir: options.dataDir,
    },
  });
  const sync = startHallSync(services, options.dataDir, options.sync);
  registerSyncRoutes(app, sync, services);
  const { bookings } = routeServices;
  registerHallBookingRoutes(app, bookings);
  // Bookings not checked in by slot + 20 min become no-shows, online or not.
  const noShowSweep = setInterval(() => guarded('booking no-shows', () => bookings.markNoShows(ctx.clock())), 60_000);
  noShowSweep.unref();
  const io = attachRealtime(app.server, services, feed);
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  const url = `http://${host}:${port}`;
  if (!publicUrl) publicUrl = url;
  const nightly = options.nightlyBackup ? scheduleNightly(db, options.dataDir, ctx, () => services.queue.closePreviousDays()) : null;

  return {
    url, port, db, services, sync, routes, inject: app.inject.bind(app), log: app.log,
    async close() {
      await sync.stop();
      clearInterval(noShowSweep);
      nightly?.stop();
      io.disconnectSockets(true);
      await new Promise<void>((done) => io.close(() => done()));
      await app.close();
      db.close();
    },
  };
}
