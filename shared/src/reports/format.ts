/**
 * How the hall's and the city's consoles write report figures and dates: 12.5 (minutes), 93.4%,
 * 4.87, 2026年10月, and read typed dates the same whatever the browser's locale (2026-10-23,
 * 2026/10/23, 2026年10月23日; never 10/23/2026). Pure: day strings in, day strings out.
 */

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Seconds as minutes with one decimal, the unit of the report tables; a dash for nothing. */
export function minutes1(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  return (Math.round(seconds / 6) / 10).toFixed(1);
}

/** A 0–1 share as a percentage with one decimal; a dash for nothing. */
export function percentText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A mean score with two decimals; a dash for nothing. */
export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(2);
}

/** YYYY-MM as the consoles show a month: 2026年10月. */
export function monthText(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? `${match[1]}年${Number(match[2])}月` : month;
}

const realDay = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

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

/** The month before the one `today` (YYYY-MM-DD) is in, as YYYY-MM. */
export function previousMonth(today: string): string {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return month === 1 ? `${year - 1}-12` : `${year}-${pad2(month - 1)}`;
}

/** A YYYY-MM-DD day moved by whole days (calendar arithmetic, no time zone). */
const shiftDay = (day: string, days: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

export type Preset = 'today' | 'week' | 'month' | 'lastMonth' | 'year';

/** The named date ranges of the report screens, relative to `today` (YYYY-MM-DD), both days included. */
export function presetRange(preset: Preset, today: string): { from: string; to: string } {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'week':
      return { from: shiftDay(today, -6), to: today };
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth': {
      const lastDay = shiftDay(`${today.slice(0, 7)}-01`, -1);
      return { from: `${lastDay.slice(0, 7)}-01`, to: lastDay };
    }
    case 'year':
      return { from: shiftDay(today, -364), to: today };
  }
}
