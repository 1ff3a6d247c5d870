/**
 * Issue rate limit per kiosk: a token bucket. A 3,000-visitor day peaks at about 6 tickets a
 * minute per kiosk, and a visitor needs at least ~3 s to tap, read and take the paper, so one
 * kiosk cannot honestly exceed ~20 a minute. A burst of 30 covers a tour group at one screen;
 * a refill of one ticket every 2 s (30 a minute) is 5× the real peak and 1.5× what hands can do,
 * yet caps a stuck key or a script at 1,800 tickets an hour instead of thousands a second.
 */
export interface IssueLimit {
  burst: number;
  refillPerSecond: number;
}

export const ISSUE_LIMIT: IssueLimit = { burst: 30, refillPerSecond: 0.5 };

export interface Bucket {
  tokens: number;
  at: number;
}

/** One request against a bucket at `now`: whether it may pass, and the bucket after it. Pure. */
export function takeToken(bucket: Bucket | undefined, limit: IssueLimit, now: number): { allowed: boolean; bucket: Bucket; retryAfterSeconds: number } {
  const elapsed = bucket ? Math.max(0, now - bucket.at) / 1000 : 0;
  const tokens = bucket ? Math.min(limit.burst, bucket.tokens + elapsed * limit.refillPerSecond) : limit.burst;
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, at: now }, retryAfterSeconds: 0 };
  return { allowed: false, bucket: { tokens, at: now }, retryAfterSeconds: Math.ceil((1 - tokens) / limit.refillPerSecond) };
}

/** A bucket per key (kiosk device id); `null` limit lets everything through (load tests, benchmarks). */
export function createIssueLimiter(limit: IssueLimit | null) {
  const buckets = new Map<number, Bucket>();
  return {
    /** Seconds to wait, or 0 when this issue may go ahead (and has used a token). */
    take(deviceId: number, now: number): number {
      if (limit === null) return 0;
      const result = takeToken(buckets.get(deviceId), limit, now);
      buckets.set(deviceId, result.bucket);
      return result.retryAfterSeconds;
    },
  };
}
