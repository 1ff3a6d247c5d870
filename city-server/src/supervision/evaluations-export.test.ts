import type { SyncRecord } from '@hall/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorBatches, evaluationChunks, type ExportHall } from '../repos/supervision-repo';
import type { CityServer } from '../server';
import { client, DRIVERS, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';

// The 好差评 export (evaluations.csv / .jsonl) pinned byte for byte on a small fixture of three
// halls, so a faster implementation cannot change a byte. Every expected line below is written out
// by hand from the records: 办件编号 (given, or area code-hall id-hall day-ticket number), channel
// name, 匿名, local time of the rating in the hall's zone, 1, satisfaction code 6 − score, comment
// (RFC 4180 quoting), area code.
const NOW = Date.parse('2026-12-02T02:00:00.000Z');
const ticket = (over: Record<string, unknown>) => ({
  originalServiceCode: 'A', serviceCode: 'A', priority: 'normal', source: 'walk-in', counterId: 1, staffId: null, recallCount: 0,
  outcome: 'resolved', estimatedWaitSeconds: null, caseNumber: null, state: 'done', calledAt: null, startedAt: null, finishedAt: null, ...over,
});
const rating = (over: Record<string, unknown>) => ({
  attitude: null, efficiency: null, policy: null, competence: null, comment: null, excluded: false, excludedReason: null, ...over,
});
const numbered = (records: object[]) => records.map((r, i) => ({ ...r, seq: i + 1 }) as SyncRecord);
const service = { kind: 'service', at: '2026-10-01T00:00:00.000Z', data: { code: 'A', name: '法律援助', targetWaitMinutes: 15, dailyQuota: null } };
const t = (id: number, hallDay: string, number: string, issuedAt: string, caseNumber: string | null = null) =>
  ({ kind: 'ticket', at: issuedAt, data: ticket({ id, hallDay, number, issuedAt, caseNumber }) });
const r = (id: number, ticketId: number, score: number, channel: string, createdAt: string, over: Record<string, unknown> = {}) =>
  ({ kind: 'rating', at: createdAt, data: rating({ id, ticketId, score, channel, createdAt, ...over }) });

// 中牟县公共法律服务中心 (hall 2, area 410122000000, Asia/Shanghai).
const countyRecords = numbered([
  service,
  t(1, '2026-10-31', 'A009', '2026-10-31T01:00:00.000Z'), r(1, 1, 5, 'pad', '2026-10-31T01:20:00.000Z'), // before the range
  t(2, '2026-11-02', 'A001', '2026-11-02T01:00:00.000Z'), r(2, 2, 5, 'pad', '2026-11-02T01:17:00.000Z', { comment: 'line1\nline2' }),
  t(3, '2026-11-02', 'A002', '2026-11-02T01:10:00.000Z', 'ZM,2026"7'), r(3, 3, 3, 'kiosk', '2026-11-02T01:37:05.000Z'),
  t(4, '2026-11-02', 'A003', '2026-11-02T01:20:00.000Z', ''), r(4, 4, 1, 'qr', '2026-11-02T02:00:09.000Z', { comment: 'a\r\nb' }),
  t(5, '2026-11-02', 'A004', '2026-11-02T01:30:00.000Z'), r(5, 5, 1, 'pad', '2026-11-02T02:10:00.000Z', { excluded: true, excludedReason: '申诉复核：误评' }),
  t(6, '2026-11-16', 'B001', '2026-11-16T15:00:00.000Z'), r(6, 6, 4, 'kiosk', '2026-11-16T15:59:59.000Z', { comment: '' }),
  t(7, '2026-11-30', 'A001', '2026-11-30T15:00:00.000Z'), r(7, 7, 2, 'pad', '2026-11-30T16:30:00.000Z', { comment: '晚上十二点半才评' }),
  t(8, '2026-12-01', 'A001', '2026-12-01T01:00:00.000Z'), r(8, 8, 5, 'pad', '2026-12-01T01:10:00.000Z'), // after the range
  // March (the DST test below): a rating stamped months after its ticket (outside the range's window), and one on time.
  t(9, '2026-03-10', 'A001', '2026-03-10T01:00:00.000Z'), r(9, 9, 2, 'pad', '2026-06-01T00:00:00.000Z'),
  t(10, '2026-03-10', 'A002', '2026-03-10T01:10:00.000Z'), r(10, 10, 5, 'kiosk', '2026-03-10T01:20:30.000Z'),
]);

// 中牟县城关镇公共法律服务工作站 (hall 3, area 410122100000, Asia/Shanghai).
const townRecords = numbered([
  service,
  t(1, '2026-11-02', 'A001', '2026-11-02T00:30:00.000Z'), r(1, 1, 4, 'pad', '2026-11-02T00:45:00.000Z', { comment: 'tab\there' }),
  t(2, '2026-11-09', 'A001', '2026-11-09T01:00:00.000Z'), r(2, 2, 2, 'kiosk', '2026-11-09T01:05:00.000Z', { comment: '“全角”引号，逗号' }),
]);

// 金水区公共法律服务中心 (hall 5, area 410105000000), moved to Asia/Kolkata (+05:30) below: the time is the hall's own.
// Its rating ids run against its ticket order: the export is by hall day, hall, rating id.
const jinshuiRecords = numbered([
  service,
  t(1, '2026-11-02', 'A001', '2026-11-02T01:00:00.000Z'), t(2, '2026-11-02', 'A002', '2026-11-02T01:05:00.000Z'),
  r(2, 1, 5, 'qr', '2026-11-02T01:17:00.000Z', { comment: '很好' }),
  r(1, 2, 3, 'pad', '2026-11-02T01:06:30.000Z', { comment: 'say "hi"' }),
]);

// 登封市大金店镇公共法律服务工作站 (hall 6, area 410185103000), moved to America/New_York below: in March 2026 its
// clocks go from 02:00 EST (−5) to 03:00 EDT (−4) at 07:00 UTC on 03-08, so its zone has no fixed offset that month.
const dengfengRecords = numbered([
  service,
  t(1, '2026-03-08', 'A001', '2026-03-08T06:30:00.000Z'), r(1, 1, 5, 'pad', '2026-03-08T06:59:59.000Z'), // 01:59:59 EST
  t(2, '2026-03-08', 'A002', '2026-03-08T06:40:00.000Z'), r(2, 2, 3, 'kiosk', '2026-03-08T07:00:00.000Z'), // 03:00:00 EDT
  t(3, '2026-03-09', 'A001', '2026-03-09T13:00:00.000Z'), r(3, 3, 4, 'qr', '2020-01-01T00:00:00.000Z'), // a wrong clock: 2019-12-31 19:00 EST
  t(4, '2026-03-20', 'A001', '2026-03-20T11:00:00.000Z'), r(4, 4, 1, 'pad', '2026-03-20T12:00:00.000Z', { comment: 'x\ry' }), // 08:00 EDT; a lone CR is quoted too
  t(5, '2026-03-25', 'A001', '2026-03-25T13:00:00.000Z'), r(5, 5, 2, 'pad', '2020-01-01T00:00:00.000Z'), // a wrong clock again: 19:00 EST
]);

const CSV_HEAD = '\ufeff办件编号,评价渠道,评价人,评价时间,评价次数,满意度代码,文字评价,行政区划\r\n';
// Hall day 11-02: hall 2 (ratings 2, 3, 4; 5 excluded), hall 3 (1), hall 5 (1, 2); 11-09 hall 3; 11-16 and 11-30 hall 2.
const CSV_ROWS = [
  '410122000000-2-20261102-A001,政务大厅平板电脑,匿名,20261102T091700,1,1,"line1\nline2",410122000000\r\n',
  '"ZM,2026""7",政务大厅其他终端,匿名,20261102T093705,1,3,,410122000000\r\n',
  '410122000000-2-20261102-A003,二维码,匿名,20261102T100009,1,5,"a\r\nb",410122000000\r\n',
  '410122100000-3-20261102-A001,政务大厅平板电脑,匿名,20261102T084500,1,2,tab\there,410122100000\r\n',
  '410105000000-5-20261102-A002,政务大厅平板电脑,匿名,20261102T063630,1,3,"say ""hi""",410105000000\r\n',
  '410105000000-5-20261102-A001,二维码,匿名,20261102T064700,1,1,很好,410105000000\r\n',
  '410122100000-3-20261109-A001,政务大厅其他终端,匿名,20261109T090500,1,4,“全角”引号，逗号,410122100000\r\n',
  '410122000000-2-20261116-B001,政务大厅其他终端,匿名,20261116T235959,1,2,,410122000000\r\n',
  '410122000000-2-20261130-A001,政务大厅平板电脑,匿名,20261201T003000,1,4,晚上十二点半才评,410122000000\r\n',
];
// The same rows as JSON lines, as PostgreSQL's json_build_object writes them ("key" : value, ", " between).
const json = (caseNumber: string, channel: string, at: string, code: number, comment: string, area: string) =>
  `{"caseNumber" : ${caseNumber}, "channel" : "${channel}", "evaluator" : "匿名", "evaluatedAt" : "${at}", "count" : 1, "satisfactionCode" : ${code}, "comment" : ${comment}, "areaCode" : "${area}"}\n`;
const JSONL_ROWS = [
  json('"410122000000-2-20261102-A001"', '政务大厅平板电脑', '20261102T091700', 1, '"line1\\nline2"', '410122000000'),
  json('"ZM,2026\\"7"', '政务大厅其他终端', '20261102T093705', 3, '""', '410122000000'),
  json('"410122000000-2-20261102-A003"', '二维码', '20261102T100009', 5, '"a\\r\\nb"', '410122000000'),
  json('"410122100000-3-20261102-A001"', '政务大厅平板电脑', '20261102T084500', 2, '"tab\\there"', '410122100000'),
  json('"410105000000-5-20261102-A002"', '政务大厅平板电脑', '20261102T063630', 3, '"say \\"hi\\""', '410105000000'),
  json('"410105000000-5-20261102-A001"', '二维码', '20261102T064700', 1, '"很好"', '410105000000'),
  json('"410122100000-3-20261109-A001"', '政务大厅其他终端', '20261109T090500', 4, '"“全角”引号，逗号"', '410122100000'),
  json('"410122000000-2-20261116-B001"', '政务大厅其他终端', '20261116T235959', 2, '""', '410122000000'),
  json('"410122000000-2-20261130-A001"', '政务大厅平板电脑', '20261201T003000', 4, '"晚上十二点半才评"', '410122000000'),
];

for (const { driver, skip } of DRIVERS) {
  describe.skipIf(skip)(`evaluations export on ${driver}`, () => {
    let db: TestDatabase;
    let server: CityServer;
    let api: ReturnType<typeof client>;
    let admin: string;
    let zhongmou: string;

    const download = async (path: string, token: string) => {
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
    };

    beforeAll(async () => {
      db = await testDatabase(driver);
      server = await startTestCity(db, { seedDemo: true, clock: () => NOW });
      api = client(server.url);
      const codes = server.demo!.halls;
      for (const [area, records] of [['410122000000', countyRecords], ['410122100000', townRecords], ['410105000000', jinshuiRecords], ['410185103000', dengfengRecords]] as const) {
        const hall = (await api.enroll(codes.find((h) => h.areaCode === area)!.enrollmentCode)).body as { credential: string; hallId: number };
        expect((await api.push(hall.credential, 1, records)).body).toEqual({ ackSeq: records.length });
      }
      await server.db.query("UPDATE halls SET time_zone = 'Asia/Kolkata' WHERE id = 5");
      await server.db.query("UPDATE halls SET time_zone = 'America/New_York' WHERE id = 6");
      const [adminUser, supervisorUser] = server.demo!.users;
      admin = await api.login(adminUser!.username, adminUser!.password);
      zhongmou = await api.login(supervisorUser!.username, supervisorUser!.password);
    }, 120_000);

    afterAll(async () => {
      await server?.close();
      db?.dispose();
    });

    it('evaluations.csv for the whole city and November: the hand-written bytes', async () => {
      const { status, type, bytes } = await download('/api/city/exports/evaluations.csv?from=2026-11-01&to=2026-11-30', admin);
      expect(status).toBe(200);
      expect(type).toBe('text/csv; charset=utf-8');
      expect(bytes.toString('utf8')).toBe(CSV_HEAD + CSV_ROWS.join(''));
      expect(bytes.equals(Buffer.from(CSV_HEAD + CSV_ROWS.join(''), 'utf8'))).toBe(true);
    });

    it('evaluations.jsonl for the whole city and November: the hand-written bytes, each line valid JSON', async () => {
      const { status, type, bytes } = await download('/api/city/exports/evaluations.jsonl?from=2026-11-01&to=2026-11-30', admin);
      expect(status).toBe(200);
      expect(type).toBe('application/x-ndjson; charset=utf-8');
      expect(bytes.toString('utf8')).toBe(JSONL_ROWS.join(''));
      const first = JSON.parse(JSONL_ROWS[0]!) as Record<string, unknown>;
      expect(first).toEqual({ caseNumber: '410122000000-2-20261102-A001', channel: '政务大厅平板电脑', evaluator: '匿名', evaluatedAt: '20261102T091700', count: 1, satisfactionCode: 1, comment: 'line1\nline2', areaCode: '410122000000' });
    });

    it('a county supervisor gets the county halls only; a short range and an empty one', async () => {
      const county = await download('/api/city/exports/evaluations.csv?from=2026-11-01&to=2026-11-30', zhongmou);
      // No area given: the supervisor's own county (halls 2 and 3), without 金水区's hall 5.
      expect(county.bytes.toString('utf8')).toBe(CSV_HEAD + [0, 1, 2, 3, 6, 7, 8].map((i) => CSV_ROWS[i]).join(''));
      const days = await download('/api/city/exports/evaluations.jsonl?from=2026-11-09&to=2026-11-16&area=410122000000', zhongmou);
      expect(days.bytes.toString('utf8')).toBe(JSONL_ROWS[6]! + JSONL_ROWS[7]!);
      const town = await download('/api/city/exports/evaluations.csv?from=2026-11-02&to=2026-11-02&area=410122100000', zhongmou);
      expect(town.bytes.toString('utf8')).toBe(CSV_HEAD + CSV_ROWS[3]!);
      const none = await download('/api/city/exports/evaluations.csv?from=2026-11-03&to=2026-11-08', admin);
      expect(none.bytes.toString('utf8')).toBe(CSV_HEAD);
      const emptyJson = await download('/api/city/exports/evaluations.jsonl?from=2026-11-03&to=2026-11-08', admin);
      expect([emptyJson.status, emptyJson.bytes.length]).toEqual([200, 0]);
    });

    it('local times across a DST change and from a wrong clock: each rating converted in its hall\'s zone', async () => {
      const { bytes } = await download('/api/city/exports/evaluations.csv?from=2026-03-01&to=2026-03-31', admin);
      // By hall day: 03-08 hall 6 (ratings 1, 2), 03-09 hall 6, 03-10 hall 2 (9, 10), 03-20 and 03-25 hall 6.
      expect(bytes.toString('utf8')).toBe(CSV_HEAD + [
        '410185103000-6-20260308-A001,政务大厅平板电脑,匿名,20260308T015959,1,1,,410185103000\r\n',
        '410185103000-6-20260308-A002,政务大厅其他终端,匿名,20260308T030000,1,3,,410185103000\r\n',
        '410185103000-6-20260309-A001,二维码,匿名,20191231T190000,1,2,,410185103000\r\n',
        '410122000000-2-20260310-A001,政务大厅平板电脑,匿名,20260601T080000,1,4,,410122000000\r\n',
        '410122000000-2-20260310-A002,政务大厅其他终端,匿名,20260310T092030,1,1,,410122000000\r\n',
        '410185103000-6-20260320-A001,政务大厅平板电脑,匿名,20260320T080000,1,5,"x\ry",410185103000\r\n',
        '410185103000-6-20260325-A001,政务大厅平板电脑,匿名,20191231T190000,1,4,,410185103000\r\n',
      ].join(''));
      // Ranges whose window has no change (EDT throughout) take hall 6's fixed offset (−4) for ratings given in the
      // window, and still convert one given outside it (EST in 2019).
      const late = await download('/api/city/exports/evaluations.csv?from=2026-03-20&to=2026-03-20', admin);
      expect(late.bytes.toString('utf8')).toBe(`${CSV_HEAD}410185103000-6-20260320-A001,政务大厅平板电脑,匿名,20260320T080000,1,5,"x\ry",410185103000\r\n`);
      const wrongClock = await download('/api/city/exports/evaluations.jsonl?from=2026-03-25&to=2026-03-25', admin);
      expect(JSON.parse(wrongClock.bytes.toString('utf8')).evaluatedAt).toBe('20191231T190000');
    });

    it('the same bytes whatever the batch: 2 rows a FETCH (last one short), 3 (last one empty), a week a page on PGlite', async () => {
      const halls = (await server.db.query<ExportHall>('SELECT id, area_code, time_zone FROM halls ORDER BY id')).rows;
      for (const batch of [2, 3]) {
        const chunks: string[] = [];
        for await (const chunk of evaluationChunks(server.db, halls, '2026-11-01', '2026-11-30', 'csv', batch)) chunks.push(chunk);
        expect(chunks.join('')).toBe(CSV_ROWS.join(''));
        // PostgreSQL: one chunk a FETCH with rows (9 rows: 5 of 2, 3 of 3); PGlite: one a week with rows (11-02, 11-09, 11-16, 11-30).
        expect(chunks.length).toBe(driver === 'postgres' ? Math.ceil(9 / batch) : 4);
      }
      let json = '';
      for await (const chunk of evaluationChunks(server.db, halls, '2026-11-01', '2026-11-30', 'jsonl', 4)) json += chunk;
      expect(json).toBe(JSONL_ROWS.join(''));
    });

    it.skipIf(driver !== 'postgres')('a reader that stops early or a failing statement frees the cursor\'s connection', async () => {
      const halls = (await server.db.query<ExportHall>('SELECT id, area_code, time_zone FROM halls ORDER BY id')).rows;
      // More times than the pool has connections (8): a connection kept by any of them would hang the next.
      for (let i = 0; i < 10; i += 1) {
        const chunks = evaluationChunks(server.db, halls, '2026-11-01', '2026-11-30', 'csv', 2);
        expect((await chunks.next()).value).toBe(CSV_ROWS[0]! + CSV_ROWS[1]!);
        await chunks.return(undefined);
        await expect(async () => {
          for await (const rows of cursorBatches(server.db, 'SELECT 1 / (2 - g) FROM generate_series(1, 5) g', [], 1)) expect(rows).toEqual([{ '?column?': 1 }]);
        }).rejects.toThrow('division by zero');
      }
      const open = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'");
      expect(open.rows[0]!.n).toBe(0);
      const { bytes } = await download('/api/city/exports/evaluations.csv?from=2026-11-01&to=2026-11-30', admin);
      expect(bytes.toString('utf8')).toBe(CSV_HEAD + CSV_ROWS.join(''));
    });
  });
}
