import { localParts, type Figures, type FollowUpStats, type GroupFigures, type HallLevelName, type LabelledGroup } from '@hall/shared';
import {
  buildRollupRows, digestPacks, isCurrentMonthPack, packDay, packMonth, summarizeDays, summarizeHalls, type HallPackedDay, type RatingFact, type Summary, type TicketFact,
} from '@hall/shared/reports';
import { bookingsRepo } from '../bookings/bookings-repo';
import type { Db } from '../db/database';
import type { HallRow } from '../repos/halls-repo';
import { reportsRepo, type RatingFactRow, type StaleDay, type TicketFactRow } from '../repos/reports-repo';

export type ReportService = ReturnType<typeof createReportService>;

const seconds = (from: number | null, to: number | null) => (from === null || to === null ? null : Math.round((to - from) / 1000));

/** A counter or staff group of the city's figures: keyed city-wide, with the hall and the hall's own id. */
export type PeopleGroup = LabelledGroup<number> & { hallId: number; id: number };

export interface CitySummary extends Figures {
  from: string;
  to: string;
  area: string;
  byService: LabelledGroup<string>[];
  byCounter: PeopleGroup[];
  byStaff: PeopleGroup[];
  byHour: LabelledGroup<number>[];
  byDay: LabelledGroup<string>[];
  /** 回访 of bad ratings opened in the range, counted as the hall counts them. */
  followUps: FollowUpStats;
  /**
   * Services whose target wait differs between the halls in scope: across halls their service level
   * uses the target most of those halls have (each hall's own figures in `byHall` use its own).
   */
  mixedTargetServices: string[];
  byHall: (Figures & { hallId: number; name: string; level: string; areaCode: string; followUps: FollowUpStats })[];
  byArea: (Figures & { areaCode: string; name: string })[];
  /** Figures over the halls of each level in scope (exact, p90 over their waits), city → village, levels with halls only. */
  byLevel: (Figures & { level: HallLevelName; halls: number })[];
}

const LEVELS: HallLevelName[] = ['city', 'county', 'township', 'village'];

/** The facts of one hall day, as the hall's report service makes them from its own rows. */
export function ticketFact(row: TicketFactRow, hallDay: string, hourOf: (ms: number) => number): TicketFact {
  return {
    serviceCode: row.service_code, counterId: row.counter_gid, staffId: row.staff_gid, state: row.state, hallDay,
    issuedHour: hourOf(row.issued_at), waitSeconds: seconds(row.issued_at, row.called_at),
    serviceSeconds: row.state === 'done' ? seconds(row.started_at, row.finished_at) : null,
    // Targets apply when the report is read (summarizeDays), not when the day is packed.
    targetWaitSeconds: 0, estimatedWaitSeconds: row.estimated_wait_seconds,
  };
}

export function ratingFact(row: RatingFactRow, hallDay: string, hourOf: (ms: number) => number): RatingFact {
  return {
    serviceCode: row.service_code, counterId: row.counter_gid, staffId: row.staff_gid, hallDay, issuedHour: hourOf(row.issued_at),
    score: row.score, attitude: row.attitude, efficiency: row.efficiency, policy: row.policy, competence: row.competence,
  };
}

// Every zone's offset is a multiple of 15 minutes and changes on such a boundary: within one
// quarter hour of UTC the local hour is one. Intl per ticket was most of a day's rebuild.
const QUARTER_HOUR = 900_000;
const hourMemos = new Map<string, Map<number, number>>();

/** The local hour of an instant in a time zone, remembered per quarter hour. */
export function localHourOf(zone: string): (ms: number) => number {
  let memo = hourMemos.get(zone);
  if (!memo) hourMemos.set(zone, (memo = new Map()));
  const hours = memo;
  return (ms: number) => {
    const quarter = Math.floor(ms / QUARTER_HOUR);
    let hour = hours.get(quarter);
    if (hour === undefined) {
      if (hours.size >= 100_000) hours.clear();
      hours.set(quarter, (hour = localParts(quarter * QUARTER_HOUR, zone).hour));
    }
    return hour;
  };
}

const REBUILD_BATCH = 100;
// The background builder takes a few days a second: during a big catch-up it would otherwise repack
// days that the next batch changes again, holding a hundred days of facts in memory each time.
const BACKGROUND_BATCH = 20;
// How long one tick of the background builder (every second) may go on rebuilding batches.
const BACKGROUND_BUDGET_MS = 300;
const DEFAULT_ZONE = 'Asia/Shanghai';
// Hall months packed per round trip when month packs are (re)built.
const MONTH_BATCH = 100;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const nextMonth = (month: string) => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

