import type { SlotTemplate } from '@hall/shared';
import type { Queryable } from '../db/database';
import { firstAndLastDay } from '../repos/reports-repo';

export interface BookingRow {
  id: number;
  hall_id: number;
  service_code: string;
  slot_start: number;
  slot_end: number;
  hall_day: string;
  code: string;
  state: 'booked' | 'cancelled' | 'checked_in' | 'no_show';
  name: string;
  phone: string;
  phone_hash: string;
  id_hash: string | null;
  channel: string;
  external_id: string;
  created_at: number;
  checked_in_at: number | null;
  ticket_id: number | null;
  hall_seq: number;
  version: number;
}

/** Called tickets and their summed wait in ms per source, of one hall day or summed (bigints as text). */
interface DayWaits {
  booked_called: number;
  booked_wait_ms: string;
  walk_in_called: number;
  walk_in_wait_ms: string;
}

// A hall day's called tickets per source and their summed wait to the first call (ms); a booked
// visitor's wait from check-in or the slot start, whichever is later. Over the days unnested from
// $1 (hall ids) and $2 (days) — and $3 (their versions) when `versioned` — then the first and last
// of the days (so the partitioned tickets are pruned to their months); a day nobody was called on
// gets zeros.
const WAIT_MS = 'GREATEST(0, t.called_at - GREATEST(t.issued_at, COALESCE(b.slot_start, t.issued_at)))';
const dayWaits = (versioned: boolean) => `SELECT d.hall_id, d.hall_day::text AS hall_day${versioned ? ', d.version' : ''},
    COUNT(t.id) FILTER (WHERE t.source = 'booking')::integer AS booked_called,
    COALESCE(SUM(${WAIT_MS}) FILTER (WHERE t.source = 'booking'), 0)::bigint AS booked_wait_ms,
    COUNT(t.id) FILTER (WHERE t.source = 'walk-in')::integer AS walk_in_called,
    COALESCE(SUM(${WAIT_MS}) FILTER (WHERE t.source = 'walk-in'), 0)::bigint AS walk_in_wait_ms
  FROM unnest($1::integer[], $2::date[]${versioned ? ', $3::bigint[]) AS d(hall_id, hall_day, version)' : ') AS d(hall_id, hall_day)'}
  LEFT JOIN tickets t ON t.hall_id = d.hall_id AND t.hall_day = d.hall_day AND t.called_at IS NOT NULL
    AND t.hall_day BETWEEN ${versioned ? '$4 AND $5' : '$3 AND $4'}
  LEFT JOIN bookings b ON b.hall_id = t.hall_id AND b.ticket_id = t.id
  GROUP BY d.hall_id, d.hall_day${versioned ? ', d.version' : ''}`;

const BOOKING_COLUMNS = `id, hall_id, service_code, slot_start, slot_end, hall_day::text AS hall_day, code, state, name, phone, phone_hash,
  id_hash, channel, external_id, created_at, checked_in_at, ticket_id, hall_seq, version`;

export interface NewBooking {
  hallId: number;
  serviceCode: string;
  slotStart: number;
  slotEnd: number;
  hallDay: string;
  code: string;
  name: string;
  phone: string;
  phoneHash: string;
  idHash: string | null;
  channel: string;
  externalId: string;
  createdAt: number;
  version: number;
}

