import { localParts, type QueueSnapshot, type RecentCall } from '@hall/shared';
import { t, type Lang, type TextKey } from '../lib/i18n';

/** Until the first snapshot names the hall's time zone. */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

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

/** Wall clock "09:05:07" in the hall's time zone (not the board PC's, which may be set to UTC). */
export function formatClock(ms: number, timeZone = DEFAULT_TIME_ZONE): string {
  const { hour, minute, second } = localParts(ms, timeZone);
  return `${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
}

/** The date line "2026年11月30日 星期一", in the hall's time zone. */
export function formatDate(ms: number, lang: Lang = 'zh', timeZone = DEFAULT_TIME_ZONE): string {
  const { day, weekday: weekdayIndex } = localParts(ms, timeZone);
  const weekday = t(`weekday.${weekdayIndex}` as TextKey, lang);
  if (lang === 'en') return `${day} ${weekday}`;
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日 ${weekday}`;
}
