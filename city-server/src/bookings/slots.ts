import { hallDayOf, localParts, nextHallDay, weekdayOf, type SlotTemplate } from '@hall/shared';

/** A slot of a hall's template on one day (epoch ms). */
export interface Slot {
  start: number;
  end: number;
}

const MIN = 60_000;

/** The instant a local wall-clock time (HH:MM) happens on a hall day in a time zone. */
export function localTimeToEpoch(day: string, time: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Guess with the offset at the wall time read as UTC, then correct once (enough away from a DST jump; China has none).
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}

function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const [y, m, d] = p.day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/** ISO 8601 with the hall's offset (2026-12-03T09:00:00+08:00), as the availability contract shows slot times. */
export function isoWithOffset(instant: number, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const offsetMinutes = Math.round(offsetAt(instant, timeZone) / MIN);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.day}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The slots of a template on one hall day: each period of that weekday cut into slot-length
 * pieces (a last piece shorter than a slot is not offered). None on a holiday.
 */
export function slotsOfDay(template: Pick<SlotTemplate, 'periods' | 'slotMinutes'>, day: string, timeZone: string, holiday: boolean): Slot[] {
  if (holiday) return [];
  // Templates count weekdays 1 (Mon) … 7 (Sun).
  const weekday = weekdayOf(day) === 0 ? 7 : weekdayOf(day);
  const slots: Slot[] = [];
  for (const period of template.periods) {
    if (!period.weekdays.includes(weekday)) continue;
    const from = localTimeToEpoch(day, period.from, timeZone);
    const to = localTimeToEpoch(day, period.to, timeZone);
    for (let start = from; start + template.slotMinutes * MIN <= to; start += template.slotMinutes * MIN) {
      slots.push({ start, end: start + template.slotMinutes * MIN });
    }
  }
  return slots.sort((a, b) => a.start - b.start);
}

/** Why a slot cannot be booked now, or null: past, beyond the days ahead, or today while the hall is offline. */
export function bookingWindowRefusal(slotStart: number, now: number, timeZone: string, daysAhead: number, hallOnline: boolean): 'slot-past' | 'slot-too-far' | 'slot-closed-offline' | null {
  if (slotStart <= now) return 'slot-past';
  const today = hallDayOf(now, timeZone);
  const day = hallDayOf(slotStart, timeZone);
  let last = today;
  for (let i = 0; i < daysAhead; i += 1) last = nextHallDay(last);
  if (day > last) return 'slot-too-far';
  // Bookings close the evening before unless the hall is online to receive a same-day booking at once.
  if (day === today && !hallOnline) return 'slot-closed-offline';
  return null;
}

/** Hall days from `from` to `to` inclusive (at most `max`). */
export function daysBetween(from: string, to: string, max = 31): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < max; day = nextHallDay(day)) days.push(day);
  return days;
}
