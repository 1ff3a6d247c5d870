import { describe, expect, it } from 'vitest';
import { checkCodeFromToken, createCheckCodeGuard } from './check-code';

describe('checkCodeFromToken', () => {
  it.each([
    // 6 bytes big-endian: 0x000000000000 → 0, 0x0000000004d2 → 1234, 0xffffffffffff = 281474976710655 → 0655.
    ['AAAAAAAA', '0000'],
    ['AAAAAATS', '1234'],
    ['________', '0655'],
  ])('%s → %s', (token, code) => {
    expect(checkCodeFromToken(token)).toBe(code);
  });

  it('refuses fewer than 6 random bytes', () => {
    expect(() => checkCodeFromToken('AAAA')).toThrow();
  });
});

describe('createCheckCodeGuard', () => {
  const limits = { perTicket: 5, perKiosk: 10, perTicketWindowMs: 24 * 3600_000, perKioskWindowMs: 10 * 60_000 };
  const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);

  it('accepts the right code and counts wrong ones against the ticket: after 5 even the right code waits', () => {
    const guard = createCheckCodeGuard(limits);
    expect(guard.check(1, '4821', '4821', 7, T0)).toBe('ok');
    for (let i = 0; i < 5; i += 1) expect(guard.check(1, '4821', String(1000 + i), 7, T0 + i)).toBe('wrong');
    expect(guard.check(1, '4821', '4821', 8, T0 + 10)).toBe('ticket-locked');
    // Another ticket at another kiosk is not affected.
    expect(guard.check(2, '0007', '0007', 8, T0 + 10)).toBe('ok');
    // The ticket's lock lasts a day.
    expect(guard.check(1, '4821', '4821', 8, T0 + 24 * 3600_000 - 1)).toBe('ticket-locked');
    expect(guard.check(1, '4821', '4821', 8, T0 + 24 * 3600_000 + 5)).toBe('ok');
  });

  it('locks a kiosk after 10 wrong codes in 10 minutes, over any tickets, and lets it go after the window', () => {
    const guard = createCheckCodeGuard(limits);
    for (let ticket = 1; ticket <= 10; ticket += 1) expect(guard.check(ticket, '1111', '2222', 3, T0 + ticket)).toBe('wrong');
    expect(guard.check(11, '1111', '1111', 3, T0 + 60_000)).toBe('kiosk-locked');
    expect(guard.check(11, '1111', '1111', 4, T0 + 60_000)).toBe('ok');
    expect(guard.check(11, '1111', '1111', 3, T0 + 10 * 60_000 + 11)).toBe('ok');
  });

  it('never accepts a code for a ticket that has none (issued before check codes existed)', () => {
    const guard = createCheckCodeGuard(limits);
    expect(guard.check(1, null, '0000', 1, T0)).toBe('wrong');
  });

  it('forgets old wrong codes, so a year of guesses does not pile up in memory', () => {
    const guard = createCheckCodeGuard(limits);
    for (let ticket = 1; ticket <= 500; ticket += 1) guard.check(ticket, '1111', '2222', ticket, T0 + ticket);
    expect(guard.size()).toBe(1000);
    const nextDay = T0 + 24 * 3600_000 + 1000;
    for (let i = 0; i < 1000; i += 1) guard.check(9999, '1111', '1111', 9999, nextDay);
    expect(guard.size()).toBe(0);
  });
});
