import { hallDayOf, localParts, nextHallDay, type FollowUpStats, type SummaryReport } from '@hall/shared';

export type { FollowUpStats, SummaryReport } from '@hall/shared';
import type { RatingReportRow, ReportsRepo, TicketReportRow } from '../repos/reports-repo';
import type { HallContext } from '../services/context';
import { localMidnight } from './local-time';
import { createMonthPacksRepo, type StoredMonthPack } from './month-packs';
import { buildRollupRows, isCurrentMonthPack, packDay, packMonth, summarizeDays } from './rollup';
import type { RatingFact, Summary, TicketFact } from './summary';

export type ReportService = ReturnType<typeof createReportService>;

const seconds = (from: number | null, to: number | null) => (from === null || to === null ? null : Math.round((to - from) / 1000));
const QUARTER_HOUR = 15 * 60_000;
/** Month packs kept in memory (~0.8 MB each for a 3,900-ticket-a-day hall). */
const PACK_CACHE_MONTHS = 24;

/**
 * Reports over any range of hall days. Past days are read from rollups built once per day (and
 * rebuilt when a ticket or rating of that day changes); today is always computed from its tickets.
 */
export function createReportService(ctx: HallContext, repo: ReportsRepo) {
  const months = createMonthPacksRepo(ctx.db);
  const packCache = new Map<string, StoredMonthPack>();
  // Hour of issue by 15-minute slot: every real time-zone offset and DST switch falls on one.
  const hourCache = new Map<number, number>();
  const hourOf = (ms: number) => {
    const slot = Math.floor(ms / QUARTER_HOUR);
    let hour = hourCache.get(slot);
    if (hour === undefined) {
      hour = localParts(slot * QUARTER_HOUR, ctx.timeZone).hour;
      if (hourCache.size > 100_000) hourCache.clear();
      hourCache.set(slot, hour);
    }
    return hour;
  };

  function ticketFact(row: TicketReportRow): TicketFact {
    return {
      serviceCode: row.service_code, counterId: row.counter_id, staffId: row.staff_id, state: row.state, hallDay: row.hall_day,
      issuedHour: hourOf(row.issued_at), waitSeconds: seconds(row.issued_at, row.first_called_at),
      serviceSeconds: row.state === 'done' ? seconds(row.started_at, row.finished_at) : null,
      targetWaitSeconds: row.target_wait_minutes * 60, estimatedWaitSeconds: row.estimated_wait_seconds,
    };
  }

  function ratingFact(row: RatingReportRow): RatingFact {
    return {
      serviceCode: row.service_code, counterId: row.counter_id, staffId: row.staff_id, hallDay: row.hall_day,
      issuedHour: hourOf(row.issued_at), score: row.score, attitude: row.attitude, efficiency: row.efficiency,
      policy: row.policy, competence: row.competence,
    };
  }

  const facts = (from: string, to: string) => ({
    tickets: repo.tickets(from, to).map(ticketFact),
    ratings: repo.ratings(from, to).map(ratingFact),
  });

  function buildDay(day: string): Int32Array {
    const { tickets, ratings } = facts(day, day);
    return packDay(buildRollupRows(tickets, ratings));
  }

  // The last event and rating this service has looked at. Changes to today's tickets alone (what a
  // busy hall makes all day) drop no stored day, so they move only this mark and write nothing; the
  // stored marks are written when a stored day is dropped, or every 5,000 events or ratings so that
  // a restart has little to read again.
  const seen = { events: -1, ratings: -1 };

  /** Drops rollups of days whose tickets or ratings changed since the last look. */
  function dropChangedDays() {
    const maxEvent = repo.maxEventId();
    const maxRating = repo.maxRatingId();
    if (seen.events === maxEvent && seen.ratings === maxRating) return;
    const eventMark = repo.watermark('events');
    const ratingMark = repo.watermark('ratings');
    const marked = eventMark !== null && ratingMark !== null;
    const changed = marked ? [...repo.daysChangedAfter(Math.max(eventMark, seen.events), Math.max(ratingMark, seen.ratings))] : [];
    const stored = changed.filter((day) => repo.builtDays(day, day).size > 0);
    if (!marked || stored.length > 0 || maxEvent - eventMark >= 5000 || maxRating - ratingMark >= 5000) {
      ctx.db.transaction(() => {
        for (const day of stored) repo.dropDay(day);
        repo.setWatermark('events', maxEvent);
        repo.setWatermark('ratings', maxRating);
      }).immediate();
    }
    seen.events = maxEvent;
    seen.ratings = maxRating;
  }

  /** Builds the missing rollups of past days in [from, to]; a day is read and stored in one transaction. */
  function ensureRollups(from: string, to: string) {
    dropChangedDays();
    const built = repo.builtDays(from, to);
    // Every day of the range built already (the usual case): no walk over the days.
    if (built.size === (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1) return;
    for (let day = from; day <= to; day = nextHallDay(day)) {
      if (built.has(day)) continue;
      ctx.db.transaction(() => repo.storeDay(day, buildDay(day), ctx.clock())).immediate();
    }
  }

  /**
   * Packs of the past days [start, end] (rolled up already): a month pack for every month whose
   * days the range covers from the hall's first day on, stored day packs for the rest. A missing
   * or stale month pack is packed from its days and stored.
   */
  function pastPacks(start: string, end: string, first: string): { hallDay: string; packed: Int32Array }[] {
    const stored = months.index(start.slice(0, 7), end.slice(0, 7));
    const packs: { hallDay: string; packed: Int32Array }[] = [];
    for (let monthStart = `${start.slice(0, 7)}-01`; monthStart <= end; monthStart = nextMonth(monthStart)) {
      const month = monthStart.slice(0, 7);
      const monthEnd = previousDay(nextMonth(monthStart));
      const from = start > monthStart ? start : monthStart;
      const to = end < monthEnd ? end : monthEnd;
      if (to !== monthEnd || from !== (first > monthStart ? first : monthStart)) {
        packs.push(...repo.packedDays(from, to));
        continue;
      }
      const entry = stored.get(month);
      let pack = entry?.fromDay === from ? packCache.get(month) : undefined;
      if (pack?.serial !== entry?.serial) {
        const packed = entry?.fromDay === from ? months.data(month) : null;
        pack = packed && entry && isCurrentMonthPack(packed) ? { fromDay: from, serial: entry.serial, packed: Int32Array.from(packed) } : undefined;
      }
      if (!pack) {
        const packed = packMonth(repo.packedDays(from, to));
        const serial = ctx.db.transaction(() => months.store(month, from, packed, ctx.clock())).immediate();
        pack = { fromDay: from, serial, packed };
      }
      // Whole past months change rarely: the packs read last are kept (a year is ~10 MB).
      if (packCache.size >= PACK_CACHE_MONTHS && !packCache.has(month)) packCache.delete(packCache.keys().next().value!);
      packCache.set(month, pack);
      packs.push({ hallDay: month, packed: pack.packed });
    }
    return packs;
  }

  /** Packs for [from, to]: stored months and days for past days, today's day computed from its tickets. */
  function daysFor(from: string, to: string): { hallDay: string; packed: Int32Array }[] {
    const today = hallDayOf(ctx.clock(), ctx.timeZone);
    const first = repo.firstDay();
    if (first === null) return [];
    const start = from < first ? first : from;
    const yesterday = previousDay(today);
    const pastEnd = to < yesterday ? to : yesterday;
    const days: { hallDay: string; packed: Int32Array }[] = [];
    if (start <= pastEnd) {
      ensureRollups(start, pastEnd);
      days.push(...pastPacks(start, pastEnd, first));
    }
    if (start <= today && today <= to) days.push({ hallDay: today, packed: buildDay(today) });
    return days;
  }

  function targetOf(serviceCode: string): number {
    return (ctx.hall.service(serviceCode)?.targetWaitMinutes ?? 0) * 60;
  }

  /** Follow-up counts by range, hall day and follow_ups version: reused until a follow-up changes or the day turns. */
  const followUpCache = new Map<string, FollowUpStats>();

  function followUpStats(from: string, to: string): FollowUpStats {
    const today = hallDayOf(ctx.clock(), ctx.timeZone);
    const key = `${from}|${to}|${today}|${months.followUpVersion()}`;
    let stats = followUpCache.get(key);
    if (!stats) {
      stats = countFollowUps(from, to, today);
      if (followUpCache.size >= 64) followUpCache.clear();
      followUpCache.set(key, stats);
    }
    return { ...stats };
  }

  function countFollowUps(from: string, to: string, today: string): FollowUpStats {
    const bound = (day: string) => localMidnight(day < '1970-01-02' ? '1970-01-02' : day.length > 10 || day > '9999-12-30' ? '9999-12-30' : day, ctx.timeZone);
    const offsetMs = Date.parse(`${today}T00:00:00Z`) - localMidnight(today, ctx.timeZone);
    const row = repo.followUpStats(bound(from), bound(nextHallDay(to)), today, offsetMs);
    const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000);
    return {
      opened: row.opened, open: row.opened - row.closed, overdue: row.open_overdue, closed: row.closed,
      closedOnTime: row.closed_on_time, rate: rate(row.closed, row.opened), onTimeRate: rate(row.closed_on_time, row.closed),
    };
  }

  function label(summary: Summary, from: string, to: string): SummaryReport {
    const services = new Map(ctx.hall.services().map((s) => [s.code, s.nameZh]));
    const counters = new Map(ctx.hall.counters().map((c) => [c.id, c.name]));
    const staff = new Map(ctx.people.users().map((u) => [u.id, u.staffNo ? `${u.displayName}（${u.staffNo}）` : u.displayName]));
    return {
      ...summary, from, to,
      byService: summary.byService.map((g) => ({ ...g, label: services.get(g.key) ?? g.key })),
      byCounter: summary.byCounter.map((g) => ({ ...g, label: counters.get(g.key) ?? `#${g.key}` })),
      byStaff: summary.byStaff.map((g) => ({ ...g, label: staff.get(g.key) ?? `#${g.key}` })),
      byHour: summary.byHour.map((g) => ({ ...g, label: `${String(g.key).padStart(2, '0')}:00` })),
      byDay: summary.byDay.map((g) => ({ ...g, label: g.key })),
      followUps: followUpStats(from, to),
    };
  }

  return {
    /** The summary report for [from, to] (hall days, inclusive), from rollups. */
    summary(from: string, to: string): SummaryReport {
      return label(summarizeDays(daysFor(from, to), targetOf), from, to);
    },
    followUpStats,
    /**
     * Called tickets over [from, to] and the sum of their waits in ms (issue to first call, never
     * below 0): counted once per past day and kept with its rollup, today from its tickets.
     */
    calledWaits(from: string, to: string): { called: number; waitMs: number } {
      const today = hallDayOf(ctx.clock(), ctx.timeZone);
      const first = repo.firstDay();
      if (first === null) return { called: 0, waitMs: 0 };
      const start = from < first ? first : from;
      const yesterday = previousDay(today);
      const pastEnd = to < yesterday ? to : yesterday;
      const sum = { called: 0, waitMs: 0 };
      const add = (part: { called: number; waitMs: number }) => {
        sum.called += part.called;
        sum.waitMs += part.waitMs;
      };
      if (start <= pastEnd) {
        ensureRollups(start, pastEnd);
        if (months.calledMissing(start, pastEnd)) ctx.db.transaction(() => months.fillCalled(start, pastEnd)).immediate();
        add(months.calledSum(start, pastEnd));
      }
      if (start <= today && today <= to) add(months.calledLive(today));
      return sum;
    },
    /** Facts of a range straight from the tickets: the reference the rollups are checked against. */
    facts,
    ticketRows: (from: string, to: string) => repo.iterateTickets(from, to),
    /** A rating of that day was excluded (申诉复核): its rollup is rebuilt on the next report. */
    ratingChanged(ratingId: number) {
      const day = repo.dayOfRating(ratingId);
      if (day) repo.dropDay(day);
    },
    /** Builds every missing rollup of past days up to yesterday, the packs of whole past months and the days' called sums (after a bulk import). */
    warm() {
      const first = repo.firstDay();
      const yesterday = previousDay(hallDayOf(ctx.clock(), ctx.timeZone));
      if (first === null || first > yesterday) return;
      ensureRollups(first, yesterday);
      pastPacks(first, yesterday, first);
      if (months.calledMissing(first, yesterday)) ctx.db.transaction(() => months.fillCalled(first, yesterday)).immediate();
    },
  };
}

/** The first day of the month after the one `monthStart` (YYYY-MM-01) begins. */
function nextMonth(monthStart: string): string {
  const date = new Date(`${monthStart.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
