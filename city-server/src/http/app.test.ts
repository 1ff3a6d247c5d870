import { describe, expect, it } from 'vitest';
import { maskUrl } from './app';

describe('maskUrl', () => {
  it.each([
    ['/t/Qm9vdHN0cmFwVHJhY2tpbmc', '/t/***'],
    ['/api/track/Qm9vdHN0cmFwVHJhY2tpbmc/rating', '/api/track/***/rating'],
    ['/api/track/abc?x=1', '/api/track/***?x=1'],
    ['/api/sync/push', '/api/sync/push'],
    ['/api/city/summary?from=2026-11-01&to=2026-11-30', '/api/city/summary?from=2026-11-01&to=2026-11-30'],
  ])('%s is logged as %s', (url, logged) => {
    expect(maskUrl(url)).toBe(logged);
  });
});
