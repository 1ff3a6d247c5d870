import type { RatingValues } from '@hall/shared';
import type { Db } from '../db/database';

export interface SeedTicket {
  hallDay: string;
  number: string;
  serviceCode: string;
  priority: 'normal' | 'priority';
  state: 'done' | 'no_show' | 'cancelled';
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number;
  counterId: number | null;
  staffId: number | null;
  recallCount: number;
  outcome: 'resolved' | 'pending' | 'referred' | null;
  trackingCode: string;
  estimatedWaitSeconds: number;
}

export interface SeedRating extends RatingValues {
  createdAt: number;
  followUp: { dueDay: string; closedAt: number | null; closedBy: number | null; outcome: string | null } | null;
}

export type YearSeedRepo = ReturnType<typeof createYearSeedRepo>;

/**
 * Bulk inserts for `npm run seed:year`: past tickets written whole (final state and every time),
 * with their event trail, ratings and follow-ups. Only for generating demo and benchmark data.
 */
export function createYearSeedRepo(db: Db) {
  const insertTicket = db.prepare(`
    INSERT INTO tickets (hall_day, number, service_code, original_service_code, priority, state, issued_at, queued_at,
      first_called_at, called_at, started_at, finished_at, counter_id, staff_id, recall_count, outcome, tracking_code, estimated_wait_seconds)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertEvent = db.prepare(
    'INSERT INTO ticket_events (ticket_id, at, action, from_state, to_state, counter_id, actor_user_id, actor_device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertRating = db.prepare(`
    INSERT INTO ratings (ticket_id, score, attitude, efficiency, policy, competence, comment, source, counter_id, staff_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'pad', ?, ?, ?)`);
  const insertFollowUp = db.prepare('INSERT INTO follow_ups (rating_id, opened_at, due_day, closed_at, closed_by, outcome) VALUES (?, ?, ?, ?, ?, ?)');
  const ticketDays = db.prepare('SELECT COUNT(*) FROM tickets').pluck(true);

  return {
    ticketCount: () => ticketDays.get() as number,
    /** Inserts one ticket with its events (issue, call, start, finish or no-show) and rating. */
    insert(t: SeedTicket, rating: SeedRating | null, withEvents: boolean, kioskId: number | null) {
      const id = Number(insertTicket.run(
        t.hallDay, t.number, t.serviceCode, t.serviceCode, t.priority, t.state, t.issuedAt, t.issuedAt, t.calledAt, t.calledAt,
        t.startedAt, t.finishedAt, t.counterId, t.staffId, t.recallCount, t.outcome, t.trackingCode, t.estimatedWaitSeconds,
      ).lastInsertRowid);
      if (withEvents) {
        insertEvent.run(id, t.issuedAt, 'issue', null, 'waiting', null, null, kioskId);
        if (t.calledAt !== null) insertEvent.run(id, t.calledAt, 'call', 'waiting', 'called', t.counterId, t.staffId, null);
        if (t.startedAt !== null) insertEvent.run(id, t.startedAt, 'start', 'called', 'serving', t.counterId, t.staffId, null);
        if (t.state === 'done') insertEvent.run(id, t.finishedAt, 'finish', 'serving', 'done', t.counterId, t.staffId, null);
        if (t.state === 'no_show') insertEvent.run(id, t.finishedAt, 'no-show', 'called', 'no_show', t.counterId, t.staffId, null);
        if (t.state === 'cancelled') insertEvent.run(id, t.finishedAt, 'cancel', 'waiting', 'cancelled', null, null, null);
      }
      if (rating) {
        const ratingId = Number(insertRating.run(
          id, rating.score, rating.attitude, rating.efficiency, rating.policy, rating.competence, rating.comment, t.counterId, t.staffId, rating.createdAt,
        ).lastInsertRowid);
        const f = rating.followUp;
        if (f) insertFollowUp.run(ratingId, rating.createdAt, f.dueDay, f.closedAt, f.closedBy, f.outcome);
      }
      return id;
    },
  };
}
