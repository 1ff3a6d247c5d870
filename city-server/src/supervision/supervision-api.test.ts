import type { SyncRecord } from '@hall/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityServer } from '../server';
import { client, DRIVERS, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';

// Two halls of 中牟县 (demo ids: 2 the county centre, 3 城关镇 station), figures worked by hand below.
// "Now" is Thursday 2026-11-12 10:00 Beijing time; the city declares Wednesday 2026-11-11 a holiday.
const NOW = Date.parse('2026-11-12T02:00:00.000Z');
const ticket = (over: Record<string, unknown>) => ({
  originalServiceCode: 'A', serviceCode: 'A', priority: 'normal', source: 'walk-in', counterId: 1, staffId: null, recallCount: 0,
  outcome: null, estimatedWaitSeconds: null, caseNumber: null, calledAt: null, startedAt: null, finishedAt: null, ...over,
});
const rating = (over: Record<string, unknown>) => ({
  attitude: null, efficiency: null, policy: null, competence: null, comment: null, excluded: false, excludedReason: null, ...over,
});
const numbered = (records: object[]) => records.map((r, i) => ({ ...r, seq: i + 1 }) as SyncRecord);
const service = { kind: 'service', at: '2026-11-01T00:00:00.000Z', data: { code: 'A', name: '法律援助', targetWaitMinutes: 15, dailyQuota: null } };

const countyRecords = numbered([
  service,
  // A001: waited 5 min (within 15), rated 5 on the pad with a comment holding a comma and quotes
  { kind: 'ticket', at: '2026-11-02T01:16:00.000Z', data: ticket({ id: 1, hallDay: '2026-11-02', number: 'A001', state: 'done', issuedAt: '2026-11-02T01:00:00.000Z', calledAt: '2026-11-02T01:05:00.000Z', startedAt: '2026-11-02T01:06:00.000Z', finishedAt: '2026-11-02T01:16:00.000Z', outcome: 'resolved' }) },
  { kind: 'rating', at: '2026-11-02T01:17:00.000Z', data: rating({ id: 1, ticketId: 1, score: 5, comment: '很好, "耐心"', channel: 'pad', createdAt: '2026-11-02T01:17:00.000Z' }) },
  // A002: waited 20 min (over), staff typed a 办件编号, rated 2 at the kiosk: a follow-up opened, due Monday 11-09, still open
  { kind: 'ticket', at: '2026-11-02T01:36:00.000Z', data: ticket({ id: 2, hallDay: '2026-11-02', number: 'A002', state: 'done', issuedAt: '2026-11-02T01:10:00.000Z', calledAt: '2026-11-02T01:30:00.000Z', startedAt: '2026-11-02T01:31:00.000Z', finishedAt: '2026-11-02T01:36:00.000Z', outcome: 'resolved', caseNumber: 'ZM-2026-001' }) },
  { kind: 'rating', at: '2026-11-02T01:37:00.000Z', data: rating({ id: 2, ticketId: 2, score: 2, channel: 'kiosk', createdAt: '2026-11-02T01:37:00.000Z' }) },
  { kind: 'follow-up', at: '2026-11-02T01:37:00.000Z', data: { id: 1, ratingId: 2, ticketId: 2, state: 'open', openedAt: '2026-11-02T01:37:00.000Z', dueDay: '2026-11-09', closedAt: null, outcome: null } },
  // A003: called after 1 min, no-show
  { kind: 'ticket', at: '2026-11-02T02:05:00.000Z', data: ticket({ id: 3, hallDay: '2026-11-02', number: 'A003', state: 'no_show', issuedAt: '2026-11-02T02:00:00.000Z', calledAt: '2026-11-02T02:01:00.000Z' }) },
]);

const townRecords = numbered([
  service,
  // A001: waited 2 min, rated 1 by phone (QR); follow-up closed 11-05, due 11-10: on time
  { kind: 'ticket', at: '2026-11-03T01:10:00.000Z', data: ticket({ id: 1, hallDay: '2026-11-03', number: 'A001', state: 'done', issuedAt: '2026-11-03T01:00:00.000Z', calledAt: '2026-11-03T01:02:00.000Z', startedAt: '2026-11-03T01:03:00.000Z', finishedAt: '2026-11-03T01:10:00.000Z', outcome: 'resolved' }) },
  { kind: 'rating', at: '2026-11-03T01:20:00.000Z', data: rating({ id: 1, ticketId: 1, score: 1, comment: '太慢', channel: 'qr', createdAt: '2026-11-03T01:20:00.000Z' }) },
  { kind: 'follow-up', at: '2026-11-05T03:00:00.000Z', data: { id: 1, ratingId: 1, ticketId: 1, state: 'closed', openedAt: '2026-11-03T01:20:00.000Z', dueDay: '2026-11-10', closedAt: '2026-11-05T03:00:00.000Z', outcome: '已回访' } },
  // A002: waited 3 min, rated 2 on the pad; follow-up open, due Monday 11-16
  { kind: 'ticket', at: '2026-11-03T02:20:00.000Z', data: ticket({ id: 2, hallDay: '2026-11-03', number: 'A002', state: 'done', issuedAt: '2026-11-03T02:00:00.000Z', calledAt: '2026-11-03T02:03:00.000Z', startedAt: '2026-11-03T02:04:00.000Z', finishedAt: '2026-11-03T02:20:00.000Z', outcome: 'resolved' }) },
  { kind: 'rating', at: '2026-11-03T02:30:00.000Z', data: rating({ id: 2, ticketId: 2, score: 2, channel: 'pad', createdAt: '2026-11-03T02:30:00.000Z' }) },
  { kind: 'follow-up', at: '2026-11-03T02:30:00.000Z', data: { id: 2, ratingId: 2, ticketId: 2, state: 'open', openedAt: '2026-11-03T02:30:00.000Z', dueDay: '2026-11-16', closedAt: null, outcome: null } },
]);

for (const { driver, skip } of DRIVERS) {
  describe.skipIf(skip)(`city supervision queries on ${driver}`, () => {
    let db: TestDatabase;
    let server: CityServer;
    let api: ReturnType<typeof client>;
    let admin: string;
    let zhongmou: string;
    let county: { credential: string; hallId: number };
    let town: { credential: string; hallId: number };
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });

    beforeAll(async () => {
      db = await testDatabase(driver);
      server = await startTestCity(db, { seedDemo: true, clock: () => NOW });
      api = client(server.url);
      const codes = server.demo!.halls;
      county = (await api.enroll(codes.find((h) => h.areaCode === '410122000000')!.enrollmentCode)).body;
      town = (await api.enroll(codes.find((h) => h.areaCode === '410122100000')!.enrollmentCode)).body;
      expect([county.hallId, town.hallId]).toEqual([2, 3]);
      expect((await api.push(county.credential, 1, countyRecords)).body).toEqual({ ackSeq: countyRecords.length });
      expect((await api.push(town.credential, 1, townRecords)).body).toEqual({ ackSeq: townRecords.length });
      await server.city.addHoliday('2026-11-11', '测试假日', false);
      const [adminUser, supervisorUser] = server.demo!.users;
      admin = await api.login(adminUser!.username, adminUser!.password);
      zhongmou = await api.login(supervisorUser!.username, supervisorUser!.password);
    }, 120_000);

    afterAll(async () => {
      await server?.close();
      db?.dispose();
    });

    it('ranks each level on its own with the hand-worked scores', async () => {
      const { status, body } = await api.get('/api/city/ranking?month=2026-11&area=410122000000', zhongmou);
      expect(status).toBe(200);
      expect(body.weights).toEqual({ satisfaction: 30, followUpRate: 15, onTimeRate: 15, serviceLevel: 20, noShowRate: 10, coverage: 10 });
      // Working days 11-02 … 11-12 without the holiday 11-11: 2, 3, 4, 5, 6, 9, 10, 12 = 8.
      // County: satisfied 1 of 2 = 0.5; 回访 0 of 1; 按期 none closed (drops out); service level 2 of 3 called = 0.6667;
      // no-show 1 of 3 = 0.3333; coverage 1 of 8 = 0.125.
      // (30×0.5 + 15×0 + 20×0.6667 + 10×(1 − 0.3333) + 10×0.125) ÷ 85 = 36.2510 ÷ 85 = 0.42648 → 42.65
      // Township: satisfied 0 of 2; 回访 1 of 2; 按期 1 of 1; service level 2 of 2; no-show 0; coverage 1 of 8.
      // (0 + 7.5 + 15 + 20 + 10 + 1.25) ÷ 100 = 53.75
      expect(body.rows.map((r: { hallId: number; level: string; rank: number | null; score: number | null; unranked: string | null }) => [r.hallId, r.level, r.rank, r.score, r.unranked])).toEqual([
        [2, 'county', 1, 42.65, null],
        [3, 'township', 1, 53.75, null],
        [4, 'village', null, null, 'no-activity'],
      ]);
      expect(body.rows[0].values).toEqual({ satisfaction: 0.5, followUpRate: 0, onTimeRate: null, serviceLevel: 0.6667, noShowRate: 0.3333, coverage: 0.125 });
      expect(body.rows[1].counts).toEqual({ issued: 2, served: 2, ratings: 2, followUpsOpened: 2, followUpsClosed: 1, followUpsClosedOnTime: 1, workingDays: 8, openDays: 1 });
      const townships = await api.get('/api/city/ranking?month=2026-11&level=township', admin);
      expect(townships.body.rows.map((r: { hallId: number }) => r.hallId)).toEqual([3, 6]);
    });

    it('weights: an admin sets them, a supervisor reads them but may not set them', async () => {
      const next = { satisfaction: 1, followUpRate: 0, onTimeRate: 0, serviceLevel: 0, noShowRate: 0, coverage: 0 };
      expect((await api.request('PUT', '/api/city/assessment-weights', { body: next, headers: auth(zhongmou) })).status).toBe(403);
      expect((await api.request('PUT', '/api/city/assessment-weights', { body: { ...next, satisfaction: 0 }, headers: auth(admin) })).status).toBe(400);
      expect((await api.request('PUT', '/api/city/assessment-weights', { body: next, headers: auth(admin) })).body).toEqual(next);
      expect((await api.get('/api/city/assessment-weights', zhongmou)).body).toEqual(next);
      const ranking = await api.get('/api/city/ranking?month=2026-11&area=410122000000', zhongmou);
      expect(ranking.body.rows.map((r: { score: number | null }) => r.score)).toEqual([50, 0, null]);
      await api.request('PUT', '/api/city/assessment-weights', { body: { satisfaction: 30, followUpRate: 15, onTimeRate: 15, serviceLevel: 20, noShowRate: 10, coverage: 10 }, headers: auth(admin) });
    });

    it('lists open follow-ups overdue first, in working days of the city calendar', async () => {
      const { status, body } = await api.get('/api/city/follow-ups?area=410122000000', zhongmou);
      expect(status).toBe(200);
      // County follow-up due Monday 11-09: late on Tue 10 and Thu 12 (Wed 11 is the holiday) = 2.
      // Township one due Monday 11-16: Fri 13 and Mon 16 left.
      expect(body.map((f: Record<string, unknown>) => [f.hallId, f.hallFollowUpId, f.ticketNumber, f.score, f.overdue, f.daysOverdue, f.workingDaysLeft])).toEqual([
        [2, 1, 'A002', 2, true, 2, 0],
        [3, 2, 'A002', 2, false, 0, 2],
      ]);
      const overdue = await api.get('/api/city/follow-ups?area=410122000000&overdue=true', zhongmou);
      expect(overdue.body.map((f: { hallId: number }) => f.hallId)).toEqual([2]);
    });

    it('督办: logged, sent down in the pull, marked received and read when the hall says so', async () => {
      const [first] = (await api.get('/api/city/follow-ups?area=410122000000&overdue=true', zhongmou)).body;
      const before = (await api.pull(county.credential, 0)).body.version;
      const sent = await api.request('POST', `/api/city/follow-ups/${first.id}/supervise`, { body: { message: '请本周内完成回访' }, headers: auth(zhongmou) });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ followUpId: first.id, hallId: 2, message: '请本周内完成回访', by: 'zhongmou', at: new Date(NOW).toISOString(), receivedAt: null, acknowledgedAt: null });
      const pulled = (await api.pull(county.credential, before)).body;
      expect(pulled.supervisions).toEqual([{ id: sent.body.id, followUpId: 1, message: '请本周内完成回访', by: 'zhongmou', at: new Date(NOW).toISOString() }]);
      expect((await api.pull(town.credential, before)).body.supervisions).toEqual([]);
      const ack = { seq: countyRecords.length + 1, kind: 'supervision', at: '2026-11-12T02:01:00.000Z', data: { id: sent.body.id, receivedAt: '2026-11-12T02:00:30.000Z', acknowledgedAt: '2026-11-12T02:01:00.000Z' } } as SyncRecord;
      expect((await api.push(county.credential, ack.seq, [ack])).status).toBe(200);
      const [after] = (await api.get('/api/city/follow-ups?area=410122000000&overdue=true', zhongmou)).body;
      expect(after.supervisions).toEqual([{ ...sent.body, receivedAt: '2026-11-12T02:00:30.000Z', acknowledgedAt: '2026-11-12T02:01:00.000Z' }]);
      expect((await api.request('POST', `/api/city/follow-ups/${first.id}/supervise`, { body: { message: '  ' }, headers: auth(zhongmou) })).status).toBe(400);
      expect((await api.request('POST', '/api/city/follow-ups/99999/supervise', { body: { message: 'x' }, headers: auth(zhongmou) })).status).toBe(404);
    });

    it('exports evaluations in GB/T 39046-2020 Table 9 fields with the channel and satisfaction codes', async () => {
      const response = await fetch(`${server.url}/api/city/exports/evaluations.csv?from=2026-11-01&to=2026-11-30&area=410122000000`, { headers: auth(zhongmou) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = Buffer.from(await response.arrayBuffer());
      // A UTF-8 byte-order mark first, so Excel reads the Chinese (fetch's text() would drop it).
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString('utf8')).toBe([
        '办件编号,评价渠道,评价人,评价时间,评价次数,满意度代码,文字评价,行政区划',
        '410122000000-2-20261102-A001,政务大厅平板电脑,匿名,20261102T091700,1,1,"很好, ""耐心""",410122000000',
        'ZM-2026-001,政务大厅其他终端,匿名,20261102T093700,1,4,,410122000000',
        '410122100000-3-20261103-A001,二维码,匿名,20261103T092000,1,5,太慢,410122100000',
        '410122100000-3-20261103-A002,政务大厅平板电脑,匿名,20261103T103000,1,4,,410122100000',
        '',
      ].join('\r\n'));
      const lines = await (await fetch(`${server.url}/api/city/exports/evaluations.jsonl?from=2026-11-03&to=2026-11-03&area=410122100000`, { headers: auth(zhongmou) })).text();
      expect(lines.split('\n').filter(Boolean).map((l) => JSON.parse(l))).toEqual([
        { caseNumber: '410122100000-3-20261103-A001', channel: '二维码', evaluator: '匿名', evaluatedAt: '20261103T092000', count: 1, satisfactionCode: 5, comment: '太慢', areaCode: '410122100000' },
        { caseNumber: '410122100000-3-20261103-A002', channel: '政务大厅平板电脑', evaluator: '匿名', evaluatedAt: '20261103T103000', count: 1, satisfactionCode: 4, comment: '', areaCode: '410122100000' },
      ]);
      const other = await api.get('/api/city/exports/evaluations.csv?from=2026-11-01&to=2026-11-30&area=410105000000', zhongmou);
      expect(other.status).toBe(403);
      expect((await api.get('/api/city/exports/evaluations.csv?from=2026-11-30&to=2026-11-01', zhongmou)).status).toBe(400);
    });

    it('administration: users added, disabled (sessions end) and re-enabled; halls get codes, revoked and re-keyed', async () => {
      const headers = auth(admin);
      const added = await api.request('POST', '/api/city/admin/users', { body: { username: 'dengfeng', password: 'pass-word-1', role: 'supervisor', areaCode: '410185000000' }, headers });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ username: 'dengfeng', role: 'supervisor', areaCode: '410185000000', disabled: false });
      expect((await api.request('POST', '/api/city/admin/users', { body: { username: 'dengfeng', password: 'pass-word-1', role: 'supervisor', areaCode: '410185000000' }, headers })).body.error.code).toBe('username-taken');
      const token = await api.login('dengfeng', 'pass-word-1');
      expect((await api.get('/api/city/halls', token)).status).toBe(200);
      expect((await api.request('PATCH', `/api/city/admin/users/${added.body.id}`, { body: { disabled: true }, headers })).body.disabled).toBe(true);
      expect((await api.get('/api/city/halls', token)).status).toBe(401);
      expect((await api.request('POST', '/api/auth/login', { body: { username: 'dengfeng', password: 'pass-word-1' } })).status).toBe(401);
      await api.request('PATCH', `/api/city/admin/users/${added.body.id}`, { body: { disabled: false }, headers });
      expect((await api.request('POST', `/api/city/admin/users/${added.body.id}/password`, { body: { password: 'another-pass' }, headers })).status).toBe(204);
      expect(await api.login('dengfeng', 'another-pass')).toMatch(/^[A-Za-z0-9_-]+$/);
      const me = (await api.request('GET', '/api/city/admin/users', { headers })).body.find((u: { username: string }) => u.username === 'admin');
      expect((await api.request('PATCH', `/api/city/admin/users/${me.id}`, { body: { disabled: true }, headers })).status).toBe(409);

      expect((await api.request('POST', '/api/city/admin/areas', { body: { code: '410185104000', name: '告成镇', level: 'township', parentCode: '410185000000' }, headers })).status).toBe(201);
      const hall = await api.request('POST', '/api/city/admin/halls', { body: { name: '告成镇公共法律服务工作站', level: 'township', areaCode: '410185104000' }, headers });
      expect(hall.status).toBe(201);
      expect(hall.body.enrollmentCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      const listed = (await api.request('GET', '/api/city/admin/halls', { headers })).body.find((h: { id: number }) => h.id === hall.body.hallId);
      expect(listed).toMatchObject({ enrolled: false, revoked: false, pendingCodeExpiresAt: hall.body.expiresAt });
      const enrolled = await api.enroll(hall.body.enrollmentCode);
      expect(enrolled.status).toBe(201);
      const rekeyed = await api.request('POST', `/api/city/admin/halls/${hall.body.hallId}/rekey`, { headers });
      expect(rekeyed.body.enrollmentCode).not.toBe(hall.body.enrollmentCode);
      expect((await api.pull(enrolled.body.credential)).status).toBe(401);
      expect((await api.request('POST', `/api/city/admin/halls/${hall.body.hallId}/revoke`, { headers })).status).toBe(204);
      expect((await api.enroll(rekeyed.body.enrollmentCode)).status).toBe(410);
    });
  });
}
