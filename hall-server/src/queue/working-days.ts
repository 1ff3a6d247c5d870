import { addDays, isWorkingDay, workingDayCounter, workingDaysLeftTo, workingDaysOverdue, type WorkCalendar } from '@hall/shared/reports';

/** The hall's calendar: public holidays off, and weekend days made into workdays (调休) — the city's shape and rules. */
export type HallCalendar = WorkCalendar;
export { isWorkingDay };

/**
 * The deadline `workingDays` working days after `fromDay` (the day itself does not count),
 * as follow-up rules count them: a rating on Friday with 5 days is due the next Friday.
 */
export function addWorkingDays(fromDay: string, workingDays: number, calendar: HallCalendar): string {
  let day = fromDay;
  let remaining = workingDays;
  while (remaining > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) remaining -= 1;
  }
  return day;
}

/**
 * Working days from `today` to `dueDay` as a follow-up list shows them: due tomorrow is 1, due today
 * 0; past the deadline negative, counting the working days after it up to today (超期 N 个工作日).
 */
export function workingDaysLeft(today: string, dueDay: string, calendar: HallCalendar): number {
  return workingDaysLeftTo(dueDay, today, calendar) - workingDaysOverdue(dueDay, today, calendar);
}

/**
 * `workingDaysLeft(today, dueDay)` for many due days against one today (the follow-up list): the
 * shared `workingDayCounter` walks once over today and the `dueDays` to come, instead of a walk per
 * row (a year of overdue follow-ups cost ~100 ms day by day); a day outside them is counted alone.
 */
export function workingDaysLeftFrom(today: string, calendar: HallCalendar, dueDays: readonly string[] = []): (dueDay: string) => number {
  const days = [today, ...dueDays].sort();
  const counter = workingDayCounter(days[0]!, days.at(-1)!, calendar);
  return (dueDay) => counter.left(dueDay, today) - counter.overdue(dueDay, today);
}
