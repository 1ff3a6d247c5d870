import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_SECONDS, estimateWaitMinutes, smoothServiceSeconds } from './wait-estimate';

describe('estimateWaitMinutes', () => {
  it.each([
    [0, 2, 600, 0],
    [1, 1, 600, 10],
    [3, 2, 600, 15],
    [5, 0, 300, 25],
    [1, 3, 100, 1],
  ])('%i ahead, %i counters, %i s each → %i min', (ahead, counters, seconds, expected) => {
    expect(estimateWaitMinutes(ahead, counters, seconds)).toBe(expected);
  });
});

describe('smoothServiceSeconds', () => {
  it('starts from the default with no samples', () => {
    expect(smoothServiceSeconds([])).toBe(DEFAULT_SERVICE_SECONDS);
  });
  it('takes the first sample as is, then weights new samples by 0.2', () => {
    expect(smoothServiceSeconds([300])).toBe(300);
    expect(smoothServiceSeconds([300, 800])).toBeCloseTo(400);
  });
  it('ignores mis-clicks under 10 s and forgotten tickets over 3 h', () => {
    expect(smoothServiceSeconds([300, 2, 20_000])).toBe(300);
  });
});
