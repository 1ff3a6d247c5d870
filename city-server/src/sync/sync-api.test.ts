import type { SyncRecord } from '@hall/shared';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityServer } from '../server';
import { client, DRIVERS, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';
import { setupRecords } from '../testing/hall-records';

// One hall day, hand-computed below. Beijing time = UTC + 8; targets A 15 min, B 20 min.
const DAY = '2026-11-02';
const t = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`;
const ticket = (over: Record<string, unknown>) => ({
  hallDay: DAY, originalServiceCode: 'A', priority: 'normal', source: 'walk-in', counterId: null, staffId: null, recallCount: 0,
  outcome: null, estimatedWaitSeconds: null, caseNumber: null, calledAt: null, startedAt: null, finishedAt: null, ...over,
});
const rating = (over: Record<string, unknown>) => ({
  attitude: null, efficiency: null, policy: null, competence: null, comment: null, channel: 'pad', excluded: false, excludedReason: null, ...over,
});

function dayOne(): SyncRecord[] {
  const records = [
    ...setupRecords(1, t('00:00')).map((r) => (r.kind === 'service' && r.data.code === 'A' ? { ...r, data: { ...r.data, targetWaitMinutes: 15 } } : r)),
    // T1 09:00 → called 09:05 (wait 300 s) → 09:06–09:16 (600 s), estimate 240 s
    { kind: 'ticket', at: t('01:00'), data: ticket({ id: 1, number: 'A001', serviceCode: 'A', state: 'waiting', issuedAt: t('01:00'), estimatedWaitSeconds: 240 }) },
    // T2 09:10, first a waiting row, later the done row (the later seq wins) → called 09:30 (wait 1200 s), 09:31–09:36 (300 s)
    { kind: 'ticket', at: t('01:10'), data: ticket({ id: 2, number: 'A002', serviceCode: 'A', state: 'waiting', issuedAt: t('01:10'), estimatedWaitSeconds: 600 }) },
    { kind: 'ticket', at: t('01:16'), data: ticket({ id: 1, number: 'A001', serviceCode: 'A', state: 'done', issuedAt: t('01:00'), calledAt: t('01:05'), startedAt: t('01:06'), finishedAt: t('01:16'), counterId: 1, staffId: 11, outcome: 'resolved', estimatedWaitSeconds: 240 }) },
    { kind: 'rating', at: t('01:17'), data: rating({ id: 1, ticketId: 1, score: 5, attitude: 5, efficiency: 4, createdAt: t('01:17') }) },
    { kind: 'ticket', at: t('01:36'), data: ticket({ id: 2, number: 'A002', serviceCode: 'A', state: 'done', issuedAt: t('01:10'), calledAt: t('01:30'), startedAt: t('01:31'), finishedAt: t('01:36'), counterId: 1, staffId: 11, outcome: 'resolved', estimatedWaitSeconds: 600 }) },
    { kind: 'rating', at: t('01:37'), data: rating({ id: 2, ticketId: 2, score: 2, attitude: 1, createdAt: t('01:37') }) },
    // T3 10:00 B → called 10:01 (wait 60 s) → no-show at counter 2
    { kind: 'ticket', at: t('02:05'), data: ticket({ id: 3, number: 'B001', serviceCode: 'B', originalServiceCode: 'B', state: 'no_show', issuedAt: t('02:00'), calledAt: t('02:01'), counterId: 2, staffId: 12 }) },
    // T4 10:30 A, still waiting
    { kind: 'ticket', at: t('02:30'), data: ticket({ id: 4, number: 'A003', serviceCode: 'A', state: 'waiting', issuedAt: t('02:30') }) },
  ];
  return records.map((r, i) => ({ ...r, seq: i + 1 }) as SyncRecord);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

for (const { driver, skip } of DRIVERS) {
  describe.skipIf(skip)(`city sync API on ${driver}`, () => {
    let db: TestDatabase;
    let server: CityServer;
    let api: ReturnType<typeof client>;
    let cityHall: { credential: string; hallId: number };
    let townHall: { credential: string; hallId: number };
    let admin: string;
    let supervisor: string;

    beforeAll(async () => {
      db = await testDatabase(driver);
      server = await startTestCity(db, { seedDemo: true, publicUrl: 'https://city.example.cn' });
      api = client(server.url);
      const codes = server.demo!.halls;
      const enrolledCity = await api.enroll(codes.find((h) => h.level === 'city')!.enrollmentCode, { softwareVersion: '0.1.0' });
      const enrolledTown = await api.enroll(codes.find((h) => h.areaCode === '410122100000')!.enrollmentCode);
      expect(enrolledCity.status).toBe(201);
      expect(enrolledCity.body).toMatchObject({ hallName: '郑州市公共法律服务中心', level: 'city', areaCode: '410100000000', publicUrl: 'https://city.example.cn' });
      expect(enrolledCity.body.credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
      cityHall = enrolledCity.body;
      townHall = enrolledTown.body;
      const [adminUser, supervisorUser] = server.demo!.users;
      admin = await api.login(adminUser!.username, adminUser!.password);
      supervisor = await api.login(supervisorUser!.username, supervisorUser!.password);
    }, 120_000);

    afterAll(async () => {
      await server?.close();
      db?.dispose();
    });

    it('an enrollment code works once; unknown and expired codes are refused with a code', async () => {
      const again = await api.enroll(server.demo!.halls[0]!.enrollmentCode);
      expect(again).toMatchObject({ status: 409, body: { error: { code: 'enrollment-code-used' } } });
      expect((await api.enroll('AAAA-BBBB-CCCC-DDDD')).body.error.code).toBe('unknown-enrollment-code');
      const hall = await server.city.addHall({ name: '测试站', level: 'township', areaCode: '410122101000' });
      await server.db.query(`UPDATE enrollment_codes SET expires_at = now() - interval '1 minute' WHERE hall_id = $1`, [hall.hallId]);
      expect(await api.enroll(hall.enrollmentCode)).toMatchObject({ status: 410, body: { error: { code: 'enrollment-code-expired' } } });
    });

    it('stores a batch once: replays and overlaps are ignored, a gap is 409 with the expected seq', async () => {
      const records = dayOne();
      expect(await api.push(cityHall.credential, 1, records.slice(0, 8))).toMatchObject({ status: 200, body: { ackSeq: 8 } });
      // the same batch again, and one overlapping it, gzip-compressed
      expect(await api.push(cityHall.credential, 1, records.slice(0, 8))).toMatchObject({ status: 200, body: { ackSeq: 8 } });
      expect(await api.push(cityHall.credential, 5, records.slice(4), { gzip: true })).toMatchObject({ status: 200, body: { ackSeq: 14 } });
      const gap = await api.push(cityHall.credential, 20, []);
      expect(gap).toMatchObject({ status: 409, body: { error: { code: 'seq-gap', expectedSeq: 15 } } });
      const stored = await server.db.query<{ n: number; distinct_seqs: number; max: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seqs, max(seq) AS max FROM sync_records WHERE hall_id = $1', [cityHall.hallId]);
      expect(stored.rows[0]).toEqual({ n: 14, distinct_seqs: 14, max: 14 });
      const tickets = await server.db.query<{ id: number; state: string }>('SELECT id, state FROM tickets WHERE hall_id = $1 ORDER BY id', [cityHall.hallId]);
      expect(tickets.rows).toEqual([{ id: 1, state: 'done' }, { id: 2, state: 'done' }, { id: 3, state: 'no_show' }, { id: 4, state: 'waiting' }]);
    });

    it('refuses records that are not consecutive from fromSeq, and bad times, with 400', async () => {
      const [a, b] = setupRecords(15, t('00:00'));
      expect((await api.push(cityHall.credential, 15, [a!, { ...b!, seq: 17 }])).body.error.code).toBe('bad-request');
      expect((await api.push(cityHall.credential, 15, [{ ...a!, at: 'yesterday' }])).status).toBe(400);
      expect((await api.push(cityHall.credential, 15, [{ ...a!, data: { ...(a!.data as object), name: 'bad\u0000name' } } as SyncRecord])).status).toBe(400);
      expect((await server.db.query<{ ack_seq: number }>('SELECT ack_seq FROM halls WHERE id = $1', [cityHall.hallId])).rows[0]!.ack_seq).toBe(14);
    });

    it('the summary gives the hall\'s figures, hand-computed; an exclusion (申诉复核) takes a rating out', async () => {
      const summary = (await api.get(`/api/city/summary?from=${DAY}&to=${DAY}&area=410100000000`, admin)).body;
      const hall = summary.byHall.find((h: { hallId: number }) => h.hallId === cityHall.hallId);
      const expected = {
        issued: 4, served: 2, noShow: 1, noShowRate: 0.3333, avgWaitSeconds: 520, p90WaitSeconds: 1200, avgServiceSeconds: 450,
        serviceLevel: 0.6667,
        satisfaction: { count: 2, average: 3.5, satisfiedRate: 0.5, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 }, dimensions: { attitude: 3, efficiency: 4, policy: null, competence: null } },
        waitEstimate: { count: 2, meanAbsErrorSeconds: 330, meanErrorSeconds: -330 },
      };
      expect(hall).toMatchObject(expected);
      expect(summary).toMatchObject(expected);
      expect(summary.byHour.map((g: { key: number; issued: number }) => [g.key, g.issued])).toEqual([[9, 2], [10, 2]]);
      expect(summary.byService.map((g: { key: string; label: string; issued: number }) => [g.key, g.label, g.issued])).toEqual([['A', '法律援助', 3], ['B', '公证服务', 1]]);
      expect(summary.byStaff.map((g: { label: string; served: number }) => [g.label, g.served])).toEqual([['郑州市公共法律服务中心 李娜（0101）', 2], ['郑州市公共法律服务中心 王强（0102）', 0]]);
      expect(summary.byArea.find((a: { areaCode: string }) => a.areaCode === '410122000000')).toMatchObject({ name: '中牟县', issued: 0 });

      const exclusion: SyncRecord = { seq: 15, kind: 'rating', at: t('05:00'), data: rating({ id: 2, ticketId: 2, score: 2, attitude: 1, createdAt: t('01:37'), excluded: true, excludedReason: '误评' }) as never };
      const followUp = (seq: number, data: Record<string, unknown>) => ({ seq, kind: 'follow-up', at: t('05:00'), data: { ticketId: 2, ratingId: 2, outcome: null, closedAt: null, state: 'open', ...data } }) as SyncRecord;
      const followUps = [
        // opened 09:38 on the day, closed on the 5th, due the 9th: on time
        followUp(16, { id: 1, openedAt: t('01:38'), dueDay: '2026-11-09', state: 'closed', closedAt: '2026-11-05T02:00:00.000Z', outcome: '已回访整改' }),
        // still open, due the 3rd: overdue
        followUp(17, { id: 2, openedAt: t('01:40'), dueDay: '2026-11-03' }),
        // closed at 00:30 Beijing time the day after its due day: late
        followUp(18, { id: 3, openedAt: t('01:45'), dueDay: '2026-11-04', state: 'closed', closedAt: '2026-11-04T16:30:00.000Z', outcome: '已回访' }),
        // opened 23:59 Beijing time the day before: outside the range
        followUp(19, { id: 4, openedAt: '2026-11-01T15:59:00.000Z', dueDay: '2026-11-06' }),
      ];
      expect((await api.push(cityHall.credential, 15, [exclusion, ...followUps])).body).toEqual({ ackSeq: 19 });
      const after = (await api.get(`/api/city/summary?from=${DAY}&to=${DAY}`, admin)).body;
      expect(after.satisfaction).toMatchObject({ count: 1, average: 5, satisfiedRate: 1 });
      const followUpFigures = { opened: 3, open: 1, overdue: 1, closed: 2, closedOnTime: 1, rate: 0.6667, onTimeRate: 0.5 };
      expect(after.followUps).toEqual(followUpFigures);
      expect(after.byHall.find((h: { hallId: number }) => h.hallId === cityHall.hallId).followUps).toEqual(followUpFigures);
    });

    it('a supervisor sees its own area and below, and gets 403 outside it', async () => {
      // the township station gives 法律援助 a 10-minute target, the city hall 15
      const town = dayOne().map((r) => (r.kind === 'service' && r.data.code === 'A' ? { ...r, data: { ...r.data, targetWaitMinutes: 10 } } : r));
      expect((await api.push(townHall.credential, 1, town)).body).toEqual({ ackSeq: 14 });
      const own = await api.get(`/api/city/summary?from=${DAY}&to=${DAY}`, supervisor);
      expect(own.status).toBe(200);
      expect(own.body.byHall.map((h: { hallId: number }) => h.hallId)).not.toContain(cityHall.hallId);
      expect(own.body.issued).toBe(4);
      expect((await api.get(`/api/city/summary?from=${DAY}&to=${DAY}&area=410100000000`, supervisor))).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect((await api.get('/api/city/halls?area=410185000000', supervisor)).status).toBe(403);
      const halls = (await api.get('/api/city/halls', supervisor)).body as { areaCode: string; online: boolean }[];
      expect(halls.length).toBeGreaterThan(0);
      expect(halls.every((h) => h.areaCode.startsWith('410122'))).toBe(true);
      const tree = (await api.get('/api/city/areas', supervisor)).body;
      expect(tree).toHaveLength(1);
      expect(tree[0]).toMatchObject({ code: '410122000000', name: '中牟县' });
      // both halls together at city level: 8 tickets, p90 over both halls' waits
      const all = (await api.get(`/api/city/summary?from=${DAY}&to=${DAY}&area=410100000000`, admin)).body;
      expect(all).toMatchObject({ issued: 8, served: 4, p90WaitSeconds: 1200, avgWaitSeconds: 520 });
      expect(all.byDay).toHaveLength(1);
      expect(all.byDay[0]).toMatchObject({ key: DAY, issued: 8, p90WaitSeconds: 1200 });
      expect(all.mixedTargetServices).toEqual(['A']);
      expect(own.body.mixedTargetServices).toEqual([]);
      // 法律援助 waits 300 s and 1,200 s: one within 10 minutes at the station, as within 15 at the city hall
      expect(all.byHall.find((h: { hallId: number }) => h.hallId === townHall.hallId)).toMatchObject({ serviceLevel: 0.6667, issued: 4 });
      expect((await api.get('/api/city/summary?from=2026-11-01&to=2026-11-30')).status).toBe(401);
    });

    it('byLevel sums the halls of each level; hall= is that one hall\'s own summary (403 outside the area, 404 unknown)', async () => {
      type Level = { level: string; halls: number; issued: number; served: number; p90WaitSeconds: number | null };
      const all = (await api.get(`/api/city/summary?from=${DAY}&to=${DAY}`, admin)).body;
      // demo halls: 1 city, 2 county, 2 township + 测试站 added above, 1 village; the city hall and 城关镇 pushed day one
      expect(all.byLevel.map((l: Level) => [l.level, l.halls, l.issued, l.served, l.p90WaitSeconds])).toEqual([
        ['city', 1, 4, 2, 1200], ['county', 2, 0, 0, null], ['township', 3, 4, 2, 1200], ['village', 1, 0, 0, null],
      ]);
      const own = (await api.get(`/api/city/summary?from=${DAY}&to=${DAY}`, supervisor)).body;
      expect(own.byLevel.map((l: Level) => [l.level, l.halls, l.issued])).toEqual([['county', 1, 0], ['township', 2, 4], ['village', 1, 0]]);

      const one = await api.get(`/api/city/summary?from=${DAY}&to=${DAY}&hall=${townHall.hallId}`, supervisor);
      expect(one.status).toBe(200);
      // 城关镇's day one, hand-computed: waits 300, 1,200 and 60 s; both ratings (5 and 2) count there
      const figures = {
        issued: 4, served: 2, noShow: 1, noShowRate: 0.3333, avgWaitSeconds: 520, p90WaitSeconds: 1200, avgServiceSeconds: 450, serviceLevel: 0.6667,
        satisfaction: { count: 2, average: 3.5, satisfiedRate: 0.5, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } },
        waitEstimate: { count: 2, meanAbsErrorSeconds: 330, meanErrorSeconds: -330 },
      };
      expect(one.body).toMatchObject({ ...figures, area: '410122100000', byArea: [], mixedTargetServices: [] });
      expect(one.body.byHall).toHaveLength(1);
      expect(one.body.byHall[0]).toMatchObject({ hallId: townHall.hallId, ...figures });
      expect(one.body.byLevel).toHaveLength(1);
      expect(one.body.byLevel[0]).toMatchObject({ level: 'township', halls: 1, ...figures });
      expect(one.body.byDay).toEqual([expect.objectContaining({ key: DAY, issued: 4, p90WaitSeconds: 1200 })]);
      expect(one.body.byStaff.map((g: { label: string; served: number }) => [g.label, g.served])).toEqual([['李娜（0101）', 2], ['王强（0102）', 0]]);
      // the same figures as that hall's row of the area's summary
      const row = own.byHall.find((h: { hallId: number }) => h.hallId === townHall.hallId);
      for (const key of Object.keys(figures)) expect(one.body[key], key).toEqual(row[key]);

      expect((await api.get(`/api/city/summary?from=${DAY}&to=${DAY}&hall=${cityHall.hallId}`, supervisor))).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect((await api.get(`/api/city/summary?from=${DAY}&to=${DAY}&hall=999999`, admin)).status).toBe(404);
      expect((await api.get(`/api/city/summary?from=${DAY}&to=${DAY}&hall=${townHall.hallId}&area=410185000000`, admin)).status).toBe(404);
      expect((await api.get(`/api/city/summary?from=${DAY}&to=${DAY}&hall=abc`, admin)).status).toBe(400);
    });

    it('a hall credential acts only as its own hall; revoke and rekey are 401 at once', async () => {
      const extra = await server.city.addHall({ name: '临时站', level: 'township', areaCode: '410122101000' });
      const enrolled = (await api.enroll(extra.enrollmentCode)).body;
      // pushing with its own credential never touches another hall's log, whatever the body says
      expect((await api.push(enrolled.credential, 1, setupRecords(1, t('00:00')))).body).toEqual({ ackSeq: 6 });
      const counts = await server.db.query<{ hall_id: number; n: number }>('SELECT hall_id, count(*)::int AS n FROM sync_records GROUP BY hall_id ORDER BY hall_id');
      expect(counts.rows).toEqual([{ hall_id: cityHall.hallId, n: 19 }, { hall_id: townHall.hallId, n: 14 }, { hall_id: enrolled.hallId, n: 6 }]);
      expect((await api.push(`${enrolled.credential}x`, 7, [])).status).toBe(401);
      expect((await api.request('POST', '/api/sync/push', { body: { fromSeq: 7, records: [] }, headers: { authorization: `Bearer ${enrolled.credential}` } })).status).toBe(401);

      const newCode = await server.city.rekeyHall(enrolled.hallId);
      expect((await api.pull(enrolled.credential)).status).toBe(401);
      const rekeyed = (await api.enroll(newCode)).body;
      expect(rekeyed.hallId).toBe(enrolled.hallId);
      // the hall keeps its place in the log
      expect(await api.push(rekeyed.credential, 7, [])).toMatchObject({ status: 200, body: { ackSeq: 6 } });

      await server.city.revokeHall(enrolled.hallId);
      expect((await api.push(rekeyed.credential, 7, [])).status).toBe(401);
      expect((await api.pull(rekeyed.credential)).status).toBe(401);
    });

    it('a ticket tracked on the city page: only its code finds it, a rating there flows down in pull', async () => {
      const code = 'Qm9vdHN0cmFwVHJhY2tpbmc';
      const view = { id: 4, number: 'A003', serviceCode: 'A', serviceName: '法律援助', state: 'done', waitingAhead: 0, estimatedWaitMinutes: 0, counterName: '1号窗口', issuedAt: t('02:30'), calledAt: t('02:40'), canRate: true, rated: false, hallName: '郑州市公共法律服务中心', checkCode: null, staffName: '李娜', staffNo: '0101' };
      const live = { at: t('03:00'), waitingByService: { A: 3 }, longestWaitSeconds: 420, countersOpen: 2, printerFaults: 0, tickets: [{ trackingCodeHash: sha256(code), ticketId: 4, view }] };
      expect((await api.push(cityHall.credential, 20, [], { live })).body).toEqual({ ackSeq: 19 });
      expect(await api.get(`/api/track/${code}`)).toMatchObject({ status: 200, body: { number: 'A003', counterName: '1号窗口', canRate: true, updatedAt: t('03:00') } });
      expect((await api.get(`/api/track/${code.slice(0, -1)}A`)).status).toBe(404);
      expect((await api.get(`/api/track/${sha256(code)}`)).status).toBe(404);
      const page = await api.request('GET', `/t/${code}`);
      expect(page.status).toBe(200);
      expect(String(page.body)).toContain('排队进度');

      await server.city.addHoliday('2027-02-06', '春节', false);
      await server.city.addNotice('12月起周六上午开放', '2026-12-01', '2026-12-31');
      const before = (await api.pull(cityHall.credential)).body;
      expect(before.ratings).toEqual([]);
      expect(before.holidays).toEqual([{ day: '2027-02-06', name: '春节', workday: false }]);
      expect(before.notices).toEqual([expect.objectContaining({ text: '12月起周六上午开放', from: '2026-12-01', to: '2026-12-31' })]);
      expect((await api.request('POST', `/api/track/${code}/rating`, { body: { score: 9 } })).status).toBe(400);
      expect((await api.request('POST', `/api/track/${code}/rating`, { body: { score: 4, efficiency: 5, comment: '很耐心' } })).status).toBe(201);
      expect((await api.request('POST', `/api/track/${code}/rating`, { body: { score: 1 } })).body.error.code).toBe('already-rated');
      expect((await api.get(`/api/track/${code}`)).body).toMatchObject({ rated: true, canRate: false });
      const pulled = (await api.pull(cityHall.credential, before.version)).body;
      expect(pulled.ratings).toEqual([expect.objectContaining({ ticketId: 4, score: 4, efficiency: 5, attitude: null, comment: '很耐心' })]);
      expect(pulled.version).toBeGreaterThan(before.version);
      expect(pulled.holidays).toEqual([]);
      expect((await api.pull(cityHall.credential, pulled.version)).body.ratings).toEqual([]);
      // another hall never sees it
      expect((await api.pull(townHall.credential, 0)).body.ratings).toEqual([]);
      // the hall's live state is on the halls list
      const halls = (await api.get('/api/city/halls', admin)).body as { id: number; online: boolean; ackSeq: number; live: { waitingByService: object } }[];
      expect(halls.find((h) => h.id === cityHall.hallId)).toMatchObject({ online: true, ackSeq: 19, live: { waitingByService: { A: 3 }, longestWaitSeconds: 420 } });
    });
  });
}
