/** Crashes further apart than this are unrelated; the delay starts over. */
const CRASH_WINDOW_MS = 60_000;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/**
 * How long to wait before reloading a crashed kiosk page: 1 s, then doubling while crashes keep
 * coming within a minute, up to 30 s, so a page that dies on load does not pin the CPU in a loop.
 * `crashTimes` are the crash timestamps so far, the latest included.
 */
export function reloadDelayMs(crashTimes: readonly number[], now: number): number {
  const recent = crashTimes.filter((at) => now - at < CRASH_WINDOW_MS).length;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, recent - 1));
}
