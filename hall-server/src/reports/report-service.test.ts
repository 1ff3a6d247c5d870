import { describe, expect, it } from 'vitest';
import { generateDay, seededRandom } from '../cli/year-generator';
import { initHall } from '../cli/seed';
import { openDatabase } from '../db/database';
import { createReportsRepo } from '../repos/reports-repo';
import { createYearSeedRepo } from '../repos/year-seed-repo';
import { createHallContext } from '../server';
import { createHallServices } from '../services/hall-services';
import { createReportService, type SummaryReport } from './report-service';
import { summarize } from './summary';

const NOW = Date.parse('2026-03-13T06:00:00Z'); // Friday 14:00 in Shanghai
const DAYS = ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'];

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
  const rng = seededRandom(7);
  let code = 0;
  for (const day of DAYS) {
    const rows = generateDay(day, hall, rng, { perDay: 150, timeZone: 'Asia/Shanghai', today: '2026-03-13', dueDay: () => '2026-03-20' }, () => `code-${(code += 1)}`);
    // Today's tickets are still in the hall's future after 14:00: keep the morning only.
    db.transaction(() => rows.filter((r) => r.ticket.finishedAt < NOW).forEach((r) => seed.insert(r.ticket, r.rating, true, null)))();
  }
  const reports = createReportService(ctx, createReportsRepo(db));
  return { db, ctx, reports, managerId };
}

/** The report without the labels and follow-up counts the direct computation does not make. */
function figures(report: SummaryReport) {
  const { from: _from, to: _to, followUps: _followUps, ...rest } = report;
  const strip = <T extends { label: string }>(groups: T[]) => groups.map(({ label: _label, ...group }) => group);
  return {
    ...rest, byService: strip(rest.byService), byCounter: strip(rest.byCounter), byStaff: strip(rest.byStaff),
    byHour: strip(rest.byHour), byDay: strip(rest.byDay),
  };
}

describe('report service over a database', () => {
  it('rollups of past days plus live today equal the direct computation, and stay exact after changes', () => {
    const { db, ctx, reports, managerId } = setup();
    const direct = () => {
      const { tickets, ratings } = reports.facts('2026-03-01', '2026-03-31');
      return summarize(tickets, ratings);
    };
    const first = reports.summary('2026-03-01', '2026-03-31');
    expect(first.issued).toBeGreaterThan(400);
    expect(first.byDay.map((d) => d.key)).toEqual(DAYS);
    expect(figures(first)).toEqual(direct());
    // Past days from the first ticket on were stored; today was not.
    expect(db.prepare('SELECT hall_day FROM report_rollup_days ORDER BY hall_day').pluck().all()).toEqual(DAYS.slice(0, 4));

    // 申诉复核 on a past day: the day is rebuilt, satisfaction drops by that rating.
    const rating = db.prepare("SELECT r.id, r.score FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE t.hall_day = '2026-03-10' LIMIT 1").get() as { id: number; score: number };
    ctx.ratings.exclude(rating.id, managerId, '恶意评价', NOW);
    reports.ratingChanged(rating.id);
    const afterExclude = reports.summary('2026-03-01', '2026-03-31');
    expect(afterExclude.satisfaction.count).toBe(first.satisfaction.count - 1);
    expect(figures(afterExclude)).toEqual(direct());

    // A past ticket changed through the queue (an event is appended): its day's rollup is dropped and rebuilt.
    const ticket = ctx.tickets.get((db.prepare("SELECT id FROM tickets WHERE hall_day = '2026-03-11' AND state = 'done' LIMIT 1").get() as { id: number }).id)!;
    ctx.tickets.update({ ...ticket, state: 'no_show' });
    ctx.tickets.appendEvent({ ticketId: ticket.id, at: NOW, action: 'correct', fromState: 'done', toState: 'no_show', counterId: null, actorUserId: null, actorDeviceId: null, detail: null });
    const afterChange = reports.summary('2026-03-01', '2026-03-31');
    expect(afterChange.noShow).toBe(afterExclude.noShow + 1);
    expect(figures(afterChange)).toEqual(direct());

    // A new target wait changes the service level at once, without rebuilding anything.
    const service = ctx.hall.service('B')!;
    ctx.hall.updateService({ ...service, targetWaitMinutes: 1 });
    expect(figures(reports.summary('2026-03-01', '2026-03-31'))).toEqual(direct());
  });

  it('a range before the first ticket or in the future is empty, not an error', () => {
    const { reports } = setup();
    expect(reports.summary('2020-01-01', '2020-12-31')).toMatchObject({ issued: 0, p90WaitSeconds: null, byDay: [] });
    expect(reports.summary('2027-01-01', '2027-01-31')).toMatchObject({ issued: 0, byService: [] });
  });
});

describe('follow-up counts in the report', () => {
  it('counts opened, open, overdue, closed and closed by the end of the due day in hall time', () => {
    const { db, reports } = setup();
    db.exec('DELETE FROM follow_ups');
    const ratingIds = db.prepare('SELECT id FROM ratings ORDER BY id LIMIT 5').pluck().all() as number[];
    const at = (iso: string) => Date.parse(iso);
    const insert = db.prepare('INSERT INTO follow_ups (rating_id, opened_at, due_day, closed_at, outcome) VALUES (?, ?, ?, ?, ?)');
    // Due 2026-03-12: 23:59 Shanghai (15:59 UTC) is on time, 00:01 the next day (16:01 UTC) is late.
    insert.run(ratingIds[0], at('2026-03-09T02:00:00Z'), '2026-03-12', at('2026-03-12T15:59:00Z'), '已回访');
    insert.run(ratingIds[1], at('2026-03-09T03:00:00Z'), '2026-03-12', at('2026-03-12T16:01:00Z'), '已回访');
    // Open and past its due day (today is 2026-03-13): overdue. Open and due later: not overdue.
    insert.run(ratingIds[2], at('2026-03-10T02:00:00Z'), '2026-03-12', null, null);
    insert.run(ratingIds[3], at('2026-03-11T02:00:00Z'), '2026-03-18', null, null);
    // Opened outside the range: not counted.
    insert.run(ratingIds[4], at('2026-02-20T02:00:00Z'), '2026-02-27', at('2026-02-21T02:00:00Z'), '已回访');
    expect(reports.summary('2026-03-01', '2026-03-31').followUps).toEqual({
      opened: 4, open: 2, overdue: 1, closed: 2, closedOnTime: 1, rate: 0.5, onTimeRate: 0.5,
    });
  });
});
