import type { Queryable } from '../db/database';

/**
 * SQL of the sync ingest. A batch goes to PostgreSQL as one JSON parameter per table and is
 * unpacked there with jsonb_to_recordset: one statement per table whatever the batch size.
 */

type Column = readonly [name: string, type: string];

function upsertSql(table: string, key: readonly string[], columns: readonly Column[], returning = '') {
  const names = columns.map(([name]) => name);
  const updates = names.filter((name) => !key.includes(name)).map((name) => `${name} = excluded.${name}`);
  return `INSERT INTO ${table} (hall_id, ${names.join(', ')})
    SELECT $1, ${names.map((n) => `r.${n}`).join(', ')}
    FROM jsonb_to_recordset($2::jsonb) AS r(${columns.map(([n, t]) => `${n} ${t}`).join(', ')})
    ON CONFLICT (hall_id, ${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}
    WHERE ${table}.seq < excluded.seq ${returning}`;
}

const TICKET_COLUMNS: Column[] = [
  ['hall_day', 'date'], ['id', 'integer'], ['seq', 'bigint'], ['number', 'text'], ['service_code', 'text'],
  ['original_service_code', 'text'], ['priority', 'text'], ['source', 'text'], ['state', 'text'], ['issued_at', 'bigint'],
  ['called_at', 'bigint'], ['started_at', 'bigint'], ['finished_at', 'bigint'], ['counter_id', 'integer'], ['staff_id', 'integer'],
  ['recall_count', 'integer'], ['outcome', 'text'], ['estimated_wait_seconds', 'integer'], ['case_number', 'text'],
];
const SERVICE_COLUMNS: Column[] = [['code', 'text'], ['seq', 'bigint'], ['name', 'text'], ['target_wait_minutes', 'integer'], ['daily_quota', 'integer']];
const COUNTER_COLUMNS: Column[] = [['id', 'integer'], ['seq', 'bigint'], ['name', 'text'], ['services', 'jsonb'], ['state', 'text'], ['staff_id', 'integer']];
const STAFF_COLUMNS: Column[] = [['id', 'integer'], ['seq', 'bigint'], ['name', 'text'], ['staff_no', 'text']];
const FOLLOW_UP_COLUMNS: Column[] = [
  ['id', 'integer'], ['seq', 'bigint'], ['rating_id', 'integer'], ['ticket_id', 'integer'], ['state', 'text'], ['opened_at', 'bigint'],
  ['due_day', 'date'], ['closed_at', 'bigint'], ['outcome', 'text'],
];
const CLOSED_DAY_COLUMNS: Column[] = [['hall_day', 'date'], ['seq', 'bigint']];

const SQL = {
  lockHall: 'SELECT ack_seq, live_at FROM halls WHERE id = $1 AND credential_hash = $2 FOR UPDATE',
  insertRecords: `INSERT INTO sync_records (hall_id, seq, month, kind, at, data)
    SELECT $1, r.seq, r.month, r.kind, r.at, r.data
    FROM jsonb_to_recordset($2::jsonb) AS r(seq bigint, month date, kind text, at bigint, data jsonb)
    ON CONFLICT DO NOTHING`,
  tickets: upsertSql('tickets', ['hall_day', 'id'], TICKET_COLUMNS),
  services: upsertSql('hall_services', ['code'], SERVICE_COLUMNS),
  counters: upsertSql('hall_counters', ['id'], COUNTER_COLUMNS),
  staff: upsertSql('hall_staff', ['id'], STAFF_COLUMNS),
  followUps: upsertSql('follow_ups', ['id'], FOLLOW_UP_COLUMNS),
  closedDays: upsertSql('closed_days', ['hall_day'], CLOSED_DAY_COLUMNS),
  // A rating counts in its ticket's day: the ticket came earlier in the outbox (or in this batch).
  ratings: `INSERT INTO ratings (hall_id, id, seq, ticket_id, hall_day, score, attitude, efficiency, policy, competence, comment, channel, created_at, excluded, excluded_reason)
    SELECT $1, r.id, r.seq, r.ticket_id,
      (SELECT t.hall_day FROM tickets t WHERE t.hall_id = $1 AND t.id = r.ticket_id ORDER BY t.seq DESC LIMIT 1),
      r.score, r.attitude, r.efficiency, r.policy, r.competence, r.comment, r.channel, r.created_at, r.excluded, r.excluded_reason
    FROM jsonb_to_recordset($2::jsonb) AS r(id integer, seq bigint, ticket_id integer, score integer, attitude integer, efficiency integer,
      policy integer, competence integer, comment text, channel text, created_at bigint, excluded boolean, excluded_reason text)
    ON CONFLICT (hall_id, id) DO UPDATE SET seq = excluded.seq, ticket_id = excluded.ticket_id, hall_day = excluded.hall_day,
      score = excluded.score, attitude = excluded.attitude, efficiency = excluded.efficiency, policy = excluded.policy,
      competence = excluded.competence, comment = excluded.comment, channel = excluded.channel, created_at = excluded.created_at,
      excluded = excluded.excluded, excluded_reason = excluded.excluded_reason
    WHERE ratings.seq < excluded.seq
    RETURNING hall_day::text AS hall_day`,
  bumpDays: `INSERT INTO day_rollups (hall_id, hall_day) SELECT $1, d FROM unnest($2::date[]) AS d
    ON CONFLICT (hall_id, hall_day) DO UPDATE SET version = day_rollups.version + 1`,
  setAck: 'UPDATE halls SET ack_seq = $2, last_seen_at = now() WHERE id = $1',
  touch: 'UPDATE halls SET last_seen_at = now() WHERE id = $1',
  setLive: 'UPDATE halls SET live = $2::jsonb, live_at = $3 WHERE id = $1',
  clearLiveTickets: 'DELETE FROM live_tickets WHERE hall_id = $1',
  insertLiveTickets: `INSERT INTO live_tickets (tracking_hash, hall_id, ticket_id, view, updated_at)
    SELECT r.tracking_hash, $1, r.ticket_id, r.view, $3 FROM jsonb_to_recordset($2::jsonb) AS r(tracking_hash text, ticket_id integer, view jsonb)
    ON CONFLICT (tracking_hash) DO UPDATE SET ticket_id = excluded.ticket_id, view = excluded.view, updated_at = excluded.updated_at
    WHERE live_tickets.hall_id = excluded.hall_id`,
} as const;

