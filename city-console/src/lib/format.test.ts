import { describe, expect, it } from 'vitest';
import { agoText, cityDay, cityTime, countText, monthText, parseDay } from './format';

describe('console formats', () => {
  it.each([
    ['cityDay just after midnight in Shanghai', cityDay(Date.parse('2026-12-01T16:30:00Z')), '2026-12-02'],
    ['cityTime', cityTime('2026-12-01T16:30:00Z'), '2026-12-02 00:30'],
    ['ago seconds', agoText('2026-12-01T00:00:00Z', Date.parse('2026-12-01T00:00:03Z')), '3 秒前'],
    ['ago minutes', agoText('2026-12-01T00:00:00Z', Date.parse('2026-12-01T00:05:59Z')), '5 分钟前'],
    ['count', countText(1234567), '1,234,567'],
    // The shared figures and dates (tested in @hall/shared) reach the console's pages through this module.
    ['month', monthText('2026-10'), '2026年10月'],
    ['US order refused', parseDay('10/23/2026'), null],
  ])('%s', (_name, actual, expected) => expect(actual).toBe(expected));
});
