import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysLeft, type HallCalendar } from './working-days';

const plain: HallCalendar = { holidays: new Set(), workdays: new Set() };
// 2026 National Day: Oct 1–7 off, Sunday Sep 27 and Saturday Oct 10 worked (调休).
const nationalDay: HallCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-09-27', '2026-10-10']),
};

describe('addWorkingDays', () => {
  it.each([
    ['Monday + 5', '2026-11-30', 5, plain, '2026-12-07'],
    ['Friday + 5', '2026-11-27', 5, plain, '2026-12-04'],
    ['Saturday + 1', '2026-11-28', 1, plain, '2026-11-30'],
    ['across National Day: Oct 8, 9, 10 (调休), 12, 13', '2026-09-30', 5, nationalDay, '2026-10-13'],
    ['a 调休 Sunday counts', '2026-09-26', 1, nationalDay, '2026-09-27'],
    ['zero days', '2026-11-30', 0, plain, '2026-11-30'],
  ] as const)('%s', (_label, from, days, calendar, expected) => {
    expect(addWorkingDays(from, days, calendar)).toBe(expected);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-11-30', plain, true],
    ['2026-11-29', plain, false],
    ['2026-10-01', nationalDay, false],
    ['2026-10-10', nationalDay, true],
  ] as const)('%s → %s', (day, calendar, expected) => {
    expect(isWorkingDay(day, calendar)).toBe(expected);
  });
});

describe('workingDaysLeft', () => {
  it.each([
    // today, due, calendar, left (negative: overdue); 2026-10-23 is a Friday
    ['2026-10-23', '2026-10-23', plain, 0],
    ['2026-10-22', '2026-10-23', plain, 1],
    ['2026-10-23', '2026-10-26', plain, 1],
    ['2026-10-23', '2026-10-30', plain, 5],
    ['2026-10-26', '2026-10-23', plain, -1],
    ['2026-10-24', '2026-10-23', plain, 0],
    ['2026-11-02', '2026-10-23', plain, -6],
    ['2026-09-30', '2026-10-08', nationalDay, 1],
    ['2026-10-09', '2026-10-12', nationalDay, 2],
    ['2026-10-12', '2026-09-30', nationalDay, -4],
  ] as const)('%s → due %s: %i', (today, due, calendar, left) => {
    expect(workingDaysLeft(today, due, calendar)).toBe(left);
  });
});
