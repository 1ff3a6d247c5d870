/**
 * Failed logins per username: after `maxFailures` within `windowMs`, further attempts for that name
 * are refused until the window passes (a password guesser gets 10 tries per 15 minutes). In memory:
 * each city instance counts its own, which still bounds guessing to a few tries a minute.
 */
export function createLoginLimiter(clock: () => number, maxFailures = 10, windowMs = 15 * 60_000) {
  const failures = new Map<string, { count: number; since: number }>();
  const current = (username: string) => {
    const entry = failures.get(username);
    if (entry && clock() - entry.since >= windowMs) {
      failures.delete(username);
      return undefined;
    }
    return entry;
  };
  return {
    /** Seconds to wait before this name may try again, or 0. */
    retryAfterSeconds(username: string): number {
      const entry = current(username);
      return entry && entry.count >= maxFailures ? Math.ceil((entry.since + windowMs - clock()) / 1000) : 0;
    },
    failed(username: string) {
      const entry = current(username);
      if (entry) entry.count += 1;
      else {
        // Bounded memory: a flood of made-up names cannot grow the map without end.
        if (failures.size > 10_000) failures.clear();
        failures.set(username, { count: 1, since: clock() });
      }
    },
    succeeded(username: string) {
      failures.delete(username);
    },
  };
}
