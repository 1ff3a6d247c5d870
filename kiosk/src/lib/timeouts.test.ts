import { describe, expect, it } from 'vitest';
import { screenTimeouts } from './timeouts';

describe('screenTimeouts', () => {
  it.each([
    [false, { ticketMs: 15_000, unprintedTicketMs: 30_000, thanksMs: 10_000, idleMs: 60_000 }],
    [true, { ticketMs: 30_000, unprintedTicketMs: 45_000, thanksMs: 30_000, idleMs: 60_000 }],
  ])('elderly %s', (elderly, expected) => {
    expect(screenTimeouts(elderly)).toEqual(expected);
  });
  it('never waits under 30 s in elderly mode', () => {
    expect(Math.min(...Object.values(screenTimeouts(true)))).toBeGreaterThanOrEqual(30_000);
  });
  it('gives an unprinted ticket more time than a printed one (the visitor photographs it)', () => {
    for (const elderly of [false, true]) {
      const t = screenTimeouts(elderly);
      expect(t.unprintedTicketMs).toBeGreaterThan(t.ticketMs);
    }
  });
});
