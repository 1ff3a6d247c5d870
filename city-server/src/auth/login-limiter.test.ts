import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from './login-limiter';

describe('createLoginLimiter', () => {
  it('refuses a name after 3 failures until the window has passed; a success clears it; other names are not affected', () => {
    let now = 1_000_000;
    const limiter = createLoginLimiter(() => now, 3, 60_000);
    limiter.failed('admin');
    limiter.failed('admin');
    expect(limiter.retryAfterSeconds('admin')).toBe(0);
    limiter.failed('admin');
    expect(limiter.retryAfterSeconds('admin')).toBe(60);
    expect(limiter.retryAfterSeconds('zhongmou')).toBe(0);
    now += 30_000;
    expect(limiter.retryAfterSeconds('admin')).toBe(30);
    now += 30_000;
    expect(limiter.retryAfterSeconds('admin')).toBe(0);
    limiter.failed('zhongmou');
    limiter.succeeded('zhongmou');
    limiter.failed('zhongmou');
    limiter.failed('zhongmou');
    expect(limiter.retryAfterSeconds('zhongmou')).toBe(0);
  });
});
