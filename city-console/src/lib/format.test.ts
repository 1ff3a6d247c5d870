import { describe, expect, it } from 'vitest';
import { agoText, cityDay, cityTime, countText, monthText, parseDay, parseMonth, presetRange, previousMonth } from './format';

describe('console formats', () => {
  it.each([
    ['cityDay just after midnight in Shanghai', cityDay(Date.parse('2026-12-01T16:30:00Z')), '2026-12-02'],
    ['cityTime', cityTime('2026-12-01T16:30:00Z'), '2026-12-02 00:30'],
    ['ago seconds', agoText('2026-12-01T00:00:00Z', Date.parse('2026-12-01T00:00:03Z')), '3 秒前'],
    ['ago minutes', agoText('2026-12-01T00:00:00Z', Date.parse('2026-12-01T00:05:59Z')), '5 分钟前'],
    ['count', countText(1234567), '1,234,567'],
    ['month', monthText('2026-10'), '2026年10月'],
    ['typed day', parseDay('2026年10月3日'), '2026-10-03'],
    ['US order refused', parseDay('10/23/2026'), null],
    ['typed month', parseMonth('2026/1'), '2026-01'],
    ['previous month in January', previousMonth('2027-01-15'), '2026-12'],
  ])('%s', (_name, actual, expected) => expect(actual).toBe(expected));

  it('last month of March 2028', () => expect(presetRange('lastMonth', '2028-03-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' }));
});
