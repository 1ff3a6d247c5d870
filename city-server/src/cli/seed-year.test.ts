import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportService } from '../services/report-service';
import type { CityHallView } from '@hall/shared';
import { serviceTargetsOf } from '../live/worst-wait';
import { hallsRepo } from '../repos/halls-repo';
import type { CityServer } from '../server';
import { hallView } from '../services/city-service';
import { client, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';
import { planCity, seedCityYear, seedLiveState } from './seed-year';

// Monday 2026-11-16 10:00 and Sunday 2026-11-22 10:00 in Beijing (UTC+8).
const MON_10 = Date.parse('2026-11-16T02:00:00Z');
const SUN_10 = Date.parse('2026-11-22T02:00:00Z');
const MINUTE = 60_000;

describe('seed:year', () => {
  it('plans one city hall and halls of every level under a consistent area tree', () => {
    const { areas, halls } = planCity(200);
    expect(halls).toHaveLength(200);
    const count = (level: string) => halls.filter((h) => h.level === level).length;
    expect([count('city'), count('county'), count('township'), count('village')]).toEqual([1, 12, 60, 127]);
    const codes = new Set(areas.map((a) => a.code));
    expect(codes.size).toBe(areas.length);
    for (const area of areas) if (area.parent) expect(codes.has(area.parent)).toBe(true);
    for (const hall of halls) expect(codes.has(hall.areaCode)).toBe(true);
    // Every hall has a name of its own (a console lists them side by side).
    expect(new Set(halls.map((h) => h.name)).size).toBe(200);
    expect(halls.filter((h) => h.level === 'village').slice(0, 2).map((h) => h.name)).toEqual(['第1区1镇1村公共法律服务室', '第2区1镇1村公共法律服务室']);
  });

  describe('on PGlite, two weeks of 8 halls', () => {
    let db: TestDatabase;
    let server: CityServer;

    beforeAll(async () => {
      db = await testDatabase('pglite');
      server = await startTestCity(db);
      await seedCityYear(server.db, { halls: 8, days: 14, today: '2026-11-16', now: MON_10, dataDir: db.dataDir, seed: 7 });
    }, 180_000);
    afterAll(async () => {
      await server?.close();
      db?.dispose();
    });

    it('writes realistic volumes: thousands a day at the city hall, a handful in a village room', async () => {
      const perDay = (await server.db.query<{ level: string; avg: number }>(
        `SELECT h.level, avg(n)::float AS avg FROM (SELECT hall_id, hall_day, count(*) AS n FROM tickets GROUP BY 1, 2) d
         JOIN halls h ON h.id = d.hall_id GROUP BY h.level`)).rows;
      const avg = Object.fromEntries(perDay.map((r) => [r.level, r.avg]));
      expect(avg.city).toBeGreaterThan(1500);
      expect(avg.county).toBeGreaterThan(80);
      expect(avg.township).toBeLessThan(50);
      expect(avg.village).toBeLessThan(10);
    });

    it('its rollups are exactly what the city builds from the facts', async () => {
      const [admin] = JSON.parse((await import('node:fs')).readFileSync(`${db.dataDir}/year-credentials.json`, 'utf8')).users;
      const api = client(server.url);
      const token = await api.login(admin.username, admin.password);
      const seeded = (await api.get('/api/city/summary?from=2026-11-02&to=2026-11-15', token)).body;
      expect(seeded.issued).toBeGreaterThan(10_000);
      expect(seeded.bookings.avgWaitWalkInSeconds).toBeGreaterThan(0);
      const called = async () => (await server.db.query(
        `SELECT hall_id, hall_day::text AS d, booked_called, booked_wait_ms::text AS b, walk_in_called, walk_in_wait_ms::text AS w FROM day_called
         WHERE hall_day BETWEEN '2026-11-02' AND '2026-11-15' ORDER BY hall_id, hall_day`)).rows;
      const seededCalled = await called();
      expect(seededCalled.length).toBeGreaterThan(50);
      // Every day stale: the summary rebuilds them from tickets and ratings with the city's own builder.
      await server.db.query('UPDATE day_rollups SET version = version + 1');
      const rebuilt = (await api.get('/api/city/summary?from=2026-11-02&to=2026-11-15', token)).body;
      expect((await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM day_rollups WHERE built_version < version')).rows[0]!.n).toBe(0);
      expect(rebuilt).toEqual(seeded);
      // The bookings block's day sums too (the seed writes them itself).
      expect(await called()).toEqual(seededCalled);
    });

    it('the background builder rebuilds stale days a batch at a time while its budget lasts, then warms when nothing is stale', async () => {
      const staleCount = async () => (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM day_rollups WHERE built_version < version')).rows[0]!.n;
      const days = (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM day_rollups')).rows[0]!.n;
      expect(days).toBeGreaterThan(40);
      await server.db.query('UPDATE day_rollups SET version = version + 1');
      const zones = new Map((await hallsRepo(server.db).hallsUnder('')).map((h) => [h.id, h.time_zone]));
      const reports = createReportService(server.db);
      // No budget: one batch of 20.
      expect(await reports.backgroundTick(zones, 0)).toBe(20);
      expect(await staleCount()).toBe(days - 20);
      // A budget that lasts: every other stale day in the same tick, and no warm-up (it rebuilt).
      expect(await reports.backgroundTick(zones, 600_000)).toBe(days - 20);
      expect(await staleCount()).toBe(0);
      expect((await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM month_rollups')).rows[0]!.n).toBe(0);
      // Nothing stale: the tick warms the next halls' past months (the seeded days are in November, a past month now).
      expect(await reports.backgroundTick(zones, 600_000)).toBe(0);
      expect((await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM month_rollups')).rows[0]!.n).toBeGreaterThan(0);
    });

    /** 实时总览 as the console gets it (GET /api/city/halls), at `now`. */
    async function liveViews(now: number): Promise<CityHallView[]> {
      const rows = await hallsRepo(server.db).hallsUnder('');
      const targets = await serviceTargetsOf(server.db, rows.map((h) => h.id));
      return rows.map((h) => hallView(h, now, targets.get(h.id)));
    }
    const ageOf = (view: CityHallView, now: number) => now - Date.parse(view.lastSeenAt!);
    const waitingOf = (view: CityHallView) => Object.values(view.live!.waitingByService).reduce((a, b) => a + b, 0);

    it('leaves every hall live at "now": seconds-old pushes, one hall silent for an hour, two printer faults, queues by level', async () => {
      const views = await liveViews(MON_10);
      expect(views).toHaveLength(8);
      expect(views.every((v) => v.enrolled && !v.revoked && v.live !== null)).toBe(true);
      // 8 halls: 1 in 40 silent, at least one; never the city hall.
      const silent = views.filter((v) => !v.online);
      expect(silent).toHaveLength(1);
      expect(silent[0]!.level).not.toBe('city');
      expect(ageOf(silent[0]!, MON_10)).toBeGreaterThanOrEqual(60 * MINUTE);
      expect(ageOf(silent[0]!, MON_10)).toBeLessThanOrEqual(75 * MINUTE);
      for (const v of views.filter((x) => x.online)) expect(ageOf(v, MON_10)).toBeLessThanOrEqual(14_000);
      expect(views.filter((v) => v.live!.printerFaults > 0).map((v) => v.live!.printerFaults)).toEqual([1, 1]);

      // Monday 10:00 is opening time: the city hall has a queue at every one of its six services' counters.
      const cityHall = views.find((v) => v.level === 'city')!;
      expect(Object.keys(cityHall.live!.longestWaitByService!).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
      expect(waitingOf(cityHall)).toBeGreaterThanOrEqual(10);
      expect(cityHall.live!.countersOpen).toBeGreaterThanOrEqual(8);
      expect(cityHall.live!.countersOpen).toBeLessThanOrEqual(12);
      for (const v of views.filter((x) => x.level === 'village')) {
        expect(Object.keys(v.live!.waitingByService).sort()).toEqual(['C', 'F']);
        for (const n of Object.values(v.live!.waitingByService)) expect(n).toBeLessThanOrEqual(1);
      }
      for (const v of views) {
        const live = v.live!;
        // Each service waited on has a longest wait, one nobody waits for has none; the hall's is the longest of them.
        for (const [code, n] of Object.entries(live.waitingByService)) expect(live.longestWaitByService![code]! > 0).toBe(n > 0);
        expect(live.longestWaitSeconds).toBe(Math.max(0, ...Object.values(live.longestWaitByService!)));
        expect(v.worstWait).not.toBeNull();
      }
    });

    it('re-run at a closed hour: nobody waits, every seeded hall seen again at that now, a hall enrolled for real left alone', async () => {
      const [realHall] = await liveViews(MON_10);
      // A real hall enrolled in place of the first seeded one (a sha256 credential) and not yet pushed.
      await server.db.query('UPDATE halls SET credential_hash = $2, live = NULL, live_at = NULL, last_seen_at = NULL WHERE id = $1', [realHall!.id, 'a'.repeat(64)]);
      expect(await seedLiveState(server.db, { now: SUN_10, seed: 7 })).toEqual({ online: 6, silent: 1, printerFaults: 2 });
      const views = await liveViews(SUN_10);
      expect(views.find((v) => v.id === realHall!.id)).toMatchObject({ enrolled: true, online: false, lastSeenAt: null, live: null });
      const seeded = views.filter((v) => v.id !== realHall!.id);
      expect(seeded.filter((v) => v.online)).toHaveLength(6);
      for (const v of seeded) {
        expect(ageOf(v, SUN_10)).toBeLessThanOrEqual(75 * MINUTE);
        expect([waitingOf(v), v.live!.longestWaitSeconds, v.live!.countersOpen, v.overTarget]).toEqual([0, 0, 0, false]);
      }
    });
  });
});
