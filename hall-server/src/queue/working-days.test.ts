import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysLeft, workingDaysLeftFrom, type HallCalendar } from './working-days';

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

describe('workingDaysLeftFrom (one walk for a whole follow-up list)', () => {
  it('gives the days left and overdue as written out, asked in any order', () => {
    // Today Wednesday 2026-12-02.
    const left = workingDaysLeftFrom('2026-12-02', plain, ['2026-12-04', '2026-11-27', '2026-12-07', '2026-11-28', '2026-12-01', '2026-12-05', '2025-12-02']);
    expect(left('2026-12-04')).toBe(2); // Thu, Fri
    expect(left('2026-11-27')).toBe(-3); // Mon 30, Tue 1, Wed 2 after a Friday deadline
    expect(left('2026-12-02')).toBe(0);
    expect(left('2026-12-07')).toBe(3); // Thu, Fri, Mon
    expect(left('2026-11-28')).toBe(-3); // a Saturday deadline: the same three days late
    expect(left('2026-12-01')).toBe(-1);
    expect(left('2026-12-05')).toBe(2); // Saturday: nothing more to count
    expect(left('2025-12-02')).toBe(-261); // a year back: 261 weekdays in (2025-12-02, 2026-12-02]
  });

  it('keeps the calendar: National Day off, the 调休 Saturday worked', () => {
    // Today Tuesday 2026-10-13; due Wednesday 2026-09-30 → Oct 8, 9, 10 (调休), 12, 13 late.
    const left = workingDaysLeftFrom('2026-10-13', nationalDay, ['2026-09-30', '2026-10-09', '2026-10-03']);
    expect(left('2026-09-30')).toBe(-5);
    expect(left('2026-10-09')).toBe(-3);
    expect(left('2026-10-03')).toBe(-5); // a holiday deadline: the same days
  });

  it('never returns -0 for a deadline on a day off right before today', () => {
    // Today Monday 2026-11-30, due Sunday: nothing worked after it before today is counted, today is.
    const left = workingDaysLeftFrom('2026-11-30', plain, ['2026-11-29']);
    expect(Object.is(left('2026-11-29'), -1)).toBe(true);
    const sunday = workingDaysLeftFrom('2026-11-29', plain, ['2026-11-28']);
    expect(Object.is(sunday('2026-11-28'), 0)).toBe(true);
  });

  it('agrees with workingDaysLeft over two years of deadlines', () => {
    const dates: string[] = [];
    for (let offset = -400; offset <= 400; offset += 7) dates.push(new Date(Date.UTC(2026, 9, 13 + offset)).toISOString().slice(0, 10));
    const left = workingDaysLeftFrom('2026-10-13', nationalDay, dates);
    for (const date of dates) expect(left(date), date).toBe(workingDaysLeft('2026-10-13', date, nationalDay));
  });
});
