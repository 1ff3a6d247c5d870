import { describe, expect, it } from 'vitest';
import { levelFigures } from './levels';
import type { HallFigures } from './types';

const hall = (level: HallFigures['level'], issued: number, distribution: [number, number, number, number, number]): HallFigures => ({
  hallId: issued, name: '', level, areaCode: '', issued, served: issued - 1, noShow: 1, noShowRate: 0.1, avgWaitSeconds: 60, p90WaitSeconds: 120,
  avgServiceSeconds: 300, serviceLevel: 0.9, waitEstimate: { count: issued - 1, meanAbsErrorSeconds: 30, meanErrorSeconds: 10 },
  satisfaction: {
    count: distribution.reduce((a, b) => a + b, 0), average: null, satisfiedRate: null,
    distribution: { '1': distribution[0], '2': distribution[1], '3': distribution[2], '4': distribution[3], '5': distribution[4] },
    dimensions: { attitude: null, efficiency: null, policy: null, competence: null },
  },
});

describe('levelFigures', () => {
  it('sums counts and the score distribution per level; the average comes from the distribution', () => {
    const rows = levelFigures([hall('county', 10, [1, 0, 0, 1, 1]), hall('county', 20, [0, 0, 1, 0, 2]), hall('village', 3, [0, 0, 0, 0, 0])]);
    expect(rows.map((r) => r.level)).toEqual(['county', 'village']);
    const county = rows[0]!;
    expect([county.halls, county.figures.issued, county.figures.served, county.figures.noShow]).toEqual([2, 30, 28, 2]);
    // scores 1, 4, 5, 3, 5, 5 → 23 / 6 = 3.83; 满意 4–5: 4 of 6
    expect(county.figures.satisfaction).toMatchObject({ count: 6, average: 3.83, satisfiedRate: 0.6667 });
    expect(county.figures.p90WaitSeconds).toBeNull();
    expect(rows[1]!.figures.satisfaction.average).toBeNull();
  });
});
