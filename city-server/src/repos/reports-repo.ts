import type { Queryable } from '../db/database';
import { DUE_DAY_END, FOLLOW_UPS_IN_WINDOW, followUpWindow } from './follow-up-window';

export interface TicketFactRow {
  hall_id: number;
  hall_day: string;
  service_code: string;
  counter_gid: number | null;
  staff_gid: number | null;
  state: string;
  issued_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  estimated_wait_seconds: number | null;
}

export interface RatingFactRow {
  hall_id: number;
  hall_day: string;
  service_code: string;
  counter_gid: number | null;
  staff_gid: number | null;
  issued_at: number;
  score: number;
  attitude: number | null;
  efficiency: number | null;
  policy: number | null;
  competence: number | null;
}

export interface StaleDay {
  hall_id: number;
  hall_day: string;
  version: number;
}

/** Packed days as stored: little-endian Int32 (every machine this runs on is). */
export function toBytes(packed: Int32Array): Buffer {
  return Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
}
export function fromBytes(bytes: Uint8Array): Int32Array {
  const copy = new Int32Array(bytes.byteLength >>> 2);
  new Uint8Array(copy.buffer).set(bytes.subarray(0, copy.byteLength));
  return copy;
}

/**
 * Hall ids, days, and the first and last day of them: joins to the partitioned tickets also say
 * `hall_day BETWEEN $3 AND $4`, or PostgreSQL scans every month's partition (a join to unnest()
 * does not prune them; 1.6 M tickets read to rebuild one day).
 */
const dayArrays = (days: StaleDay[]) => {
  const dates = days.map((d) => d.hall_day);
  return [days.map((d) => d.hall_id), dates, ...firstAndLastDay(dates)];
};

/** The first and last of these days (null, null for none): the bounds that let PostgreSQL prune tickets' month partitions. */
export function firstAndLastDay(days: readonly string[]): [string | null, string | null] {
  const sorted = [...days].sort();
  return [sorted[0] ?? null, sorted.at(-1) ?? null];
}

