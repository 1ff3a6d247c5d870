import {
  compareKeys, round, type Figures, type GroupFigures, type GroupKey, type RatingFact, type Summary, type TicketFact,
} from './summary';

/**
 * Exact partial figures of one hall day × service × counter × staff × hour of issue. Sums and
 * counts add up across rows; `waits` keeps every called ticket's wait (sorted) so the p90 of any
 * union of rows is exact, and the service level can use the service's current target.
 */
export interface RollupRow {
  hallDay: string;
  serviceCode: string;
  /** 0 when the ticket never reached a counter / nobody served it. */
  counterId: number;
  staffId: number;
  hour: number;
  issued: number;
  served: number;
  noShow: number;
  called: number;
  waitSum: number;
  serviceCount: number;
  serviceSum: number;
  estimateCount: number;
  estimateAbsErrorSum: number;
  estimateErrorSum: number;
  ratingCount: number;
  scoreSum: number;
  /** Counts of scores 1…5 at index 0…4. */
  scores: [number, number, number, number, number];
  /** attitude, efficiency, policy, competence: sum and count each. */
  dimensionSums: [number, number, number, number];
  dimensionCounts: [number, number, number, number];
  waits: Int32Array;
}

const DIMENSIONS = ['attitude', 'efficiency', 'policy', 'competence'] as const;

function emptyRow(hallDay: string, serviceCode: string, counterId: number, staffId: number, hour: number): RollupRow {
  return {
    hallDay, serviceCode, counterId, staffId, hour, issued: 0, served: 0, noShow: 0, called: 0, waitSum: 0, serviceCount: 0,
    serviceSum: 0, estimateCount: 0, estimateAbsErrorSum: 0, estimateErrorSum: 0, ratingCount: 0, scoreSum: 0,
    scores: [0, 0, 0, 0, 0], dimensionSums: [0, 0, 0, 0], dimensionCounts: [0, 0, 0, 0], waits: new Int32Array(0),
  };
}

/** Folds the tickets and ratings of any set of days into rollup rows (one per day×service×counter×staff×hour). */
export function buildRollupRows(tickets: readonly TicketFact[], ratings: readonly RatingFact[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  const waitLists = new Map<RollupRow, number[]>();
  const rowOf = (day: string, service: string, counter: number | null, staff: number | null, hour: number) => {
    const key = `${day}|${service}|${counter ?? 0}|${staff ?? 0}|${hour}`;
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(day, service, counter ?? 0, staff ?? 0, hour);
      rows.set(key, row);
      waitLists.set(row, []);
    }
    return row;
  };
  for (const t of tickets) {
    const row = rowOf(t.hallDay, t.serviceCode, t.counterId, t.staffId, t.issuedHour);
    row.issued += 1;
    if (t.state === 'done') row.served += 1;
    if (t.state === 'no_show') row.noShow += 1;
    if (t.serviceSeconds !== null) {
      row.serviceCount += 1;
      row.serviceSum += t.serviceSeconds;
    }
    if (t.waitSeconds === null) continue;
    row.called += 1;
    row.waitSum += t.waitSeconds;
    waitLists.get(row)!.push(t.waitSeconds);
    if (t.estimatedWaitSeconds !== null) {
      const error = t.estimatedWaitSeconds - t.waitSeconds;
      row.estimateCount += 1;
      row.estimateErrorSum += error;
      row.estimateAbsErrorSum += Math.abs(error);
    }
  }
  for (const r of ratings) {
    const row = rowOf(r.hallDay, r.serviceCode, r.counterId, r.staffId, r.issuedHour);
    row.ratingCount += 1;
    row.scoreSum += r.score;
    row.scores[r.score - 1] = (row.scores[r.score - 1] ?? 0) + 1;
    DIMENSIONS.forEach((dimension, index) => {
      const value = r[dimension];
      if (value === null) return;
      row.dimensionSums[index] = (row.dimensionSums[index] ?? 0) + value;
      row.dimensionCounts[index] = (row.dimensionCounts[index] ?? 0) + 1;
    });
  }
  for (const [row, waits] of waitLists) row.waits = Int32Array.from(waits).sort();
  return [...rows.values()];
}

