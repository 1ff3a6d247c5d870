import { describe, expect, it } from 'vitest';
import type { AssessmentValues, AssessmentWeights } from '../schemas/city';
import {
  assessmentScore, monthRange, rankHalls, workingDayCounter, workingDaysIn, workingDaysLeftTo, workingDaysOverdue, type WorkCalendar,
} from './assessment';

const defaults: AssessmentWeights = { satisfaction: 30, followUpRate: 15, onTimeRate: 15, serviceLevel: 20, noShowRate: 10, coverage: 10 };
const none: AssessmentValues = { satisfaction: null, followUpRate: null, onTimeRate: null, serviceLevel: null, noShowRate: null, coverage: null };
const onlySatisfaction: AssessmentWeights = { satisfaction: 1, followUpRate: 0, onTimeRate: 0, serviceLevel: 0, noShowRate: 0, coverage: 0 };

describe('assessmentScore (worked by hand)', () => {
  it.each([
    // 30×0.9 + 15×1 + 15×0.5 + 20×0.8 + 10×(1−0.1) + 10×1 = 27 + 15 + 7.5 + 16 + 9 + 10 = 84.5 of 100
    ['every indicator', { satisfaction: 0.9, followUpRate: 1, onTimeRate: 0.5, serviceLevel: 0.8, noShowRate: 0.1, coverage: 1 }, defaults, 84.5],
    // no bad rating: 回访 weights drop out; (30×0.8 + 20×0.5 + 10×0.8 + 10×0.5) ÷ 70 = 47 ÷ 70 = 0.671428… → 67.14
    ['no follow-ups', { ...none, satisfaction: 0.8, serviceLevel: 0.5, noShowRate: 0.2, coverage: 0.5 }, defaults, 67.14],
    // one weight: 0.123456 → 12.3456 → 12.35
    ['one weight, rounding', { ...none, satisfaction: 0.123456, serviceLevel: 0 }, onlySatisfaction, 12.35],
    // every no-show: 1 − 1 = 0 on that indicator alone
    ['no-show only', { ...none, noShowRate: 1 }, { ...onlySatisfaction, satisfaction: 0, noShowRate: 5 }, 0],
    ['nothing known', none, defaults, null],
    // weighted indicator unknown, the known one weighs 0
    ['weighted ones unknown', { ...none, coverage: 1 }, onlySatisfaction, null],
  ])('%s', (_name, values, weights, expected) => {
    expect(assessmentScore(values, weights)).toBe(expected);
  });
});

describe('rankHalls: within each level only, ties share a rank', () => {
  const sat = (satisfaction: number): AssessmentValues => ({ ...none, satisfaction });
  it('ranks the county halls among themselves and the township station alone', () => {
    const result = rankHalls([
      { hallId: 1, level: 'county', issued: 10, values: sat(0.8) },
      { hallId: 2, level: 'county', issued: 10, values: sat(0.9) },
      { hallId: 3, level: 'county', issued: 10, values: sat(0.8) },
      { hallId: 4, level: 'township', issued: 3, values: sat(0.95) },
      { hallId: 5, level: 'county', issued: 0, values: sat(1) },
      { hallId: 6, level: 'city', issued: 3000, values: sat(0.5) },
      { hallId: 7, level: 'county', issued: 10, values: sat(0.7) },
    ], onlySatisfaction);
    expect(result).toEqual([
      { hallId: 6, level: 'city', score: 50, rank: 1, rankedInLevel: 1, unranked: null },
      { hallId: 2, level: 'county', score: 90, rank: 1, rankedInLevel: 4, unranked: null },
      { hallId: 1, level: 'county', score: 80, rank: 2, rankedInLevel: 4, unranked: null },
      { hallId: 3, level: 'county', score: 80, rank: 2, rankedInLevel: 4, unranked: null },
      { hallId: 7, level: 'county', score: 70, rank: 4, rankedInLevel: 4, unranked: null },
      { hallId: 5, level: 'county', score: null, rank: null, rankedInLevel: 4, unranked: 'no-activity' },
      { hallId: 4, level: 'township', score: 95, rank: 1, rankedInLevel: 1, unranked: null },
    ]);
  });
});

describe('the city calendar', () => {
  const plain: WorkCalendar = { holidays: new Set(), workdays: new Set() };
  it.each([
    // due Friday 2026-11-27, today Tuesday 2026-12-01: Monday and Tuesday late
    ['weekend skipped', '2026-11-27', '2026-12-01', plain, 2],
    ['a holiday on Monday', '2026-11-27', '2026-12-01', { holidays: new Set(['2026-11-30']), workdays: new Set<string>() }, 1],
    ['a 调休 Saturday counts', '2026-11-27', '2026-12-01', { holidays: new Set<string>(), workdays: new Set(['2026-11-28']) }, 3],
    ['due today', '2026-12-01', '2026-12-01', plain, 0],
    ['not yet due', '2026-12-04', '2026-12-01', plain, 0],
  ])('days overdue: %s', (_name, due, today, calendar, expected) => {
    expect(workingDaysOverdue(due, today, calendar)).toBe(expected);
  });
  it('working days left and in a month', () => {
    expect(workingDaysLeftTo('2026-12-04', '2026-12-01', plain)).toBe(3);
    expect(workingDaysLeftTo('2026-12-01', '2026-12-01', plain)).toBe(0);
    // November 2026 starts on a Sunday: four full weeks (20) and Monday the 30th
    expect(workingDaysIn('2026-11-01', '2026-11-30', plain)).toHaveLength(21);
    expect(workingDaysIn('2026-11-01', '2026-11-30', { holidays: new Set(['2026-11-02']), workdays: new Set(['2026-11-01']) })).toHaveLength(21);
    const counter = workingDayCounter('2026-11-01', '2026-12-31', { holidays: new Set(['2026-11-30']), workdays: new Set<string>() });
    expect([counter.overdue('2026-11-27', '2026-12-01'), counter.left('2026-12-04', '2026-12-01'), counter.overdue('2026-10-30', '2026-11-03')]).toEqual([1, 3, 2]);
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});
