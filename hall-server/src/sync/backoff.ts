/** Shortest and longest wait between attempts while the city is unreachable (DESIGN.md: back off to 60 s). */
export const BACKOFF_MIN_MS = 1000;
export const BACKOFF_MAX_MS = 60_000;

/**
 * Delay before the next attempt after `failures` failures in a row: exponential from 1 s, capped,
 * with "equal jitter" (half fixed, half random) so a city restart is not met by every hall at once.
 * `random` is in [0, 1).
 */
export function backoffDelay(failures: number, random: number, maxMs = BACKOFF_MAX_MS): number {
  if (failures <= 0) return 0;
  const ceiling = Math.min(maxMs, BACKOFF_MIN_MS * 2 ** Math.min(failures - 1, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** The hall day before `day` (YYYY-MM-DD). */
export function previousHallDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
