import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityServer } from '../server';
import { client, PG_SKIP_REASON, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';
import { hallHistory } from '../testing/hall-records';

const HALLS = 3;
const RECORDS = 2400;
const BATCH = 300;

describe.skipIf(PG_SKIP_REASON !== null)('two city instances on one PostgreSQL', () => {
  let db: TestDatabase;
  let first: CityServer;
  let second: CityServer;

  beforeAll(async () => {
    db = await testDatabase('postgres');
    first = await startTestCity(db, { seedDemo: true });
    second = await startTestCity(db);
  }, 120_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    db?.dispose();
  });

  it('every batch delivered to both at once (and once more to one): each record held exactly once', async () => {
    const api = [client(first.url), client(second.url)];
    const halls: { credential: string; hallId: number }[] = [];
    for (const hall of first.demo!.halls.slice(0, HALLS)) halls.push((await api[1]!.enroll(hall.enrollmentCode)).body);
    // Days from 30 November: the December partitions are created during the run, by either instance.
    const histories = halls.map((_, i) => hallHistory(1, RECORDS, '2026-11-30', i + 1));
    const acks = await Promise.all(halls.map(async (hall, h) => {
      const answers: number[] = [];
      for (let from = 1; from <= RECORDS; from += BATCH) {
        const batch = histories[h]!.slice(from - 1, from - 1 + BATCH);
        const deliveries = await Promise.all([
          api[0]!.push(hall.credential, from, batch),
          api[1]!.push(hall.credential, from, batch),
          api[(from / BATCH) % 2 === 0 ? 0 : 1]!.push(hall.credential, from, batch, { gzip: true }),
        ]);
        for (const delivery of deliveries) {
          expect(delivery.status).toBe(200);
          answers.push(delivery.body.ackSeq);
        }
      }
      return answers;
    }));
    for (const answers of acks) expect(Math.max(...answers)).toBe(RECORDS);

    const stored = await first.db.query<{ hall_id: number; n: number; seqs: number; hi: number }>(
      'SELECT hall_id, count(*)::int AS n, count(DISTINCT seq)::int AS seqs, max(seq) AS hi FROM sync_records GROUP BY hall_id ORDER BY hall_id');
    expect(stored.rows).toEqual(halls.map((h) => ({ hall_id: h.hallId, n: RECORDS, seqs: RECORDS, hi: RECORDS })).sort((a, b) => a.hall_id - b.hall_id));
    const months = await first.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       WHERE p.relname = 'tickets' ORDER BY 1`);
    expect(months.rows.map((r) => r.name)).toEqual(['tickets_p202611', 'tickets_p202612']);

    // both instances answer the same summary
    const [adminUser] = first.demo!.users;
    const tokens = await Promise.all(api.map((a) => a.login(adminUser!.username, adminUser!.password)));
    const [a, b] = await Promise.all(api.map((c, i) => c.get('/api/city/summary?from=2026-11-01&to=2026-12-31', tokens[i])));
    expect(a!.status).toBe(200);
    expect(b!.body).toEqual(a!.body);
    const expectedTickets = histories.reduce((n, records) => n + new Set(records.filter((r) => r.kind === 'ticket').map((r) => `${(r.data as { hallDay: string }).hallDay}|${(r.data as { id: number }).id}`)).size, 0);
    expect(a!.body.issued).toBe(expectedTickets);
  }, 240_000);
});
