import type { Db } from '../db/database';

export interface TicketReportRow {
  id: number;
  hall_day: string;
  number: string;
  service_code: string;
  original_service_code: string;
  priority: string;
  state: string;
  issued_at: number;
  first_called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  counter_id: number | null;
  counter_name: string | null;
  staff_id: number | null;
  staff_name: string | null;
  recall_count: number;
  outcome: string | null;
  note: string | null;
  estimated_wait_seconds: number | null;
  target_wait_minutes: number;
  score: number | null;
}

/** A rating with its ticket's day, service, counter, staff and issue time (the keys reports group by). */
export interface RatingReportRow {
  service_code: string;
  counter_id: number | null;
  staff_id: number | null;
  hall_day: string;
  issued_at: number;
  score: number;
  attitude: number | null;
  efficiency: number | null;
  policy: number | null;
  competence: number | null;
}

export interface FollowUpStatsRow {
  opened: number;
  closed: number;
  closed_on_time: number;
  open_overdue: number;
}

export type ReportsRepo = ReturnType<typeof createReportsRepo>;

/** A packed day as stored: little-endian Int32 (checked below; every machine this runs on is). */
function toBlob(packed: Int32Array): Buffer {
  return Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
}
function fromBlob(blob: Buffer): Int32Array {
  if (blob.byteOffset % 4 === 0) return new Int32Array(blob.buffer, blob.byteOffset, blob.byteLength >>> 2);
  // Copy: a small Buffer from SQLite may sit in Node's pool at an offset that is not 4-byte aligned.
  const copy = new Int32Array(blob.byteLength >>> 2);
  new Uint8Array(copy.buffer).set(blob);
  return copy;
}
if (new Uint8Array(Int32Array.of(1).buffer)[0] !== 1) throw new Error('report rollups assume a little-endian machine');

/** SQL for reports over a range of hall days (both inclusive), and the rollups that keep them fast. */
export function createReportsRepo(db: Db) {
  const ticketSelect = `
    SELECT t.id, t.hall_day, t.number, t.service_code, t.original_service_code, t.priority, t.state, t.issued_at,
      t.first_called_at, t.started_at, t.finished_at, t.counter_id, c.name AS counter_name, t.staff_id,
      u.display_name AS staff_name, t.recall_count, t.outcome, t.note, t.estimated_wait_seconds,
      s.target_wait_minutes, CASE WHEN r.excluded_at IS NULL THEN r.score END AS score
    FROM tickets t
    JOIN services s ON s.code = t.service_code
    LEFT JOIN counters c ON c.id = t.counter_id
    LEFT JOIN users u ON u.id = t.staff_id
    LEFT JOIN ratings r ON r.ticket_id = t.id`;
  const tickets = db.prepare(`${ticketSelect} WHERE t.hall_day BETWEEN ? AND ? ORDER BY t.hall_day, t.issued_at, t.id`);
  const ratings = db.prepare(`
    SELECT t.service_code, t.counter_id, t.staff_id, t.hall_day, t.issued_at, r.score, r.attitude, r.efficiency, r.policy, r.competence
    FROM ratings r JOIN tickets t ON t.id = r.ticket_id
    WHERE t.hall_day BETWEEN ? AND ? AND r.excluded_at IS NULL`);
  const packedDays = db.prepare('SELECT hall_day, data FROM report_rollup_days WHERE hall_day BETWEEN ? AND ? ORDER BY hall_day').raw(true);
  const storeDay = db.prepare('INSERT OR REPLACE INTO report_rollup_days (hall_day, built_at, data) VALUES (?, ?, ?)');
  const dropDay = db.prepare('DELETE FROM report_rollup_days WHERE hall_day = ?');
  const builtDays = db.prepare('SELECT hall_day FROM report_rollup_days WHERE hall_day BETWEEN ? AND ?').pluck(true);
  const firstDay = db.prepare('SELECT MIN(hall_day) FROM tickets').pluck(true);
  const watermark = db.prepare('SELECT value FROM report_watermarks WHERE name = ?').pluck(true);
  const setWatermark = db.prepare(
    'INSERT INTO report_watermarks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
  );
  const maxEventId = db.prepare('SELECT COALESCE(MAX(id), 0) FROM ticket_events').pluck(true);
  const maxRatingId = db.prepare('SELECT COALESCE(MAX(id), 0) FROM ratings').pluck(true);
  const daysOfEventsAfter = db.prepare(
    'SELECT DISTINCT t.hall_day FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.id > ?',
  ).pluck(true);
  const daysOfRatingsAfter = db.prepare('SELECT DISTINCT t.hall_day FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.id > ?').pluck(true);
  const dayOfRating = db.prepare('SELECT t.hall_day FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.id = ?').pluck(true);
  // A rating is given on its ticket's hall day, so a follow-up's opening time places it in the range
  // without joining a year of tickets.
  // On time = closed before the end of the due day in hall time: the day's end is computed in SQL
  // from the zone's UTC offset (exact for China's zones, which keep no daylight saving time).
  const followUpStats = db.prepare(`
    SELECT COUNT(*) AS opened,
      COALESCE(SUM(closed_at IS NOT NULL), 0) AS closed,
      COALESCE(SUM(closed_at IS NULL AND due_day < @today), 0) AS open_overdue,
      COALESCE(SUM(closed_at IS NOT NULL AND closed_at < (unixepoch(due_day) + 86400) * 1000 - @offsetMs), 0) AS closed_on_time
    FROM follow_ups WHERE opened_at >= @start AND opened_at < @end`);
  return {
    tickets: (from: string, to: string) => tickets.all(from, to) as TicketReportRow[],
    /** Ratings in the range, excluding those taken out by 申诉复核. */
    ratings: (from: string, to: string) => ratings.all(from, to) as RatingReportRow[],
    iterateTickets: (from: string, to: string) => tickets.iterate(from, to) as IterableIterator<TicketReportRow>,

    /** Packed rollups of the stored days in [from, to]. */
    packedDays: (from: string, to: string) =>
      (packedDays.all(from, to) as [string, Buffer][]).map(([hallDay, data]) => ({ hallDay, packed: fromBlob(data) })),
    builtDays: (from: string, to: string) => new Set(builtDays.all(from, to) as string[]),
    firstDay: () => (firstDay.get() as string | null) ?? null,
    storeDay: (hallDay: string, packed: Int32Array, now: number) => {
      storeDay.run(hallDay, now, toBlob(packed));
    },
    dropDay: (hallDay: string) => {
      dropDay.run(hallDay);
    },
    watermark: (name: 'events' | 'ratings') => (watermark.get(name) as number | undefined) ?? null,
    setWatermark: (name: 'events' | 'ratings', value: number) => {
      setWatermark.run(name, value);
    },
    maxEventId: () => maxEventId.get() as number,
    maxRatingId: () => maxRatingId.get() as number,
    daysChangedAfter: (eventId: number, ratingId: number) =>
      new Set([...(daysOfEventsAfter.all(eventId) as string[]), ...(daysOfRatingsAfter.all(ratingId) as string[])]),
    dayOfRating: (ratingId: number) => (dayOfRating.get(ratingId) as string | undefined) ?? null,
    /** Follow-ups opened in [start, end) ms; `today` decides overdue; `offsetMs` is the hall zone's offset from UTC. */
    followUpStats: (start: number, end: number, today: string, offsetMs: number) =>
      followUpStats.get({ start, end, today, offsetMs }) as FollowUpStatsRow,
  };
}
