import type { PushBody, SyncLive, SyncRecord } from '@hall/shared';
import type { Db } from '../db/database';
import { monthOf, type EnsureMonths } from '../repos/partitions';
import { syncRepo, type TableRows } from '../repos/sync-repo';
import { badRequest, CityError, unauthorized } from '../services/errors';
import { applyBookingRecords } from '../bookings/sync-bookings';
import { applySupervisionRecords } from '../supervision/sync-supervisions';

// Times a hall can sensibly send; anything else is a broken clock or a forged body (400, not a partition in year 9999).
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const LATEST = Date.parse('2100-01-01T00:00:00Z');
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2099-12-31';

function instant(text: string, field: string): number {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms) || ms < EARLIEST || ms >= LATEST) throw badRequest(`${field}: not an ISO time between 2000 and 2100: ${text.slice(0, 40)}`);
  return ms;
}
const optionalInstant = (text: string | null, field: string) => (text === null ? null : instant(text, field));

function day(text: string, field: string): string {
  if (text < FIRST_DAY || text > LAST_DAY) throw badRequest(`${field}: day out of range: ${text}`);
  return text;
}

// PostgreSQL text and jsonb hold neither NUL nor half a surrogate pair; JSON.stringify writes both as
// \u escapes (and whole pairs as characters), so this finds them in the text about to be sent.
const UNSTORABLE = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;

/** JSON for a statement parameter; 400 when it holds characters PostgreSQL cannot store. */
export function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (UNSTORABLE.test(json)) throw badRequest('text holds a NUL character or an unpaired surrogate');
  return json;
}

interface PreparedBatch {
  /** One row per record, for the log. */
  log: { seq: number; month: string; kind: string; at: number; data: unknown }[];
  rows: TableRows;
  ticketDays: Set<string>;
  months: { records: Set<string>; tickets: Set<string> };
}

/** Keeps the last row per key: a later seq for the same id replaces the earlier one. */
function lastWins<T>(rows: Map<string | number, T>, key: string | number, row: T) {
  rows.delete(key);
  rows.set(key, row);
}

/** Checks a batch (consecutive seqs, sane times) and turns its records into rows per table. Pure. */
export function prepareBatch(body: PushBody): PreparedBatch {
  body.records.forEach((record, i) => {
    if (record.seq !== body.fromSeq + i) throw badRequest(`records[${i}].seq: expected ${body.fromSeq + i} (records are consecutive from fromSeq), got ${record.seq}`);
  });
  const tickets = new Map<string, object>();
  const services = new Map<string, object>();
  const counters = new Map<number, object>();
  const staff = new Map<number, object>();
  const ratings = new Map<number, object>();
  const followUps = new Map<number, object>();
  const closedDays = new Map<string, object>();
  const ticketDays = new Set<string>();
  const months = { records: new Set<string>(), tickets: new Set<string>() };
  const log: PreparedBatch['log'] = [];
  for (const record of body.records) {
    const at = instant(record.at, `records[seq ${record.seq}].at`);
    const month = monthOf(new Date(at).toISOString().slice(0, 10));
    months.records.add(month);
    log.push({ seq: record.seq, month, kind: record.kind, at, data: record.data });
    toRow(record, { tickets, services, counters, staff, ratings, followUps, closedDays });
  }
  for (const row of tickets.values()) {
    const hallDay = (row as { hall_day: string }).hall_day;
    ticketDays.add(hallDay);
    months.tickets.add(monthOf(hallDay));
  }
  return {
    log,
    rows: {
      tickets: [...tickets.values()], services: [...services.values()], counters: [...counters.values()], staff: [...staff.values()],
      ratings: [...ratings.values()], followUps: [...followUps.values()], closedDays: [...closedDays.values()],
    },
    ticketDays,
    months,
  };
}

interface RowMaps {
  tickets: Map<string, object>;
  services: Map<string, object>;
  counters: Map<number, object>;
  staff: Map<number, object>;
  ratings: Map<number, object>;
  followUps: Map<number, object>;
  closedDays: Map<string, object>;
}

