/**
 * How the console writes figures and dates: 2026-10-23, 2026年10月, 12.5 分钟, 93.4% — the same
 * whatever the browser's locale, in the city's time zone. What it shares with the hall's console
 * (report figures, typed dates, preset ranges) is in @hall/shared.
 */

export {
  minutes1, monthText, parseDay, parseMonth, percentText, presetRange, previousMonth, scoreText, type Preset,
} from '@hall/shared/reports';

export const CITY_TIME_ZONE = 'Asia/Shanghai';

const pad2 = (n: number) => String(n).padStart(2, '0');

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: CITY_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
});

/** Calendar parts of an instant in the city's time zone. */
export function cityParts(ms: number): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(new Date(ms))) parts[part.type] = part.value;
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24,
    minute: Number(parts.minute), second: Number(parts.second), weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
  };
}

/** YYYY-MM-DD of an instant in the city. */
export function cityDay(ms: number): string {
  const p = cityParts(ms);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** "2026-11-30 10:05" in the city's time zone; a dash for nothing. */
export function cityTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = cityParts(Date.parse(iso));
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** How long ago, in the words of the 实时总览: 3 秒前 · 5 分钟前 · 2 小时前 · 3 天前. */
export function agoText(iso: string | null | undefined, now: number): string {
  if (!iso) return '—';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} 秒前`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分钟前`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} 小时前`;
  return `${Math.floor(seconds / 86_400)} 天前`;
}

/** A duration in words for alerts: 5 分钟 · 2 小时 · 3 天. */
export function durationText(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.floor(seconds / 60))} 分钟`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} 小时`;
  return `${Math.floor(seconds / 86_400)} 天`;
}

/** Whole numbers with thousands separators the same in every locale: 12,345. */
export function countText(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** YYYY-MM-DD as an official notice dates itself: 2026年10月23日. */
export function dayText(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : day;
}
