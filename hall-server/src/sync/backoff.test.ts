import { describe, expect, it } from 'vitest';
import { backoffDelay, previousHallDay } from './backoff';

describe('backoffDelay', () => {
  it.each([
    // failures, random, expected ms
    [0, 0.5, 0],
    [1, 0, 500],
    [1, 0.999, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [6, 0, 16_000],
    [7, 0, 30_000],
    [7, 1, 60_000],
    [8, 0, 30_000],
    [50, 0.999, 59_970],
  ])('after %i failures with random %f waits %i ms', (failures, random, expected) => {
    expect(backoffDelay(failures, random)).toBe(expected);
  });

  it('never exceeds a lower cap', () => {
    expect(backoffDelay(20, 0.999, 2000)).toBe(1999);
  });
});

describe('previousHallDay', () => {
  it.each([
    ['2026-03-01', '2026-02-28'],
    ['2024-03-01', '2024-02-29'],
    ['2027-01-01', '2026-12-31'],
  ])('the day before %s is %s', (day, expected) => {
    expect(previousHallDay(day)).toBe(expected);
  });
});
