import type { Queryable } from '../db/database';

export type CityRole = 'admin' | 'supervisor';

export interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: CityRole;
  area_code: string;
}

/** City users (admin: everything; supervisor: one area and below) and their sessions. */
export function usersRepo(db: Queryable) {
  return {
    async add(user: { username: string; passwordHash: string; role: CityRole; areaCode: string }): Promise<number> {
      const result = await db.query<{ id: number }>(
        `INSERT INTO users (username, password_hash, role, area_code) VALUES ($1, $2, $3, $4)
         ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, area_code = excluded.area_code
         RETURNING id`,
        [user.username, user.passwordHash, user.role, user.areaCode],
      );
      return result.rows[0]!.id;
    },
    async byUsername(username: string): Promise<UserRow | null> {
      return (await db.query<UserRow>('SELECT id, username, password_hash, role, area_code FROM users WHERE username = $1 AND disabled_at IS NULL', [username])).rows[0] ?? null;
    },
    async count(): Promise<number> {
      return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n;
    },
    addSession: (tokenHash: string, userId: number, hours: number) =>
      db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))', [tokenHash, userId, hours]),
    async userOfSession(tokenHash: string): Promise<UserRow | null> {
      const result = await db.query<UserRow>(
        `SELECT u.id, u.username, u.password_hash, u.role, u.area_code FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
        [tokenHash],
      );
      return result.rows[0] ?? null;
    },
  };
}
