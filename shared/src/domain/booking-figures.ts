import type { BookingFigures } from '../schemas/bookings';

/** Booking counts over a range (cancelled ones are not "booked"). */
export interface BookingCounts {
  booked: number;
  checkedIn: number;
  noShow: number;
  cancelled: number;
}

/** Mean wait to the first call, in ms, of the called tickets of one source ('booking', 'walk-in', …); null when none. */
export interface SourceWait {
  source: string;
  avgWaitMs: number | null;
}

/**
 * The booking figures of the hall and city summaries, from counts and per-source mean waits
 * (pure; the hall reads SQLite, the city PostgreSQL). Rates are 0–1 of the bookings not cancelled,
 * null when there are none; waits in whole seconds, null when nobody of that source was called.
 */
export function bookingFigures(counts: BookingCounts, waits: readonly SourceWait[]): BookingFigures {
  const wait = (source: string) => {
    const ms = waits.find((w) => w.source === source)?.avgWaitMs ?? null;
    return ms === null ? null : Math.round(ms / 1000);
  };
  return {
    ...counts,
    checkInRate: counts.booked > 0 ? counts.checkedIn / counts.booked : null,
    noShowRate: counts.booked > 0 ? counts.noShow / counts.booked : null,
    avgWaitBookedSeconds: wait('booking'),
    avgWaitWalkInSeconds: wait('walk-in'),
  };
}
