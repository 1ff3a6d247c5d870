import { describe, expect, it } from 'vitest';
import { createHallBookingService } from '../bookings/booking-service';
import { generateDay, seededRandom } from '../cli/year-generator';
import { initHall } from '../cli/seed';
import { openDatabase } from '../db/database';
import { createReportsRepo } from '../repos/reports-repo';
import { createYearSeedRepo } from '../repos/year-seed-repo';
import { createHallContext } from '../server';
import { createHallServices } from '../services/hall-services';
import { createReportService, type SummaryReport } from './report-service';
import { summarize } from './summary';

const NOW = Date.parse('2026-03-04T06:00:00Z'); // Wednesday 14:00 in Shanghai
// February from the 24th (the hall's first day) is a whole past month; March is partly past, partly today.
const DAYS = ['2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-03-02', '2026-03-03', '2026-03-04'];

function setup() {
  const db = openDatabase(':memory:');
  const ctx = createHallContext(db, { clock: () => NOW });
  const services = createHallServices(ctx);
  initHall(services, { hallName: '测试大厅', level: 'city', enforceOpeningHours: false });
  const managerId = services.auth.createUser({ username: 'boss', displayName: '主任', staffNo: '0001', role: 'manager', password: 'password-1' });
  const staffIds = [1, 2, 3].map((i) => services.auth.createUser({ username: `s${i}`, displayName: `员工${i}`, staffNo: `01${i}`, role: 'staff', password: 'password-1' }));
  ctx.hall.counters().forEach((c, i) => ctx.hall.setCounterStaff(c.id, staffIds[i % 3] ?? null));
  const hall = {
    services: ctx.hall.services().map((s) => ({ code: s.code, prefix: s.prefix })),
    counters: ctx.hall.counters().map((c) => ({ id: c.id, services: c.services, staffId: c.staffId })),
    staffIds, managerId,
  };
  const seed = createYearSeedRepo(db);
  const rng = seededRandom(11);
  let code = 0;
  for (const day of DAYS) {
    const rows = generateDay(day, hall, rng, { perDay: 120, timeZone: 'Asia/Shanghai', today: '2026-03-04', dueDay: () => '2026-03-10' }, () => `code-${(code += 1)}`);
    db.transaction(() => rows.filter((r) => r.ticket.finishedAt < NOW).forEach((r) => seed.insert(r.ticket, r.rating, true, null)))();
  }
  const reports = createReportService(ctx, createReportsRepo(db));
  /** The summary computed directly from every ticket and rating of the range (what the packs must equal). */
  const direct = (from: string, to: string) => {
    const { tickets, ratings } = reports.facts(from, to);
    return summarize(tickets, ratings);
  };
  return { db, ctx, services, reports, direct };
}

function figures(report: SummaryReport) {
  const { from: _from, to: _to, followUps: _followUps, ...rest } = report;
  const strip = <T extends { label: string }>(groups: T[]) => groups.map(({ label: _label, ...group }) => group);
  return {
    ...rest, byService: strip(rest.byService), byCounter: strip(rest.byCounter), byStaff: strip(rest.byStaff),
    byHour: strip(rest.byHour), byDay: strip(rest.byDay),
  };
}

