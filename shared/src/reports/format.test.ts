import { describe, expect, it } from 'vitest';
import { minutes1, monthText, parseDay, parseMonth, percentText, presetRange, previousMonth, scoreText } from './format';

describe('report figures as both consoles write them', () => {
  it.each([
    [null, '—'],
    [undefined, '—'],
    [0, '0.0'],
    [89, '1.5'],
    [1500, '25.0'],
  ])('%s seconds → %s minutes', (seconds, text) => {
    expect(minutes1(seconds)).toBe(text);
  });

  it.each([[null, '—'], [0.9, '90.0%'], [0.12345, '12.3%'], [1, '100.0%'], [0, '0.0%']])('%s → %s', (rate, text) => {
    expect(percentText(rate)).toBe(text);
  });

  it.each([[null, '—'], [4.8666, '4.87'], [5, '5.00']])('score %s → %s', (score, text) => {
    expect(scoreText(score)).toBe(text);
  });
});

describe('named date ranges', () => {
  it.each([
    ['today', '2026-03-15', '2026-03-15', '2026-03-15'],
    ['week', '2026-03-05', '2026-02-27', '2026-03-05'],
    ['month', '2026-03-15', '2026-03-01', '2026-03-15'],
    ['lastMonth', '2026-03-15', '2026-02-01', '2026-02-28'],
    ['lastMonth', '2026-01-10', '2025-12-01', '2025-12-31'],
    ['lastMonth', '2028-03-10', '2028-02-01', '2028-02-29'],
    ['year', '2026-03-15', '2025-03-16', '2026-03-15'],
  ] as const)('%s of %s → %s … %s', (preset, today, from, to) => {
    expect(presetRange(preset, today)).toEqual({ from, to });
  });
});

describe('typed dates, whatever the browser locale', () => {
  it.each([
    ['2026-10-23', '2026-10-23'],
    ['2026-1-5', '2026-01-05'],
    ['2026/10/23', '2026-10-23'],
    ['2026.10.23', '2026-10-23'],
    ['2026年10月23日', '2026-10-23'],
    ['2026年10月3日', '2026-10-03'],
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
    ['2026/1', '2026-01'],
    ['2026年13月', null],
    ['October 2026', null],
    ['10/2026', null],
  ])('month %j → %j', (text, month) => {
    expect(parseMonth(text)).toBe(month);
  });

  it.each([['2026-10', '2026年10月'], ['2026-03', '2026年3月'], ['someday', 'someday']])('%s shows as %s', (month, text) => {
    expect(monthText(month)).toBe(text);
  });

  it.each([['2026-10-23', '2026-09'], ['2026-01-05', '2025-12'], ['2027-01-15', '2026-12']])('the month before %s is %s', (today, month) => {
    expect(previousMonth(today)).toBe(month);
  });
});
