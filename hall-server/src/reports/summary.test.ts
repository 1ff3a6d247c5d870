import { describe, expect, it } from 'vitest';
import { buildRollupRows, summarizeRollups } from './rollup';
import { percentile, summarize, type RatingFact, type TicketFact } from './summary';

const TARGET = { A: 600, B: 1200 } as const;

// # | service | counter | staff | state | day | hour | wait s | service s | estimate s
const TICKETS: [keyof typeof TARGET, number | null, number | null, string, string, number, number | null, number | null, number | null][] = [
  ['A', 1, 11, 'done', 'D1', 9, 60, 300, 120],
  ['A', 1, 11, 'done', 'D1', 9, 120, 500, 60],
  ['A', 1, 11, 'done', 'D1', 10, 180, 400, null],
  ['A', 2, 12, 'no_show', 'D1', 10, 240, null, 240],
  ['A', 2, 12, 'done', 'D1', 10, 300, 600, 600],
  ['B', 2, 12, 'done', 'D2', 14, 360, 200, 300],
  ['B', 2, 12, 'done', 'D2', 14, 420, 100, null],
  ['B', 1, 11, 'done', 'D2', 15, 480, 300, 480],
  ['B', 1, 11, 'no_show', 'D2', 15, 540, null, 900],
  ['B', 1, 11, 'done', 'D2', 15, 1500, 900, 600],
  ['A', null, null, 'cancelled', 'D1', 9, null, null, 300],
  ['B', null, null, 'cancelled', 'D2', 16, null, null, null],
];
const tickets: TicketFact[] = TICKETS.map(([serviceCode, counterId, staffId, state, hallDay, issuedHour, waitSeconds, serviceSeconds, estimatedWaitSeconds]) => ({
  serviceCode, counterId, staffId, state, hallDay, issuedHour, waitSeconds, serviceSeconds, estimatedWaitSeconds,
  targetWaitSeconds: TARGET[serviceCode],
}));

// ticket index → score, attitude, efficiency, policy, competence
const RATINGS: [number, number, number | null, number | null, number | null, number | null][] = [
  [0, 5, 5, 4, null, null],
  [1, 4, 4, null, null, null],
  [2, 2, 2, 2, 3, 3],
  [5, 5, null, null, null, null],
  [7, 1, null, null, null, null],
  [9, 3, null, null, null, null],
];
const ratings: RatingFact[] = RATINGS.map(([index, score, attitude, efficiency, policy, competence]) => {
  const t = tickets[index]!;
  return { serviceCode: t.serviceCode, counterId: t.counterId, staffId: t.staffId, hallDay: t.hallDay, issuedHour: t.issuedHour, score, attitude, efficiency, policy, competence };
});

const direct = summarize(tickets, ratings);
const rolled = summarizeRollups(buildRollupRows(tickets, ratings), (code) => TARGET[code as keyof typeof TARGET]);

describe.each([['computed directly', direct], ['from rollups', rolled]])('summary of a hand-computed fixture, %s', (_how, summary) => {
  it('totals: issued, served, no-shows, waits, p90, service time, service level', () => {
    expect(summary).toMatchObject({
      issued: 12, served: 8, noShow: 2, noShowRate: 0.2,
      avgWaitSeconds: 420, // (60+120+…+540+1500) / 10
      p90WaitSeconds: 540, // rank ⌈0.9·10⌉ = 9 of the sorted waits
      avgServiceSeconds: 413, // 3300 / 8 = 412.5
      serviceLevel: 0.9, // only the 1500 s wait misses B's 1200 s target
    });
  });

  it('wait-estimate accuracy: mean absolute and signed error of estimate − actual', () => {
    expect(summary.waitEstimate).toEqual({ count: 8, meanAbsErrorSeconds: 218, meanErrorSeconds: -37 });
  });

  it('satisfaction: count, average, 满意率, five-level distribution and the four dimensions', () => {
    expect(summary.satisfaction).toEqual({
      count: 6, average: 3.33, satisfiedRate: 0.5,
      distribution: { '1': 1, '2': 1, '3': 1, '4': 1, '5': 2 },
      dimensions: { attitude: 3.7, efficiency: 3, policy: 3, competence: 3 },
    });
  });

  it.each([
    ['A', { issued: 6, served: 4, noShow: 1, avgWaitSeconds: 180, p90WaitSeconds: 300, avgServiceSeconds: 450, serviceLevel: 1 }],
    ['B', { issued: 6, served: 4, noShow: 1, avgWaitSeconds: 660, p90WaitSeconds: 1500, avgServiceSeconds: 375, serviceLevel: 0.8 }],
  ])('by service %s', (code, expected) => {
    expect(summary.byService.find((g) => g.key === code)).toMatchObject(expected);
  });

  it.each([
    [1, { issued: 6, avgWaitSeconds: 480, p90WaitSeconds: 1500, satisfaction: expect.objectContaining({ count: 5 }) }],
    [2, { issued: 4, avgWaitSeconds: 330, p90WaitSeconds: 420, satisfaction: expect.objectContaining({ count: 1, average: 5 }) }],
  ])('by counter %s', (id, expected) => {
    expect(summary.byCounter.find((g) => g.key === id)).toMatchObject(expected);
  });

  it('by staff, hour and day: the ticket without a counter counts in totals only', () => {
    expect(summary.byStaff.map((g) => [g.key, g.issued])).toEqual([[11, 6], [12, 4]]);
    expect(summary.byHour.map((g) => [g.key, g.issued, g.p90WaitSeconds])).toEqual([[9, 3, 120], [10, 3, 300], [14, 2, 420], [15, 3, 1500], [16, 1, null]]);
    expect(summary.byDay.map((g) => [g.key, g.issued, g.served, g.satisfaction.count])).toEqual([['D1', 6, 4, 3], ['D2', 6, 4, 3]]);
  });
});

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 0.9, null],
    [[7], 0.9, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10],
    [[5, 10], 0.5, 5],
  ])('%j at %s → %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});
