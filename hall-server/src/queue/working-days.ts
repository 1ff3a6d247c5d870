import { addDays, isWorkingDay, type WorkCalendar } from '@hall/shared/reports';

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
  const [from, to, sign] = today <= dueDay ? [today, dueDay, 1] : [dueDay, today, -1];
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, calendar)) count += 1;
  return count === 0 ? 0 : sign * count;
}

/**
 * `workingDaysLeft(today, dueDay)` for many due days against one today (the follow-up list): one walk
 * outwards from today over the days asked for, instead of a walk per row (a year of overdue
 * follow-ups cost ~100 ms day by day).
 */
export function workingDaysLeftFrom(today: string, calendar: HallCalendar): (dueDay: string) => number {
  const counts = new Map<string, number>([[today, 0]]);
  let back = today;
  let backCount = 0;
  let ahead = today;
  let aheadCount = 0;
  return (dueDay) => {
    // Before today: minus the working days in (dueDay, today]; stepping back adds the day left behind.
    while (dueDay < back) {
      if (isWorkingDay(back, calendar)) backCount += 1;
      back = addDays(back, -1);
      counts.set(back, backCount === 0 ? 0 : -backCount);
    }
    // After today: the working days in (today, dueDay].
    while (dueDay > ahead) {
      ahead = addDays(ahead, 1);
      if (isWorkingDay(ahead, calendar)) aheadCount += 1;
      counts.set(ahead, aheadCount);
    }
    return counts.get(dueDay)!;
  };
}