export interface TableRows {
  tickets: object[];
  services: object[];
  counters: object[];
  staff: object[];
  ratings: object[];
  followUps: object[];
  closedDays: object[];
}

/** The statements of one push, all run inside the batch's transaction. */
export function syncRepo(tx: Queryable) {
  return {
    /** Locks the hall's row (pushes of one hall apply one at a time) and reads its ack; null when the credential is no longer valid. */
    async lockHall(hallId: number, credentialHash: string) {
      const row = (await tx.query<{ ack_seq: number; live_at: number | null }>(SQL.lockHall, [hallId, credentialHash])).rows[0];
      return row ? { ackSeq: row.ack_seq, liveAt: row.live_at } : null;
    },
    insertRecords: (hallId: number, recordsJson: string) => tx.query(SQL.insertRecords, [hallId, recordsJson]),
    /** Upserts the current rows of each kind; returns the hall days the rating rows count in. */
    async applyRows(hallId: number, rows: TableRows, json: (value: unknown) => string): Promise<string[]> {
      const days: string[] = [];
      if (rows.services.length > 0) await tx.query(SQL.services, [hallId, json(rows.services)]);
      if (rows.counters.length > 0) await tx.query(SQL.counters, [hallId, json(rows.counters)]);
      if (rows.staff.length > 0) await tx.query(SQL.staff, [hallId, json(rows.staff)]);
      if (rows.tickets.length > 0) await tx.query(SQL.tickets, [hallId, json(rows.tickets)]);
      if (rows.ratings.length > 0) {
        const result = await tx.query<{ hall_day: string | null }>(SQL.ratings, [hallId, json(rows.ratings)]);
        for (const row of result.rows) if (row.hall_day) days.push(row.hall_day);
      }
      if (rows.followUps.length > 0) await tx.query(SQL.followUps, [hallId, json(rows.followUps)]);
      if (rows.closedDays.length > 0) await tx.query(SQL.closedDays, [hallId, json(rows.closedDays)]);
      return days;
    },
    bumpDays: (hallId: number, days: string[]) => tx.query(SQL.bumpDays, [hallId, days]),
    setAck: (hallId: number, ackSeq: number) => tx.query(SQL.setAck, [hallId, ackSeq]),
    touch: (hallId: number) => tx.query(SQL.touch, [hallId]),
    async setLive(hallId: number, summaryJson: string, at: number, ticketsJson: string) {
      await tx.query(SQL.setLive, [hallId, summaryJson, at]);
      await tx.query(SQL.clearLiveTickets, [hallId]);
      await tx.query(SQL.insertLiveTickets, [hallId, ticketsJson, at]);
    },
  };
}
