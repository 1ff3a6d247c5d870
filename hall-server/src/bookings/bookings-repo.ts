import type { PullBooking } from '@hall/shared';
import type { Db } from '../db/database';

export interface HallBookingRow {
  id: number;
  code: string;
  service_code: string;
  slot_start: number;
  slot_end: number;
  hall_day: string;
  state: 'booked' | 'cancelled' | 'checked_in' | 'no_show';
  masked_name: string;
  phone_last4: string;
  ticket_id: number | null;
  checked_in_at: number | null;
  ticket_number: string | null;
}

export type HallBookingsRepo = ReturnType<typeof createHallBookingsRepo>;

/** SQL of the bookings the hall pulled from the city (masked; never a full phone or ID number). */
export function createHallBookingsRepo(db: Db) {
  const select = `SELECT b.id, b.code, b.service_code, b.slot_start, b.slot_end, b.hall_day, b.state, b.masked_name, b.phone_last4,
    b.ticket_id, b.checked_in_at, t.number AS ticket_number FROM bookings b LEFT JOIN tickets t ON t.id = b.ticket_id`;
  const upsert = db.prepare(
    `INSERT INTO bookings (id, code, service_code, slot_start, slot_end, hall_day, state, masked_name, phone_last4, phone_hash, cancelled_at)
     VALUES (@id, @code, @serviceCode, @slotStart, @slotEnd, @hallDay, @state, @maskedName, @phoneLast4, @phoneHash, CASE WHEN @state = 'cancelled' THEN @now END)
     ON CONFLICT (id) DO UPDATE SET
       state = CASE WHEN excluded.state = 'cancelled' AND bookings.state = 'booked' THEN 'cancelled' ELSE bookings.state END,
       cancelled_at = CASE WHEN excluded.state = 'cancelled' AND bookings.state = 'booked' THEN @now ELSE bookings.cancelled_at END`,
  );
  const byDayCode = db.prepare(`${select} WHERE b.hall_day = ? AND b.code = ?`);
  const byCode = db.prepare(`${select} WHERE b.code = ? ORDER BY b.slot_start DESC LIMIT 1`);
  const ofDay = db.prepare(`${select} WHERE b.hall_day = ? ORDER BY b.slot_start, b.id`);
  const checkIn = db.prepare("UPDATE bookings SET state = 'checked_in', ticket_id = ?, checked_in_at = ? WHERE id = ? AND state = 'booked'");
  const markTicket = db.prepare("UPDATE tickets SET source = 'booking', queued_at = ? WHERE id = ?");
  const noShows = db.prepare("UPDATE bookings SET state = 'no_show', no_show_at = @now WHERE state = 'booked' AND slot_start < @cutoff");
  const hallId = db.prepare('SELECT hall_id FROM sync_state WHERE id = 1');
  const bookingOfTicket = db.prepare('SELECT slot_start, slot_end FROM bookings WHERE ticket_id = ?');
  // By day first: bookings_day_code narrows the scan to the day's few bookings.
  const slotOfTicketOnDay = db.prepare('SELECT slot_start FROM bookings WHERE hall_day = ? AND ticket_id = ?');
  const figures = db.prepare(
    `SELECT COUNT(*) FILTER (WHERE state <> 'cancelled') AS booked, COUNT(*) FILTER (WHERE state = 'checked_in') AS checked_in,
       COUNT(*) FILTER (WHERE state = 'no_show') AS no_show, COUNT(*) FILTER (WHERE state = 'cancelled') AS cancelled
     FROM bookings WHERE hall_day BETWEEN ? AND ?`,
  );
  // A booked visitor's wait starts at check-in or at the slot start, whichever is later: coming early is not
  // waiting, and one called before the slot started waited 0.
  const waits = db.prepare(
    `SELECT t.source, COUNT(*) AS n, AVG(MAX(0, t.first_called_at - MAX(t.issued_at, COALESCE(b.slot_start, t.issued_at)))) AS avg_ms
     FROM tickets t LEFT JOIN bookings b ON b.ticket_id = t.id
     WHERE t.hall_day BETWEEN ? AND ? AND t.first_called_at IS NOT NULL GROUP BY t.source`,
  );
  // The booked tickets alone, from the day's bookings (few): their booked wait, and their wait from
  // issue that the walk-in side subtracts from all called tickets (report_called_days, issue 11).
  const bookedWaits = db.prepare(
    `SELECT COUNT(*) AS n, COALESCE(SUM(MAX(0, t.first_called_at - MAX(t.issued_at, COALESCE(b.slot_start, t.issued_at)))), 0) AS booked_ms,
       COALESCE(SUM(MAX(0, t.first_called_at - t.issued_at)), 0) AS issued_ms
     FROM bookings b JOIN tickets t ON t.id = b.ticket_id
     WHERE b.hall_day BETWEEN @from AND @to AND t.hall_day BETWEEN @from AND @to AND t.source = 'booking' AND t.first_called_at IS NOT NULL`,
  );

  return {
    /** Applies pulled bookings: new ones stored, a cancellation applied while the booking is still only booked. */
    apply(bookings: readonly PullBooking[], now: number) {
      for (const b of bookings) {
        upsert.run({
          id: b.id, code: b.code, serviceCode: b.serviceCode, slotStart: Date.parse(b.slotStart), slotEnd: Date.parse(b.slotEnd), hallDay: b.hallDay,
          state: b.state === 'cancelled' ? 'cancelled' : 'booked', maskedName: b.maskedName, phoneLast4: b.phoneLast4, phoneHash: b.phoneHash, now,
        });
      }
    },
    byDayCode: (hallDay: string, code: string) => (byDayCode.get(hallDay, code) as HallBookingRow | undefined) ?? null,
    latestByCode: (code: string) => (byCode.get(code) as HallBookingRow | undefined) ?? null,
    ofDay: (hallDay: string) => ofDay.all(hallDay) as HallBookingRow[],
    checkIn: (id: number, ticketId: number, at: number) => checkIn.run(ticketId, at, id).changes === 1,
    /** A booked ticket's queue place is its slot start (the Munich rule: shared booked-order). */
    markTicketBooked: (ticketId: number, queuedAt: number) => {
      markTicket.run(queuedAt, ticketId);
    },
    /** Bookings not checked in by slot start + lateMs (the last moment check-in takes them) become no-shows; how many. */
    markNoShows: (lateMs: number, now: number) => noShows.run({ now, cutoff: now - lateMs }).changes,
    hallId: () => (hallId.get() as { hall_id: number | null } | undefined)?.hall_id ?? null,
    figures: (from: string, to: string) => figures.get(from, to) as { booked: number; checked_in: number; no_show: number; cancelled: number },
    waits: (from: string, to: string) => waits.all(from, to) as { source: string; n: number; avg_ms: number | null }[],
    bookedWaits: (from: string, to: string) => bookedWaits.get({ from, to }) as { n: number; booked_ms: number; issued_ms: number },
    slotStartOfTicket: (ticketId: number, hallDay: string) => (slotOfTicketOnDay.get(hallDay, ticketId) as { slot_start: number } | undefined)?.slot_start ?? null,
    slotOfTicket: (ticketId: number) => (bookingOfTicket.get(ticketId) as { slot_start: number; slot_end: number } | undefined) ?? null,
  };
}
