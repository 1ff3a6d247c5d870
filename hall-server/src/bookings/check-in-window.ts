/** How far around the slot start a booked visitor may check in (DESIGN.md: −60/+20 minutes). */
export interface CheckInRules {
  earlyMinutes: number;
  lateMinutes: number;
}

export const DEFAULT_CHECK_IN_RULES: CheckInRules = { earlyMinutes: 60, lateMinutes: 20 };

const MIN = 60_000;

/** Whether a booking of `slotStart` can be checked in at `now`: null inside the window, else too early or too late. */
export function checkInRefusal(slotStart: number, now: number, rules: CheckInRules = DEFAULT_CHECK_IN_RULES): 'too-early' | 'too-late' | null {
  if (now < slotStart - rules.earlyMinutes * MIN) return 'too-early';
  if (now > slotStart + rules.lateMinutes * MIN) return 'too-late';
  return null;
}

/** The first and last moments of the check-in window. */
export function checkInWindow(slotStart: number, rules: CheckInRules = DEFAULT_CHECK_IN_RULES) {
  return { from: slotStart - rules.earlyMinutes * MIN, until: slotStart + rules.lateMinutes * MIN };
}

/** The moment an unchecked booking becomes a no-show (slot start + the late minutes). */
export const noShowAt = (slotStart: number, rules: CheckInRules = DEFAULT_CHECK_IN_RULES) => slotStart + rules.lateMinutes * MIN;