// Ints of packs kept in memory (4 bytes each; their digests about as much again): the 200-hall
// benchmark year is ~8 M (82 MB with digests, measured).
const PACK_CACHE_INTS = 24 * 1024 * 1024;

/**
 * Packs kept between reports, least recently used out first, each under its stamp (the version it
 * was packed at): a repeated report neither reads nor digests them again (`summarizeHalls`
 * memoises what it works out per pack object).
 */
export class PackCache {
  private readonly entries = new Map<string, { stamp: string; packed: Int32Array }>();
  private size = 0;

  constructor(private readonly maxInts: number) {}

  /** The kept pack under `key` if it has this stamp. */
  get(key: string, stamp: string): Int32Array | null {
    const entry = this.entries.get(key);
    if (!entry || entry.stamp !== stamp) return null;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.packed;
  }

  set(key: string, stamp: string, packed: Int32Array) {
    const old = this.entries.get(key);
    if (old) {
      this.size -= old.packed.length;
      this.entries.delete(key);
    }
    if (packed.length > this.maxInts) return;
    this.entries.set(key, { stamp, packed });
    this.size += packed.length;
    for (const [k, entry] of this.entries) {
      if (this.size <= this.maxInts) break;
      this.entries.delete(k);
      this.size -= entry.packed.length;
    }
  }

  /** Ints held now. */
  get ints() {
    return this.size;
  }
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000);

function followUpStats(counts: { opened: number; closed: number; open_overdue: number; closed_on_time: number }[]): FollowUpStats {
  const sum = (key: 'opened' | 'closed' | 'open_overdue' | 'closed_on_time') => counts.reduce((n, c) => n + c[key], 0);
  const [opened, closed, overdue, closedOnTime] = [sum('opened'), sum('closed'), sum('open_overdue'), sum('closed_on_time')];
  return { opened, open: opened - closed, overdue, closed, closedOnTime, rate: rate(closed, opened), onTimeRate: rate(closedOnTime, closed) };
}

const figuresOnly = (summary: Summary): Figures => {
  const { byService: _s, byCounter: _c, byStaff: _st, byHour: _h, byDay: _d, ...figures } = summary;
  return figures;
};

/**
 * One hall alone (`hall=`, or an area with one hall): the hall's own `summarizeDays`, which sums month
 * packs from their per-minute histograms instead of gathering every wait (the city hall's year: ~0.75 M
 * waits). With one hall the common target is the hall's own, so the answer is the same as
 * `summarizeHalls`' (its property tests hold both to `summarize()` over every ticket).
 */
function oneHall(packs: readonly HallPackedDay[], target: (code: string) => number, hallId: number): Pick<ReturnType<typeof summarizeHalls>, 'summary' | 'hall' | 'halls'> {
  const summary = summarizeDays(packs, target);
  const figures = figuresOnly(summary);
  const none = figuresOnly(summarizeDays([], target));
  return { summary, hall: (id) => (id === hallId ? figures : none), halls: (ids) => (ids.includes(hallId) ? figures : none) };
}

