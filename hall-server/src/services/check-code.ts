/**
 * 验证码: the four digits printed beside a ticket's number. A kiosk rating by typed number must show
 * them; wrong guesses are counted per ticket and per kiosk so that 10,000 codes cannot be walked.
 */

/** Four decimal digits from a random base64url token of at least 6 bytes (48 bits: the modulo bias is below 10⁻¹⁰). */
export function checkCodeFromToken(token: string): string {
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length < 6) throw new Error('a check code needs at least 6 random bytes');
  return String(bytes.readUIntBE(0, 6) % 10_000).padStart(4, '0');
}

export interface CheckCodeLimits {
  /** Wrong codes for one ticket before it can be rated at a kiosk only with its QR (the rest of the window). */
  perTicket: number;
  /** Wrong codes from one kiosk, any tickets, within the window. */
  perKiosk: number;
  perTicketWindowMs: number;
  perKioskWindowMs: number;
}

/**
 * 5 wrong codes per ticket per day: a guesser's chance on one ticket is 5 / 10,000 = 0.05 %.
 * 10 per kiosk per 10 minutes: at most 60 guesses an hour over all tickets, so a whole 9-hour day
 * of guessing at one kiosk expects 540 / 10,000 ≈ 0.05 stolen ratings. A visitor who mistypes
 * twice is never in the way; the QR and the phone page still work for a locked ticket.
 */
export const CHECK_CODE_LIMITS: CheckCodeLimits = {
  perTicket: 5, perKiosk: 10, perTicketWindowMs: 24 * 3600_000, perKioskWindowMs: 10 * 60_000,
};

export type CheckCodeVerdict = 'ok' | 'wrong' | 'ticket-locked' | 'kiosk-locked';

/** Counts wrong check codes; pure over `now` (the clock is passed in). */
export function createCheckCodeGuard(limits: CheckCodeLimits = CHECK_CODE_LIMITS) {
  const failures = new Map<string, number[]>();
  const recent = (key: string, windowMs: number, now: number) => (failures.get(key) ?? []).filter((at) => now - at < windowMs);
  let checks = 0;
  // Now and then forget tickets and kiosks whose last wrong code is older than the longest window.
  const sweep = (now: number) => {
    const longest = Math.max(limits.perTicketWindowMs, limits.perKioskWindowMs);
    for (const [key, times] of failures) if (now - times[times.length - 1]! >= longest) failures.delete(key);
  };

  return {
    /** Compares `given` with the ticket's code, refusing before comparing once either limit is reached. */
    check(ticketId: number, expected: string | null, given: string, kioskId: number, now: number): CheckCodeVerdict {
      if (++checks % 1000 === 0) sweep(now);
      const ticketKey = `ticket:${ticketId}`;
      const kioskKey = `kiosk:${kioskId}`;
      const ticketFailures = recent(ticketKey, limits.perTicketWindowMs, now);
      const kioskFailures = recent(kioskKey, limits.perKioskWindowMs, now);
      if (ticketFailures.length >= limits.perTicket) return 'ticket-locked';
      if (kioskFailures.length >= limits.perKiosk) return 'kiosk-locked';
      if (expected !== null && given === expected) return 'ok';
      failures.set(ticketKey, [...ticketFailures, now]);
      failures.set(kioskKey, [...kioskFailures, now]);
      return 'wrong';
    },
    /** How many tickets and kiosks have wrong codes on record (memory stays bounded). */
    size: () => failures.size,
  };
}
