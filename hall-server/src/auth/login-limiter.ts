import { HallError } from '../services/errors';

/**
 * How failed logins are throttled. After `maxFailures` failures of one username from one client
 * address (typos cost nothing before that) the next attempt waits FIRST_DELAY_MS; each further
 * failure doubles the wait, up to `windowMs`. One address across all usernames gets four times as
 * many (password spraying). Failures are forgotten after four windows without one.
 */
export interface LoginLimits {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxFailures: 5, windowMs: 15 * 60_000 };
const FIRST_DELAY_MS = 30_000;
/** Past this many remembered keys the oldest are dropped: a flood of invented names must not grow memory. */
const MAX_KEYS = 50_000;

/** A login refused because of earlier failures; the HTTP layer sends `retryAfterSeconds` as Retry-After. */
export class LoginThrottled extends HallError {
  constructor(readonly retryAfterSeconds: number) {
    super('too-many-attempts', `too many failed logins; try again in ${retryAfterSeconds} s`);
  }
}

/** The wait after `failures` failures: 0 below `limit`, then FIRST_DELAY_MS doubling with each failure, up to `maxMs`. */
export function delayAfter(failures: number, limit: number, maxMs: number): number {
  if (failures < limit) return 0;
  return Math.min(maxMs, FIRST_DELAY_MS * 2 ** Math.min(failures - limit, 30));
}

/**
 * Growing delays per key (the caller chooses keys and each key's limit).
 * Pure over `now`: the caller passes the clock.
 */
export function createLoginLimiter(windowMs: number) {
  const failures = new Map<string, { count: number; lastAt: number }>();
  const forgetMs = 4 * windowMs;

  const current = (key: string, now: number) => {
    const entry = failures.get(key);
    if (entry && now - entry.lastAt >= forgetMs) {
      failures.delete(key);
      return null;
    }
    return entry ?? null;
  };

  return {
    /** Seconds until `key` may try again (0: now), waits starting at `limit` failures. */
    retryAfterSeconds(key: string, limit: number, now: number): number {
      const entry = current(key, now);
      if (!entry) return 0;
      const until = entry.lastAt + delayAfter(entry.count, limit, windowMs);
      return until > now ? Math.ceil((until - now) / 1000) : 0;
    },
    fail(key: string, now: number) {
      const count = (current(key, now)?.count ?? 0) + 1;
      // Re-inserted so the map stays ordered by last failure: the oldest go first when it is full.
      failures.delete(key);
      failures.set(key, { count, lastAt: now });
      if (failures.size > MAX_KEYS) failures.delete(failures.keys().next().value!);
    },
    succeed(key: string) {
      failures.delete(key);
    },
    /** How many keys are remembered (for tests of the memory bound). */
    size: () => failures.size,
  };
}

/**
 * Login throttling per (username, client address), and per address across usernames. Five
 * failures from one address never slow the same user down at another address.
 */
export function createLoginThrottle(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
  const limiter = createLoginLimiter(limits.windowMs);
  const keys = (username: string, address: string) => ({
    pair: `user:${username.toLowerCase()}\u0000addr:${address}`,
    address: `addr:${address}`,
  });
  return {
    /** Throws LoginThrottled while this username at this address (or this address at all) must wait. */
    check(username: string, address: string, now: number) {
      const { pair, address: all } = keys(username, address);
      const wait = Math.max(limiter.retryAfterSeconds(pair, limits.maxFailures, now), limiter.retryAfterSeconds(all, 4 * limits.maxFailures, now));
      if (wait > 0) throw new LoginThrottled(wait);
    },
    fail(username: string, address: string, now: number) {
      const { pair, address: all } = keys(username, address);
      limiter.fail(pair, now);
      limiter.fail(all, now);
    },
    /** A right password clears its pair; the address keeps other names' failures (spraying continues to count). */
    succeed(username: string, address: string) {
      limiter.succeed(keys(username, address).pair);
    },
  };
}
