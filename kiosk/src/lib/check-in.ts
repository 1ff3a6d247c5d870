import { ApiError } from '@hall/shared';
import { errorMessage, t, type Lang } from '../i18n';
import { formatClock } from './format';

/** One key on the check-in keypad: digits up to six, 删除 takes the last one off. */
export function pressCheckInKey(typed: string, key: string): string {
  if (key === 'delete') return typed.slice(0, -1);
  if (/^\d$/.test(key) && typed.length < 6) return typed + key;
  return typed;
}

/** A typed digit presses its key, unless a scanner is typing a booking QR (letters, `:` or `/` came first). */
export const checkInTypedKey = (key: string, scanned: string): string | null => (/^\d$/.test(key) && !/[A-Za-z:/]/.test(scanned) ? key : null);

/** Whether a scanner's keystrokes were a booking QR (BK:<hall>:<code> or a /b/<code> link). */
export const isBookingScan = (text: string) => /^BK:\d{1,10}:\d{6}$/.test(text.trim()) || /\/b\/\d{6}/.test(text);

/**
 * What the kiosk says when a check-in is refused: too early says when to come back, too late says to
 * take a normal number, in the hall's time; any other code through the shared table.
 */
export function checkInRefusalText(lang: Lang, error: unknown, timeZone: string): string {
  if (!(error instanceof ApiError)) return errorMessage(lang, 'internal');
  const time = (key: string) => {
    const value = error.detail[key];
    return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? formatClock(new Date(value), timeZone) : null;
  };
  const slot = time('slotStart');
  const from = time('checkInFrom');
  const until = time('checkInUntil');
  if (error.code === 'too-early' && slot && from) return t(lang, 'checkInTooEarly', { slot, time: from });
  if (error.code === 'too-late' && until) return t(lang, 'checkInTooLate', { time: until });
  return errorMessage(lang, error.code);
}
