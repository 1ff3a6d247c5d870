import { describe, expect, it } from 'vitest';
import { deadlineText, followUpsBelowTarget, minutes1, minutesText, monthText, parseDay, parseMonth, percentText, presetRange, previousMonth } from './format';

describe('console formatting', () => {
  it.each([
    [null, '—', '—'],
    [0, '0 分钟', '0.0'],
    [89, '1 分钟', '1.5'],
    [1500, '25 分钟', '25.0'],
  ])('%s seconds → %s / %s', (seconds, text, decimal) => {
    expect(minutesText(seconds)).toBe(text);
    expect(minutes1(seconds)).toBe(decimal);
  });

  it.each([[null, '—'], [0.9, '90.0%'], [0.12345, '12.3%'], [1, '100.0%']])('%s → %s', (rate, text) => {
    expect(percentText(rate)).toBe(text);
  });

  it.each([
    ['today', '2026-03-15', '2026-03-15', '2026-03-15'],
    ['week', '2026-03-05', '2026-02-27', '2026-03-05'],
    ['month', '2026-03-15', '2026-03-01', '2026-03-15'],
    ['lastMonth', '2026-03-15', '2026-02-01', '2026-02-28'],
    ['lastMonth', '2026-01-10', '2025-12-01', '2025-12-31'],
    ['year', '2026-03-15', '2025-03-16', '2026-03-15'],
  ] as const)('%s of %s → %s … %s', (preset, today, from, to) => {
    expect(presetRange(preset, today)).toEqual({ from, to });
  });
});

describe('console dates, whatever the browser locale', () => {
  it.each([
    ['2026-10-23', '2026-10-23'],
    ['2026-1-5', '2026-01-05'],
    ['2026/10/23', '2026-10-23'],
    ['2026.10.23', '2026-10-23'],
    ['2026年10月23日', '2026-10-23'],
    [' 2026-10-23 ', '2026-10-23'],
    ['2028-02-29', '2028-02-29'],
    ['2026-02-29', null],
    ['2026-13-01', null],
    ['10/23/2026', null],
    ['23.10.2026', null],
    ['', null],
    ['October 23, 2026', null],
  ])('day %j → %j', (text, day) => {
    expect(parseDay(text)).toBe(day);
  });

  it.each([
    ['2026年10月', '2026-10'],
    ['2026-10', '2026-10'],
    ['2026/3', '2026-03'],
    ['2026年13月', null],
    ['October 2026', null],
    ['10/2026', null],
  ])('month %j → %j', (text, month) => {
    expect(parseMonth(text)).toBe(month);
  });

  it.each([['2026-10', '2026年10月'], ['2026-03', '2026年3月']])('%s shows as %s', (month, text) => {
    expect(monthText(month)).toBe(text);
  });

  it.each([['2026-10-23', '2026-09'], ['2026-01-05', '2025-12']])('the month before %s is %s', (today, month) => {
    expect(previousMonth(today)).toBe(month);
  });
});

describe('follow-up deadlines in working days', () => {
  it.each([
    [3, false, '剩 3 个工作日'],
    [0, false, '今日到期'],
    [-2, true, '超期 2 个工作日'],
    [0, true, '已超期'],
    [null, false, ''],
  ])('%s left (overdue %s) → %j', (left, overdue, text) => {
    expect(deadlineText(left, overdue)).toBe(text);
  });
});

describe('回访率 against its target (95% of the follow-ups due)', () => {
  it.each([
    [{ closed: 0, overdue: 0 }, false],
    [{ closed: 62, overdue: 2 }, false],
    [{ closed: 19, overdue: 1 }, false],
    [{ closed: 18, overdue: 2 }, true],
    [{ closed: 0, overdue: 1 }, true],
  ])('%j below target: %s', (stats, below) => {
    expect(followUpsBelowTarget(stats)).toBe(below);
  });
});
