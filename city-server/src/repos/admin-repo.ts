import type { Queryable } from '../db/database';
import type { CityRole } from './users-repo';

export interface AdminUserRow {
  id: number;
  username: string;
  role: CityRole;
  area_code: string;
  disabled: boolean;
  created_at: string;
}

const USER_COLUMNS = `id, username, role, area_code, disabled_at IS NOT NULL AS disabled,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at`;

/** SQL of the console's administration: users (list, add, change, disable, password) and halls with their codes. */
export function adminRepo(db: Queryable) {
  return {
    async users(): Promise<AdminUserRow[]> {
      return (await db.query<AdminUserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY id`)).rows;
    },
    async user(id: number): Promise<AdminUserRow | null> {
      return (await db.query<AdminUserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id])).rows[0] ?? null;
    },
    /** Inserts a new user; null when the name is taken. */
    async addUser(user: { username: string; passwordHash: string; role: CityRole; areaCode: string }): Promise<AdminUserRow | null> {
      return (await db.query<AdminUserRow>(
        `INSERT INTO users (username, password_hash, role, area_code) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING ${USER_COLUMNS}`,
        [user.username, user.passwordHash, user.role, user.areaCode],
      )).rows[0] ?? null;
    },
    updateUser: (id: number, change: { role?: CityRole; areaCode?: string; disabled?: boolean }) =>
      db.query(
        `UPDATE users SET role = coalesce($2, role), area_code = coalesce($3, area_code),
           disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at WHEN $4 THEN coalesce(disabled_at, now()) ELSE NULL END
         WHERE id = $1`,
        [id, change.role ?? null, change.areaCode ?? null, change.disabled ?? null],
      ),
    setPassword: (id: number, passwordHash: string) => db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]),
    endSessions: (userId: number) => db.query('DELETE FROM sessions WHERE user_id = $1', [userId]),
    /** Every hall with when its newest unused, unexpired enrollment code expires. */
    async halls() {
      return (await db.query<{ id: number; name: string; level: string; area_code: string; enrolled: boolean; revoked: boolean; last_seen_at: string | null; ack_seq: number; pending: string | null }>(
        `SELECT h.id, h.name, h.level, h.area_code, h.credential_hash IS NOT NULL AS enrolled, h.revoked_at IS NOT NULL AS revoked,
           to_char(h.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_seen_at, h.ack_seq,
           (SELECT to_char(max(c.expires_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM enrollment_codes c
            WHERE c.hall_id = h.id AND c.used_at IS NULL AND c.expires_at > now()) AS pending
         FROM halls h ORDER BY h.id`,
      )).rows;
    },
    async codeExpiry(hallId: number): Promise<string> {
      return (await db.query<{ at: string }>(
        `SELECT to_char(max(expires_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM enrollment_codes WHERE hall_id = $1 AND used_at IS NULL`,
        [hallId],
      )).rows[0]!.at;
    },
  };
}