export function createReportService(db: Db, clock: () => number = Date.now, packCache = new PackCache(PACK_CACHE_INTS)) {
  const repo = reportsRepo(db);

  /** Repacks stale days from their facts, a batch of days per round trip. */
  async function rebuild(stale: StaleDay[], zoneOf: (hallId: number) => string) {
    if (stale.length === 0) return;
    await repo.registerPeople(stale);
    const key = (hallId: number, day: string) => `${hallId}|${day}`;
    const facts = new Map(stale.map((d) => [key(d.hall_id, d.hall_day), { tickets: [] as TicketFact[], ratings: [] as RatingFact[] }]));
    const hourOf = (hallId: number) => localHourOf(zoneOf(hallId));
    for (const row of await repo.ticketFacts(stale)) facts.get(key(row.hall_id, row.hall_day))?.tickets.push(ticketFact(row, row.hall_day, hourOf(row.hall_id)));
    for (const row of await repo.ratingFacts(stale)) facts.get(key(row.hall_id, row.hall_day))?.ratings.push(ratingFact(row, row.hall_day, hourOf(row.hall_id)));
    const built = stale.map((day) => {
      const { tickets, ratings } = facts.get(key(day.hall_id, day.hall_day))!;
      return { day, packed: packDay(buildRollupRows(tickets, ratings)) };
    });
    // The packs and the bookings block's per-day called counts and waits at the same versions, together.
    await db.transaction(async (tx) => {
      await reportsRepo(tx).storeDays(built);
      await bookingsRepo(tx).storeDayWaits(stale);
    });
  }

  /** Rebuilds stale days of these halls in [from, to] (ingest marks the days it touches). */
  async function refresh(halls: HallRow[], from: string, to: string) {
    const zones = new Map(halls.map((h) => [h.id, h.time_zone]));
    for (;;) {
      const stale = await repo.staleDays([...zones.keys()], from, to, REBUILD_BATCH);
      await rebuild(stale, (id) => zones.get(id) ?? DEFAULT_ZONE);
      if (stale.length < REBUILD_BATCH) return;
    }
  }

  /**
   * The packs of these halls over [from, to], kept in memory between reports (`PackCache`) so a
   * repeated report neither reads nor digests them again. A past month is one pack per hall: a
   * complete month its stored month pack (`packMonth`, used while the sum of the month's day
   * versions is the one it was packed at — any ingest into a day bumps its version — packed again
   * and stored otherwise), a month cut by the range a pack of its days in the range, kept in memory
   * only. Days of the current month (still changing) are day packs, kept by their built version.
   * A run with a day changed since `refresh` is read day by day this time and not kept.
   */
  async function packsOf(ids: number[], from: string, to: string): Promise<HallPackedDay[]> {
    const currentMonth = `${localParts(clock(), DEFAULT_ZONE).day.slice(0, 8)}01`;
    const pastTo = to < currentMonth ? to : addDays(currentMonth, -1);
    const currentFrom = from > currentMonth ? from : currentMonth;
    const [segments, stamps] = await Promise.all([
      from <= pastTo ? repo.monthVersions(ids, from, pastTo) : [],
      currentFrom <= to ? repo.dayStamps(ids, currentFrom, to) : [],
    ]);
    const packs: HallPackedDay[] = [];
    const missingDays: { hallId: number; hallDay: string }[] = [];
    for (const d of stamps) {
      const kept = packCache.get(`d|${d.hall_id}|${d.hall_day}`, String(d.built_version));
      if (kept) packs.push({ hallId: d.hall_id, hallDay: d.hall_day, packed: kept });
      else missingDays.push({ hallId: d.hall_id, hallDay: d.hall_day });
    }
    type Run = { hallId: number; month: string; from: string; to: string; whole: boolean; key: string };
    const wholeMonths: Run[] = [];
    const toPack: Run[] = [];
    for (const v of segments) {
      const monthEnd = addDays(nextMonth(v.month), -1);
      const runFrom = v.month < from ? from : v.month;
      const runTo = monthEnd > pastTo ? pastTo : monthEnd;
      const run = { hallId: v.hall_id, month: v.month, from: runFrom, to: runTo, whole: runFrom === v.month && runTo === monthEnd, key: `m|${v.hall_id}|${runFrom}|${runTo}` };
      const kept = v.stale ? null : packCache.get(run.key, String(v.version_sum));
      if (kept) packs.push({ hallId: run.hallId, hallDay: run.from, packed: kept });
      else if (run.whole && !v.stale) wholeMonths.push(run);
      else toPack.push(run);
    }
    const versionOf = new Map(segments.map((v) => [`${v.hall_id}|${v.month}`, String(v.version_sum)]));
    const [stored, dayPacks] = await Promise.all([
      wholeMonths.length > 0 ? repo.monthPacksOf(wholeMonths.map((r) => ({ hallId: r.hallId, month: r.month }))) : [],
      missingDays.length > 0 ? repo.packsOfDays(missingDays) : [],
    ]);
    for (const d of dayPacks) {
      packCache.set(`d|${d.hallId}|${d.hallDay}`, String(d.builtVersion), d.packed);
      packs.push({ hallId: d.hallId, hallDay: d.hallDay, packed: d.packed });
    }
    const storedOf = new Map(stored.map((m) => [`${m.hallId}|${m.month}`, m]));
    for (const run of wholeMonths) {
      const m = storedOf.get(`${run.hallId}|${run.month}`);
      const stamp = versionOf.get(`${run.hallId}|${run.month}`)!;
      if (m && String(m.versionSum) === stamp && isCurrentMonthPack(m.packed)) {
        packCache.set(run.key, stamp, m.packed);
        packs.push({ hallId: run.hallId, hallDay: run.month, packed: m.packed });
      } else toPack.push(run);
    }
    for (let i = 0; i < toPack.length; i += MONTH_BATCH) {
      const batch = toPack.slice(i, i + MONTH_BATCH);
      const daysOf = new Map<string, Awaited<ReturnType<typeof repo.daysOfRuns>>>();
      for (const day of await repo.daysOfRuns(batch)) {
        const key = `${day.hallId}|${day.from}`;
        const list = daysOf.get(key);
        if (list) list.push(day);
        else daysOf.set(key, [day]);
      }
      const built: { hallId: number; month: string; versionSum: number; packed: Int32Array }[] = [];
      for (const run of batch) {
        const days = daysOf.get(`${run.hallId}|${run.from}`) ?? [];
        if (days.some((d) => d.builtVersion < d.version || d.packed === null)) {
          // A day changed since `refresh`: this time the run is read day by day.
          for (const d of days) if (d.packed) packs.push({ hallId: run.hallId, hallDay: d.hallDay, packed: d.packed });
          continue;
        }
        if (days.length === 0) continue;
        const packed = packMonth(days.map((d) => ({ hallDay: d.hallDay, packed: d.packed! })));
        const versionSum = days.reduce((n, d) => n + d.version, 0);
        if (run.whole) built.push({ hallId: run.hallId, month: run.month, versionSum, packed });
        packCache.set(run.key, String(versionSum), packed);
        packs.push({ hallId: run.hallId, hallDay: run.from, packed });
      }
      if (built.length > 0) await repo.storeMonths(built);
    }
    // In one order whatever order the reads came in: summarizeHalls remembers p90s per list of packs' waits.
    return packs.sort((a, b) => a.hallId - b.hallId || (a.hallDay < b.hallDay ? -1 : a.hallDay > b.hallDay ? 1 : 0));
  }

  let warmNext = 0;

  /** Builds stale rollups of any hall in the background (a few at a time), so summaries find them ready. */
  async function refreshSome(halls: Map<number, string>, limit = BACKGROUND_BATCH): Promise<number> {
    const stale = await repo.anyStaleDays(limit);
    await rebuild(stale, (id) => halls.get(id) ?? DEFAULT_ZONE);
    return stale.length;
  }

  /**
   * The background builder's idle work: the last twelve complete months of the next few halls
   * (in turn) packed, stored, kept and digested, so the first year's summary after a start or a
   * `seed:year` finds them ready. Returns the number of halls gone through.
   */
  async function warmSome(hallIds: number[], limit = BACKGROUND_BATCH): Promise<number> {
    if (hallIds.length === 0) return 0;
    const all = [...hallIds].sort((a, b) => a - b);
    const start = warmNext >= all.length ? 0 : warmNext;
    const ids = all.slice(start, start + limit);
    warmNext = start + ids.length;
    const currentMonth = `${localParts(clock(), DEFAULT_ZONE).day.slice(0, 8)}01`;
    let from = currentMonth;
    for (let m = 0; m < 12; m += 1) from = `${addDays(from, -1).slice(0, 8)}01`;
    digestPacks(await packsOf(ids, from, addDays(currentMonth, -1)));
    return ids.length;
  }

  return {
    refresh,
    warmSome,

    /** Each hall's own figures over [from, to] under its own service targets (as byHall of the summary), from the kept packs. */
    async hallFigures(halls: HallRow[], from: string, to: string): Promise<Map<number, Figures>> {
      await refresh(halls, from, to);
      const ids = halls.map((h) => h.id);
      if (ids.length === 0) return new Map();
      const [packs, targetRows] = await Promise.all([packsOf(ids, from, to), repo.targets(ids)]);
      const own = new Map(targetRows.map((t) => [`${t.hall_id}|${t.code}`, t.target_wait_minutes * 60]));
      const city = summarizeHalls(packs, () => 0, (hallId, code) => own.get(`${hallId}|${code}`) ?? 0);
      return new Map(ids.map((id) => [id, city.hall(id)]));
    },

    refreshSome,

    /**
     * One tick of the background builder: stale days of any hall, a batch at a time, while
     * `budgetMs` lasts (in opening hours every hall's today is stale again within seconds, and a
     * summary would otherwise rebuild them itself); with nothing stale, the idle warm-up. Returns the
     * days rebuilt.
     */
    async backgroundTick(halls: Map<number, string>, budgetMs = BACKGROUND_BUDGET_MS): Promise<number> {
      const until = performance.now() + budgetMs;
      let rebuilt = 0;
      for (;;) {
        const n = await refreshSome(halls);
        rebuilt += n;
        if (n < BACKGROUND_BATCH || performance.now() >= until) break;
      }
      if (rebuilt === 0) await warmSome([...halls.keys()]);
      return rebuilt;
    },

    /**
     * The summary over halls in [from, to]: per hall exactly the hall's own figures (its own service
     * targets); across halls, a service's target is the one most of those halls use.
     */
    async summary(halls: HallRow[], from: string, to: string, area: string, childAreas: { code: string; name: string; prefix: string }[]): Promise<CitySummary> {
      await refresh(halls, from, to);
      const ids = halls.map((h) => h.id);
      // Independent reads at once (PostgreSQL answers them on separate connections).
      // The follow-up counts and the people are not needed until the packs are summed: PostgreSQL
      // answers them while this process sums.
      const later = Promise.all(ids.length === 0 ? [[], [], []] : [repo.followUpStats(ids, from, to, clock()), repo.counters(ids), repo.staff(ids)]);
      // Settled at once if the packs fail first (no unhandled rejection); awaited below.
      later.catch(() => undefined);
      const [packs, targetRows] = ids.length === 0 ? [[], []] : await Promise.all([packsOf(ids, from, to), repo.targets(ids)]);
      const hallTargets = new Map<string, number>(targetRows.map((t) => [`${t.hall_id}|${t.code}`, t.target_wait_minutes * 60]));
      const votes = new Map<string, Map<number, number>>();
      for (const t of targetRows) {
        const counts = votes.get(t.code) ?? new Map<number, number>();
        counts.set(t.target_wait_minutes * 60, (counts.get(t.target_wait_minutes * 60) ?? 0) + 1);
        votes.set(t.code, counts);
      }
      const commonTarget = (code: string) => [...(votes.get(code) ?? new Map<number, number>())].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;

      // One pass over every hall's packs: the total and its groups under the common targets, each
      // day over all halls' packs of the day, each hall under its own targets, areas and levels.
      const city = halls.length === 1 ? oneHall(packs, commonTarget, halls[0]!.id) : summarizeHalls(packs, commonTarget, (hallId, code) => hallTargets.get(`${hallId}|${code}`) ?? 0);
      const total = city.summary;
      const [followUpCounts, counterRows, staffRows] = await later;
      const followUpsOf = new Map<number, typeof followUpCounts>();
      for (const c of followUpCounts) followUpsOf.set(c.hall_id, [...(followUpsOf.get(c.hall_id) ?? []), c]);
      const byHall = halls.map((hall) => ({
        hallId: hall.id, name: hall.name, level: hall.level, areaCode: hall.area_code, ...city.hall(hall.id), followUps: followUpStats(followUpsOf.get(hall.id) ?? []),
      }));
      const byArea = childAreas.map((child) => ({
        areaCode: child.code, name: child.name, ...city.halls(halls.filter((h) => h.area_code.startsWith(child.prefix)).map((h) => h.id)),
      }));
      const byLevel = LEVELS.flatMap((level) => {
        const inLevel = halls.filter((h) => h.level === level).map((h) => h.id);
        return inLevel.length === 0 ? [] : [{ level, halls: inLevel.length, ...city.halls(inLevel) }];
      });

      const serviceNames = new Map(targetRows.map((t) => [t.code, t.name]));
      const hallNames = new Map(halls.map((h) => [h.id, h.name]));
      const counters = new Map(counterRows.map((c) => [c.gid, c]));
      const staff = new Map(staffRows.map((s) => [s.gid, s]));
      const single = halls.length === 1;
      const people = (groups: GroupFigures<number>[], rows: Map<number, { hall_id: number; id: number; label: string }>): PeopleGroup[] =>
        groups.map((g) => {
          const row = rows.get(g.key);
          const label = row ? (single ? row.label : `${hallNames.get(row.hall_id) ?? ''} ${row.label}`) : `#${g.key}`;
          return { ...g, label, hallId: row?.hall_id ?? 0, id: row?.id ?? 0 };
        });
      return {
        ...figuresOnly(total), from, to, area,
        byService: total.byService.map((g) => ({ ...g, label: serviceNames.get(g.key) ?? g.key })),
        byCounter: people(total.byCounter, new Map([...counters].map(([gid, c]) => [gid, { hall_id: c.hall_id, id: c.id, label: c.name || `#${c.id}` }]))),
        byStaff: people(total.byStaff, new Map([...staff].map(([gid, s]) => [gid, { hall_id: s.hall_id, id: s.id, label: s.staff_no ? `${s.name}（${s.staff_no}）` : s.name || `#${s.id}` }]))),
        byHour: total.byHour.map((g) => ({ ...g, label: `${String(g.key).padStart(2, '0')}:00` })),
        byDay: total.byDay.map((g) => ({ ...g, label: g.key })),
        followUps: followUpStats(followUpCounts),
        mixedTargetServices: [...votes].filter(([, counts]) => counts.size > 1).map(([code]) => code).sort(),
        byHall,
        byArea,
        byLevel,
      };
    },
  };
}
