import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityServer } from '../server';
import { client, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';
import { planCity, seedCityYear } from './seed-year';

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
  });

  describe('on PGlite, two weeks of 8 halls', () => {
    let db: TestDatabase;
    let server: CityServer;

    beforeAll(async () => {
      db = await testDatabase('pglite');
      server = await startTestCity(db);
      await seedCityYear(server.db, { halls: 8, days: 14, today: '2026-11-16', dataDir: db.dataDir, seed: 7 });
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
      // Every day stale: the summary rebuilds them from tickets and ratings with the city's own builder.
      await server.db.query('UPDATE day_rollups SET version = version + 1');
      const rebuilt = (await api.get('/api/city/summary?from=2026-11-02&to=2026-11-15', token)).body;
      expect((await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM day_rollups WHERE built_version < version')).rows[0]!.n).toBe(0);
      expect(rebuilt).toEqual(seeded);
    });
  });
});
