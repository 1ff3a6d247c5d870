import type { QueueSnapshot, RecentCall } from '@hall/shared';
import { t, type Lang, type TextKey } from '../lib/i18n';

/** How long a new call (or a recall) flashes on the board. */
export const FLASH_MS = 8000;
/** Rows in the board's list of earlier calls (the current call is shown above, not repeated). */
export const HISTORY_ROWS = 7;

/**
 * The call the board shows in huge type: the newest of the snapshot's recent calls. Taken from the
 * hall's copy only, never from a remembered event, so a board that reconnects cannot show a stale one.
 */
export function currentCall(snapshot: QueueSnapshot | null): RecentCall | null {
  return snapshot?.recentCalls[0] ?? null;
}

/** The calls before the current one, newest first. */
export function earlierCalls(snapshot: QueueSnapshot | null, rows = HISTORY_ROWS): RecentCall[] {
  return snapshot ? snapshot.recentCalls.slice(1, 1 + rows) : [];
}

/** Whether a call that started flashing at `since` still flashes at `now`. */
export function isFlashing(since: number | null, now: number, flashMs = FLASH_MS): boolean {
  return since !== null && now >= since && now - since < flashMs;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** Wall clock "09:05:07" in the board's local time. */
export function formatClock(ms: number): string {
  const date = new Date(ms);
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** The date line "2026年11月30日 星期一". */
export function formatDate(ms: number, lang: Lang = 'zh'): string {
  const date = new Date(ms);
  const weekday = t(`weekday.${date.getDay()}` as TextKey, lang);
  if (lang === 'en') return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${weekday}`;
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日 ${weekday}`;
}
