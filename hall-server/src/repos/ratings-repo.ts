import type { RatingValues } from '@hall/shared';
import type { Db } from '../db/database';

export interface RatingRecord extends RatingValues {
  id: number;
  ticketId: number;
  source: string;
  counterId: number | null;
  staffId: number | null;
  createdAt: number;
  excludedAt: number | null;
  excludeReason: string | null;
}

/** The ticket a rating is about, as the follow-up and review lists join it (counter and staff by name). */
export interface RatedTicketColumns {
  ticket_id: number;
  number: string;
  hall_day: string;
  service_code: string;
  counter_name: string | null;
  staff_name: string | null;
}

export interface FollowUpRow extends RatedTicketColumns {
  id: number;
  rating_id: number;
  opened_at: number;
  due_day: string;
  closed_at: number | null;
  closed_by_name: string | null;
  outcome: string | null;
  score: number;
  comment: string | null;
  contact_phone: string | null;
}

export type RatingsRepo = ReturnType<typeof createRatingsRepo>;

/** SQL for ratings, bad-rating follow-ups, the holiday calendar and the admin audit log. */
export function createRatingsRepo(db: Db) {
  const byTicket = db.prepare('SELECT * FROM ratings WHERE ticket_id = ?');
  const byId = db.prepare('SELECT * FROM ratings WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO ratings (ticket_id, score, attitude, efficiency, policy, competence, comment, source, device_id, counter_id, staff_id, created_at, contact_phone)
     VALUES (@ticketId, @score, @attitude, @efficiency, @policy, @competence, @comment, @source, @deviceId, @counterId, @staffId, @createdAt, @contactPhone)`,
  );
  const exclude = db.prepare('UPDATE ratings SET excluded_at = ?, excluded_by = ?, exclude_reason = ? WHERE id = ? AND excluded_at IS NULL');
  const insertFollowUp = db.prepare('INSERT INTO follow_ups (rating_id, opened_at, due_day) VALUES (?, ?, ?)');
  const followUpSelect = `
    SELECT f.id, f.rating_id, f.opened_at, f.due_day, f.closed_at, closer.display_name AS closed_by_name, f.outcome,
      t.id AS ticket_id, t.number, t.hall_day, t.service_code, c.name AS counter_name, s.display_name AS staff_name,
      r.score, r.comment, r.contact_phone
    FROM follow_ups f
    JOIN ratings r ON r.id = f.rating_id
    JOIN tickets t ON t.id = r.ticket_id
    LEFT JOIN counters c ON c.id = r.counter_id
    LEFT JOIN users s ON s.id = r.staff_id
    LEFT JOIN users closer ON closer.id = f.closed_by`;
  // Every open follow-up (overdue first, by deadline), then the most recently closed ones.
  const openFollowUps = db.prepare(`${followUpSelect} WHERE f.closed_at IS NULL ORDER BY f.due_day, f.id`);
  const closedFollowUps = db.prepare(`${followUpSelect} WHERE f.closed_at IS NOT NULL ORDER BY f.closed_at DESC, f.id DESC LIMIT ?`);
  const followUpById = db.prepare(`${followUpSelect} WHERE f.id = ?`);
  const closeFollowUp = db.prepare('UPDATE follow_ups SET closed_at = ?, closed_by = ?, outcome = ? WHERE id = ? AND closed_at IS NULL');
  const holidays = db.prepare('SELECT day, kind, name FROM holidays ORDER BY day');
  const putHoliday = db.prepare(
    'INSERT INTO holidays (day, kind, name) VALUES (?, ?, ?) ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name',
  );
  const deleteHoliday = db.prepare('DELETE FROM holidays WHERE day = ?');
  const insertAudit = db.prepare('INSERT INTO audit_log (at, user_id, action, detail) VALUES (?, ?, ?, ?)');
  const recentAudit = db.prepare(
    `SELECT a.id, a.at, a.action, a.detail, u.username FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.id DESC LIMIT ?`,
  );

  const toRating = (row: Record<string, unknown> | undefined): RatingRecord | null =>
    row
      ? {
          id: row.id as number, ticketId: row.ticket_id as number, score: row.score as number,
          attitude: row.attitude as number | null, efficiency: row.efficiency as number | null,
          policy: row.policy as number | null, competence: row.competence as number | null,
          comment: row.comment as string | null, source: row.source as string, counterId: row.counter_id as number | null,
          staffId: row.staff_id as number | null, createdAt: row.created_at as number,
          excludedAt: row.excluded_at as number | null, excludeReason: row.exclude_reason as string | null,
        }
      : null;

  return {
    byTicket: (ticketId: number) => toRating(byTicket.get(ticketId) as Record<string, unknown> | undefined),
    get: (id: number) => toRating(byId.get(id) as Record<string, unknown> | undefined),
    insert: (rating: Omit<RatingRecord, 'id' | 'excludedAt' | 'excludeReason'> & { deviceId: number | null; contactPhone: string | null }) =>
      Number(insert.run(rating).lastInsertRowid),
    exclude: (id: number, userId: number, reason: string, now: number) => exclude.run(now, userId, reason, id).changes > 0,
    openFollowUp: (ratingId: number, now: number, dueDay: string) => Number(insertFollowUp.run(ratingId, now, dueDay).lastInsertRowid),
    followUps: (closedLimit: number) => [...openFollowUps.all(), ...closedFollowUps.all(closedLimit)] as FollowUpRow[],
    followUp: (id: number) => (followUpById.get(id) as FollowUpRow | undefined) ?? null,
    closeFollowUp: (id: number, userId: number, outcome: string, now: number) => closeFollowUp.run(now, userId, outcome, id).changes > 0,
    holidays: () => holidays.all() as { day: string; kind: 'holiday' | 'workday'; name: string }[],
    putHoliday: (day: string, kind: 'holiday' | 'workday', name: string) => {
      putHoliday.run(day, kind, name);
    },
    deleteHoliday: (day: string) => deleteHoliday.run(day).changes > 0,
    audit: (at: number, userId: number | null, action: string, detail: Record<string, unknown>) => {
      insertAudit.run(at, userId, action, JSON.stringify(detail));
    },
    recentAudit: (limit: number) =>
      recentAudit.all(limit) as { id: number; at: number; action: string; detail: string; username: string | null }[],
  };
}