/** Number of values ≤ limit in a sorted array. */
function countAtMost(sorted: Int32Array, limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Running totals of one report group. */
class GroupTotals {
  issued = 0; served = 0; noShow = 0; called = 0; within = 0; waitSum = 0; serviceCount = 0; serviceSum = 0;
  estimateCount = 0; estimateAbsErrorSum = 0; estimateErrorSum = 0; ratingCount = 0; scoreSum = 0;
  scores = [0, 0, 0, 0, 0];
  dimensionSums = [0, 0, 0, 0];
  dimensionCounts = [0, 0, 0, 0];
  waitChunks: Int32Array[] = [];
  minWait = Number.POSITIVE_INFINITY;
  maxWait = Number.NEGATIVE_INFINITY;

  add(row: RollupRow, within: number) {
    this.issued += row.issued; this.served += row.served; this.noShow += row.noShow; this.called += row.called;
    this.within += within; this.waitSum += row.waitSum; this.serviceCount += row.serviceCount; this.serviceSum += row.serviceSum;
    this.estimateCount += row.estimateCount; this.estimateAbsErrorSum += row.estimateAbsErrorSum;
    this.estimateErrorSum += row.estimateErrorSum; this.ratingCount += row.ratingCount; this.scoreSum += row.scoreSum;
    for (let i = 0; i < 5; i += 1) this.scores[i]! += row.scores[i]!;
    for (let i = 0; i < 4; i += 1) {
      this.dimensionSums[i]! += row.dimensionSums[i]!;
      this.dimensionCounts[i]! += row.dimensionCounts[i]!;
    }
    if (row.waits.length > 0) {
      this.waitChunks.push(row.waits);
      this.minWait = Math.min(this.minWait, row.waits[0]!);
      this.maxWait = Math.max(this.maxWait, row.waits[row.waits.length - 1]!);
    }
  }
}

/** Scratch counting array reused across groups: p90 by counting waits at 1-second resolution. */
class WaitCounter {
  private counts = new Int32Array(4096);

  /** The nearest-rank p-th percentile of all waits in the chunks (each sorted). */
  percentile(totals: GroupTotals, p: number): number | null {
    const n = totals.called;
    if (n === 0) return null;
    const rank = Math.max(1, Math.ceil(p * n));
    if (totals.waitChunks.length === 1) return totals.waitChunks[0]![rank - 1]!;
    const span = totals.maxWait - totals.minWait + 1;
    // A huge spread (a ticket called days later) would make counting wasteful: sort instead.
    if (span > 4 * 86_400) {
      const all = new Int32Array(n);
      let offset = 0;
      for (const chunk of totals.waitChunks) {
        all.set(chunk, offset);
        offset += chunk.length;
      }
      return all.sort()[rank - 1]!;
    }
    if (this.counts.length < span) this.counts = new Int32Array(span * 2);
    const counts = this.counts;
    counts.fill(0, 0, span);
    const base = totals.minWait;
    for (const chunk of totals.waitChunks) for (let i = 0; i < chunk.length; i += 1) counts[chunk[i]! - base]! += 1;
    let seen = 0;
    for (let i = 0; i < span; i += 1) {
      seen += counts[i]!;
      if (seen >= rank) return i + base;
    }
    return totals.maxWait;
  }
}

function figuresOfTotals(t: GroupTotals, counter: WaitCounter): Figures {
  const [s1, s2, s3, s4, s5] = t.scores as [number, number, number, number, number];
  const dimension = (i: number) => round.dimension(t.dimensionSums[i]!, t.dimensionCounts[i]!);
  return {
    issued: t.issued,
    served: t.served,
    noShow: t.noShow,
    noShowRate: round.rate(t.noShow, t.called),
    avgWaitSeconds: round.seconds(t.waitSum, t.called),
    p90WaitSeconds: counter.percentile(t, 0.9),
    avgServiceSeconds: round.seconds(t.serviceSum, t.serviceCount),
    serviceLevel: round.rate(t.within, t.called),
    satisfaction: {
      count: t.ratingCount,
      average: round.score(t.scoreSum, t.ratingCount),
      satisfiedRate: round.rate(s4 + s5, t.ratingCount),
      distribution: { '1': s1, '2': s2, '3': s3, '4': s4, '5': s5 },
      dimensions: { attitude: dimension(0), efficiency: dimension(1), policy: dimension(2), competence: dimension(3) },
    },
    waitEstimate: {
      count: t.estimateCount,
      meanAbsErrorSeconds: round.seconds(t.estimateAbsErrorSum, t.estimateCount),
      meanErrorSeconds: round.seconds(t.estimateErrorSum, t.estimateCount),
    },
  };
}

/**
 * The summary report from rollup rows: the same figures `summarize` computes from every ticket,
 * exactly (p90 included). `targetWaitSeconds` gives each service's current target.
 */
export function summarizeRollups(rows: readonly RollupRow[], targetWaitSeconds: (serviceCode: string) => number): Summary {
  const all = new GroupTotals();
  const dims = {
    service: new Map<string, GroupTotals>(), counter: new Map<number, GroupTotals>(), staff: new Map<number, GroupTotals>(),
    hour: new Map<number, GroupTotals>(), day: new Map<string, GroupTotals>(),
  };
  const into = <K>(map: Map<K, GroupTotals>, key: K) => {
    let totals = map.get(key);
    if (!totals) {
      totals = new GroupTotals();
      map.set(key, totals);
    }
    return totals;
  };
  const targets = new Map<string, number>();
  for (const row of rows) {
    let target = targets.get(row.serviceCode);
    if (target === undefined) {
      target = targetWaitSeconds(row.serviceCode);
      targets.set(row.serviceCode, target);
    }
    const within = countAtMost(row.waits, target);
    all.add(row, within);
    into(dims.service, row.serviceCode).add(row, within);
    if (row.counterId !== 0) into(dims.counter, row.counterId).add(row, within);
    if (row.staffId !== 0) into(dims.staff, row.staffId).add(row, within);
    into(dims.hour, row.hour).add(row, within);
    into(dims.day, row.hallDay).add(row, within);
  }
  const counter = new WaitCounter();
  const groups = <K extends GroupKey>(map: Map<K, GroupTotals>): GroupFigures<K>[] =>
    [...map.keys()].sort(compareKeys).map((key) => ({ key, ...figuresOfTotals(map.get(key)!, counter) }));
  return {
    ...figuresOfTotals(all, counter),
    byService: groups(dims.service),
    byCounter: groups(dims.counter),
    byStaff: groups(dims.staff),
    byHour: groups(dims.hour),
    byDay: groups(dims.day),
  };
}
