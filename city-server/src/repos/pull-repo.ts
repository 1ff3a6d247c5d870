import type { Queryable } from '../db/database';

export interface CityRatingInput {
  score: number;
  attitude: number | null;
  efficiency: number | null;
  policy: number | null;
  competence: number | null;
  comment: string | null;
}

/** What flows down to the halls, versioned by the one pull_version counter, and the live phone views. */
export function pullRepo(db: Queryable) {
  return {
    /** Takes the next version; the counter row stays locked to the end of the transaction, so versions commit in order. */
    async nextVersion(): Promise<number> {
      return (await db.query<{ value: number }>('UPDATE pull_version SET value = value + 1 WHERE id = 1 RETURNING value')).rows[0]!.value;
    },
    async currentVersion(): Promise<number> {
      return (await db.query<{ value: number }>('SELECT value FROM pull_version WHERE id = 1')).rows[0]!.value;
    },
    async since(hallId: number, since: number, upTo: number) {
      const holidays = await db.query<{ day: string; name: string; workday: boolean }>(
        'SELECT day::text AS day, name, workday FROM holidays WHERE version > $1 AND version <= $2 ORDER BY day', [since, upTo]);
      const notices = await db.query<{ id: number; text: string; from: string; to: string }>(
        'SELECT id, text, from_day::text AS "from", to_day::text AS "to" FROM notices WHERE version > $1 AND version <= $2 ORDER BY id', [since, upTo]);
      const ratings = await db.query<{ id: number; ticket_id: number; score: number; attitude: number | null; efficiency: number | null; policy: number | null; competence: number | null; comment: string | null; created_at: number }>(
        `SELECT id, ticket_id, score, attitude, efficiency, policy, competence, comment, created_at FROM city_ratings
         WHERE hall_id = $1 AND version > $2 AND version <= $3 ORDER BY version`, [hallId, since, upTo]);
      return { holidays: holidays.rows, notices: notices.rows, ratings: ratings.rows };
    },
    addHoliday: (day: string, name: string, workday: boolean, version: number) =>
      db.query(`INSERT INTO holidays (day, name, workday, version) VALUES ($1, $2, $3, $4)
        ON CONFLICT (day) DO UPDATE SET name = excluded.name, workday = excluded.workday, version = excluded.version`, [day, name, workday, version]),
    addNotice: (text: string, from: string, to: string, version: number) =>
      db.query('INSERT INTO notices (text, from_day, to_day, version) VALUES ($1, $2, $3, $4)', [text, from, to, version]),
    async liveTicket(trackingHash: string) {
      const result = await db.query<{ hall_id: number; ticket_id: number; view: Record<string, unknown>; updated_at: number; rated: boolean }>(
        `SELECT l.hall_id, l.ticket_id, l.view, l.updated_at, EXISTS (SELECT 1 FROM city_ratings c WHERE c.hall_id = l.hall_id AND c.ticket_id = l.ticket_id) AS rated
         FROM live_tickets l WHERE l.tracking_hash = $1`,
        [trackingHash],
      );
      return result.rows[0] ?? null;
    },
    /** Stores a rating from the city's /t/ page; false when that ticket already has one. */
    async addCityRating(hallId: number, ticketId: number, rating: CityRatingInput, createdAt: number, version: number): Promise<boolean> {
      const result = await db.query(
        `INSERT INTO city_ratings (hall_id, ticket_id, score, attitude, efficiency, policy, competence, comment, created_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (hall_id, ticket_id) DO NOTHING RETURNING id`,
        [hallId, ticketId, rating.score, rating.attitude, rating.efficiency, rating.policy, rating.competence, rating.comment, createdAt, version],
      );
      return result.rows.length > 0;
    },
  };
}