function toRow(record: SyncRecord, maps: RowMaps) {
  const { seq } = record;
  const where = `records[seq ${seq}].data`;
  switch (record.kind) {
    case 'ticket': {
      const t = record.data;
      const hallDay = day(t.hallDay, `${where}.hallDay`);
      lastWins(maps.tickets, `${hallDay}|${t.id}`, {
        hall_day: hallDay, id: t.id, seq, number: t.number, service_code: t.serviceCode, original_service_code: t.originalServiceCode,
        priority: t.priority, source: t.source, state: t.state, issued_at: instant(t.issuedAt, `${where}.issuedAt`),
        called_at: optionalInstant(t.calledAt, `${where}.calledAt`), started_at: optionalInstant(t.startedAt, `${where}.startedAt`),
        finished_at: optionalInstant(t.finishedAt, `${where}.finishedAt`), counter_id: t.counterId, staff_id: t.staffId,
        recall_count: t.recallCount, outcome: t.outcome, estimated_wait_seconds: t.estimatedWaitSeconds, case_number: t.caseNumber,
      });
      return;
    }
    case 'rating': {
      const r = record.data;
      lastWins(maps.ratings, r.id, {
        id: r.id, seq, ticket_id: r.ticketId, score: r.score, attitude: r.attitude, efficiency: r.efficiency, policy: r.policy,
        competence: r.competence, comment: r.comment, channel: r.channel, created_at: instant(r.createdAt, `${where}.createdAt`),
        excluded: r.excluded, excluded_reason: r.excludedReason,
      });
      return;
    }
    case 'service': {
      const s = record.data;
      lastWins(maps.services, s.code, { code: s.code, seq, name: s.name, target_wait_minutes: s.targetWaitMinutes, daily_quota: s.dailyQuota });
      return;
    }
    case 'counter': {
      const c = record.data;
      lastWins(maps.counters, c.id, { id: c.id, seq, name: c.name, services: c.services, state: c.state, staff_id: c.staffId });
      return;
    }
    case 'staff': {
      const s = record.data;
      lastWins(maps.staff, s.id, { id: s.id, seq, name: s.name, staff_no: s.staffNo });
      return;
    }
    case 'follow-up': {
      const f = record.data;
      lastWins(maps.followUps, f.id, {
        id: f.id, seq, rating_id: f.ratingId, ticket_id: f.ticketId, state: f.state, opened_at: instant(f.openedAt, `${where}.openedAt`),
        due_day: day(f.dueDay, `${where}.dueDay`), closed_at: optionalInstant(f.closedAt, `${where}.closedAt`), outcome: f.outcome,
      });
      return;
    }
    case 'day-closed':
      lastWins(maps.closedDays, record.data.hallDay, { hall_day: day(record.data.hallDay, `${where}.hallDay`), seq });
      return;
    case 'booking':
      instant(record.data.at, `${where}.at`);
      return;
    case 'supervision':
      instant(record.data.receivedAt, `${where}.receivedAt`);
      optionalInstant(record.data.acknowledgedAt, `${where}.acknowledgedAt`);
      return;
  }
}

function prepareLive(live: SyncLive) {
  const at = instant(live.at, 'live.at');
  const tickets = new Map<string, object>();
  for (const ticket of live.tickets) lastWins(tickets, ticket.trackingCodeHash, { tracking_hash: ticket.trackingCodeHash, ticket_id: ticket.ticketId, view: ticket.view });
  const { tickets: _omitted, ...summary } = live;
  return { at, summaryJson: storableJson(summary), ticketsJson: storableJson([...tickets.values()]) };
}

export class SeqGap extends CityError {
  constructor(expectedSeq: number) {
    super('seq-gap', `this batch starts past the last record held; send from seq ${expectedSeq}`, 409, { expectedSeq });
  }
}

/**
 * Applies one push: in one transaction, under the hall row's lock, the records past the hall's
 * ackSeq are logged and applied (a replayed record is skipped), the days they touch are marked for
 * their rollups, and the ack moves to the batch's last seq. Exactly once per (hall, seq).
 */
export async function applyPush(db: Db, ensureMonths: EnsureMonths, hallId: number, credentialHash: string, body: PushBody): Promise<{ ackSeq: number }> {
  const batch = prepareBatch(body);
  const recordsJson = storableJson(batch.log);
  const live = body.live ? prepareLive(body.live) : null;
  // A bad character in a row is found while serialising it inside the transaction: a 400 and a rollback.
  const json = (value: unknown) => storableJson(value);
  await ensureMonths('sync_records', batch.months.records);
  await ensureMonths('tickets', batch.months.tickets);
  return db.transaction(async (tx) => {
    const repo = syncRepo(tx);
    const hall = await repo.lockHall(hallId, credentialHash);
    if (!hall) throw unauthorized('hall credential revoked or replaced');
    if (body.fromSeq > hall.ackSeq + 1) throw new SeqGap(hall.ackSeq + 1);
    const lastSeq = body.fromSeq + body.records.length - 1;
    let ackSeq = hall.ackSeq;
    if (lastSeq > hall.ackSeq) {
      const skip = hall.ackSeq + 1 - body.fromSeq;
      const fresh = skip > 0 ? batch.log.slice(skip) : batch.log;
      await repo.insertRecords(hallId, skip > 0 ? json(fresh) : recordsJson);
      // Rows of replayed records are kept out by each table's `seq <` guard.
      const ratingDays = await repo.applyRows(hallId, batch.rows, json);
      const bookingDays = await applyBookingRecords(tx, hallId, skip > 0 ? body.records.slice(skip) : body.records);
      await applySupervisionRecords(tx, hallId, skip > 0 ? body.records.slice(skip) : body.records);
      const days = new Set([...batch.ticketDays, ...ratingDays, ...bookingDays]);
      if (days.size > 0) await repo.bumpDays(hallId, [...days].sort());
      await repo.setAck(hallId, lastSeq);
      ackSeq = lastSeq;
    } else {
      await repo.touch(hallId);
    }
    if (live && (hall.liveAt === null || live.at >= hall.liveAt)) await repo.setLive(hallId, live.summaryJson, live.at, live.ticketsJson);
    return { ackSeq };
  });
}
