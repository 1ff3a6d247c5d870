import { bookedCallOrder, type OrderEntry, type PullBooking } from '@hall/shared';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startDemoHall, type DemoHall } from '../../../e2e/harness';
import { createHallBookingService } from './booking-service';

// Wednesday 2026-12-02, Beijing time (UTC+8); the clock moves by hand.
const at = (hhmm: string) => Date.parse(`2026-12-02T${hhmm}:00+08:00`);
let now = at('08:20');
let hall: DemoHall;
let kiosk: string;
let staff: string;
let manager: string;
let requests = 0;

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${hall.url}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
const login = async (username: string) => (await fetch(`${hall.url}/api/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: hall.password }),
}).then((r) => r.json()) as { token: string }).token;
const walkIn = () => call('POST', '/api/tickets', kiosk, { serviceCode: 'A', requestId: `walk-in-${++requests}` });
const checkIn = (code: string) => call('POST', '/api/bookings/check-in', kiosk, { code });

const pulled = (id: number, code: string, slot: string, over: Partial<PullBooking> = {}): PullBooking => ({
  id, code, serviceCode: 'A', slotStart: new Date(Date.parse(slot)).toISOString(), slotEnd: new Date(Date.parse(slot) + 30 * 60_000).toISOString(),
  hallDay: slot.slice(0, 10), state: 'booked', maskedName: '张*', phoneLast4: '8000', phoneHash: '0123456789abcdef', ...over,
});

beforeAll(async () => {
  hall = await startDemoHall({ clock: () => now });
  kiosk = hall.token('kiosk');
  staff = await login('zhangwei');
  manager = await login('manager');
  hall.server.db.prepare('UPDATE sync_state SET hall_id = 7 WHERE id = 1').run();
  createHallBookingService(hall.server.services).applyPulled([
    pulled(1, '111111', '2026-12-02T09:30:00+08:00'),
    pulled(2, '222222', '2026-12-02T10:00:00+08:00'),
    pulled(3, '333333', '2026-12-03T09:30:00+08:00'),
    pulled(4, '444444', '2026-12-02T09:00:00+08:00'),
  ]);
  // The city cancels booking 2 later; the pull brings it again, cancelled.
  createHallBookingService(hall.server.services).applyPulled([pulled(2, '222222', '2026-12-02T10:00:00+08:00', { state: 'cancelled' })]);
});

afterAll(async () => {
  await hall.close();
  removeDir(hall.dataDir);
});

describe('预约签到 at the hall', () => {
  it('too early: says when to come back, issues nothing', async () => {
    const response = await checkIn('111111');
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'too-early', message: '预约时段 09:30 开始，请于 08:30 后再来签到',
      checkInFrom: '2026-12-02T00:30:00.000Z', checkInUntil: '2026-12-02T01:50:00.000Z',
    });
    expect(hall.server.services.ctx.tickets.waiting('2026-12-02')).toHaveLength(0);
  });

  it('is called in the booked order: walk-ins who came before the slot stay ahead, later ones fall behind', async () => {
    now = at('09:00');
    const w1 = await walkIn();
    now = at('09:10');
    const w2 = await walkIn();
    now = at('09:15');
    expect([w1.status, w2.status]).toEqual([201, 201]);
    const booked = await checkIn('111111');
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ serviceCode: 'A', source: 'booking', booking: { slotStart: '2026-12-02T01:30:00.000Z', slotEnd: '2026-12-02T02:00:00.000Z' }, maskedName: '张*', waitingAhead: 2 });
    const again = await checkIn('BK:7:111111');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(booked.body.id);
    now = at('09:35');
    const w3 = await walkIn();
    // The pure rule on the same arrivals …
    const entries: OrderEntry[] = [
      { id: w1.body.id, priority: 'normal', arrivedAt: at('09:00'), slotStart: null },
      { id: w2.body.id, priority: 'normal', arrivedAt: at('09:10'), slotStart: null },
      { id: booked.body.id, priority: 'normal', arrivedAt: at('09:15'), slotStart: at('09:30') },
      { id: w3.body.id, priority: 'normal', arrivedAt: at('09:35'), slotStart: null },
    ];
    const expected = [w1.body.id, w2.body.id, booked.body.id, w3.body.id];
    expect(bookedCallOrder(entries).map((e) => e.id)).toEqual(expected);
    // The counter terminal's list shows the booked ticket in that order, marked with its slot.
    const queue = await call('GET', '/api/counters/1/queue', staff);
    expect(queue.body.waiting.filter((w: { serviceCode: string }) => w.serviceCode === 'A').map((w: { id: number; bookedSlot?: string }) => [w.id, w.bookedSlot ?? null])).toEqual([
      [w1.body.id, null], [w2.body.id, null], [booked.body.id, '2026-12-02T01:30:00.000Z'], [w3.body.id, null],
    ]);
    // … and call-next at a real counter (SQL) agree.
    const called: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const next = await call('POST', '/api/counters/1/call-next', staff);
      expect(next.status).toBe(200);
      called.push(next.body.ticket.id);
      expect((await call('POST', `/api/tickets/${next.body.ticket.id}/finish`, staff, {})).status).toBe(200);
    }
    expect(called).toEqual(expected);
  });

  it.each([
    ['a cancelled booking', '222222', 404, 'booking-cancelled'],
    ['a booking of another day', '333333', 409, 'booking-other-day'],
    ['an unknown code', '999999', 404, 'booking-not-found'],
    ['a QR of another hall', 'BK:8:111111', 404, 'booking-other-hall'],
    ['something that is no code', '12ab56', 404, 'booking-not-found'],
  ])('refuses %s', async (_label, code, status, errorCode) => {
    const before = hall.server.services.ctx.tickets.issuedCount('2026-12-02', 'A');
    const response = await checkIn(code);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(errorCode);
    expect(hall.server.services.ctx.tickets.issuedCount('2026-12-02', 'A')).toBe(before);
  });

  it('too late: a plain explanation, and the booking is a no-show on the manager\'s list', async () => {
    const response = await checkIn('444444');
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'too-late', message: '预约签到已于 09:20 截止，请取普通号排队' });
    const list = await call('GET', '/api/bookings?day=2026-12-02', manager);
    expect(list.body.map((b: { code: string; state: string; ticketNumber: string | null }) => [b.code, b.state, b.ticketNumber])).toEqual([
      ['444444', 'no_show', null], ['111111', 'checked_in', 'A003'], ['222222', 'cancelled', null],
    ]);
    expect((await call('GET', '/api/bookings', kiosk)).status).toBe(403);
    // Booked: 1 (checked in) + 444444 (no-show); walk-ins waited 09:00→call and 09:10→call, the booking from its 09:30 slot start.
    const summary = await call('GET', '/api/bookings/summary?from=2026-12-02&to=2026-12-02', manager);
    expect(summary.body).toMatchObject({ booked: 2, checkedIn: 1, noShow: 1, cancelled: 1, checkInRate: 0.5, noShowRate: 0.5 });
    expect(summary.body.avgWaitSecondsBooked).toBe(5 * 60);
    // The same figures in the hall's summary report (统计报表): walk-ins called at 09:35 after 35, 25 and 0 minutes → 20 min.
    const report = await call('GET', '/api/reports/summary?from=2026-12-02&to=2026-12-02', manager);
    expect(report.status).toBe(200);
    expect(report.body.bookings).toEqual({
      booked: 2, checkedIn: 1, noShow: 1, cancelled: 1, checkInRate: 0.5, noShowRate: 0.5, avgWaitBookedSeconds: 300, avgWaitWalkInSeconds: 1200,
    });
    // A day without bookings: zeros, no rates, no waits.
    const empty = await call('GET', '/api/reports/summary?from=2026-12-01&to=2026-12-01', manager);
    expect(empty.body.bookings).toEqual({
      booked: 0, checkedIn: 0, noShow: 0, cancelled: 0, checkInRate: null, noShowRate: null, avgWaitBookedSeconds: null, avgWaitWalkInSeconds: null,
    });
    // A hall that gives 30 minutes' grace: 444444 (09:00) already swept to no-show stays so; the window's edge moves.
    hall.server.services.ctx.hall.putSetting('booking_late_minutes', '30');
    createHallBookingService(hall.server.services).applyPulled([pulled(5, '555555', '2026-12-02T09:10:00+08:00')]);
    expect((await checkIn('555555')).status).toBe(201);
    hall.server.services.ctx.hall.putSetting('booking_late_minutes', '20');
  });

  it('keeps no more than the masked name and last 4 digits in the hall database', () => {
    hall.server.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = readdirSync(hall.dataDir).filter((f) => f.startsWith('hall.db'));
    const text = files.map((f) => readFileSync(join(hall.dataDir, f)).toString('latin1')).join('');
    expect(text).toContain(Buffer.from('张*').toString('latin1'));
    // No mobile number on its own (a run of exactly 11 digits; epoch milliseconds are 13).
    expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });
});
