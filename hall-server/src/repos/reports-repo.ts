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

export interface RatingReportRow {
  service_code: string;
  counter_id: number | null;
  staff_id: number | null;
  hall_day: string;
  score: number;
  attitude: number | null;
  efficiency: number | null;
  policy: number | null;
  competence: number | null;
}

export type ReportsRepo = ReturnType<typeof createReportsRepo>;

/** SQL for reports over a range of hall days (both inclusive). */
export function createReportsRepo(db: Db) {
  const tickets = db.prepare(`
    SELECT t.id, t.hall_day, t.number, t.service_code, t.original_service_code, t.priority, t.state, t.issued_at,
      t.first_called_at, t.started_at, t.finished_at, t.counter_id, c.name AS counter_name, t.staff_id,
      u.display_name AS staff_name, t.recall_count, t.outcome, t.note, t.estimated_wait_seconds,
      s.target_wait_minutes, CASE WHEN r.excluded_at IS NULL THEN r.score END AS score
    FROM tickets t
    JOIN services s ON s.code = t.service_code
    LEFT JOIN counters c ON c.id = t.counter_id
    LEFT JOIN users u ON u.id = t.staff_id
    LEFT JOIN ratings r ON r.ticket_id = t.id
    WHERE t.hall_day BETWEEN ? AND ?
    ORDER BY t.hall_day, t.issued_at, t.id`);
  const ratings = db.prepare(`
    SELECT t.service_code, r.counter_id, r.staff_id, t.hall_day, r.score, r.attitude, r.efficiency, r.policy, r.competence
    FROM ratings r JOIN tickets t ON t.id = r.ticket_id
    WHERE t.hall_day BETWEEN ? AND ? AND r.excluded_at IS NULL`);
  return {
    tickets: (from: string, to: string) => tickets.all(from, to) as TicketReportRow[],
    /** Ratings in the range, excluding those taken out by 申诉复核. */
    ratings: (from: string, to: string) => ratings.all(from, to) as RatingReportRow[],
    iterateTickets: (from: string, to: string) => tickets.iterate(from, to) as IterableIterator<TicketReportRow>,
  };
}
