import type { Figures, GroupFigures, GroupKey, Satisfaction } from '../schemas/report-views';

export type { Figures, GroupFigures, GroupKey, Satisfaction, WaitEstimateAccuracy } from '../schemas/report-views';
/** One ticket as reports need it: seconds, and who served it. */
export interface TicketFact {
  serviceCode: string;
  counterId: number | null;
  staffId: number | null;
  state: string;
  hallDay: string;
  /** Hour of day (hall time zone) the ticket was issued. */
  issuedHour: number;
  /** Seconds from issue to first call; null when never called. */
  waitSeconds: number | null;
  /** Seconds from start to finish; null unless done. */
  serviceSeconds: number | null;
  /** The service's target wait when it was reported, in seconds. */
  targetWaitSeconds: number;
  /** The estimate the visitor was given at issue, in seconds; null for tickets issued without one. */
  estimatedWaitSeconds: number | null;
}

/** A rating, grouped by its ticket's day, service, counter, staff and hour of issue. */
export interface RatingFact {
  serviceCode: string;
  counterId: number | null;
  staffId: number | null;
  hallDay: string;
  issuedHour: number;
  score: number;
  attitude: number | null;
  efficiency: number | null;
  policy: number | null;
  competence: number | null;
}

export interface Summary extends Figures {
  byService: GroupFigures<string>[];
  byCounter: GroupFigures<number>[];
  byStaff: GroupFigures<number>[];
  byHour: GroupFigures<number>[];
  byDay: GroupFigures<string>[];
}

/** Nearest-rank percentile (the value at rank ⌈p·n⌉ of the sorted sample), as hall reports state it. */
export function percentile(sortedAscending: ArrayLike<number>, p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sortedAscending.length));
  return sortedAscending[rank - 1]!;
}

/** Rounding shared by the direct computation and the rollups, so both print the same figures. */
export const round = {
  seconds: (sum: number, count: number) => (count === 0 ? null : Math.round(sum / count)),
  rate: (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000),
  score: (sum: number, count: number) => (count === 0 ? null : Math.round((sum / count) * 100) / 100),
  dimension: (sum: number, count: number) => (count === 0 ? null : Math.round((sum / count) * 10) / 10),
};

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Satisfaction over ratings that are not excluded (the caller filters 申诉复核 exclusions). */
export function satisfactionOf(ratings: readonly RatingFact[]): Satisfaction {
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const rating of ratings) distribution[String(rating.score) as keyof typeof distribution] += 1;
  const dimension = (key: 'attitude' | 'efficiency' | 'policy' | 'competence') => {
    const values = ratings.map((r) => r[key]).filter((v): v is number => v !== null);
    return round.dimension(sum(values), values.length);
  };
  return {
    count: ratings.length,
    average: round.score(sum(ratings.map((r) => r.score)), ratings.length),
    satisfiedRate: round.rate(distribution['4'] + distribution['5'], ratings.length),
    distribution,
    dimensions: { attitude: dimension('attitude'), efficiency: dimension('efficiency'), policy: dimension('policy'), competence: dimension('competence') },
  };
}

/** The report figures of one group of tickets and ratings, computed directly from the facts. */
export function figuresOf(tickets: readonly TicketFact[], ratings: readonly RatingFact[]): Figures {
  const called = tickets.filter((t) => t.waitSeconds !== null);
  const waits = called.map((t) => t.waitSeconds!).sort((a, b) => a - b);
  const withinTarget = called.filter((t) => t.waitSeconds! <= t.targetWaitSeconds).length;
  const serviceTimes = tickets.map((t) => t.serviceSeconds).filter((s): s is number => s !== null);
  const estimated = called.filter((t) => t.estimatedWaitSeconds !== null);
  const errors = estimated.map((t) => t.estimatedWaitSeconds! - t.waitSeconds!);
  const noShow = tickets.filter((t) => t.state === 'no_show').length;
  return {
    issued: tickets.length,
    served: tickets.filter((t) => t.state === 'done').length,
    noShow,
    noShowRate: round.rate(noShow, called.length),
    avgWaitSeconds: round.seconds(sum(waits), waits.length),
    p90WaitSeconds: percentile(waits, 0.9),
    avgServiceSeconds: round.seconds(sum(serviceTimes), serviceTimes.length),
    serviceLevel: round.rate(withinTarget, called.length),
    satisfaction: satisfactionOf(ratings),
    waitEstimate: {
      count: errors.length,
      meanAbsErrorSeconds: round.seconds(sum(errors.map(Math.abs)), errors.length),
      meanErrorSeconds: round.seconds(sum(errors), errors.length),
    },
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Group keys in a stable order: numbers numerically, text lexically (days, service codes). */
export function compareKeys(a: GroupKey, b: GroupKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * The summary report computed directly from every ticket and rating: the reference the rollups
 * must match exactly (see rollup.test.ts), and what small ranges could use on their own.
 */
export function summarize(tickets: readonly TicketFact[], ratings: readonly RatingFact[]): Summary {
  const split = <K extends GroupKey>(ticketKey: (t: TicketFact) => K | null, ratingKey: (r: RatingFact) => K | null): GroupFigures<K>[] => {
    const ticketGroups = groupBy(tickets, ticketKey);
    const ratingGroups = groupBy(ratings, ratingKey);
    const keys = [...new Set([...ticketGroups.keys(), ...ratingGroups.keys()])].filter((k): k is K => k !== null).sort(compareKeys);
    return keys.map((key) => ({ key, ...figuresOf(ticketGroups.get(key) ?? [], ratingGroups.get(key) ?? []) }));
  };
  return {
    ...figuresOf(tickets, ratings),
    byService: split((t) => t.serviceCode, (r) => r.serviceCode),
    byCounter: split((t) => t.counterId, (r) => r.counterId),
    byStaff: split((t) => t.staffId, (r) => r.staffId),
    byHour: split((t) => t.issuedHour, (r) => r.issuedHour),
    byDay: split((t) => t.hallDay, (r) => r.hallDay),
  };
}
