import type { RatingValues } from '@hall/shared';
import type { Db } from '../db/database';
import type { RatedTicketColumns } from './ratings-repo';

export interface RatingReviewRow extends RatingValues, RatedTicketColumns {
  id: number;
  source: string;
  created_at: number;
  excluded_at: number | null;
  excluded_by_name: string | null;
  exclude_reason: string | null;
  follow_up_id: number | null;
}

export type AdminRepo = ReturnType<typeof createAdminRepo>;

const EXCLUDED_FILTER = { any: '', only: 'AND r.excluded_at IS NOT NULL', none: 'AND r.excluded_at IS NULL' } as const;

/** SQL the console needs beyond the hall, people and ratings repos: ratings to review (申诉复核). */
export function createAdminRepo(db: Db) {
  // CROSS JOIN keeps ratings the outer loop: newest first by index, stopping at the limit, instead
  // of joining a year of tickets and sorting (440 ms → a few ms on a one-year database).
  const ratingList = (filter: keyof typeof EXCLUDED_FILTER) =>
    db.prepare(`
      SELECT r.id, r.ticket_id, t.number, t.hall_day, t.service_code, c.name AS counter_name, u.display_name AS staff_name,
        r.score, r.attitude, r.efficiency, r.policy, r.competence, r.comment, r.source, r.created_at, r.excluded_at,
        ex.display_name AS excluded_by_name, r.exclude_reason, f.id AS follow_up_id
      FROM ratings r
      CROSS JOIN tickets t ON t.id = r.ticket_id
      LEFT JOIN counters c ON c.id = t.counter_id
      LEFT JOIN users u ON u.id = t.staff_id
      LEFT JOIN users ex ON ex.id = r.excluded_by
      LEFT JOIN follow_ups f ON f.rating_id = r.id
      WHERE t.hall_day BETWEEN ? AND ? AND r.score <= ? ${EXCLUDED_FILTER[filter]}
      ORDER BY r.created_at DESC, r.id DESC
      LIMIT ?`);
  const lists = { any: ratingList('any'), only: ratingList('only'), none: ratingList('none') };
  const maxCounterOrder = db.prepare('SELECT COALESCE(MAX(sort_order), 0) FROM counters').pluck(true);
  const maxServiceOrder = db.prepare('SELECT COALESCE(MAX(sort_order), 0) FROM services').pluck(true);
  const counterByName = db.prepare('SELECT id FROM counters WHERE name = ?').pluck(true);

  return {
    ratings: (from: string, to: string, maxScore: number, excluded: keyof typeof EXCLUDED_FILTER, limit = 500) =>
      lists[excluded].all(from, to, maxScore, limit) as RatingReviewRow[],
    nextCounterOrder: () => (maxCounterOrder.get() as number) + 1,
    nextServiceOrder: () => (maxServiceOrder.get() as number) + 1,
    counterIdByName: (name: string) => (counterByName.get(name) as number | undefined) ?? null,
  };
}
