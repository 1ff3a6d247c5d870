import { describe, expect, it } from 'vitest';
import { reloadDelayMs } from './reload-policy';

describe('reloadDelayMs', () => {
  const now = 1_000_000;
  it.each([
    [[now], 1_000],
    [[now - 10_000, now], 2_000],
    [[now - 20_000, now - 10_000, now], 4_000],
    [Array.from({ length: 10 }, (_, i) => now - i * 1_000), 30_000],
    [[now - 120_000, now - 90_000, now], 1_000],
    [[], 1_000],
  ])('%j → %i ms', (crashes, delay) => {
    expect(reloadDelayMs(crashes, now)).toBe(delay);
  });
});
