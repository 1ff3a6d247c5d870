import { describe, expect, it } from 'vitest';
import { createLoginLimiter, createLoginThrottle, delayAfter, LoginThrottled } from './login-limiter';

const MIN = 60_000;

describe('delayAfter (waits from 5 failures, capped at 15 min)', () => {
  it.each([
    [0, 0], [4, 0], [5, 30_000], [6, 60_000], [7, 120_000], [8, 240_000], [9, 480_000], [10, 900_000], [11, 900_000], [200, 900_000],
  ])('%i failures → %i ms', (failures, expected) => {
    expect(delayAfter(failures, 5, 15 * MIN)).toBe(expected);
  });
});

describe('createLoginLimiter', () => {
  it('makes a key wait from its limit on, longer after each failure, and forgets it after four quiet windows', () => {
    const limiter = createLoginLimiter(15 * MIN);
    const t0 = 1_000_000;
    for (let i = 0; i < 4; i += 1) limiter.fail('k', t0);
    expect(limiter.retryAfterSeconds('k', 5, t0)).toBe(0);
    limiter.fail('k', t0);
    expect(limiter.retryAfterSeconds('k', 5, t0)).toBe(30);
    expect(limiter.retryAfterSeconds('k', 5, t0 + 29_500)).toBe(1);
    expect(limiter.retryAfterSeconds('k', 5, t0 + 30_000)).toBe(0);
    limiter.fail('k', t0 + 30_000);
    expect(limiter.retryAfterSeconds('k', 5, t0 + 30_000)).toBe(60);
    expect(limiter.retryAfterSeconds('other', 5, t0 + 30_000)).toBe(0);
    expect(limiter.retryAfterSeconds('k', 5, t0 + 30_000 + 60 * MIN)).toBe(0);
    limiter.fail('k', t0 + 30_000 + 60 * MIN);
    // Forgotten: the count starts again at one.
    expect(limiter.retryAfterSeconds('k', 1, t0 + 30_000 + 60 * MIN)).toBe(30);
    expect(limiter.retryAfterSeconds('k', 2, t0 + 30_000 + 60 * MIN)).toBe(0);
  });

  it('success clears a key', () => {
    const limiter = createLoginLimiter(MIN);
    for (let i = 0; i < 3; i += 1) limiter.fail('k', 0);
    limiter.succeed('k');
    expect(limiter.retryAfterSeconds('k', 1, 0)).toBe(0);
  });

  it('keeps at most 50,000 keys, dropping the oldest', () => {
    const limiter = createLoginLimiter(MIN);
    for (let i = 0; i < 50_010; i += 1) limiter.fail(`k${i}`, i);
    expect(limiter.size()).toBe(50_000);
    expect(limiter.retryAfterSeconds('k0', 1, 50_010)).toBe(0);
    expect(limiter.retryAfterSeconds('k50009', 1, 50_010)).toBe(30);
  });
});

describe('createLoginThrottle (per username and address; per address across names)', () => {
  const waitOf = (run: () => void) => {
    try {
      run();
      return 0;
    } catch (error) {
      if (!(error instanceof LoginThrottled)) throw error;
      return error.retryAfterSeconds;
    }
  };

  it('slows one username at one address, not that username elsewhere nor other names there', () => {
    const throttle = createLoginThrottle({ maxFailures: 5, windowMs: 15 * MIN });
    for (let i = 0; i < 5; i += 1) throttle.fail('Manager', '10.0.0.5', 0);
    expect(waitOf(() => throttle.check('manager', '10.0.0.5', 1000))).toBe(29);
    expect(waitOf(() => throttle.check('manager', '10.0.0.6', 1000))).toBe(0);
    expect(waitOf(() => throttle.check('admin', '10.0.0.5', 1000))).toBe(0);
  });

  it('slows an address after 20 failures across names, whichever name it tries next', () => {
    const throttle = createLoginThrottle({ maxFailures: 5, windowMs: 15 * MIN });
    for (let i = 0; i < 20; i += 1) throttle.fail(`user${i}`, '10.0.0.9', 0);
    expect(waitOf(() => throttle.check('fresh-name', '10.0.0.9', 0))).toBe(30);
    expect(waitOf(() => throttle.check('user1', '10.0.0.10', 0))).toBe(0);
  });
});
