import type { Figures, HallFigures, Level } from './types';

export const LEVELS: Level[] = ['city', 'county', 'township', 'village'];

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * Figures per hall level from the halls' own, where a sum is exact: counts, the score distribution,
 * the average score and 满意率. Waits, p90 and service level need the tickets themselves, so they
 * stay empty here until the city server sums them by level.
 */
export function levelFigures(halls: readonly HallFigures[]): { level: Level; halls: number; figures: Figures }[] {
  return LEVELS.map((level) => {
    const of = halls.filter((h) => h.level === level);
    const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    for (const hall of of) {
      for (const key of ['1', '2', '3', '4', '5'] as const) distribution[key] += hall.satisfaction.distribution[key];
    }
    // The distribution gives the exact score sum (the halls' averages are rounded).
    const count = distribution['1'] + distribution['2'] + distribution['3'] + distribution['4'] + distribution['5'];
    const scoreSum = distribution['1'] + 2 * distribution['2'] + 3 * distribution['3'] + 4 * distribution['4'] + 5 * distribution['5'];
    const figures: Figures = {
      issued: of.reduce((n, h) => n + h.issued, 0),
      served: of.reduce((n, h) => n + h.served, 0),
      noShow: of.reduce((n, h) => n + h.noShow, 0),
      noShowRate: null, avgWaitSeconds: null, p90WaitSeconds: null, avgServiceSeconds: null, serviceLevel: null,
      satisfaction: {
        count, average: count === 0 ? null : Math.round((scoreSum / count) * 100) / 100,
        satisfiedRate: rate(distribution['4'] + distribution['5'], count), distribution,
        dimensions: { attitude: null, efficiency: null, policy: null, competence: null },
      },
      waitEstimate: { count: of.reduce((n, h) => n + h.waitEstimate.count, 0), meanAbsErrorSeconds: null, meanErrorSeconds: null },
    };
    return { level, halls: of.length, figures };
  }).filter((row) => row.halls > 0);
}
