import type { Outcome, Priority, TicketState } from '@hall/shared';
import type { Db } from '../db/database';
import type { QueueTicket } from '../queue/ticket-machine';

interface TicketRow {
  id: number;
  hall_day: string;
  number: string;
  service_code: string;
  original_service_code: string;
  priority: Priority;
  state: TicketState;
  issued_at: number;
  queued_at: number;
  first_called_at: number | null;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  parked_at: number | null;
  counter_id: number | null;
  staff_id: number | null;
  recall_count: number;
  outcome: Outcome | null;
  note: string | null;
  tracking_code: string;
  request_id: string | null;
  estimated_wait_seconds: number | null;
  check_code: string | null;
}

/** A stored ticket: the queue's view plus what only storage holds. */
export interface StoredTicket extends QueueTicket {
  trackingCode: string;
  requestId: string | null;
  estimatedWaitSeconds: number | null;
  /** Four digits printed beside the number (null for tickets issued before migration 0010). */
  checkCode: string | null;
}

function toTicket(row: TicketRow): StoredTicket {
  return {
    id: row.id, hallDay: row.hall_day, number: row.number, serviceCode: row.service_code,
    originalServiceCode: row.original_service_code, priority: row.priority, state: row.state,
    issuedAt: row.issued_at, queuedAt: row.queued_at, firstCalledAt: row.first_called_at, calledAt: row.called_at,
    startedAt: row.started_at, finishedAt: row.finished_at, parkedAt: row.parked_at, counterId: row.counter_id,
    staffId: row.staff_id, recallCount: row.recall_count, outcome: row.outcome, note: row.note,
    trackingCode: row.tracking_code, requestId: row.request_id, estimatedWaitSeconds: row.estimated_wait_seconds,
    checkCode: row.check_code,
  };
}

export interface NewTicket {
  hallDay: string;
  number: string;
  serviceCode: string;
  priority: Priority;
  priorityReason: string | null;
  issuedAt: number;
  trackingCode: string;
  requestId: string;
  deviceId: number | null;
  estimatedWaitSeconds: number;
  checkCode: string;
}

export interface TicketEventRecord {
  ticketId: number;
  at: number;
  action: string;
  fromState: TicketState | null;
  toState: TicketState;
  counterId: number | null;
  actorUserId: number | null;
  actorDeviceId: number | null;
  detail: Record<string, unknown> | null;
}

export type TicketsRepo = ReturnType<typeof createTicketsRepo>;

