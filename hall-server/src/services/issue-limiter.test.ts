import { describe, expect, it } from 'vitest';
import { createIssueLimiter, ISSUE_LIMIT, takeToken } from './issue-limiter';

const T0 = Date.UTC(2026, 11, 1, 1, 0, 0);

describe('takeToken', () => {
  it.each([
    ['a new bucket starts full', undefined, T0, true, 29],
    ['one token left', { tokens: 1, at: T0 }, T0, true, 0],
    ['empty, no time passed', { tokens: 0, at: T0 }, T0, false, 0],
    ['empty, 1 s later: half a token', { tokens: 0, at: T0 }, T0 + 1000, false, 0.5],
    ['empty, 2 s later: one token', { tokens: 0, at: T0 }, T0 + 2000, true, 0],
    ['refill stops at the burst', { tokens: 0, at: T0 }, T0 + 3600_000, true, 29],
  ])('%s', (_label, bucket, now, allowed, tokensAfter) => {
    const result = takeToken(bucket, { burst: 30, refillPerSecond: 0.5 }, now);
    expect(result.allowed).toBe(allowed);
    expect(result.bucket.tokens).toBeCloseTo(tokensAfter, 9);
  });

  it('says how long to wait when refused', () => {
    expect(takeToken({ tokens: 0, at: T0 }, { burst: 30, refillPerSecond: 0.5 }, T0).retryAfterSeconds).toBe(2);
    expect(takeToken({ tokens: 0.5, at: T0 }, { burst: 30, refillPerSecond: 0.5 }, T0).retryAfterSeconds).toBe(1);
  });
});

describe('createIssueLimiter', () => {
  it('lets a rush through and stops a runaway kiosk: 30 at once, then one every 2 s, per kiosk', () => {
    const limiter = createIssueLimiter({ burst: 30, refillPerSecond: 0.5 });
    for (let i = 0; i < 30; i += 1) expect(limiter.take(1, T0)).toBe(0);
    expect(limiter.take(1, T0)).toBe(2);
    expect(limiter.take(2, T0)).toBe(0);
    expect(limiter.take(1, T0 + 2000)).toBe(0);
    expect(limiter.take(1, T0 + 2000)).toBeGreaterThan(0);
  });

  it('serves the real peak (6 a minute for an hour) without one refusal', () => {
    const limiter = createIssueLimiter(ISSUE_LIMIT);
    const refused = Array.from({ length: 360 }, (_, i) => limiter.take(1, T0 + i * 10_000)).filter((wait) => wait > 0);
    expect(refused).toEqual([]);
  });

  it('lets everything through when off', () => {
    const limiter = createIssueLimiter(null);
    expect(Array.from({ length: 1000 }, () => limiter.take(1, T0)).every((wait) => wait === 0)).toBe(true);
  });
});
