import { describe, expect, it } from 'vitest';
import { formatClock, formatClockSeconds, formatHallDate, spokenNumber } from './format';

// 2026-11-30 01:05 UTC is Monday 09:05 in Zhengzhou, whatever zone the test machine runs in.
const monday = new Date('2026-11-30T01:05:00.000Z');

describe('formatHallDate / formatClock', () => {
  it.each([
    ['zh', '2026年11月30日 星期一'],
    ['en', 'Mon 30 Nov 2026'],
  ] as const)('%s → %s', (lang, expected) => {
    expect(formatHallDate(monday, lang)).toBe(expected);
  });
  it('shows a 24-hour hall clock', () => {
    expect(formatClock(monday)).toBe('09:05');
    expect(formatClock(new Date('2026-11-30T10:30:00.000Z'))).toBe('18:30');
  });
  it('shows seconds for 更新于', () => {
    expect(formatClockSeconds(new Date('2026-11-30T01:05:07.900Z'))).toBe('09:05:07');
    expect(formatClockSeconds(new Date('2026-11-30T15:59:59.000Z'))).toBe('23:59:59');
  });
});

describe('spokenNumber', () => {
  it.each([
    ['A012', 'A零一二号'],
    ['B1000', 'B一零零零号'],
  ])('%s → %s', (number, expected) => {
    expect(spokenNumber(number)).toBe(expected);
  });
});
