/** How the hall's console writes figures and dates; what it shares with the city's console is in @hall/shared. */
export {
  minutes1, monthText, parseDay, parseMonth, percentText, presetRange, previousMonth, scoreText, type Preset,
} from '@hall/shared/reports';

/** Seconds as whole minutes for the console ("12 分钟"); null as a dash. */
export function minutesText(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  return `${Math.round(seconds / 60)} 分钟`;
}

/** YYYY-MM-DD of a local date. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Local date and time of an ISO instant, "2026-11-30 10:05". */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${dayOf(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** A follow-up's deadline in working days: 剩 3 个工作日 · 今日到期 · 超期 2 个工作日; nothing once closed. */
export function deadlineText(workingDaysLeft: number | null, overdue: boolean): string {
  if (workingDaysLeft === null) return '';
  if (overdue) return workingDaysLeft < 0 ? `超期 ${-workingDaysLeft} 个工作日` : '已超期';
  return workingDaysLeft === 0 ? '今日到期' : `剩 ${workingDaysLeft} 个工作日`;
}

/** 回访率 target: of the bad ratings closed or past their deadline, this share must be closed. */
export const FOLLOW_UP_TARGET = 0.95;

/**
 * Whether follow-ups fall short of the target. Open ones still within their deadline are not late,
 * so they count neither way; with nothing due yet there is nothing to miss.
 */
export function followUpsBelowTarget(stats: { closed: number; overdue: number }): boolean {
  const due = stats.closed + stats.overdue;
  return due > 0 && stats.closed / due < FOLLOW_UP_TARGET;
}
