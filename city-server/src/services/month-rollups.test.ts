import type { SyncRecord } from '@hall/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityServer } from '../server';
import { client, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';
import { setupRecords } from '../testing/hall-records';
import { createReportService, PackCache } from './report-service';

// A hall's October 2026 (a complete past month: read as a month pack) and 2 November (a partial month
// at the range's end: read as a day pack). Beijing time = UTC + 8; targets A 15 min (900 s), B 20 min (1200 s).
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00.000Z`;
const ticket = (day: string, id: number, code: string, issued: string, called: string, over: Record<string, unknown> = {}) => ({
  id, number: `${code}${String(id).padStart(3, '0')}`, hallDay: day, serviceCode: code, originalServiceCode: code, priority: 'normal', source: 'walk-in',
  state: 'done', issuedAt: at(day, issued), calledAt: at(day, called), counterId: 1, staffId: 11, recallCount: 0, outcome: 'resolved',
  estimatedWaitSeconds: null, caseNumber: null, startedAt: null, finishedAt: null, ...over,
});
const done = (day: string, called: string, started: string, finished: string) => ({ calledAt: at(day, called), startedAt: at(day, started), finishedAt: at(day, finished) });

function history(): SyncRecord[] {
  const records = [
    ...setupRecords(1, at('2026-10-05', '00:00')),
    // 10-05: A 09:00 → called 09:05 (300 s), served 09:06–09:16 (600 s); B 10:00 → called 10:25 (1500 s), no-show at counter 2
    { kind: 'ticket', at: at('2026-10-05', '01:16'), data: ticket('2026-10-05', 1, 'A', '01:00', '01:05', done('2026-10-05', '01:05', '01:06', '01:16')) },
    { kind: 'ticket', at: at('2026-10-05', '02:30'), data: ticket('2026-10-05', 2, 'B', '02:00', '02:25', { state: 'no_show', outcome: null, counterId: 2, staffId: 12 }) },
    // 10-20: A 09:00 → called 09:20 (1200 s), served 09:21–09:31 (600 s), rated 4
    { kind: 'ticket', at: at('2026-10-20', '01:31'), data: ticket('2026-10-20', 1, 'A', '01:00', '01:20', done('2026-10-20', '01:20', '01:21', '01:31')) },
    {
      kind: 'rating', at: at('2026-10-20', '01:32'),
      data: { id: 1, ticketId: 1, score: 4, attitude: null, efficiency: null, policy: null, competence: null, comment: null, channel: 'pad', excluded: false, excludedReason: null, createdAt: at('2026-10-20', '01:32') },
    },
    // 11-02: A 09:00 → called 09:02 (120 s), served 09:03–09:13 (600 s)
    { kind: 'ticket', at: at('2026-11-02', '01:13'), data: ticket('2026-11-02', 1, 'A', '01:00', '01:02', done('2026-11-02', '01:02', '01:03', '01:13')) },
  ];
  return records.map((r, i) => ({ ...r, seq: i + 1 }) as SyncRecord);
}

describe('PackCache', () => {
  it('gives a kept pack under its stamp only, and lets the least recently used go past its size', () => {
    const pack = (n: number) => new Int32Array(n);
    const cache = new PackCache(10);
    const a = pack(4);
    cache.set('a', '1', a);
    expect(cache.get('a', '1')).toBe(a);
    expect(cache.get('a', '2')).toBeNull();
    expect(cache.get('b', '1')).toBeNull();
    const b = pack(4);
    cache.set('b', '7', b);
    expect(cache.get('a', '1')).toBe(a); // a is now the most recent
    cache.set('c', '1', pack(4)); // 12 ints > 10: b goes, a stays
    expect(cache.get('b', '7')).toBeNull();
    expect(cache.get('a', '1')).toBe(a);
    expect(cache.ints).toBe(8);
    const a2 = pack(2);
    cache.set('a', '2', a2); // a newer pack under the same key replaces the old one
    expect(cache.get('a', '1')).toBeNull();
    expect(cache.get('a', '2')).toBe(a2);
    expect(cache.ints).toBe(6);
    cache.set('huge', '1', pack(11)); // larger than the whole cache: not kept, nothing else lost
    expect(cache.get('huge', '1')).toBeNull();
    expect(cache.ints).toBe(6);
  });
});

describe('the city summary reads month packs of complete past months (PGlite)', () => {
  let db: TestDatabase;
  let server: CityServer;
  let api: ReturnType<typeof client>;
  let hall: { credential: string; hallId: number };
  let admin: string;
  const summary = async (from: string, to: string) => (await api.get(`/api/city/summary?from=${from}&to=${to}&area=410100000000`, admin)).body;
  const hallSummary = async (from: string, to: string) => (await api.get(`/api/city/summary?from=${from}&to=${to}&hall=${hall.hallId}`, admin)).body;
  /** hall= (one hall: the hall's own summarizeDays over the same month pack) against the area's summarizeHalls. */
  const sameAsArea = (own: Record<string, unknown>, area: Record<string, unknown> & { byHall: { hallId: number }[] }) => {
    for (const key of ['byService', 'byHour', 'byDay']) expect(own[key], key).toEqual(area[key]);
    // Counters and staff are labelled without the hall's name when the summary is of one hall.
    const unlabelled = (groups: unknown) => (groups as { label: string }[]).map(({ label: _label, ...figures }) => figures);
    for (const key of ['byCounter', 'byStaff']) expect(unlabelled(own[key]), key).toEqual(unlabelled(area[key]));
    expect(own.byHall).toEqual([area.byHall.find((h) => h.hallId === hall.hallId)]);
  };
  const monthRows = async () =>
    (await server.db.query<{ month: string; version_sum: number }>('SELECT month::text AS month, version_sum FROM month_rollups WHERE hall_id = $1', [hall.hallId])).rows;
  const octoberVersions = async () =>
    (await server.db.query<{ sum: number }>(`SELECT sum(version)::bigint AS sum FROM day_rollups WHERE hall_id = $1 AND hall_day BETWEEN '2026-10-01' AND '2026-10-31'`, [hall.hallId])).rows[0]!.sum;

  beforeAll(async () => {
    db = await testDatabase('pglite');
    server = await startTestCity(db, { seedDemo: true });
    api = client(server.url);
    hall = (await api.enroll(server.demo!.halls.find((h) => h.level === 'city')!.enrollmentCode)).body;
    const [adminUser] = server.demo!.users;
    admin = await api.login(adminUser!.username, adminUser!.password);
    const records = history();
    expect(await api.push(hall.credential, 1, records)).toMatchObject({ status: 200, body: { ackSeq: records.length } });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    db?.dispose();
  });

  it('packs October once, with the sum of its days\' versions, and gives the hand-computed figures', async () => {
    // This test runs after October 2026 (the month must be complete and past).
    expect(Date.now()).toBeGreaterThan(Date.parse('2026-11-01T00:00:00+08:00'));
    const s = await summary('2026-10-01', '2026-11-10');
    // waits 300, 1500, 1200, 120: mean 780; rank ⌈3.6⌉ = 4 → 1500; within target: A 300 and 120 (≤ 900), B 1500 > 1200 → 2 of 4
    expect(s).toMatchObject({ issued: 4, served: 3, noShow: 1, noShowRate: 0.25, avgWaitSeconds: 780, p90WaitSeconds: 1500, avgServiceSeconds: 600, serviceLevel: 0.5 });
    expect(s.satisfaction).toMatchObject({ count: 1, average: 4 });
    // 10-05: 300, 1500 → rank 2 → 1500, 1 of 2 within; 10-20: 1200 (A, > 900); 11-02: 120
    expect(s.byDay.map((d: { key: string; issued: number; p90WaitSeconds: number; serviceLevel: number }) => [d.key, d.issued, d.p90WaitSeconds, d.serviceLevel]))
      .toEqual([['2026-10-05', 2, 1500, 0.5], ['2026-10-20', 1, 1200, 0], ['2026-11-02', 1, 120, 1]]);
    expect(s.byHour.map((g: { key: number; issued: number }) => [g.key, g.issued])).toEqual([[9, 3], [10, 1]]);
    expect(s.byHall.find((h: { hallId: number }) => h.hallId === hall.hallId)).toMatchObject({ issued: 4, p90WaitSeconds: 1500, serviceLevel: 0.5 });
    // one month pack: October, at the sum of its two days' versions
    const rows = await monthRows();
    expect(rows).toEqual([{ month: '2026-10-01', version_sum: await octoberVersions() }]);
    // the same figures from day packs alone (a range without a complete month)
    const byDays = await summary('2026-10-02', '2026-11-10');
    expect({ ...s, from: '', to: '' }).toEqual({ ...byDays, from: '', to: '' });
    expect(await summary('2026-10-01', '2026-11-10')).toEqual(s);
    const own = await hallSummary('2026-10-01', '2026-11-10');
    expect(own).toMatchObject({ issued: 4, served: 3, noShow: 1, noShowRate: 0.25, avgWaitSeconds: 780, p90WaitSeconds: 1500, avgServiceSeconds: 600, serviceLevel: 0.5 });
    sameAsArea(own, s);
  });

  it('a late ticket synced into October bumps its day: the month is packed again and the figures change exactly', async () => {
    const before = (await monthRows())[0]!.version_sum;
    // 10-20: a late A ticket 10:00 → called 10:10 (600 s), served 10:11–10:21
    const late = { seq: history().length + 1, kind: 'ticket', at: at('2026-10-20', '02:21'), data: ticket('2026-10-20', 2, 'A', '02:00', '02:10', done('2026-10-20', '02:10', '02:11', '02:21')) } as SyncRecord;
    expect(await api.push(hall.credential, late.seq, [late])).toMatchObject({ status: 200, body: { ackSeq: late.seq } });
    expect(await octoberVersions()).toBeGreaterThan(before);
    const s = await summary('2026-10-01', '2026-11-10');
    // waits 120, 300, 600, 1200, 1500: mean 744; rank ⌈4.5⌉ = 5 → 1500; within: 120, 300, 600 → 3 of 5
    expect(s).toMatchObject({ issued: 5, served: 4, noShow: 1, avgWaitSeconds: 744, p90WaitSeconds: 1500, serviceLevel: 0.6 });
    // 10-20: 600, 1200 → rank ⌈1.8⌉ = 2 → 1200, mean 900, 1 of 2 within
    expect(s.byDay.find((d: { key: string }) => d.key === '2026-10-20')).toMatchObject({ issued: 2, p90WaitSeconds: 1200, avgWaitSeconds: 900, serviceLevel: 0.5 });
    expect(s.byHour.map((g: { key: number; issued: number }) => [g.key, g.issued])).toEqual([[9, 3], [10, 2]]);
    expect(await monthRows()).toEqual([{ month: '2026-10-01', version_sum: await octoberVersions() }]);
    const byDays = await summary('2026-10-02', '2026-11-10');
    expect({ ...s, from: '', to: '' }).toEqual({ ...byDays, from: '', to: '' });
    const own = await hallSummary('2026-10-01', '2026-11-10');
    expect(own).toMatchObject({ issued: 5, served: 4, noShow: 1, avgWaitSeconds: 744, p90WaitSeconds: 1500, serviceLevel: 0.6 });
    expect(own.byDay.find((d: { key: string }) => d.key === '2026-10-20')).toMatchObject({ issued: 2, p90WaitSeconds: 1200, avgWaitSeconds: 900, serviceLevel: 0.5 });
    sameAsArea(own, s);
  });

  it('the background builder\'s idle work packs and stores the past months of the last year without a summary', async () => {
    await server.db.query('DELETE FROM month_rollups');
    const fresh = createReportService(server.db);
    expect(await fresh.warmSome([hall.hallId])).toBe(1);
    const novemberVersions = (await server.db.query<{ sum: number }>(
      `SELECT sum(version)::bigint AS sum FROM day_rollups WHERE hall_id = $1 AND hall_day BETWEEN '2026-11-01' AND '2026-11-30'`, [hall.hallId])).rows[0]!.sum;
    expect((await monthRows()).sort((a, b) => a.month.localeCompare(b.month)))
      .toEqual([{ month: '2026-10-01', version_sum: await octoberVersions() }, { month: '2026-11-01', version_sum: novemberVersions }]);
    // The figures read through the packs it made are the hand-computed ones of the test above.
    expect(await summary('2026-10-01', '2026-11-10')).toMatchObject({ issued: 5, served: 4, noShow: 1, avgWaitSeconds: 744, p90WaitSeconds: 1500, serviceLevel: 0.6 });
  });
});
