import { localParts, type QueueSnapshot, type RecentCall } from '@hall/shared';
import { t, type Lang, type TextKey } from '../lib/i18n';

/** Until the first snapshot names the hall's time zone. */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** How long a new call (or a recall) flashes on the board. */
export const FLASH_MS = 8000;
/** Rows in the board's list of recent calls, the current call first (the server keeps 8). */
export const HISTORY_ROWS = 8;
/** Without the server this long, the board stops showing its last call as current (issue 13.5). */
export const STALE_AFTER_MS = 10_000;

/**
 * The call the board shows in huge type: the newest of the snapshot's recent calls. Taken from the
 * hall's copy only, never from a remembered event, so a board that reconnects cannot show a stale one.
 */
export function currentCall(snapshot: QueueSnapshot | null): RecentCall | null {
  return snapshot?.recentCalls[0] ?? null;
}

/**
 * The recent-calls list, newest first, the current call included: a list reading 暂无叫号 beside a
 * big current call contradicts it.
 */
export function recentCalls(snapshot: QueueSnapshot | null, rows = HISTORY_ROWS): RecentCall[] {
  return snapshot ? snapshot.recentCalls.slice(0, rows) : [];
}

/** Whether a board cut off from the server since `offlineSince` must stop looking current at `now`. */
export function isStale(offlineSince: number | null, now: number, staleAfterMs = STALE_AFTER_MS): boolean {
  return offlineSince !== null && now - offlineSince >= staleAfterMs;
}

/** The stale threshold: `?stale=<seconds>` on the board's address (1–600), else 10 s. */
export function staleAfterMs(search: string): number {
  const seconds = Number(new URLSearchParams(search).get('stale') ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 1 && seconds <= 600 ? seconds * 1000 : STALE_AFTER_MS;
}

type BoardService = QueueSnapshot['services'][number];

/** One row of 等候人数: the queue (null: nothing to show) and why no numbers are taken (null: open). */
export interface WaitingRow {
  waiting: number | null;
  status: TextKey | null;
}

const STATUS_TEXT: Record<NonNullable<BoardService['closedReason']>, TextKey> = {
  closed: 'board.serviceClosed',
  'quota-full': 'board.quotaFull',
  'after-hours': 'board.afterHours',
  'not-yet-open': 'board.notYetOpen',
};

/**
 * A service that takes no new numbers still serves the people already waiting: its queue stays on
 * the board beside the reason (已取完 for a used-up daily quota, 暂停 for a closed service), as the kiosk says it.
 */
export function waitingRow(service: BoardService): WaitingRow {
  if (service.open) return { waiting: service.waiting, status: null };
  const status = STATUS_TEXT[service.closedReason ?? 'closed'];
  return { waiting: service.waiting > 0 ? service.waiting : null, status };
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
