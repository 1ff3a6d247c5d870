import { describe, expect, it } from 'vitest';
import { buildRollupRows, summarizeRollups } from './rollup';
import { monthRange, rankBySatisfaction } from './ranking';

function group(key: number, scores: number[]) {
  const tickets = scores.map(() => ({
    serviceCode: 'A', counterId: key, staffId: key, state: 'done', hallDay: '2026-11-02', issuedHour: 9, waitSeconds: 60,
    serviceSeconds: 300, targetWaitSeconds: 1200, estimatedWaitSeconds: null,
  }));
  const ratings = scores.map((score) => ({
    serviceCode: 'A', counterId: key, staffId: key, hallDay: '2026-11-02', issuedHour: 9, score, attitude: null, efficiency: null, policy: null, competence: null,
  }));
  const summary = summarizeRollups(buildRollupRows(tickets, ratings), () => 1200);
  return { ...summary.byCounter[0]!, label: `${key}号窗口` };
}

describe('rankBySatisfaction', () => {
  it('ranks by average, then 满意率, then count; ties share a rank; too few ratings are unranked and last', () => {
    const ranked = rankBySatisfaction([
      group(1, [5, 5, 4]), // 4.67
      group(2, [5, 5, 5, 5, 4, 4]), // 4.67, same 满意率, more ratings → ahead of 1
      group(3, [5, 5, 5]), // 5.00
      group(4, [5]), // one rating: unranked
      group(5, [3, 3, 3]), // 3.00
      group(6, [5, 5, 4]), // ties with 1
    ], 3);
    expect(ranked.map((e) => [e.id, e.rank, e.average])).toEqual([
      [3, 1, 5], [2, 2, 4.67], [1, 3, 4.67], [6, 3, 4.67], [5, 5, 3], [4, null, 5],
    ]);
  });

  it.each([
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('monthRange(%s)', (month, from, to) => {
    expect(monthRange(month)).toEqual({ from, to });
  });
});
