import type { SyncRecord } from '@hall/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityServer } from '../server';
import { client, DRIVERS, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';

// Tuesday 2026-12-01 10:00 in Beijing (UTC+8). Slots below are written out by hand.
const NOW = Date.parse('2026-12-01T02:00:00Z');
const WED_0900 = '2026-12-02T09:00:00+08:00';
const WED_0930 = '2026-12-02T09:30:00+08:00';

for (const { driver, skip } of DRIVERS) {
  describe.skipIf(skip)(`city bookings on ${driver}`, () => {
    let db: TestDatabase;
    let server: CityServer;
    let api: ReturnType<typeof client>;
    let admin: string;
    let supervisor: string;
    let token: string;
    let hallId: number;
    let credential: string;
    const auth = () => ({ authorization: `Bearer ${token}` });
    const book = (over: Record<string, unknown> = {}) => api.request('POST', '/api/bookings', {
      headers: auth(), body: { hallId, serviceCode: 'A', slotStart: WED_0900, name: '张三', phone: '138 0013 8000', channel: 'web', externalId: `x-${Math.random()}`, ...over },
    });
    const count = async () => (await server.db.query<{ n: number }>('SELECT COUNT(*)::integer AS n FROM bookings')).rows[0]!.n;

    beforeAll(async () => {
      db = await testDatabase(driver);
      server = await startTestCity(db, { seedDemo: true, clock: () => NOW, publicUrl: 'https://city.example.cn' });
      api = client(server.url);
      const users = server.demo!.users;
      admin = await api.login('admin', users.find((u) => u.username === 'admin')!.password);
      supervisor = await api.login('zhongmou', users.find((u) => u.username === 'zhongmou')!.password);
      const enrolled = await api.enroll(server.demo!.halls.find((h) => h.level === 'county' && h.areaCode === '410122000000')!.enrollmentCode);
      ({ hallId, credential } = enrolled.body);
      await server.city.addHoliday('2026-12-03', '测试假日', false);
      const created = await api.request('POST', '/api/city/integration-tokens', { headers: { authorization: `Bearer ${admin}` }, body: { name: '12348 web' } });
      expect(created.status).toBe(201);
      token = created.body.token;
    });
    afterAll(async () => {
      await server?.close();
      db?.dispose();
    });

    it('templates: seeded for the demo halls; only an admin changes them', async () => {
      const templates = await api.get(`/api/bookings/templates?hallId=${hallId}`, admin);
      expect(templates.body.map((t: { serviceCode: string }) => t.serviceCode).sort()).toEqual(['A', 'B', 'C', 'F']);
      const template = { hallId, serviceCode: 'A', periods: [{ weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '10:00' }], slotMinutes: 30, capacity: 2, daysAhead: 7 };
      expect((await api.request('PUT', '/api/bookings/templates', { headers: { authorization: `Bearer ${supervisor}` }, body: template })).status).toBe(403);
      expect((await api.request('PUT', '/api/bookings/templates', { headers: { authorization: `Bearer ${admin}` }, body: template })).status).toBe(200);
    });

    it('availability: from tomorrow, none on the holiday, hall offset in the times', async () => {
      const response = await api.request('GET', `/api/availability?hallId=${hallId}&serviceCode=A&from=2026-12-01&to=2026-12-03`, { headers: auth() });
      expect(response.status).toBe(200);
      // Today is closed (the hall has not been seen online), Thursday is a holiday: Wednesday's two slots.
      expect(response.body).toEqual([
        { start: WED_0900, end: WED_0930, capacity: 2, booked: 0 },
        { start: WED_0930, end: '2026-12-02T10:00:00+08:00', capacity: 2, booked: 0 },
      ]);
      expect((await api.get(`/api/availability?hallId=${hallId}&serviceCode=A&from=2026-12-01&to=2026-12-03`)).status).toBe(401);
    });

    it('books, answers a replayed externalId with the same booking, refuses a reused one', async () => {
      const first = await book({ externalId: 'web-1', idNumber: '41010519900101123x' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ hallId, serviceCode: 'A', slotStart: WED_0900, slotEnd: WED_0930, state: 'booked', externalId: 'web-1' });
      expect(first.body.code).toMatch(/^\d{6}$/);
      expect(first.body.confirmationUrl).toBe(`https://city.example.cn/b/${first.body.code}?hall=${hallId}`);
      const replay = await book({ externalId: 'web-1', idNumber: '41010519900101123x' });
      expect(replay.status).toBe(200);
      expect(replay.body.id).toBe(first.body.id);
      const before = await count();
      const reused = await book({ externalId: 'web-1', slotStart: WED_0930 });
      expect(reused.status).toBe(409);
      expect(reused.body.error.code).toBe('external-id-conflict');
      expect(await count()).toBe(before);
      const slots = await api.request('GET', `/api/availability?hallId=${hallId}&serviceCode=A&from=2026-12-02&to=2026-12-02`, { headers: auth() });
      expect(slots.body[0].booked).toBe(1);
    });

    it.each([
      ['a slot in the past', { slotStart: '2026-12-01T09:00:00+08:00' }, 400, 'slot-past'],
      ['a holiday', { slotStart: '2026-12-03T09:00:00+08:00' }, 409, 'slot-holiday'],
      ['a time that is no slot', { slotStart: '2026-12-02T09:10:00+08:00' }, 400, 'not-a-slot'],
      ['beyond the days ahead', { slotStart: '2026-12-16T09:00:00+08:00' }, 400, 'slot-too-far'],
      ['today while the hall is offline', { slotStart: '2026-12-01T14:00:00+08:00', serviceCode: 'B' }, 409, 'slot-closed-offline'],
      ['an unknown hall', { hallId: 9999 }, 404, 'unknown-hall'],
      ['a service without bookings', { serviceCode: 'E' }, 404, 'no-booking-for-service'],
      ['a bad phone number', { phone: '12345' }, 400, 'bad-request'],
      ['a bad ID number', { idNumber: '4101' }, 400, 'bad-request'],
    ])('refuses %s with a clear 4xx and writes nothing', async (_label, over, status, code) => {
      const before = await count();
      const response = await book(over);
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(await count()).toBe(before);
    });

    it('never exceeds a slot\'s capacity under concurrent bookings', async () => {
      // 09:30 has 2 places; 24 callers at once.
      const results = await Promise.all(Array.from({ length: 24 }, (_, i) => book({ slotStart: WED_0930, externalId: `race-${i}`, phone: `1390000${String(i).padStart(4, '0')}` })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(2);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'slot-full')).toBe(true);
      expect(results.filter((r) => r.status === 409)).toHaveLength(22);
      const held = await server.db.query<{ n: number; booked: number }>(
        `SELECT (SELECT COUNT(*)::integer FROM bookings WHERE slot_start = $1 AND state = 'booked') AS n,
                (SELECT booked FROM booking_slots WHERE slot_start = $1 AND service_code = 'A') AS booked`, [Date.parse(WED_0930)]);
      expect(held.rows[0]).toEqual({ n: 2, booked: 2 });
    });

    it('cancels: the place returns, the hall pulls the booking masked and then its cancellation', async () => {
      const made = await book({ slotStart: WED_0900, externalId: 'to-cancel', name: '李四', phone: '13700001234' });
      expect(made.status).toBe(201);
      const first = await api.pull(credential, 0);
      const pulled = first.body.bookings.find((b: { id: number }) => b.id === made.body.id);
      expect(pulled).toEqual({
        id: made.body.id, code: made.body.code, serviceCode: 'A', slotStart: '2026-12-02T01:00:00.000Z', slotEnd: '2026-12-02T01:30:00.000Z',
        hallDay: '2026-12-02', state: 'booked', maskedName: '李*', phoneLast4: '1234', phoneHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      expect(JSON.stringify(first.body)).not.toContain('13700001234');
      expect(JSON.stringify(first.body)).not.toContain('李四');
      const cancelled = await api.request('POST', `/api/bookings/${made.body.id}/cancel`, { headers: auth() });
      expect(cancelled.body.state).toBe('cancelled');
      const second = await api.pull(credential, first.body.version);
      expect(second.body.bookings).toEqual([{ ...pulled, state: 'cancelled' }]);
      const slots = await api.request('GET', `/api/availability?hallId=${hallId}&serviceCode=A&from=2026-12-02&to=2026-12-02`, { headers: auth() });
      expect(slots.body[0].booked).toBe(1);
    });

    it('two no-shows reported by the hall block the phone; an admin lifts the block', async () => {
      const phone = '13600006666';
      const a = await book({ slotStart: WED_0900, externalId: 'ns-1', phone, serviceCode: 'B' });
      const b = await book({ slotStart: WED_0930, externalId: 'ns-2', phone, serviceCode: 'B' });
      const records = [
        { seq: 1, kind: 'booking', at: '2026-12-02T01:20:00.000Z', data: { id: a.body.id, state: 'no_show', at: '2026-12-02T01:20:00.000Z', ticketId: null } },
        { seq: 2, kind: 'booking', at: '2026-12-02T01:50:00.000Z', data: { id: b.body.id, state: 'no_show', at: '2026-12-02T01:50:00.000Z', ticketId: null } },
      ] as SyncRecord[];
      expect((await api.push(credential, 1, records)).body).toEqual({ ackSeq: 2 });
      expect((await api.get(`/api/bookings/${a.body.id}`, admin)).body.state).toBe('no_show');
      const refused = await book({ slotStart: WED_0900, externalId: 'ns-3', phone, serviceCode: 'C' });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'booking-blocked', message: '该号码 30 天内 2 次预约未到，暂停预约至 2027-01-31' });
      const blocks = await api.get('/api/bookings/blocks', admin);
      expect(blocks.body).toHaveLength(1);
      expect((await api.request('POST', `/api/bookings/blocks/${blocks.body[0].id}/lift`, { headers: { authorization: `Bearer ${supervisor}` }, body: { reason: '核实为误报' } })).status).toBe(403);
      expect((await api.request('POST', `/api/bookings/blocks/${blocks.body[0].id}/lift`, { headers: { authorization: `Bearer ${admin}` }, body: { reason: '核实为误报' } })).status).toBe(200);
      const lifted = await server.db.query<{ lift_reason: string; lifted_by: number | null }>('SELECT lift_reason, lifted_by FROM booking_blocks');
      expect(lifted.rows[0]!.lift_reason).toBe('核实为误报');
      expect(lifted.rows[0]!.lifted_by).not.toBeNull();
      expect((await book({ slotStart: WED_0900, externalId: 'ns-4', phone, serviceCode: 'C' })).status).toBe(201);
    });

    it('a revoked integration token gets 401 at once', async () => {
      const created = await api.request('POST', '/api/city/integration-tokens', { headers: { authorization: `Bearer ${admin}` }, body: { name: 'old web' } });
      const headers = { authorization: `Bearer ${created.body.token}` };
      expect((await api.request('GET', `/api/bookings/${1}`, { headers })).status).toBe(200);
      expect((await api.request('POST', `/api/city/integration-tokens/${created.body.id}/revoke`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
      expect((await api.request('GET', `/api/bookings/${1}`, { headers })).status).toBe(401);
    });

    it('the city summary (统计分析) carries the booking figures: counts, rates, booked vs walk-in wait', async () => {
      // Friday 2026-12-04 (service B's demo timetable) is used by this test alone. Booked: a 09:00, b 09:30, c 10:00, e 10:30; d 10:00 is cancelled.
      const fri = (hhmm: string) => `2026-12-04T${hhmm}:00+08:00`;
      const [a, b, c, d, e] = await Promise.all(['09:00', '09:30', '10:00', '10:00', '10:30'].map((t, i) => book({ slotStart: fri(t), serviceCode: 'B', externalId: `sum-${i}` })));
      for (const made of [a, b, c, d, e]) expect(made!.status).toBe(201);
      expect((await api.request('POST', `/api/bookings/${d!.body.id}/cancel`, { headers: auth() })).status).toBe(200);
      const ticket = (id: number, source: string, issuedAt: string, calledAt: string) => ({
        id, hallDay: '2026-12-04', number: `A${100 + id}`, serviceCode: 'A', originalServiceCode: 'A', priority: 'normal', source, state: 'done',
        issuedAt, calledAt, startedAt: calledAt, finishedAt: calledAt, counterId: 1, staffId: null, recallCount: 0, outcome: 'resolved', estimatedWaitSeconds: null, caseNumber: null,
      });
      // a checked in at 08:50 before its 09:00 slot, called 09:10 → waited 10 min from the slot start;
      // b checked in at 09:40 after its 09:30 slot, called 09:46 → 6 min from check-in; booked mean 8 min = 480 s.
      // Walk-ins: 08:55 → 09:05 (10 min), 09:30 → 09:32 (2 min), one still waiting (not counted); mean 6 min = 360 s.
      const records = [
        { kind: 'ticket', at: '2026-12-04T01:10:00.000Z', data: ticket(101, 'booking', '2026-12-04T00:50:00.000Z', '2026-12-04T01:10:00.000Z') },
        { kind: 'booking', at: '2026-12-04T00:50:00.000Z', data: { id: a!.body.id, state: 'checked_in', at: '2026-12-04T00:50:00.000Z', ticketId: 101 } },
        { kind: 'ticket', at: '2026-12-04T01:46:00.000Z', data: ticket(102, 'booking', '2026-12-04T01:40:00.000Z', '2026-12-04T01:46:00.000Z') },
        { kind: 'booking', at: '2026-12-04T01:40:00.000Z', data: { id: b!.body.id, state: 'checked_in', at: '2026-12-04T01:40:00.000Z', ticketId: 102 } },
        { kind: 'booking', at: '2026-12-04T02:20:00.000Z', data: { id: c!.body.id, state: 'no_show', at: '2026-12-04T02:20:00.000Z', ticketId: null } },
        { kind: 'ticket', at: '2026-12-04T01:05:00.000Z', data: ticket(103, 'walk-in', '2026-12-04T00:55:00.000Z', '2026-12-04T01:05:00.000Z') },
        { kind: 'ticket', at: '2026-12-04T01:32:00.000Z', data: ticket(104, 'walk-in', '2026-12-04T01:30:00.000Z', '2026-12-04T01:32:00.000Z') },
        { kind: 'ticket', at: '2026-12-04T01:35:00.000Z', data: { ...ticket(105, 'walk-in', '2026-12-04T01:35:00.000Z', '2026-12-04T01:35:00.000Z'), state: 'waiting', calledAt: null, startedAt: null, finishedAt: null, outcome: null } },
      ];
      // Numbered on from what the hall pushed before (the no-show test pushes seq 1–2).
      const acked = (await server.db.query<{ ack_seq: number }>('SELECT ack_seq FROM halls WHERE id = $1', [hallId])).rows[0]!.ack_seq;
      const numbered = records.map((r, i) => ({ ...r, seq: Number(acked) + 1 + i }) as SyncRecord);
      expect((await api.push(credential, Number(acked) + 1, numbered)).body).toEqual({ ackSeq: Number(acked) + 8 });
      const summary = await api.get('/api/city/summary?from=2026-12-04&to=2026-12-04', admin);
      expect(summary.status).toBe(200);
      expect(summary.body.bookings).toEqual({
        booked: 4, checkedIn: 2, noShow: 1, cancelled: 1, checkInRate: 0.5, noShowRate: 0.25, avgWaitBookedSeconds: 480, avgWaitWalkInSeconds: 360,
      });
      // A day without bookings or tickets: zeros, no rates, no waits.
      const empty = await api.get('/api/city/summary?from=2026-12-05&to=2026-12-05', admin);
      expect(empty.body.bookings).toEqual({
        booked: 0, checkedIn: 0, noShow: 0, cancelled: 0, checkInRate: null, noShowRate: null, avgWaitBookedSeconds: null, avgWaitWalkInSeconds: null,
      });
    });

    it('booked and walk-in waits come from the day sums kept with the rollup, recounted while the day is stale; a check-in pushed after its ticket counts', async () => {
      // Monday 2026-12-07 is used by this test alone. a is booked for 09:00; its ticket comes first,
      // issued 08:50 and called 09:10, without the check-in record: 20 min from issue (1,200 s).
      const MON = '2026-12-07';
      const a = await book({ slotStart: `${MON}T09:00:00+08:00`, serviceCode: 'B', externalId: 'late-link' });
      expect(a.status).toBe(201);
      const ticket = (id: number, source: string, issuedAt: string, calledAt: string) => ({
        id, hallDay: MON, number: `A${100 + id}`, serviceCode: 'A', originalServiceCode: 'A', priority: 'normal', source, state: 'done',
        issuedAt, calledAt, startedAt: calledAt, finishedAt: calledAt, counterId: 1, staffId: null, recallCount: 0, outcome: 'resolved', estimatedWaitSeconds: null, caseNumber: null,
      });
      const push = async (records: Omit<SyncRecord, 'seq'>[]) => {
        const acked = Number((await server.db.query<{ ack_seq: number }>('SELECT ack_seq FROM halls WHERE id = $1', [hallId])).rows[0]!.ack_seq);
        expect((await api.push(credential, acked + 1, records.map((r, i) => ({ ...r, seq: acked + 1 + i }) as SyncRecord))).body).toEqual({ ackSeq: acked + records.length });
      };
      const bookings = async () => (await api.get(`/api/city/summary?from=${MON}&to=${MON}`, admin)).body.bookings;
      const kept = async () => (await server.db.query<{ booked_called: number; booked_wait_ms: string; walk_in_called: number; walk_in_wait_ms: string }>(
        'SELECT booked_called, booked_wait_ms::text AS booked_wait_ms, walk_in_called, walk_in_wait_ms::text AS walk_in_wait_ms FROM day_called WHERE hall_id = $1 AND hall_day = $2',
        [hallId, MON])).rows;
      // Walk-in: 09:00 → 09:04, 4 min.
      await push([
        { kind: 'ticket', at: `${MON}T01:10:00.000Z`, data: ticket(201, 'booking', `${MON}T00:50:00.000Z`, `${MON}T01:10:00.000Z`) },
        { kind: 'ticket', at: `${MON}T01:04:00.000Z`, data: ticket(202, 'walk-in', `${MON}T01:00:00.000Z`, `${MON}T01:04:00.000Z`) },
      ]);
      expect(await bookings()).toMatchObject({ avgWaitBookedSeconds: 1200, avgWaitWalkInSeconds: 240 });
      // The summary built the day: its sums are kept, and a second summary reads them.
      expect(await kept()).toEqual([{ booked_called: 1, booked_wait_ms: '1200000', walk_in_called: 1, walk_in_wait_ms: '240000' }]);
      expect(await bookings()).toMatchObject({ avgWaitBookedSeconds: 1200, avgWaitWalkInSeconds: 240 });

      // The check-in (08:50, before the 09:00 slot) arrives in a later push: from the slot start, 10 min.
      await push([{ kind: 'booking', at: `${MON}T00:50:00.000Z`, data: { id: a.body.id, state: 'checked_in', at: `${MON}T00:50:00.000Z`, ticketId: 201 } }]);
      expect(await bookings()).toMatchObject({ avgWaitBookedSeconds: 600, avgWaitWalkInSeconds: 240 });
      expect(await kept()).toEqual([{ booked_called: 1, booked_wait_ms: '600000', walk_in_called: 1, walk_in_wait_ms: '240000' }]);

      // A built day is read from its sums, not its tickets (a wrong sum shows), and a stale day from
      // its tickets (the wrong sum no longer counts).
      const { bookingFiguresOf } = await import('./bookings-service');
      await server.db.query('UPDATE day_called SET walk_in_wait_ms = 60000 WHERE hall_id = $1 AND hall_day = $2', [hallId, MON]);
      expect((await bookingFiguresOf(server.db, [hallId], MON, MON)).block).toMatchObject({ avgWaitBookedSeconds: 600, avgWaitWalkInSeconds: 60 });
      await server.db.query('UPDATE day_rollups SET version = version + 1 WHERE hall_id = $1 AND hall_day = $2', [hallId, MON]);
      expect((await bookingFiguresOf(server.db, [hallId], MON, MON)).block).toMatchObject({ avgWaitBookedSeconds: 600, avgWaitWalkInSeconds: 240 });
      expect(await bookings()).toMatchObject({ avgWaitBookedSeconds: 600, avgWaitWalkInSeconds: 240 });
      expect(await kept()).toEqual([{ booked_called: 1, booked_wait_ms: '600000', walk_in_called: 1, walk_in_wait_ms: '240000' }]);
    });

    it('migration 0041 fills the day sums of a database built before it: the same as the builder keeps', async () => {
      // After the two tests above: Friday 12-04 (booked waits 10 + 6 min, walk-ins 10 + 2 min) and Monday 12-07.
      await api.get('/api/city/summary?from=2026-12-04&to=2026-12-07', admin);
      const rows = async () => (await server.db.query(
        `SELECT hall_day::text AS day, booked_called, booked_wait_ms::text AS booked, walk_in_called, walk_in_wait_ms::text AS walk_in
         FROM day_called WHERE hall_id = $1 AND hall_day BETWEEN '2026-12-04' AND '2026-12-07' ORDER BY hall_day`, [hallId])).rows;
      const expected = [
        { day: '2026-12-04', booked_called: 2, booked: '960000', walk_in_called: 2, walk_in: '720000' },
        { day: '2026-12-07', booked_called: 1, booked: '600000', walk_in_called: 1, walk_in: '240000' },
      ];
      expect(await rows()).toEqual(expected);
      // Back to the schema before 0041, then migrate again.
      await server.db.query('DROP TABLE day_called');
      await server.db.query('DROP INDEX bookings_ticket');
      await server.db.query("DELETE FROM schema_migrations WHERE id = '0041_day_called_waits'");
      const { migrate } = await import('../db/database');
      expect(await migrate(server.db)).toEqual(['0041_day_called_waits']);
      expect(await rows()).toEqual(expected);
    });

    it('the confirmation page shows the booking masked with its QR', async () => {
      const made = await book({ slotStart: WED_0930, externalId: 'page-1', serviceCode: 'C', name: '王五' });
      const page = await fetch(`${server.url}/b/${made.body.code}?hall=${hallId}`);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('2026-12-02 09:30–10:00');
      expect(html).toContain('王*');
      expect(html).not.toContain('王五');
      expect(html).toContain('<svg');
      expect((await fetch(`${server.url}/b/000000?hall=${hallId}`)).status).toBe(404);
    });
  });
}
