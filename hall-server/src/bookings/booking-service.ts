import { bookingCodeFrom, bookingFigures, hallDayOf, localParts, queuePlaceOf, type BookingFigures, type HallBooking, type IssuedTicket, type PullBooking } from '@hall/shared';
import type { Actor } from '../services/context';
import { HallError } from '../services/errors';
import type { HallServices } from '../services/hall-services';
import { createHallBookingsRepo, type HallBookingRow } from './bookings-repo';
import { checkInRefusal, checkInWindow, DEFAULT_CHECK_IN_RULES, type CheckInRules } from './check-in-window';

export type HallBookingService = ReturnType<typeof createHallBookingService>;

/** A check-in refused for its time: the window's edges let the kiosk say when to come back. */
export class CheckInTimeRefusal extends HallError {
  constructor(
    readonly refusal: 'too-early' | 'too-late',
    message: string,
    readonly detail: { slotStart: string; slotEnd: string; checkInFrom: string; checkInUntil: string },
  ) {
    super(refusal, message, 409);
  }
}

/** A checked-in booking's ticket: the normal issued ticket with its slot (marked 预约), and who booked it, masked. */
export type CheckedInTicket = IssuedTicket & { source: 'booking'; booking: { slotStart: string; slotEnd: string }; maskedName: string };

/** Bookings at the hall: applied from the pull, checked in at the kiosk, swept to no-show. Works offline. */
/** Called tickets over hall days and the sum of their waits in ms (the report service's, from per-day rows). */
export type CalledWaits = (from: string, to: string) => { called: number; waitMs: number };

/**
 * `calledWaits` lets the summary's walk-in wait come from per-day sums instead of a scan of every
 * ticket of the range (a year: ~1 M rows, seconds on a busy machine); without it the SQL scan is used.
 */
