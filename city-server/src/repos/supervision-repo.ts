import type { Queryable } from '../db/database';

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
  hall_id: number;
  hall_day: string;
  id: number;
  line: string;
}

/** A CSV field in SQL: quoted (quotes doubled) when it holds a comma, a quote or a line break (RFC 4180). */
const csvField = (column: string) => `CASE WHEN ${column} ~ '[",\r\n]' THEN '"' || replace(${column}, '"', '""') || '"' ELSE ${column} END`;

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
        `SELECT f.hall_id, count(*)::int AS opened, (count(*) FILTER (WHERE f.state = 'closed'))::int AS closed,
           (count(*) FILTER (WHERE f.state = 'closed' AND (to_timestamp(f.closed_at / 1000.0) AT TIME ZONE h.time_zone)::date <= f.due_day))::int AS on_time
         FROM follow_ups f JOIN halls h ON h.id = f.hall_id
         WHERE f.hall_id = ANY($1::int[]) AND (to_timestamp(f.opened_at / 1000.0) AT TIME ZONE h.time_zone)::date BETWEEN $2 AND $3
         GROUP BY f.hall_id`,
        [hallIds, from, to],
      )).rows;
    },

    /** Days in [from, to] on which each hall had tickets (a day rollup exists only for a day with tickets). */
    async activeDays(hallIds: number[], from: string, to: string): Promise<{ hall_id: number; hall_day: string }[]> {
      return (await db.query<{ hall_id: number; hall_day: string }>(
        'SELECT hall_id, hall_day::text AS hall_day FROM day_rollups WHERE hall_id = ANY($1::int[]) AND hall_day BETWEEN $2 AND $3', [hallIds, from, to])).rows;
    },

    /**
     * One page of the evaluations export, already formatted by PostgreSQL (one CSV or JSON line a
     * rating, by hall day, hall, rating id): the ratings of tickets whose hall day is in [from, to]
     * (a few days: the join reads only those days of the tickets' month partition), without those
     * excluded by 申诉复核. See EVALUATION_CSV_HEADERS for the fields.
     */
    async evaluationsPage(hallIds: number[], from: string, to: string, format: 'csv' | 'jsonl'): Promise<EvaluationLine[]> {
      return (await db.query<EvaluationLine>(
        `WITH page AS (
           SELECT r.hall_id, r.hall_day, r.id, r.channel, r.score, coalesce(r.comment, '') AS comment, h.area_code,
             coalesce(nullif(t.case_number, ''), h.area_code || '-' || r.hall_id || '-' || to_char(r.hall_day, 'YYYYMMDD') || '-' || t.number) AS case_number,
             to_char(to_timestamp(r.created_at / 1000.0) AT TIME ZONE h.time_zone, 'YYYYMMDD"T"HH24MISS') AS at
           FROM ratings r
           JOIN halls h ON h.id = r.hall_id
           JOIN tickets t ON t.hall_id = r.hall_id AND t.hall_day = r.hall_day AND t.id = r.ticket_id
           WHERE r.hall_id = ANY($1::int[]) AND r.hall_day BETWEEN $2 AND $3 AND t.hall_day BETWEEN $2 AND $3 AND NOT r.excluded
         ), named AS (
           SELECT *, CASE channel WHEN 'pad' THEN '政务大厅平板电脑' WHEN 'kiosk' THEN '政务大厅其他终端' WHEN 'qr' THEN '二维码' ELSE channel END AS channel_name FROM page
         )
         SELECT hall_id, hall_day::text AS hall_day, id,
           CASE WHEN $4 = 'csv' THEN
             concat_ws(',', ${csvField('case_number')}, channel_name, '匿名', at, '1', (6 - score)::text, ${csvField('comment')}, area_code) || E'\r\n'
           ELSE
             json_build_object('caseNumber', case_number, 'channel', channel_name, 'evaluator', '匿名', 'evaluatedAt', at, 'count', 1,
               'satisfactionCode', 6 - score, 'comment', comment, 'areaCode', area_code)::text || E'\n'
           END AS line
         FROM named ORDER BY hall_day, hall_id, id`,
        [hallIds, from, to, format],
      )).rows;
    },
  };
}
