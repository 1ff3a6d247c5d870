import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityServer } from '../server';
import { DRIVERS, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';
import { reportsRepo } from './reports-repo';
import { supervisionRepo } from './supervision-repo';

// Follow-ups of March 2026 counted as the hall counts them, by each hall's own days: a hall in
// Beijing (UTC+8 all year) and one in New York, which moves from UTC−5 to UTC−4 on 8 March at 02:00.
// Every bound below is written out in UTC by hand.
const ms = (iso: string) => Date.parse(iso);

for (const { driver, skip } of DRIVERS) {
  describe.skipIf(skip)(`follow-up counts by hall day on ${driver}`, () => {
    let db: TestDatabase;
    let server: CityServer;
    let beijing: number;
    let newYork: number;

    beforeAll(async () => {
      db = await testDatabase(driver);
      server = await startTestCity(db, { seedDemo: true });
      const ids = (await server.db.query<{ id: number }>('SELECT id FROM halls ORDER BY id LIMIT 2')).rows.map((r) => r.id);
      [beijing, newYork] = [ids[0]!, ids[1]!];
      await server.db.query("UPDATE halls SET time_zone = 'Asia/Shanghai' WHERE id = $1", [beijing]);
      await server.db.query("UPDATE halls SET time_zone = 'America/New_York' WHERE id = $1", [newYork]);
      const rows: [number, number, string, string, string | null][] = [
        // Beijing
        [beijing, 1, '2026-02-28T16:00:00.000Z', '2026-03-05', '2026-03-05T15:59:59.999Z'], // opened 1 Mar 00:00; closed 23:59:59.999 of its due day: on time
        [beijing, 2, '2026-02-28T15:59:59.999Z', '2026-03-05', null], // opened 28 Feb 23:59:59.999: not in March
        [beijing, 3, '2026-03-10T02:00:00.000Z', '2026-03-12', '2026-03-12T16:00:00.000Z'], // closed 13 Mar 00:00: late
        [beijing, 4, '2026-03-31T15:59:59.000Z', '2026-04-07', null], // opened 31 Mar 23:59:59; open, not yet due
        [beijing, 5, '2026-03-02T02:00:00.000Z', '2026-03-06', null], // open past its due day: overdue
        // New York
        [newYork, 1, '2026-03-01T05:00:00.000Z', '2026-03-05', '2026-03-06T04:30:00.000Z'], // due 5 Mar (UTC−5) ends 6 Mar 05:00 UTC: on time
        [newYork, 2, '2026-03-01T04:59:59.000Z', '2026-03-05', null], // 28 Feb 23:59:59 there: not in March
        [newYork, 3, '2026-03-09T14:00:00.000Z', '2026-03-10', '2026-03-11T04:30:00.000Z'], // due 10 Mar (UTC−4) ends 11 Mar 04:00 UTC: late
        [newYork, 4, '2026-04-01T03:59:59.000Z', '2026-04-07', null], // 31 Mar 23:59:59 there (UTC−4): in March, not yet due
        [newYork, 5, '2026-04-01T04:00:00.000Z', '2026-04-07', null], // 1 Apr 00:00 there: not in March
        [newYork, 6, '2026-03-20T14:00:00.000Z', '2026-06-30', '2026-07-01T03:59:00.000Z'], // due long after the range: 30 Jun ends 1 Jul 04:00 UTC: on time
      ];
      for (const [hallId, id, openedAt, dueDay, closedAt] of rows) {
        await server.db.query(
          `INSERT INTO follow_ups (hall_id, id, seq, rating_id, ticket_id, state, opened_at, due_day, closed_at, outcome)
           VALUES ($1, $2::integer, $2::integer, $2::integer, $2::integer, $3, $4, $5, $6, $7)`,
          [hallId, id, closedAt ? 'closed' : 'open', ms(openedAt), dueDay, closedAt ? ms(closedAt) : null, closedAt ? '已回访' : null]);
      }
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      db?.dispose();
    });

    it('opened in the range, closed, closed by the end of the due day, open past it', async () => {
      const stats = await reportsRepo(server.db).followUpStats([beijing, newYork], '2026-03-01', '2026-03-31', ms('2026-03-20T12:00:00.000Z'));
      expect(stats.sort((a, b) => a.hall_id - b.hall_id)).toEqual([
        { hall_id: beijing, opened: 4, closed: 2, closed_on_time: 1, open_overdue: 1 },
        { hall_id: newYork, opened: 4, closed: 3, closed_on_time: 2, open_overdue: 0 },
      ].sort((a, b) => a.hall_id - b.hall_id));
    });

    it('the 考评 counts of the same month: opened, closed, closed by the end of the due day', async () => {
      const counts = await supervisionRepo(server.db).followUpCounts([beijing, newYork], '2026-03-01', '2026-03-31');
      expect(counts.sort((a, b) => a.hall_id - b.hall_id)).toEqual([
        { hall_id: beijing, opened: 4, closed: 2, on_time: 1 },
        { hall_id: newYork, opened: 4, closed: 3, on_time: 2 },
      ].sort((a, b) => a.hall_id - b.hall_id));
    });
  });
}