describe('month packs in the report service', () => {
  it('a whole past month is summed from its pack, equal to every ticket; a changed day or target is followed at once', () => {
    const { db, ctx, reports, direct } = setup();
    const months = () => db.prepare('SELECT month, from_day FROM report_rollup_months ORDER BY month').all();
    expect(figures(reports.summary('2026-02-01', '2026-03-31'))).toEqual(direct('2026-02-01', '2026-03-31'));
    // February (from the first ticket's day) was packed; March is not over.
    expect(months()).toEqual([{ month: '2026-02', from_day: '2026-02-24' }]);
    // A range that starts inside February reads its days, not the pack.
    expect(figures(reports.summary('2026-02-25', '2026-03-03'))).toEqual(direct('2026-02-25', '2026-03-03'));

    // A February ticket called later than it was (an event is appended): its day and month are rebuilt.
    const id = (db.prepare("SELECT id FROM tickets WHERE hall_day = '2026-02-26' AND first_called_at IS NOT NULL ORDER BY id LIMIT 1").get() as { id: number }).id;
    const ticket = ctx.tickets.get(id)!;
    ctx.tickets.update({ ...ticket, firstCalledAt: ticket.firstCalledAt! + 3 * 3_600_000 });
    ctx.tickets.appendEvent({ ticketId: id, at: NOW, action: 'correct', fromState: ticket.state, toState: ticket.state, counterId: null, actorUserId: null, actorDeviceId: null, detail: null });
    const before = reports.summary('2026-02-01', '2026-02-28');
    expect(figures(before)).toEqual(direct('2026-02-01', '2026-02-28'));
    expect(months()).toEqual([{ month: '2026-02', from_day: '2026-02-24' }]);

    // Another report service on the same database (a second process) packs February again after a
    // change: this one, holding the old pack in memory, sees the new serial and reads the new pack.
    const other = createReportService(ctx, createReportsRepo(db));
    const id2 = (db.prepare("SELECT id FROM tickets WHERE hall_day = '2026-02-27' AND first_called_at IS NOT NULL ORDER BY id LIMIT 1").get() as { id: number }).id;
    const ticket2 = ctx.tickets.get(id2)!;
    ctx.tickets.update({ ...ticket2, firstCalledAt: ticket2.firstCalledAt! + 5 * 3_600_000 });
    ctx.tickets.appendEvent({ ticketId: id2, at: NOW, action: 'correct', fromState: ticket2.state, toState: ticket2.state, counterId: null, actorUserId: null, actorDeviceId: null, detail: null });
    expect(figures(other.summary('2026-02-01', '2026-02-28'))).toEqual(direct('2026-02-01', '2026-02-28'));
    expect(figures(reports.summary('2026-02-01', '2026-02-28'))).toEqual(direct('2026-02-01', '2026-02-28'));
    expect(reports.summary('2026-02-01', '2026-02-28').p90WaitSeconds).not.toBe(before.p90WaitSeconds);

    // A new target for a service: the service level changes from the same pack.
    const service = ctx.hall.service('A')!;
    ctx.hall.updateService({ ...service, targetWaitMinutes: 2 });
    const after = reports.summary('2026-02-01', '2026-02-28');
    expect(after.serviceLevel).not.toBe(before.serviceLevel);
    expect(figures(after)).toEqual(direct('2026-02-01', '2026-02-28'));
  });
});

