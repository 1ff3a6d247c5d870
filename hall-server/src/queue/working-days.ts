/** The hall's calendar: public holidays off, and weekend days made into workdays (调休). */
export interface HallCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whether a hall day is a working day: Monday–Friday unless a holiday, or a declared 调休 workday. */
export function isWorkingDay(day: string, calendar: HallCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

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
