/** Seconds as whole minutes for the console ("12 分钟"); null as a dash. */
export function minutesText(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  return `${Math.round(seconds / 60)} 分钟`;
}

/** Seconds as minutes with one decimal, the unit of the report tables. */
export function minutes1(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  return (Math.round(seconds / 6) / 10).toFixed(1);
}

/** A 0–1 share as a percentage with one decimal. */
export function percentText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(2);
}

/** YYYY-MM-DD of a local date. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The named date ranges of the report screen, relative to `today` (YYYY-MM-DD). */
export function presetRange(preset: 'today' | 'week' | 'month' | 'lastMonth' | 'year', today: string): { from: string; to: string } {
  const date = new Date(`${today}T00:00:00`);
  const shift = (days: number) => {
    const d = new Date(date);
    d.setDate(d.getDate() + days);
    return dayOf(d);
  };
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'week':
      return { from: shift(-6), to: today };
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth': {
      const last = new Date(date.getFullYear(), date.getMonth(), 0);
      return { from: dayOf(new Date(last.getFullYear(), last.getMonth(), 1)), to: dayOf(last) };
    }
    case 'year':
      return { from: shift(-364), to: today };
  }
}

/** Local date and time of an ISO instant, "2026-11-30 10:05". */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${dayOf(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

const realDay = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A typed date as YYYY-MM-DD, or null when it is not a real date. Takes 2026-10-23, 2026-10-3,
 * 2026/10/23, 2026.10.23 and 2026年10月23日 — never the browser's US order (10/23/2026).
 */
export function parseDay(text: string): string | null {
  const match = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return realDay(year, month, day) ? `${year}-${pad2(month)}-${pad2(day)}` : null;
}

/** A typed month as YYYY-MM, or null: takes 2026年10月, 2026-10, 2026/10. */
export function parseMonth(text: string): string | null {
  const match = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$/.exec(text);
  if (!match) return null;
  const [year, month] = [Number(match[1]), Number(match[2])];
  return month >= 1 && month <= 12 ? `${year}-${pad2(month)}` : null;
}

/** YYYY-MM as the console shows a month: 2026年10月. */
export function monthText(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? `${match[1]}年${Number(match[2])}月` : month;
}

/** The month before the one `today` (YYYY-MM-DD) is in, as YYYY-MM. */
export function previousMonth(today: string): string {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return month === 1 ? `${year - 1}-12` : `${year}-${pad2(month - 1)}`;
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
