import type { Db, Queryable } from '../db/database';
import { DUE_DAY_END, FOLLOW_UPS_IN_WINDOW, followUpWindow } from './follow-up-window';

export interface OpenFollowUpRow {
  gid: number;
  hall_id: number;
  id: number;
  opened_at: number;
  due_day: string;
  score: number | null;
  comment: string | null;
  hall_day: string | null;
  number: string | null;
  service_code: string | null;
}

export interface SupervisionRow {
  id: number;
  hall_id: number;
  follow_up_id: number;
  follow_up_gid: number;
  message: string;
  by_username: string;
  created_at: number;
  received_at: number | null;
  acknowledged_at: number | null;
}

export interface EvaluationLine {
  line: string;
}

/** A hall of the evaluations export. */
export interface ExportHall {
  id: number;
  area_code: string;
  time_zone: string;
}

const exportParams = (halls: readonly ExportHall[], from: string, to: string) => [halls.map((h) => h.id), from, to];

/**
 * A CSV field in SQL: quoted (quotes doubled) when it holds a comma, a quote or a line break (RFC
 * 4180). Four strpos cost less than the regular expression [",\r\n] a row.
 */
const csvField = (column: string) =>
  `CASE WHEN strpos(${column}, ',') > 0 OR strpos(${column}, '"') > 0 OR strpos(${column}, E'\\r') > 0 OR strpos(${column}, E'\\n') > 0
    THEN '"' || replace(${column}, '"', '""') || '"' ELSE ${column} END`;

/**
 * The ratings of the evaluations export, unformatted and sorted (hall day, hall, rating id): those
 * of tickets whose hall day is in [$2, $3] at the halls $1, without those excluded by 申诉复核. The
 * tickets' hall day is bounded too, so only the range's month partitions are read. OFFSET 0 keeps
 * the sort below the formatting: the sort moves narrow rows, and through a cursor each FETCH
 * formats only its own rows, while the server writes out the batch before.
 *
 * fixed_offset: a zone's UTC offset in seconds when it is the same at every quarter hour from two
 * days before the range to three after it (Asia/Shanghai always), else null (a zone with a DST
 * change in the window). A rating given in that window is then formatted from its epoch seconds
 * plus the offset, without a time-zone conversion a row (the conversion cost more than the rest of
 * the line); any other rating takes the conversion. Offsets change on whole quarter hours, so a
 * change inside the window shows between two samples.
 */
const EVALUATION_ROWS = `
  WITH zones AS MATERIALIZED (
    SELECT z.time_zone, CASE WHEN min(x.o) = max(x.o) THEN min(x.o) END AS fixed_offset
    FROM (SELECT DISTINCT time_zone FROM halls WHERE id = ANY($1::int[])) z
    CROSS JOIN generate_series(extract(epoch FROM $2::date - 2)::bigint, extract(epoch FROM $3::date + 3)::bigint + 900, 900) AS g(s)
    CROSS JOIN LATERAL (SELECT extract(epoch FROM to_timestamp(g.s) AT TIME ZONE z.time_zone)::bigint - g.s AS o) x
    GROUP BY z.time_zone
  )
  SELECT r.hall_id, r.hall_day, r.id, r.score, r.comment, r.channel, r.created_at, t.case_number, t.number, h.area_code, h.time_zone,
    CASE WHEN r.created_at BETWEEN extract(epoch FROM $2::date - 2)::bigint * 1000 AND extract(epoch FROM $3::date + 3)::bigint * 1000
      THEN zones.fixed_offset END AS fixed_offset
  FROM ratings r
  JOIN halls h ON h.id = r.hall_id
  JOIN zones ON zones.time_zone = h.time_zone
  JOIN tickets t ON t.hall_id = r.hall_id AND t.hall_day = r.hall_day AND t.id = r.ticket_id
  WHERE r.hall_id = ANY($1::int[]) AND r.hall_day BETWEEN $2 AND $3 AND t.hall_day BETWEEN $2 AND $3 AND NOT r.excluded
  ORDER BY r.hall_day, r.hall_id, r.id
  OFFSET 0`;

