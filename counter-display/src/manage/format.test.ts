import { describe, expect, it } from 'vitest';
import { minutes1, minutesText, percentText, presetRange } from './format';

describe('console formatting', () => {
  it.each([
    [null, '—', '—'],
    [0, '0 分钟', '0.0'],
    [89, '1 分钟', '1.5'],
    [1500, '25 分钟', '25.0'],
  ])('%s seconds → %s / %s', (seconds, text, decimal) => {
    expect(minutesText(seconds)).toBe(text);
    expect(minutes1(seconds)).toBe(decimal);
  });

  it.each([[null, '—'], [0.9, '90.0%'], [0.12345, '12.3%'], [1, '100.0%']])('%s → %s', (rate, text) => {
    expect(percentText(rate)).toBe(text);
  });

  it.each([
    ['today', '2026-03-15', '2026-03-15', '2026-03-15'],
    ['week', '2026-03-05', '2026-02-27', '2026-03-05'],
    ['month', '2026-03-15', '2026-03-01', '2026-03-15'],
    ['lastMonth', '2026-03-15', '2026-02-01', '2026-02-28'],
    ['lastMonth', '2026-01-10', '2025-12-01', '2025-12-31'],
    ['year', '2026-03-15', '2025-03-16', '2026-03-15'],
  ] as const)('%s of %s → %s … %s', (preset, today, from, to) => {
    expect(presetRange(preset, today)).toEqual({ from, to });
  });
});