/** SQL for tickets, their numbering and their event log. */
export function createTicketsRepo(db: Db) {
  const byId = db.prepare('SELECT * FROM tickets WHERE id = ?');
  const byRequestId = db.prepare('SELECT * FROM tickets WHERE request_id = ?');
  const byTrackingCode = db.prepare('SELECT * FROM tickets WHERE tracking_code = ?');
  const byNumber = db.prepare('SELECT * FROM tickets WHERE hall_day = ? AND number = ?');
  const waitingOfDay = db.prepare("SELECT * FROM tickets WHERE hall_day = ? AND state = 'waiting'");
  const waitingCounts = db.prepare('SELECT service_code AS code, priority, n FROM waiting_counts WHERE hall_day = ? AND n > 0');
  // People ahead in one service queue: the priority lane first, then queue position, then id.
  const countAhead = db.prepare(
    `SELECT COUNT(*) AS n FROM tickets WHERE state = 'waiting' AND hall_day = @hallDay AND service_code = @serviceCode AND id != @id
       AND (CASE priority WHEN 'priority' THEN 0 ELSE 1 END, queued_at, id) < (@rank, @queuedAt, @id)`,
  );
  // The first ticket of one service's lane in queue order, straight from the waiting index.
  const queueHead = db.prepare(
    `SELECT * FROM tickets WHERE state = 'waiting' AND hall_day = ? AND service_code = ? AND priority = ?
     ORDER BY queued_at, id LIMIT 1`,
  );
  const currentOfCounter = db.prepare("SELECT * FROM tickets WHERE counter_id = ? AND state IN ('called', 'serving')");
  const parkedOfDay = db.prepare("SELECT * FROM tickets WHERE hall_day = ? AND state = 'parked' ORDER BY parked_at");
  const noShowsOfDay = db.prepare("SELECT * FROM tickets WHERE hall_day = ? AND state = 'no_show' ORDER BY finished_at DESC");
  const counterDay = db.prepare(
    "SELECT COUNT(*) AS served, AVG(finished_at - started_at) AS avg_ms FROM tickets WHERE hall_day = ? AND counter_id = ? AND state = 'done' AND started_at IS NOT NULL",
  );
  const lastDoneAtCounter = db.prepare(
    `SELECT t.number, t.finished_at, EXISTS (SELECT 1 FROM ratings r WHERE r.ticket_id = t.id) AS rated FROM tickets t
     WHERE t.hall_day = ? AND t.counter_id = ? AND t.state = 'done' ORDER BY t.finished_at DESC, t.id DESC LIMIT 1`,
  );
  const openBeforeDay = db.prepare("SELECT * FROM tickets WHERE hall_day < ? AND state IN ('waiting', 'called', 'serving', 'parked')");
  // Kept exact by triggers (migration 0008): one row read instead of a scan of the day.
  const issuedCount = db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM issued_counts WHERE hall_day = ? AND service_code = ?');
  const issuedCountsOfDay = db.prepare('SELECT service_code AS code, n FROM issued_counts WHERE hall_day = ?');
  const recentCalls = db.prepare(
    "SELECT * FROM tickets WHERE hall_day = ? AND called_at IS NOT NULL AND counter_id IS NOT NULL ORDER BY called_at DESC, id DESC LIMIT ?",
  );
  const recentDurations = db.prepare(
    "SELECT (finished_at - started_at) / 1000.0 AS seconds FROM tickets WHERE service_code = ? AND state = 'done' AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?",
  );
  const nextSequence = db.prepare(
    `INSERT INTO ticket_sequences (hall_day, prefix, last_seq) VALUES (?, ?, 1)
     ON CONFLICT (hall_day, prefix) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
  );
  const insert = db.prepare(
    `INSERT INTO tickets (hall_day, number, service_code, original_service_code, priority, priority_reason, state,
       issued_at, queued_at, tracking_code, request_id, device_id, estimated_wait_seconds, check_code)
     VALUES (@hallDay, @number, @serviceCode, @serviceCode, @priority, @priorityReason, 'waiting',
       @issuedAt, @issuedAt, @trackingCode, @requestId, @deviceId, @estimatedWaitSeconds, @checkCode)`,
  );
  const update = db.prepare(
    `UPDATE tickets SET service_code = @serviceCode, state = @state, queued_at = @queuedAt,
       first_called_at = @firstCalledAt, called_at = @calledAt, started_at = @startedAt, finished_at = @finishedAt,
       parked_at = @parkedAt, counter_id = @counterId, staff_id = @staffId, recall_count = @recallCount,
       outcome = @outcome, note = @note
     WHERE id = @id`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO ticket_events (ticket_id, at, action, from_state, to_state, counter_id, actor_user_id, actor_device_id, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const eventsOf = db.prepare('SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id');
  const setCaseNumber = db.prepare('UPDATE tickets SET case_number = ? WHERE id = ?');

  const maybe = (row: unknown) => (row ? toTicket(row as TicketRow) : null);
  const many = (rows: unknown[]) => (rows as TicketRow[]).map(toTicket);

  return {
    /** Issue 11: the 办件编号 typed at finish (goes up to the city in the outbox ticket row). */
    setCaseNumber: (id: number, caseNumber: string) => {
      setCaseNumber.run(caseNumber, id);
    },
    get: (id: number) => maybe(byId.get(id)),
    getByRequestId: (requestId: string) => maybe(byRequestId.get(requestId)),
    getByTrackingCode: (code: string) => maybe(byTrackingCode.get(code)),
    getByNumber: (hallDay: string, number: string) => maybe(byNumber.get(hallDay, number)),
    waiting: (hallDay: string) => many(waitingOfDay.all(hallDay)),
    /** Waiting tickets per service and priority on a hall day. */
    waitingCounts: (hallDay: string) => waitingCounts.all(hallDay) as { code: string; priority: string; n: number }[],
    countAhead: (ticket: { hallDay: string; serviceCode: string; id: number; priority: string; queuedAt: number }) =>
      (countAhead.get({ hallDay: ticket.hallDay, serviceCode: ticket.serviceCode, id: ticket.id, rank: ticket.priority === 'priority' ? 0 : 1, queuedAt: ticket.queuedAt }) as { n: number }).n,
    /**
     * The head of each lane (priority, normal) of each service: within a lane the queue order is
     * fixed, so call-next only has to choose among these few (pickNext), not among every waiting ticket.
     */
    queueHeads: (hallDay: string, serviceCodes: readonly string[]) =>
      serviceCodes.flatMap((code) => (['priority', 'normal'] as const).map((lane) => maybe(queueHead.get(hallDay, code, lane))))
        .filter((ticket): ticket is StoredTicket => ticket !== null),
    currentOfCounter: (counterId: number) => maybe(currentOfCounter.get(counterId)),
    parked: (hallDay: string) => many(parkedOfDay.all(hallDay)),
    noShows: (hallDay: string) => many(noShowsOfDay.all(hallDay)),
    /** A counter's day for its terminal: tickets finished there, their mean handling time, the last one and whether it was rated. */
    counterDay(hallDay: string, counterId: number) {
      const figures = counterDay.get(hallDay, counterId) as { served: number; avg_ms: number | null };
      const last = lastDoneAtCounter.get(hallDay, counterId) as { number: string; finished_at: number; rated: number } | undefined;
      return {
        served: figures.served, avgServiceMs: figures.avg_ms,
        last: last ? { number: last.number, finishedAt: last.finished_at, rated: last.rated === 1 } : null,
      };
    },
    openBefore: (hallDay: string) => many(openBeforeDay.all(hallDay)),
    issuedCount: (hallDay: string, serviceCode: string) => (issuedCount.get(hallDay, serviceCode) as { n: number }).n,
    issuedCounts: (hallDay: string) =>
      new Map((issuedCountsOfDay.all(hallDay) as { code: string; n: number }[]).map((row) => [row.code, row.n])),
    recentCalls: (hallDay: string, limit: number) => many(recentCalls.all(hallDay, limit)),
    recentServiceSeconds: (serviceCode: string, limit: number) =>
      (recentDurations.all(serviceCode, limit) as { seconds: number }[]).map((row) => row.seconds).reverse(),
    /** Next sequence number for a prefix on a hall day; must run inside the issuing transaction. */
    nextSequence: (hallDay: string, prefix: string) => (nextSequence.get(hallDay, prefix) as { last_seq: number }).last_seq,
    insert: (ticket: NewTicket) => Number(insert.run(ticket).lastInsertRowid),
    update: (ticket: QueueTicket) => {
      update.run(ticket);
    },
    appendEvent: (event: TicketEventRecord) => {
      insertEvent.run(
        event.ticketId, event.at, event.action, event.fromState, event.toState, event.counterId,
        event.actorUserId, event.actorDeviceId, event.detail ? JSON.stringify(event.detail) : null,
      );
    },
    events: (ticketId: number) => eventsOf.all(ticketId) as {
      id: number; at: number; action: string; from_state: string | null; to_state: string; counter_id: number | null;
      actor_user_id: number | null; actor_device_id: number | null; detail: string | null;
    }[],
  };
}