export function createHallBookingService(services: HallServices, defaults: CheckInRules = DEFAULT_CHECK_IN_RULES, calledWaits?: CalledWaits) {
  const { ctx, queue } = services;
  const repo = createHallBookingsRepo(ctx.db);
  // A hall may widen or narrow the window (hall_settings booking_early_minutes / booking_late_minutes).
  const minutesSetting = (key: string, fallback: number) => {
    const value = Number(ctx.hall.setting(key));
    return Number.isInteger(value) && value >= 0 && value <= 240 && ctx.hall.setting(key) !== null ? value : fallback;
  };
  const currentRules = (): CheckInRules => ({
    earlyMinutes: minutesSetting('booking_early_minutes', defaults.earlyMinutes),
    lateMinutes: minutesSetting('booking_late_minutes', defaults.lateMinutes),
  });
  const hhmm = (ms: number) => {
    const p = localParts(ms, ctx.timeZone);
    return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  function markNoShows(now: number) {
    return ctx.db.transaction(() => repo.markNoShows(currentRules().lateMinutes * 60_000, now)).immediate();
  }

  function findForCheckIn(input: string): HallBookingRow {
    const parsed = bookingCodeFrom(input);
    if (!parsed) throw new HallError('booking-not-found', 'enter the 6-digit booking code or scan the booking QR', 404);
    const ownHall = repo.hallId();
    if (parsed.hallId !== null && ownHall !== null && parsed.hallId !== ownHall) {
      throw new HallError('booking-other-hall', `booking QR of hall ${parsed.hallId}; this is hall ${ownHall}`, 404);
    }
    const today = hallDayOf(ctx.clock(), ctx.timeZone);
    const booking = repo.byDayCode(today, parsed.code);
    if (booking) return booking;
    const other = repo.latestByCode(parsed.code);
    if (other && other.state !== 'cancelled') throw new HallError('booking-other-day', `booking ${parsed.code} is for ${other.hall_day}, not today`, 409);
    throw new HallError('booking-not-found', `no booking ${parsed.code} today`, 404);
  }

  /** The `bookings` block of the hall summary over [from, to] (hall days): counts, rates, booked vs walk-in wait. */
  function figures(from: string, to: string): BookingFigures {
    if (from > to) throw new HallError('bad-request', 'from is after to', 400);
    markNoShows(ctx.clock());
    const f = repo.figures(from, to);
    return bookingFigures(
      { booked: f.booked, checkedIn: f.checked_in, noShow: f.no_show, cancelled: f.cancelled },
      calledWaits ? sourceWaits(calledWaits, from, to) : repo.waits(from, to).map((w) => ({ source: w.source, avgWaitMs: w.avg_ms })),
    );
  }

  /** The average waits by source: booked tickets from their bookings, walk-ins = all called tickets minus the booked ones. */
  function sourceWaits(all: CalledWaits, from: string, to: string): { source: string; avgWaitMs: number }[] {
    const { called, waitMs } = all(from, to);
    const booked = repo.bookedWaits(from, to);
    const walkIns = called - booked.n;
    return [
      ...(booked.n > 0 ? [{ source: 'booking', avgWaitMs: booked.booked_ms / booked.n }] : []),
      ...(walkIns > 0 ? [{ source: 'walk-in', avgWaitMs: (waitMs - booked.issued_ms) / walkIns }] : []),
    ];
  }

  return {
    repo,

    /** Applies bookings pulled from the city (idempotent; a cancellation of a checked-in booking changes nothing). */
    applyPulled(bookings: readonly PullBooking[]) {
      if (bookings.length === 0) return;
      ctx.db.transaction(() => repo.apply(bookings, ctx.clock())).immediate();
    },

    markNoShows,

    /**
     * 预约签到: the code typed or the booking QR scanned. Inside −60/+20 minutes of the slot a normal
     * ticket is issued whose queue place is the slot start (walk-ins who came earlier stay ahead);
     * outside it a refusal that says when. A second check-in of the same booking returns its ticket.
     */
    checkIn(input: string, actor: Actor): { ticket: CheckedInTicket; created: boolean } {
      const now = ctx.clock();
      markNoShows(now);
      const booking = findForCheckIn(input);
      const slot = { slotStart: iso(booking.slot_start), slotEnd: iso(booking.slot_end) };
      const marked = (ticket: IssuedTicket): CheckedInTicket => ({ ...ticket, source: 'booking', booking: slot, maskedName: booking.masked_name });
      if (booking.state === 'cancelled') throw new HallError('booking-cancelled', `booking ${booking.code} was cancelled`, 404);
      if (booking.state === 'checked_in' && booking.ticket_id !== null) {
        return { ticket: marked(queue.views.issuedDto(ctx.tickets.get(booking.ticket_id)!)), created: false };
      }
      const rules = currentRules();
      const window = checkInWindow(booking.slot_start, rules);
      const detail = { ...slot, checkInFrom: iso(window.from), checkInUntil: iso(window.until) };
      const refusal = booking.state === 'no_show' ? 'too-late' : checkInRefusal(booking.slot_start, now, rules);
      if (refusal === 'too-early') {
        throw new CheckInTimeRefusal(refusal, `预约时段 ${hhmm(booking.slot_start)} 开始，请于 ${hhmm(window.from)} 后再来签到`, detail);
      }
      if (refusal === 'too-late') {
        throw new CheckInTimeRefusal(refusal, `预约签到已于 ${hhmm(window.until)} 截止，请取普通号排队`, detail);
      }
      const ticketId = ctx.db.transaction(() => {
        const [outcome] = queue.issueBatch([{ body: { serviceCode: booking.service_code, requestId: `booking-${booking.id}` }, actor }]);
        if (!outcome!.ok) throw outcome!.error;
        const id = outcome!.ticket.id;
        repo.markTicketBooked(id, queuePlaceOf({ arrivedAt: now, slotStart: booking.slot_start }));
        if (!repo.checkIn(booking.id, id, now)) throw new HallError('conflict', `booking ${booking.code} changed while checking in`);
        return id;
      }).immediate();
      ctx.events.ticketsChanged();
      // People ahead counted again: the ticket's place is the slot start, not the moment of issue.
      return { ticket: marked(queue.views.issuedDto(ctx.tickets.get(ticketId)!)), created: true };
    },

    figures,

    /** Bookings over hall days (today by default): how many, checked in, no-shows, and the wait of booked visitors against walk-ins. */
    summary(fromDay?: string, toDay?: string) {
      const from = fromDay ?? hallDayOf(ctx.clock(), ctx.timeZone);
      const { avgWaitBookedSeconds, avgWaitWalkInSeconds, ...counts } = figures(from, toDay ?? from);
      return { ...counts, avgWaitSecondsBooked: avgWaitBookedSeconds, avgWaitSecondsWalkIn: avgWaitWalkInSeconds };
    },

    /** GET /api/bookings?day= for the manager console. */
    list(day: string | undefined): HallBooking[] {
      markNoShows(ctx.clock());
      return repo.ofDay(day ?? hallDayOf(ctx.clock(), ctx.timeZone)).map((b) => ({
        id: b.id, code: b.code, serviceCode: b.service_code, slotStart: iso(b.slot_start), slotEnd: iso(b.slot_end), state: b.state,
        maskedName: b.masked_name, phoneLast4: b.phone_last4, ticketNumber: b.ticket_number, checkedInAt: b.checked_in_at === null ? null : iso(b.checked_in_at),
      }));
    },
  };
}
