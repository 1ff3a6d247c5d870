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
}

export interface RatingFact {
  serviceCode: string;
  counterId: number | null;
  staffId: number | null;
  hallDay: string;
  score: number;
  attitude: number | null;
  efficiency: number | null;
  policy: number | null;
  competence: number | null;
}

export interface Satisfaction {
  count: number;
  average: number | null;
  /** Count per score, keys "1" … "5". */
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  dimensions: { attitude: number | null; efficiency: number | null; policy: number | null; competence: number | null };
}

export interface Figures {
  issued: number;
  served: number;
  noShow: number;
  noShowRate: number | null;
  avgWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  avgServiceSeconds: number | null;
  /** Share of called tickets called within their service's target wait, 0–1. */
  serviceLevel: number | null;
  satisfaction: Satisfaction;
}

/** Nearest-rank percentile (the value at rank ⌈p·n⌉ of the sorted sample), as hall reports state it. */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sortedAscending.length));
  return sortedAscending[rank - 1]!;
}

const mean = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** Satisfaction over ratings that are not excluded (the caller filters 申诉复核 exclusions). */
export function satisfactionOf(ratings: readonly RatingFact[]): Satisfaction {
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const rating of ratings) distribution[String(rating.score) as keyof typeof distribution] += 1;
  const dimension = (key: 'attitude' | 'efficiency' | 'policy' | 'competence') =>
    round1(mean(ratings.map((r) => r[key]).filter((v): v is number => v !== null)));
  const average = mean(ratings.map((r) => r.score));
  return {
    count: ratings.length,
    average: average === null ? null : Math.round(average * 100) / 100,
    distribution,
    dimensions: { attitude: dimension('attitude'), efficiency: dimension('efficiency'), policy: dimension('policy'), competence: dimension('competence') },
  };
}

/** The report figures of one group of tickets and ratings. */
export function figuresOf(tickets: readonly TicketFact[], ratings: readonly RatingFact[]): Figures {
  const waits = tickets.map((t) => t.waitSeconds).filter((w): w is number => w !== null).sort((a, b) => a - b);
  const called = tickets.filter((t) => t.waitSeconds !== null);
  const withinTarget = called.filter((t) => t.waitSeconds! <= t.targetWaitSeconds).length;
  const serviceTimes = tickets.map((t) => t.serviceSeconds).filter((s): s is number => s !== null);
  const noShow = tickets.filter((t) => t.state === 'no_show').length;
  const avgWait = mean(waits);
  const avgService = mean(serviceTimes);
  return {
    issued: tickets.length,
    served: tickets.filter((t) => t.state === 'done').length,
    noShow,
    noShowRate: called.length === 0 ? null : Math.round((noShow / called.length) * 10000) / 10000,
    avgWaitSeconds: avgWait === null ? null : Math.round(avgWait),
    p90WaitSeconds: percentile(waits, 0.9),
    avgServiceSeconds: avgService === null ? null : Math.round(avgService),
    serviceLevel: called.length === 0 ? null : Math.round((withinTarget / called.length) * 10000) / 10000,
    satisfaction: satisfactionOf(ratings),
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

/** The summary report of the contract: figures for the range, and per service, counter, staff, hour and day. */
export function summarize(tickets: readonly TicketFact[], ratings: readonly RatingFact[]) {
  const split = <K>(ticketKey: (t: TicketFact) => K, ratingKey: (r: RatingFact) => K) => {
    const ticketGroups = groupBy(tickets, ticketKey);
    const ratingGroups = groupBy(ratings, ratingKey);
    const keys = [...new Set([...ticketGroups.keys(), ...ratingGroups.keys()])];
    return keys.map((key) => ({ key, ...figuresOf(ticketGroups.get(key) ?? [], ratingGroups.get(key) ?? []) }));
  };
  return {
    ...figuresOf(tickets, ratings),
    byService: split((t) => t.serviceCode, (r) => r.serviceCode),
    byCounter: split((t) => t.counterId, (r) => r.counterId).filter((row) => row.key !== null),
    byStaff: split((t) => t.staffId, (r) => r.staffId).filter((row) => row.key !== null),
    byHour: split((t) => t.issuedHour, () => -1).filter((row) => row.key >= 0),
    byDay: split((t) => t.hallDay, (r) => r.hallDay),
  };
}
