/**
 * Counts failed logins per key (username and client address separately) in a sliding window;
 * past the limit further attempts are refused until the window has passed. Pure over `now`.
 */
export function createLoginLimiter(options: { maxFailures: number; windowMs: number }) {
  const failures = new Map<string, number[]>();

  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((at) => now - at < options.windowMs);

  return {
    /** Seconds until another attempt is allowed, or 0 when allowed now. */
    retryAfterSeconds(keys: string[], now: number): number {
      let wait = 0;
      for (const key of keys) {
        const times = recent(key, now);
        if (times.length >= options.maxFailures) wait = Math.max(wait, Math.ceil((times[0]! + options.windowMs - now) / 1000));
      }
      return wait;
    },
    fail(keys: string[], now: number) {
      for (const key of keys) failures.set(key, [...recent(key, now), now]);
    },
    succeed(keys: string[]) {
      for (const key of keys) failures.delete(key);
    },
  };
}