/** SQL of appointments: templates, slot capacity, bookings, blocks, integration tokens. */
export function bookingsRepo(db: Queryable) {
  return {
    async secret(): Promise<string> {
      return (await db.query<{ secret: string }>('SELECT secret FROM booking_secret WHERE id = 1')).rows[0]!.secret;
    },
    async template(hallId: number, serviceCode: string): Promise<SlotTemplate | null> {
      const row = (await db.query<{ periods: SlotTemplate['periods']; slot_minutes: number; capacity: number; days_ahead: number }>(
        'SELECT periods, slot_minutes, capacity, days_ahead FROM slot_templates WHERE hall_id = $1 AND service_code = $2', [hallId, serviceCode])).rows[0];
      return row ? { hallId, serviceCode, periods: row.periods, slotMinutes: row.slot_minutes, capacity: row.capacity, daysAhead: row.days_ahead } : null;
    },
    async templates(hallId: number): Promise<SlotTemplate[]> {
      const rows = (await db.query<{ service_code: string; periods: SlotTemplate['periods']; slot_minutes: number; capacity: number; days_ahead: number }>(
        'SELECT service_code, periods, slot_minutes, capacity, days_ahead FROM slot_templates WHERE hall_id = $1 ORDER BY service_code', [hallId])).rows;
      return rows.map((row) => ({ hallId, serviceCode: row.service_code, periods: row.periods, slotMinutes: row.slot_minutes, capacity: row.capacity, daysAhead: row.days_ahead }));
    },
    putTemplate: (t: SlotTemplate) =>
      db.query(`INSERT INTO slot_templates (hall_id, service_code, periods, slot_minutes, capacity, days_ahead) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (hall_id, service_code) DO UPDATE SET periods = excluded.periods, slot_minutes = excluded.slot_minutes,
          capacity = excluded.capacity, days_ahead = excluded.days_ahead, updated_at = now()`,
      [t.hallId, t.serviceCode, JSON.stringify(t.periods), t.slotMinutes, t.capacity, t.daysAhead]),
    async bookedCounts(hallId: number, serviceCode: string, from: number, to: number): Promise<Map<number, number>> {
      const rows = (await db.query<{ slot_start: number; booked: number }>(
        'SELECT slot_start, booked FROM booking_slots WHERE hall_id = $1 AND service_code = $2 AND slot_start >= $3 AND slot_start < $4',
        [hallId, serviceCode, from, to])).rows;
      return new Map(rows.map((row) => [row.slot_start, row.booked]));
    },
    async holidays(from: string, to: string): Promise<Set<string>> {
      const rows = (await db.query<{ day: string }>('SELECT day::text AS day FROM holidays WHERE day BETWEEN $1 AND $2 AND NOT workday', [from, to])).rows;
      return new Set(rows.map((row) => row.day));
    },
    /**
     * Takes one place in a slot: creates the slot row if needed, then one conditional UPDATE that
     * only succeeds while booked < capacity. Concurrent callers queue on the row lock and re-check
     * after it, so the capacity is never exceeded. False when the slot is full.
     */
    async takePlace(hallId: number, serviceCode: string, start: number, end: number, capacity: number): Promise<boolean> {
      await db.query(`INSERT INTO booking_slots (hall_id, service_code, slot_start, slot_end, capacity) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (hall_id, service_code, slot_start) DO NOTHING`, [hallId, serviceCode, start, end, capacity]);
      const result = await db.query(`UPDATE booking_slots SET booked = booked + 1
        WHERE hall_id = $1 AND service_code = $2 AND slot_start = $3 AND booked < capacity RETURNING booked`, [hallId, serviceCode, start]);
      return result.rows.length === 1;
    },
    givePlaceBack: (hallId: number, serviceCode: string, start: number) =>
      db.query('UPDATE booking_slots SET booked = booked - 1 WHERE hall_id = $1 AND service_code = $2 AND slot_start = $3 AND booked > 0', [hallId, serviceCode, start]),
    /** Inserts a booking; null when its code is taken that day at that hall (the caller draws another). */
    async insert(b: NewBooking): Promise<number | null> {
      const result = await db.query<{ id: number }>(
        `INSERT INTO bookings (hall_id, service_code, slot_start, slot_end, hall_day, code, state, name, phone, phone_hash, id_hash, channel, external_id, created_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, 'booked', $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (hall_id, hall_day, code) DO NOTHING RETURNING id`,
        [b.hallId, b.serviceCode, b.slotStart, b.slotEnd, b.hallDay, b.code, b.name, b.phone, b.phoneHash, b.idHash, b.channel, b.externalId, b.createdAt, b.version],
      );
      return result.rows[0]?.id ?? null;
    },
    async byId(id: number, lock = false): Promise<BookingRow | null> {
      return (await db.query<BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM bookings WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0] ?? null;
    },
    async byExternalId(externalId: string): Promise<BookingRow | null> {
      return (await db.query<BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM bookings WHERE external_id = $1`, [externalId])).rows[0] ?? null;
    },
    async byCode(code: string, hallId: number | null, after: number): Promise<BookingRow[]> {
      return (await db.query<BookingRow>(
        `SELECT ${BOOKING_COLUMNS} FROM bookings WHERE code = $1 AND ($2::integer IS NULL OR hall_id = $2) AND slot_end >= $3 ORDER BY slot_start LIMIT 5`,
        [code, hallId, after])).rows;
    },
    setState: (id: number, state: BookingRow['state'], at: number, version: number) =>
      db.query(`UPDATE bookings SET state = $2, version = $4, cancelled_at = CASE WHEN $2 = 'cancelled' THEN $3 ELSE cancelled_at END WHERE id = $1`, [id, state, at, version]),
    /** Applies the hall's word on a booking (checked in, no-show), once per outbox seq. */
    async applyHallState(hallId: number, id: number, seq: number, state: 'checked_in' | 'no_show', at: number, ticketId: number | null): Promise<BookingRow | null> {
      const result = await db.query<BookingRow>(
        `UPDATE bookings SET state = $4, hall_seq = $3,
           checked_in_at = CASE WHEN $4 = 'checked_in' THEN $5 ELSE checked_in_at END,
           no_show_at = CASE WHEN $4 = 'no_show' THEN $5 ELSE no_show_at END, ticket_id = COALESCE($6, ticket_id)
         WHERE id = $2 AND hall_id = $1 AND hall_seq < $3 AND state IN ('booked', 'no_show', 'checked_in')
         RETURNING ${BOOKING_COLUMNS}`,
        [hallId, id, seq, state, at, ticketId]);
      return result.rows[0] ?? null;
    },
    async noShowsSince(subjectHash: string, since: number): Promise<number> {
      return (await db.query<{ n: number }>(
        `SELECT COUNT(*)::integer AS n FROM bookings WHERE (phone_hash = $1 OR id_hash = $1) AND state = 'no_show' AND slot_start >= $2`, [subjectHash, since])).rows[0]!.n;
    },
    async activeBlock(hashes: string[], now: number): Promise<{ id: number; blocked_until: number } | null> {
      return (await db.query<{ id: number; blocked_until: number }>(
        'SELECT id, blocked_until FROM booking_blocks WHERE subject_hash = ANY($1::text[]) AND blocked_until > $2 AND lifted_at IS NULL ORDER BY blocked_until DESC LIMIT 1',
        [hashes, now])).rows[0] ?? null;
    },
    addBlock: (subjectHash: string, reason: string, at: number, until: number) =>
      db.query('INSERT INTO booking_blocks (subject_hash, reason, blocked_at, blocked_until) VALUES ($1, $2, $3, $4)', [subjectHash, reason, at, until]),
    async liftBlock(id: number, userId: number, reason: string, at: number): Promise<boolean> {
      const result = await db.query('UPDATE booking_blocks SET lifted_at = $2, lifted_by = $3, lift_reason = $4 WHERE id = $1 AND lifted_at IS NULL RETURNING id', [id, at, userId, reason]);
      return result.rows.length === 1;
    },
    async blocks(now: number) {
      return (await db.query<{ id: number; reason: string; blocked_at: number; blocked_until: number }>(
        'SELECT id, reason, blocked_at, blocked_until FROM booking_blocks WHERE lifted_at IS NULL AND blocked_until > $1 ORDER BY blocked_at DESC', [now])).rows;
    },
    /** Bookings created or cancelled after `since` up to `upTo`, for one hall's pull. */
    async changedSince(hallId: number, since: number, upTo: number): Promise<BookingRow[]> {
      return (await db.query<BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM bookings WHERE hall_id = $1 AND version > $2 AND version <= $3 ORDER BY version, id`,
        [hallId, since, upTo])).rows;
    },
    async addToken(name: string, tokenHash: string) {
      return (await db.query<{ id: number }>('INSERT INTO integration_tokens (name, token_hash) VALUES ($1, $2) RETURNING id', [name, tokenHash])).rows[0]!.id;
    },
    async revokeToken(id: number): Promise<boolean> {
      return (await db.query('UPDATE integration_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id])).rows.length === 1;
    },
    async tokenName(tokenHash: string): Promise<string | null> {
      return (await db.query<{ name: string }>('SELECT name FROM integration_tokens WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash])).rows[0]?.name ?? null;
    },
    /** Per hall over hall days: bookings (not cancelled), checked in, no-shows. */
    async figures(hallIds: number[], from: string, to: string) {
      return (await db.query<{ hall_id: number; booked: number; checked_in: number; no_show: number; cancelled: number }>(
        `SELECT hall_id, COUNT(*) FILTER (WHERE state <> 'cancelled')::integer AS booked, COUNT(*) FILTER (WHERE state = 'checked_in')::integer AS checked_in,
           COUNT(*) FILTER (WHERE state = 'no_show')::integer AS no_show, COUNT(*) FILTER (WHERE state = 'cancelled')::integer AS cancelled
         FROM bookings WHERE hall_id = ANY($1::integer[]) AND hall_day BETWEEN $2 AND $3 GROUP BY hall_id`, [hallIds, from, to])).rows;
    },
    /**
     * Mean wait to the first call of booked tickets and of walk-ins. A booked visitor's wait starts
     * at check-in or at the slot start, whichever is later: coming early is not waiting (one called
     * before the slot started waited 0). Summed from each hall day's sums (`day_called`, kept with
     * the day's rollup); a day whose rollup is stale is counted from its tickets instead, so the
     * figure is always the one of the tickets the halls pushed.
     */
    async waitsBySource(hallIds: number[], from: string, to: string): Promise<{ source: string; n: number; avg_wait_ms: number | null }[]> {
      // One statement, so the stale days and the sums of the others are of one moment (a day built
      // in between would otherwise be counted twice or not at all).
      const kept = (await db.query<DayWaits & { stale_halls: number[] | null; stale_days: string[] | null }>(
        `WITH stale AS (
           SELECT hall_id, hall_day FROM day_rollups WHERE built_version < version AND hall_id = ANY($1::integer[]) AND hall_day BETWEEN $2 AND $3
         )
         SELECT COALESCE(SUM(booked_called), 0)::integer AS booked_called, COALESCE(SUM(booked_wait_ms), 0)::text AS booked_wait_ms,
           COALESCE(SUM(walk_in_called), 0)::integer AS walk_in_called, COALESCE(SUM(walk_in_wait_ms), 0)::text AS walk_in_wait_ms,
           (SELECT array_agg(hall_id ORDER BY hall_id, hall_day) FROM stale) AS stale_halls,
           (SELECT array_agg(hall_day::text ORDER BY hall_id, hall_day) FROM stale) AS stale_days
         FROM day_called c WHERE c.hall_id = ANY($1::integer[]) AND c.hall_day BETWEEN $2 AND $3
           AND NOT EXISTS (SELECT 1 FROM stale s WHERE s.hall_id = c.hall_id AND s.hall_day = c.hall_day)`, [hallIds, from, to])).rows[0]!;
      const sums = { booking: { n: kept.booked_called, ms: Number(kept.booked_wait_ms) }, 'walk-in': { n: kept.walk_in_called, ms: Number(kept.walk_in_wait_ms) } };
      if (kept.stale_halls && kept.stale_days) {
        for (const w of (await db.query<DayWaits>(dayWaits(false), [kept.stale_halls, kept.stale_days, ...firstAndLastDay(kept.stale_days)])).rows) {
          sums.booking.n += w.booked_called;
          sums.booking.ms += Number(w.booked_wait_ms);
          sums['walk-in'].n += w.walk_in_called;
          sums['walk-in'].ms += Number(w.walk_in_wait_ms);
        }
      }
      return Object.entries(sums).filter(([, s]) => s.n > 0).map(([source, s]) => ({ source, n: s.n, avg_wait_ms: s.ms / s.n }));
    },
    /**
     * Works out the called counts and waits of hall days just packed at `version` and keeps them;
     * run in the transaction that stores the packs. A day whose pack was not stored (it changed
     * since its facts were read) is left for its next build.
     */
    async storeDayWaits(days: readonly { hall_id: number; hall_day: string; version: number }[]) {
      if (days.length === 0) return;
      await db.query(
        `INSERT INTO day_called (hall_id, hall_day, booked_called, booked_wait_ms, walk_in_called, walk_in_wait_ms)
         SELECT w.hall_id, w.hall_day::date, w.booked_called, w.booked_wait_ms, w.walk_in_called, w.walk_in_wait_ms
         FROM (${dayWaits(true)}) w JOIN day_rollups r ON r.hall_id = w.hall_id AND r.hall_day = w.hall_day::date AND r.built_version = w.version
         ON CONFLICT (hall_id, hall_day) DO UPDATE SET booked_called = excluded.booked_called, booked_wait_ms = excluded.booked_wait_ms,
           walk_in_called = excluded.walk_in_called, walk_in_wait_ms = excluded.walk_in_wait_ms`,
        [days.map((d) => d.hall_id), days.map((d) => d.hall_day), days.map((d) => d.version), ...firstAndLastDay(days.map((d) => d.hall_day))]);
    },
  };
}
