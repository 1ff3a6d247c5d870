import { describe, expect, it } from 'vitest';
import { compositeScore, DEFAULT_WEIGHTS, monthRange, rankWithinLevels } from './ranking';
import type { RankingRow } from './types';

const row = (hallId: number, level: RankingRow['level'], score: number | null): Omit<RankingRow, 'rank'> => ({
  hallId, name: `大厅${hallId}`, level, areaCode: '410100000000', score,
  satisfaction: null, followUpRate: null, onTimeRate: null, serviceLevel: null, noShowRate: null, coverage: null,
});

describe('compositeScore', () => {
  it.each([
    // satisfaction 4.6 → 90 points ×30; service level 0.9 → 90 ×20; no-show 0.05 → 95 ×10; the rest missing: (2700 + 1800 + 950) / 60
    ['three indicators', { satisfaction: 4.6, serviceLevel: 0.9, noShowRate: 0.05 }, 90.83],
    ['every indicator at its best', { satisfaction: 5, followUpRate: 1, onTimeRate: 1, serviceLevel: 1, noShowRate: 0, coverage: 1 }, 100],
    ['nothing measured', {}, null],
  ])('%s', (_name, values, expected) => {
    expect(compositeScore({ ...row(1, 'county', null), ...values }, DEFAULT_WEIGHTS)).toBe(expected);
  });
});

describe('rankWithinLevels', () => {
  it('ranks each level on its own, ties share a rank, no score is not ranked', () => {
    const ranked = rankWithinLevels([row(1, 'county', 80), row(2, 'township', 99), row(3, 'county', 90), row(4, 'county', 80), row(5, 'county', null), row(6, 'city', 50)]);
    expect(ranked.map((r) => [r.hallId, r.rank])).toEqual([[6, 1], [3, 1], [1, 2], [4, 2], [5, null], [2, 1]]);
  });
});

describe('monthRange', () => {
  it.each([['2026-02', '2026-02-01', '2026-02-28'], ['2028-02', '2028-02-01', '2028-02-29'], ['2026-12', '2026-12-01', '2026-12-31']])('%s', (month, from, to) => {
    expect(monthRange(month)).toEqual({ from, to });
  });
});