/** The fields of Table 9 from a sorted row (see EVALUATION_ROWS). */
const EVALUATION_FIELDS = `
  SELECT e.hall_id, e.hall_day, e.id, e.score, coalesce(e.comment, '') AS comment, e.area_code,
    CASE e.channel WHEN 'pad' THEN '政务大厅平板电脑' WHEN 'kiosk' THEN '政务大厅其他终端' WHEN 'qr' THEN '二维码' ELSE e.channel END AS channel_name,
    coalesce(nullif(e.case_number, ''), e.area_code || '-' || e.hall_id || '-' || to_char(e.hall_day, 'YYYYMMDD') || '-' || e.number) AS case_number,
    CASE WHEN e.fixed_offset IS NULL
      THEN to_char(to_timestamp(e.created_at / 1000.0) AT TIME ZONE e.time_zone, 'YYYYMMDD"T"HH24MISS')
      ELSE to_char(timestamp 'epoch' + (e.created_at / 1000 + e.fixed_offset) * interval '1 second', 'YYYYMMDD"T"HH24MISS')
    END AS at
  FROM (${EVALUATION_ROWS}) e`;

/**
 * The export formatted by PostgreSQL, one CSV or JSON line a rating (column line), by hall day,
 * hall, rating id (the order of the sorted rows: no second sort). See EVALUATION_CSV_HEADERS for
 * the fields. A JSON line is written out as json_build_object writes it ("key" : value, to_json's
 * escapes), at a third of its cost.
 */
const EVALUATIONS_SQL = {
  csv: `SELECT concat_ws(',', ${csvField('case_number')}, channel_name, '匿名', at, '1', (6 - score)::text, ${csvField('comment')}, area_code) || E'\r\n' AS line
    FROM (${EVALUATION_FIELDS}) f ORDER BY hall_day, hall_id, id`,
  jsonl: `SELECT '{"caseNumber" : ' || to_json(case_number)::text || ', "channel" : ' || to_json(channel_name)::text || ', "evaluator" : "匿名", "evaluatedAt" : '
      || to_json(at)::text || ', "count" : 1, "satisfactionCode" : ' || (6 - score)::text || ', "comment" : ' || to_json(comment)::text
      || ', "areaCode" : ' || to_json(area_code)::text || E'}\n' AS line
    FROM (${EVALUATION_FIELDS}) f ORDER BY hall_day, hall_id, id`,
} as const;

/** Hall days a query on PGlite's path of the export. */
const EXPORT_DAYS = 7;
/** Rows a FETCH on PostgreSQL's path of the export. */
export const EXPORT_BATCH_ROWS = 10_000;
const addDaysIso = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface FollowUpCounts {
  hall_id: number;
  opened: number;
  closed: number;
  on_time: number;
}

const SUPERVISION_COLUMNS = 'id, hall_id, follow_up_id, follow_up_gid, message, by_username, created_at, received_at, acknowledged_at';