/** Facts of hall days and the rollups built from them. */
export function reportsRepo(db: Queryable) {
  return {
    async staleDays(hallIds: number[], from: string, to: string, limit: number): Promise<StaleDay[]> {
      const result = await db.query<StaleDay>(
        `SELECT hall_id, hall_day::text AS hall_day, version FROM day_rollups
         WHERE built_version < version AND hall_id = ANY($1::int[]) AND hall_day BETWEEN $2 AND $3 ORDER BY hall_day, hall_id LIMIT $4`,
        [hallIds, from, to, limit],
      );
      return result.rows;
    },
    async anyStaleDays(limit: number): Promise<StaleDay[]> {
      return (await db.query<StaleDay>(
        'SELECT hall_id, hall_day::text AS hall_day, version FROM day_rollups WHERE built_version < version ORDER BY hall_day, hall_id LIMIT $1', [limit])).rows;
    },
    /** Counters and staff the days' tickets name get their city-wide id (gid) before the days are read. */
    async registerPeople(days: StaleDay[]) {
      const params = dayArrays(days);
      await db.query(`INSERT INTO hall_counters (hall_id, id) SELECT DISTINCT t.hall_id, t.counter_id FROM tickets t
        JOIN unnest($1::int[], $2::date[]) AS d(hall_id, hall_day) ON t.hall_id = d.hall_id AND t.hall_day = d.hall_day
        WHERE t.counter_id IS NOT NULL AND t.hall_day BETWEEN $3 AND $4 ON CONFLICT DO NOTHING`, params);
      await db.query(`INSERT INTO hall_staff (hall_id, id) SELECT DISTINCT t.hall_id, t.staff_id FROM tickets t
        JOIN unnest($1::int[], $2::date[]) AS d(hall_id, hall_day) ON t.hall_id = d.hall_id AND t.hall_day = d.hall_day
        WHERE t.staff_id IS NOT NULL AND t.hall_day BETWEEN $3 AND $4 ON CONFLICT DO NOTHING`, params);
    },
    /** Tickets of several hall days at once (one round trip for a batch of days). */
    async ticketFacts(days: StaleDay[]): Promise<TicketFactRow[]> {
      return (await db.query<TicketFactRow>(
        `SELECT t.hall_id, t.hall_day::text AS hall_day, t.service_code, c.gid AS counter_gid, s.gid AS staff_gid, t.state, t.issued_at,
           t.called_at, t.started_at, t.finished_at, t.estimated_wait_seconds
         FROM tickets t
         JOIN unnest($1::int[], $2::date[]) AS d(hall_id, hall_day) ON t.hall_id = d.hall_id AND t.hall_day = d.hall_day
         LEFT JOIN hall_counters c ON c.hall_id = t.hall_id AND c.id = t.counter_id
         LEFT JOIN hall_staff s ON s.hall_id = t.hall_id AND s.id = t.staff_id
         WHERE t.hall_day BETWEEN $3 AND $4`, dayArrays(days))).rows;
    },
    /** Ratings of those days' tickets, without those excluded by 申诉复核. */
    async ratingFacts(days: StaleDay[]): Promise<RatingFactRow[]> {
      return (await db.query<RatingFactRow>(
        // The days' ratings first, then each one's ticket by its key: joined the other way round the
        // planner expected a dozen tickets and probed the ratings once per ticket (215 ms for 100 days).
        `WITH r AS MATERIALIZED (
           SELECT r.hall_id, r.hall_day, r.ticket_id, r.score, r.attitude, r.efficiency, r.policy, r.competence FROM ratings r
           JOIN unnest($1::int[], $2::date[]) AS d(hall_id, hall_day) ON r.hall_id = d.hall_id AND r.hall_day = d.hall_day
           WHERE NOT r.excluded AND r.hall_day BETWEEN $3 AND $4
         )
         SELECT r.hall_id, r.hall_day::text AS hall_day, t.service_code, c.gid AS counter_gid, s.gid AS staff_gid, t.issued_at, r.score,
           r.attitude, r.efficiency, r.policy, r.competence
         FROM r
         JOIN tickets t ON t.hall_id = r.hall_id AND t.hall_day = r.hall_day AND t.id = r.ticket_id AND t.hall_day BETWEEN $3 AND $4
         LEFT JOIN hall_counters c ON c.hall_id = t.hall_id AND c.id = t.counter_id
         LEFT JOIN hall_staff s ON s.hall_id = t.hall_id AND s.id = t.staff_id`, dayArrays(days))).rows;
    },
    /** Stores rebuilt days, each unless it changed again meanwhile (then it stays stale and is rebuilt later). */
    storeDays: (built: { day: StaleDay; packed: Int32Array }[]) =>
      db.query(
        `UPDATE day_rollups r SET packed = decode(u.packed, 'base64'), built_version = u.version
         FROM unnest($1::int[], $2::date[], $3::bigint[], $4::text[]) AS u(hall_id, hall_day, version, packed)
         WHERE r.hall_id = u.hall_id AND r.hall_day = u.hall_day AND r.version = u.version`,
        [built.map((b) => b.day.hall_id), built.map((b) => b.day.hall_day), built.map((b) => b.day.version), built.map((b) => toBytes(b.packed).toString('base64'))],
      ),
    /**
     * Per hall and month (its first day) of the days in [from, to]: the sum of those days' versions
     * (any change to a day bumps it) and whether one is stale. A month cut by the range sums its days
     * in the range only.
     */
    async monthVersions(hallIds: number[], from: string, to: string) {
      return (await db.query<{ hall_id: number; month: string; version_sum: number; stale: boolean }>(
        `SELECT hall_id, (hall_day - (extract(day FROM hall_day)::int - 1))::text AS month, sum(version)::bigint AS version_sum,
           bool_or(built_version < version) AS stale
         FROM day_rollups WHERE hall_id = ANY($1::int[]) AND hall_day BETWEEN $2 AND $3 GROUP BY 1, 2`,
        [hallIds, from, to])).rows;
    },
    /** Stored month packs of these hall months (first days). */
    async monthPacksOf(months: { hallId: number; month: string }[]) {
      const result = await db.query<{ hall_id: number; month: string; version_sum: number; packed: Uint8Array }>(
        `SELECT r.hall_id, r.month::text AS month, r.version_sum, r.packed FROM month_rollups r
         JOIN unnest($1::int[], $2::date[]) AS m(hall_id, month) ON r.hall_id = m.hall_id AND r.month = m.month`,
        [months.map((m) => m.hallId), months.map((m) => m.month)],
      );
      return result.rows.map((row) => ({ hallId: row.hall_id, month: row.month, versionSum: row.version_sum, packed: fromBytes(row.packed) }));
    },
    /** Every day row (with its version) of these runs of a hall's days, [from, to] each, to pack them. */
    async daysOfRuns(runs: { hallId: number; from: string; to: string }[]) {
      const result = await db.query<{ hall_id: number; run_from: string; hall_day: string; version: number; built_version: number; packed: Uint8Array | null }>(
        `SELECT r.hall_id, m.run_from::text AS run_from, r.hall_day::text AS hall_day, r.version, r.built_version, r.packed FROM day_rollups r
         JOIN unnest($1::int[], $2::date[], $3::date[]) AS m(hall_id, run_from, run_to)
           ON r.hall_id = m.hall_id AND r.hall_day BETWEEN m.run_from AND m.run_to
         ORDER BY r.hall_id, r.hall_day`,
        [runs.map((m) => m.hallId), runs.map((m) => m.from), runs.map((m) => m.to)],
      );
      return result.rows.map((row) => ({
        hallId: row.hall_id, from: row.run_from, hallDay: row.hall_day, version: row.version, builtVersion: row.built_version, packed: row.packed ? fromBytes(row.packed) : null,
      }));
    },
    /** The built version of each packed day in [from, to] (which pack a kept copy must be). */
    async dayStamps(hallIds: number[], from: string, to: string) {
      return (await db.query<{ hall_id: number; hall_day: string; built_version: number }>(
        `SELECT hall_id, hall_day::text AS hall_day, built_version FROM day_rollups
         WHERE hall_id = ANY($1::int[]) AND hall_day BETWEEN $2 AND $3 AND packed IS NOT NULL`, [hallIds, from, to])).rows;
    },
    /** The packs of these hall days. */
    async packsOfDays(days: { hallId: number; hallDay: string }[]) {
      const result = await db.query<{ hall_id: number; hall_day: string; built_version: number; packed: Uint8Array }>(
        `SELECT r.hall_id, r.hall_day::text AS hall_day, r.built_version, r.packed FROM day_rollups r
         JOIN unnest($1::int[], $2::date[]) AS d(hall_id, hall_day) ON r.hall_id = d.hall_id AND r.hall_day = d.hall_day
         WHERE r.packed IS NOT NULL`,
        [days.map((d) => d.hallId), days.map((d) => d.hallDay)],
      );
      return result.rows.map((row) => ({ hallId: row.hall_id, hallDay: row.hall_day, builtVersion: row.built_version, packed: fromBytes(row.packed) }));
    },
    /** Stores packed months with the version sum of the days they were packed from. */
    storeMonths: (built: { hallId: number; month: string; versionSum: number; packed: Int32Array }[]) =>
      db.query(
        `INSERT INTO month_rollups (hall_id, month, version_sum, packed)
         SELECT u.hall_id, u.month, u.version_sum, decode(u.packed, 'base64')
         FROM unnest($1::int[], $2::date[], $3::bigint[], $4::text[]) AS u(hall_id, month, version_sum, packed)
         ON CONFLICT (hall_id, month) DO UPDATE SET version_sum = excluded.version_sum, packed = excluded.packed`,
        [built.map((b) => b.hallId), built.map((b) => b.month), built.map((b) => b.versionSum), built.map((b) => toBytes(b.packed).toString('base64'))],
      ),
    /**
     * Follow-ups opened in [from, to] (hall days in each hall's time zone), as the hall counts them: closed,
     * closed before the end of their due day, still open past it (as of `nowMs`).
     */
    async followUpStats(hallIds: number[], from: string, to: string, nowMs: number) {
      return (await db.query<{ hall_id: number; opened: number; closed: number; open_overdue: number; closed_on_time: number }>(
        `${followUpWindow('$4')}
         SELECT f.hall_id, count(*)::int AS opened,
           (count(*) FILTER (WHERE f.closed_at IS NOT NULL))::int AS closed,
           (count(*) FILTER (WHERE f.closed_at IS NULL AND f.due_day < b.today))::int AS open_overdue,
           (count(*) FILTER (WHERE f.closed_at IS NOT NULL AND f.closed_at < ${DUE_DAY_END}))::int AS closed_on_time
         ${FOLLOW_UPS_IN_WINDOW}
         GROUP BY f.hall_id`,
        [hallIds, from, to, nowMs])).rows;
    },
    async targets(hallIds: number[]) {
      return (await db.query<{ hall_id: number; code: string; name: string; target_wait_minutes: number }>(
        'SELECT hall_id, code, name, target_wait_minutes FROM hall_services WHERE hall_id = ANY($1::int[])', [hallIds])).rows;
    },
    async counters(hallIds: number[]) {
      return (await db.query<{ gid: number; hall_id: number; id: number; name: string }>(
        'SELECT gid, hall_id, id, name FROM hall_counters WHERE hall_id = ANY($1::int[])', [hallIds])).rows;
    },
    async staff(hallIds: number[]) {
      return (await db.query<{ gid: number; hall_id: number; id: number; name: string; staff_no: string }>(
        'SELECT gid, hall_id, id, name, staff_no FROM hall_staff WHERE hall_id = ANY($1::int[])', [hallIds])).rows;
    },
  };
}
