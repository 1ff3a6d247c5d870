import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce';

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it.each([
    ['one call', [0], 1],
    ['a burst inside the window', [0, 50, 100, 140], 1],
    ['two bursts apart', [0, 50, 400, 420], 2],
  ] as const)('%s → %i run(s)', (_label, at, runs) => {
    const fn = vi.fn();
    const debounced = debounce(fn, 150);
    let clock = 0;
    for (const time of at) {
      vi.advanceTimersByTime(time - clock);
      clock = time;
      debounced();
    }
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(runs);
  });

  it('cancel drops a pending run', () => {
    const fn = vi.fn();
    const debounced = debounce(fn, 150);
    debounced();
    debounced.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});