/** SQL of the city's supervision queries: follow-ups and 督办, 考评 facts, settings, the evaluations export. */
export function supervisionRepo(db: Queryable) {
  return {
    async holidays(): Promise<{ day: string; workday: boolean }[]> {
      return (await db.query<{ day: string; workday: boolean }>('SELECT day::text AS day, workday FROM holidays')).rows;
    },

    async setting(key: string): Promise<unknown> {
      return (await db.query<{ value: unknown }>('SELECT value FROM city_settings WHERE key = $1', [key])).rows[0]?.value ?? null;
    },
    putSetting: (key: string, value: string, by: string) =>
      db.query(
        `INSERT INTO city_settings (key, value, updated_by) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
        [key, value, by],
      ),

    /** Open follow-ups of these halls, with the rating and ticket they are about. */
    async openFollowUps(hallIds: number[]): Promise<OpenFollowUpRow[]> {
      return (await db.query<OpenFollowUpRow>(
        `SELECT f.gid, f.hall_id, f.id, f.opened_at, f.due_day::text AS due_day, r.score, r.comment, r.hall_day::text AS hall_day,
           t.number, t.service_code
         FROM follow_ups f
         LEFT JOIN ratings r ON r.hall_id = f.hall_id AND r.id = f.rating_id
         LEFT JOIN tickets t ON t.hall_id = f.hall_id AND t.hall_day = r.hall_day AND t.id = f.ticket_id
         WHERE f.state = 'open' AND f.hall_id = ANY($1::int[])
         ORDER BY f.due_day, f.hall_id, f.id`,
        [hallIds],
      )).rows;
    },

    async followUpByGid(gid: number): Promise<{ gid: number; hall_id: number; id: number; state: string; area_code: string } | null> {
      return (await db.query<{ gid: number; hall_id: number; id: number; state: string; area_code: string }>(
        'SELECT f.gid, f.hall_id, f.id, f.state, h.area_code FROM follow_ups f JOIN halls h ON h.id = f.hall_id WHERE f.gid = $1', [gid])).rows[0] ?? null;
    },

    async supervisionsOf(gids: number[]): Promise<SupervisionRow[]> {
      if (gids.length === 0) return [];
      return (await db.query<SupervisionRow>(`SELECT ${SUPERVISION_COLUMNS} FROM supervisions WHERE follow_up_gid = ANY($1::int[]) ORDER BY id`, [gids])).rows;
    },

    async addSupervision(s: { hallId: number; followUpId: number; followUpGid: number; message: string; userId: number; username: string; at: number; version: number }): Promise<SupervisionRow> {
      return (await db.query<SupervisionRow>(
        `INSERT INTO supervisions (hall_id, follow_up_id, follow_up_gid, message, by_user_id, by_username, created_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${SUPERVISION_COLUMNS}`,
        [s.hallId, s.followUpId, s.followUpGid, s.message, s.userId, s.username, s.at, s.version],
      )).rows[0]!;
    },

    /** 督办 reminders for one hall whose version is in (since, upTo]: what the pull sends down. */
    async supervisionsForPull(hallId: number, since: number, upTo: number): Promise<SupervisionRow[]> {
      return (await db.query<SupervisionRow>(
        `SELECT ${SUPERVISION_COLUMNS} FROM supervisions WHERE hall_id = $1 AND version > $2 AND version <= $3 ORDER BY version`, [hallId, since, upTo])).rows;
    },

    /** The hall's word on a reminder (received, read); a time once set stays. */
    markSupervisions: (hallId: number, json: string) =>
      db.query(
        `UPDATE supervisions s SET received_at = coalesce(s.received_at, u.received_at), acknowledged_at = coalesce(s.acknowledged_at, u.acknowledged_at)
         FROM jsonb_to_recordset($2::jsonb) AS u(id integer, received_at bigint, acknowledged_at bigint)
         WHERE s.id = u.id AND s.hall_id = $1`,
        [hallId, json],
      ),

    /** Follow-ups opened in [from, to] (hall days in each hall's zone): opened, closed, closed by their due day. */
    async followUpCounts(hallIds: number[], from: string, to: string): Promise<FollowUpCounts[]> {
      return (await db.query<FollowUpCounts>(
        // Opened on a hall day in [from, to]; closed on or before its due day, in the hall's zone.
        `${followUpWindow()}
         SELECT f.hall_id, count(*)::int AS opened, (count(*) FILTER (WHERE f.state = 'closed'))::int AS closed,
           (count(*) FILTER (WHERE f.state = 'closed' AND f.closed_at < ${DUE_DAY_END}))::int AS on_time
         ${FOLLOW_UPS_IN_WINDOW}
         GROUP BY f.hall_id`,
        [hallIds, from, to],
      )).rows;
    },

    /** Days in [from, to] on which each hall had tickets (a day rollup exists only for a day with tickets). */
    async activeDays(hallIds: number[], from: string, to: string): Promise<{ hall_id: number; hall_day: string }[]> {
      return (await db.query<{ hall_id: number; hall_day: string }>(
        'SELECT hall_id, hall_day::text AS hall_day FROM day_rollups WHERE hall_id = ANY($1::int[]) AND hall_day BETWEEN $2 AND $3', [hallIds, from, to])).rows;
    },

    /** One page of the evaluations export: the formatted lines of hall days [from, to] (PGlite's path; see evaluationChunks). */
    async evaluationsPage(halls: readonly ExportHall[], from: string, to: string, format: 'csv' | 'jsonl'): Promise<EvaluationLine[]> {
      return (await db.query<EvaluationLine>(EVALUATIONS_SQL[format], exportParams(halls, from, to))).rows;
    },
  };
}

/**
 * The evaluations export of these halls over hall days [from, to], as chunks of formatted lines in
 * export order. On PostgreSQL one statement (one join, one sort) read through a server-side cursor
 * on a connection of its own, `batchRows` a FETCH with one FETCH read ahead of the consumer: memory
 * stays at about two batches however long the range, and a consumer that stops (the client went
 * away) ends the transaction and frees the connection. On PGlite, the city's one connection, a
 * cursor would hold every other query for as long as the client downloads: there the same
 * statement runs a week of hall days at a time.
 */
export async function* evaluationChunks(db: Db, halls: readonly ExportHall[], from: string, to: string, format: 'csv' | 'jsonl', batchRows = EXPORT_BATCH_ROWS): AsyncGenerator<string> {
  if (halls.length === 0 || from > to) return;
  if (db.driver === 'pglite') {
    const repo = supervisionRepo(db);
    for (let day = from; day <= to; day = addDaysIso(day, EXPORT_DAYS)) {
      const last = addDaysIso(day, EXPORT_DAYS - 1);
      const page = await repo.evaluationsPage(halls, day, last < to ? last : to, format);
      if (page.length > 0) yield page.map((r) => r.line).join('');
    }
    return;
  }
  // The sort of a month of the city's rows (~9 MB) in memory, not in temporary files.
  const settings = ["SET LOCAL work_mem = '64MB'"];
  for await (const rows of cursorBatches<EvaluationLine>(db, EVALUATIONS_SQL[format], exportParams(halls, from, to), batchRows, settings)) {
    if (rows.length > 0) yield rows.map((r) => r.line).join('');
  }
}

/** A one-way hand-off between two async loops: put never waits, take waits for the next item. */
function channel<T>() {
  const items: T[] = [];
  let waiting: ((item: T) => void) | null = null;
  return {
    put(item: T) {
      if (waiting) {
        const wake = waiting;
        waiting = null;
        wake(item);
      } else {
        items.push(item);
      }
    },
    take: () => (items.length > 0 ? Promise.resolve(items.shift()!) : new Promise<T>((resolve) => (waiting = resolve))),
  };
}

type Batch<Row> = { rows: Row[] } | { end: true } | { error: unknown };

/**
 * The rows of one statement, `batchRows` at a time, through a server-side cursor in a transaction
 * of its own (PostgreSQL), after `settings` (SET LOCAL …). The transaction runs as a producer that may be one batch ahead of the
 * consumer; when the consumer stops early it tells the producer, which returns (COMMIT closes the
 * cursor) before this generator finishes.
 */
export async function* cursorBatches<Row>(db: Db, sql: string, params: unknown[], batchRows: number, settings: readonly string[] = []): AsyncGenerator<Row[]> {
  const batches = channel<Batch<Row>>();
  // Credits from the consumer: true lets the producer FETCH once more, false stops it.
  const credits = channel<boolean>();
  credits.put(true);
  const producer = db.transaction(async (tx) => {
    for (const setting of settings) await tx.query(setting);
    await tx.query(`DECLARE evaluations_export NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      if (!(await credits.take())) return;
      const { rows } = await tx.query<Row>(`FETCH FORWARD ${batchRows} FROM evaluations_export`);
      batches.put({ rows });
      if (rows.length < batchRows) return;
    }
  }).then(() => batches.put({ end: true }), (error: unknown) => batches.put({ error }));
  try {
    for (;;) {
      const batch = await batches.take();
      if ('error' in batch) throw batch.error;
      if ('end' in batch) return;
      credits.put(true);
      yield batch.rows;
    }
  } finally {
    credits.put(false);
    await producer;
  }
}
