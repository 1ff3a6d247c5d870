import { describe, expect, it } from 'vitest';
import { deadlineText, followUpsBelowTarget, minutes1, minutesText, percentText } from './format';

describe('console formatting', () => {
  it.each([
    [null, '—', '—'],
    [0, '0 分钟', '0.0'],
    [89, '1 分钟', '1.5'],
    [1500, '25 分钟', '25.0'],
  ])('%s seconds → %s / %s', (seconds, text, decimal) => {
    expect(minutesText(seconds)).toBe(text);
    // minutes1 and the other shared figures and dates are tested in @hall/shared; here, that they reach the console.
    expect(minutes1(seconds)).toBe(decimal);
  });

  it('a share as the console shows it', () => expect(percentText(0.12345)).toBe('12.3%'));
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
