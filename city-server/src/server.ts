import { mkdirSync } from 'node:fs';
import { openDatabase, type Db } from './db/database';
import { createApp, type LogLevel } from './http/app';
import { registerCityRoutes } from './http/city-routes';
import { registerConsoleStatic } from './http/console-static';
import { registerSyncRoutes } from './http/sync-routes';
import { registerTrackRoutes } from './http/track-routes';
import { registerBookingPage } from './http/booking-page';
import { registerBookingRoutes } from './bookings/booking-routes';
import { createBookingService, seedDemoTemplates } from './bookings/bookings-service';
import { seedDemoCity, type DemoCredentials } from './cli/seed';
import { createCityService, type CityService } from './services/city-service';
import { createReportService } from './services/report-service';
import { createTrackService } from './services/track-service';
import { createSyncService } from './sync/sync-service';
import { registerSupervisionRoutes } from './http/supervision-routes';
import { createAdminService } from './services/admin-service';
import { createSupervisionService } from './services/supervision-service';
import { attachLiveHub, type LiveHub } from './live/live-hub';

export interface CityServerOptions {
  /** PGlite lives here when no databaseUrl is given; demo-credentials.json is written here. */
  dataDir: string;
  /** postgres://… : run on PostgreSQL instead of the embedded PGlite. */
  databaseUrl?: string;
  port: number;
  host?: string;
  /** Public base URL of the city (behind a proxy: https://…); QR codes point at `${publicUrl}/t/<code>`. */
  publicUrl?: string;
  log?: LogLevel | false;
  clock?: () => number;
  /** Seed the demo city when the database has no users yet (the CLI's `start`). */
  seedDemo?: boolean;
  poolSize?: number;
  /** How often the background builder repacks days that ingest touched (ms); 0 turns it off. */
  rollupIntervalMs?: number;
}

export interface CityServer {
  url: string;
  db: Db;
  city: CityService;
  /** The demo logins and enrollment codes, when this start seeded the demo city. */
  demo: DemoCredentials | null;
  /** Every route the server registered (the security test's route table checks them all). */
  routes: { method: string; url: string }[];
  close(): Promise<void>;
}

/** Opens the database, migrates it, and serves the city's HTTP API. No side effects before it is called. */
export async function createCityServer(options: CityServerOptions): Promise<CityServer> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const clock = options.clock ?? Date.now;
  const db = await openDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, poolSize: options.poolSize });
  let publicUrl = options.publicUrl ?? '';
  const reports = createReportService(db);
  const city = createCityService(db, reports);
  const sync = createSyncService(db, { publicUrl: () => publicUrl });
  const track = createTrackService(db, clock);
  const bookings = createBookingService(db, { clock, publicUrl: () => publicUrl });

  const demo = options.seedDemo && (await city.userCount()) === 0 ? await seedDemoCity(city, options.dataDir) : null;
  if (demo) await seedDemoTemplates(db);

  const app = createApp({ logLevel: options.log ?? false });
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  // Issue 11: every applied push reaches the consoles watching that hall's area (live/live-hub.ts).
  let live: LiveHub | null = null;
  registerSyncRoutes(app, { ...sync, push: async (hall, body) => {
    const result = await sync.push(hall, body);
    live?.hallChanged(hall.hallId);
    return result;
  } });
  registerCityRoutes(app, city, clock);
  const supervision = createSupervisionService(db, reports, clock);
  registerSupervisionRoutes(app, city, supervision, createAdminService(db, city));
  registerTrackRoutes(app, track);
  registerBookingRoutes(app, bookings, city);
  registerBookingPage(app, bookings);
  registerConsoleStatic(app);
  let address: string;
  try {
    live = await attachLiveHub(app.server, db, city, supervision, { databaseUrl: options.databaseUrl, clock });
    address = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await live?.close();
    await db.close();
    throw error;
  }
  const url = address.replace('://[::1]', '://localhost').replace('://0.0.0.0', '://127.0.0.1');
  if (!publicUrl) publicUrl = url;

  // Rollups of the days ingest touched are repacked in the background, so a summary finds them ready.
  let building = false;
  const interval = options.rollupIntervalMs ?? 1000;
  const timer = interval > 0 ? setInterval(() => {
    if (building) return;
    building = true;
    city.hallZones()
      .then((zones) => reports.backgroundTick(zones))
      .catch((error: unknown) => app.log.warn({ err: error }, 'rollup builder'))
      .finally(() => {
        building = false;
      });
  }, interval) : null;
  timer?.unref();

  return {
    url,
    db,
    city,
    demo,
    routes,
    async close() {
      if (timer) clearInterval(timer);
      // Open keep-alive connections (a hall's push loop) must not hold the close.
      await live?.close();
      app.server.closeAllConnections();
      await app.close();
      while (building) await new Promise((resolve) => setTimeout(resolve, 10));
      await db.close();
    },
  };
}