describe('the bookings block from per-day called sums', () => {
  it('gives the same booked and walk-in waits as the scan over every ticket, past days and today, also after a change', () => {
    const { db, ctx, services, reports } = setup();
    // Every 7th called ticket was booked: a booking checked in, its slot 10 minutes after issue for
    // half of them (the wait counts from the slot) and 10 minutes before for the rest.
    const called = db.prepare('SELECT id, hall_day, issued_at FROM tickets WHERE first_called_at IS NOT NULL ORDER BY id').all() as { id: number; hall_day: string; issued_at: number }[];
    const insert = db.prepare(`INSERT INTO bookings (id, code, service_code, slot_start, slot_end, hall_day, state, masked_name, phone_last4, phone_hash, ticket_id, checked_in_at)
      VALUES (?, ?, 'A', ?, ?, ?, 'checked_in', '张*', '1234', 'h', ?, ?)`);
    const booked = called.filter((_, i) => i % 7 === 0);
    booked.forEach((t, i) => {
      const slot = t.issued_at + (i % 2 === 0 ? 600_000 : -600_000);
      insert.run(i + 1, String(100000 + i), slot, slot + 1_800_000, t.hall_day, t.id, t.issued_at);
      db.prepare("UPDATE tickets SET source = 'booking' WHERE id = ?").run(t.id);
    });
    expect(booked.length).toBeGreaterThan(50);
    const scan = createHallBookingService(services);
    const fromSums = createHallBookingService(services, undefined, reports.calledWaits);
    const ranges = [['2026-02-01', '2026-03-31'], ['2026-02-24', '2026-02-24'], ['2026-02-25', '2026-03-03'], ['2026-03-04', '2026-03-04'], ['2027-01-01', '2027-01-31']] as const;
    for (const [from, to] of ranges) expect(fromSums.figures(from, to)).toEqual(scan.figures(from, to));
    const whole = fromSums.figures('2026-02-01', '2026-03-31');
    expect(whole.avgWaitBookedSeconds).not.toBeNull();
    expect(whole.avgWaitWalkInSeconds).not.toBeNull();
    expect(whole.avgWaitBookedSeconds).not.toBe(whole.avgWaitWalkInSeconds);

    // A past walk-in called an hour later: the day's sums are counted again.
    const dayBefore = fromSums.figures('2026-02-25', '2026-02-25').avgWaitWalkInSeconds!;
    const walkIn = called.find((t, i) => i % 7 !== 0 && t.hall_day === '2026-02-25')!;
    const ticket = ctx.tickets.get(walkIn.id)!;
    ctx.tickets.update({ ...ticket, firstCalledAt: ticket.firstCalledAt! + 3_600_000 });
    ctx.tickets.appendEvent({ ticketId: walkIn.id, at: NOW, action: 'correct', fromState: ticket.state, toState: ticket.state, counterId: null, actorUserId: null, actorDeviceId: null, detail: null });
    for (const [from, to] of ranges) expect(fromSums.figures(from, to)).toEqual(scan.figures(from, to));
    expect(fromSums.figures('2026-02-25', '2026-02-25').avgWaitWalkInSeconds).toBeGreaterThan(dayBefore);
  });

  it('walk-in and booked waits written out for a hand-made day', () => {
    const db = openDatabase(':memory:');
    const ctx = createHallContext(db, { clock: () => NOW });
    const services = createHallServices(ctx);
    initHall(services, { hallName: '测试大厅', level: 'city', enforceOpeningHours: false });
    const reports = createReportService(ctx, createReportsRepo(db));
    const seed = createYearSeedRepo(db);
    const at = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00+08:00`);
    // Walk-ins waited 10 and 21 minutes; the booked ticket was issued 09:00 for a 09:30 slot and called 09:40: 10 minutes.
    const rows = [['09:00', '09:10', 'walk-in'], ['09:05', '09:26', 'walk-in'], ['09:00', '09:40', 'booking']] as const;
    rows.forEach(([issued, calledAt], i) => {
      seed.insert({
        hallDay: '2026-03-02', number: `A00${i + 1}`, serviceCode: 'A', priority: 'normal', state: 'done', issuedAt: at(issued),
        calledAt: at(calledAt), startedAt: at(calledAt), finishedAt: at(calledAt) + 60_000, counterId: null, staffId: null, recallCount: 0,
        outcome: null, trackingCode: `hand-${i}`, estimatedWaitSeconds: 600,
      }, null, true, null);
    });
    const bookedId = (db.prepare("SELECT id FROM tickets WHERE number = 'A003'").get() as { id: number }).id;
    db.prepare("UPDATE tickets SET source = 'booking' WHERE id = ?").run(bookedId);
    db.prepare(`INSERT INTO bookings (id, code, service_code, slot_start, slot_end, hall_day, state, masked_name, phone_last4, phone_hash, ticket_id)
      VALUES (1, '123456', 'A', ?, ?, '2026-03-02', 'checked_in', '张*', '1234', 'h', ?)`).run(at('09:30'), at('10:00'), bookedId);
    const figures = createHallBookingService(services, undefined, reports.calledWaits).figures('2026-03-01', '2026-03-04');
    expect(figures).toMatchObject({ checkedIn: 1, avgWaitBookedSeconds: 600, avgWaitWalkInSeconds: 930 }); // (600 + 1260) / 2
  });
});

describe('follow-up counts reused between reports', () => {
  it('are counted again when a follow-up is opened, closed or removed, and not otherwise', () => {
    const { db, reports } = setup();
    db.exec('DELETE FROM follow_ups');
    const ratingIds = db.prepare('SELECT id FROM ratings ORDER BY id LIMIT 3').pluck().all() as number[];
    const insert = db.prepare('INSERT INTO follow_ups (rating_id, opened_at, due_day, closed_at, outcome) VALUES (?, ?, ?, ?, ?)');
    insert.run(ratingIds[0], Date.parse('2026-02-25T02:00:00Z'), '2026-03-02', null, null);
    insert.run(ratingIds[1], Date.parse('2026-02-26T02:00:00Z'), '2026-03-05', null, null);
    const counts = () => reports.summary('2026-02-01', '2026-03-31').followUps;
    // Today is 2026-03-04: the first is overdue (due 03-02), the second not yet.
    expect(counts()).toMatchObject({ opened: 2, open: 2, overdue: 1, closed: 0 });
    expect(counts()).toMatchObject({ opened: 2, open: 2, overdue: 1, closed: 0 });
    db.prepare('UPDATE follow_ups SET closed_at = ?, outcome = ? WHERE rating_id = ?').run(Date.parse('2026-03-01T02:00:00Z'), '已回访', ratingIds[0]);
    expect(counts()).toMatchObject({ opened: 2, open: 1, overdue: 0, closed: 1, closedOnTime: 1 });
    insert.run(ratingIds[2], Date.parse('2026-03-03T02:00:00Z'), '2026-03-09', null, null);
    expect(counts()).toMatchObject({ opened: 3, open: 2, overdue: 0, closed: 1 });
    db.prepare('DELETE FROM follow_ups WHERE rating_id = ?').run(ratingIds[1]);
    expect(counts()).toMatchObject({ opened: 2, open: 1, closed: 1 });
  });
});

describe('changes to today only', () => {
  it("write no watermark and drop nothing, while a past day's change still drops that day", () => {
    const { db, ctx, reports, direct } = setup();
    const mark = () => db.prepare("SELECT value FROM report_watermarks WHERE name = 'events'").pluck().get() as number;
    const stored = () => db.prepare('SELECT COUNT(*) FROM report_rollup_days').pluck().get() as number;
    reports.summary('2026-02-01', '2026-03-31');
    const [markBefore, storedBefore] = [mark(), stored()];
    const correct = (day: string, calledLater: number) => {
      const id = (db.prepare('SELECT id FROM tickets WHERE hall_day = ? AND first_called_at IS NOT NULL ORDER BY id LIMIT 1').get(day) as { id: number }).id;
      const ticket = ctx.tickets.get(id)!;
      ctx.tickets.update({ ...ticket, firstCalledAt: ticket.firstCalledAt! + calledLater });
      ctx.tickets.appendEvent({ ticketId: id, at: NOW, action: 'correct', fromState: ticket.state, toState: ticket.state, counterId: null, actorUserId: null, actorDeviceId: null, detail: null });
    };
    correct('2026-03-04', 600_000);
    expect(figures(reports.summary('2026-02-01', '2026-03-31'))).toEqual(direct('2026-02-01', '2026-03-31'));
    expect([mark(), stored()]).toEqual([markBefore, storedBefore]);
    correct('2026-03-02', 600_000);
    expect(figures(reports.summary('2026-02-01', '2026-03-31'))).toEqual(direct('2026-02-01', '2026-03-31'));
    expect(mark()).toBeGreaterThan(markBefore);
    expect(stored()).toBe(storedBefore); // 03-02 dropped, then built again by the same report
  });
});
