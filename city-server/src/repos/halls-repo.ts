import type { HallLevelName } from '@hall/shared';
import type { Queryable } from '../db/database';

export interface AreaRow {
  code: string;
  name: string;
  level: HallLevelName;
  parent_code: string | null;
  prefix: string;
}

export interface HallRow {
  id: number;
  name: string;
  level: HallLevelName;
  area_code: string;
  time_zone: string;
  enrolled: boolean;
  revoked: boolean;
  ack_seq: number;
  last_seen_at: string | null;
  live: unknown;
}

/** Digits of a 12-digit 行政区划 code that name an area of each level (市 4, 县/区 6, 乡镇/街道 9, 村/社区 12). */
export const PREFIX_DIGITS: Record<HallLevelName, number> = { city: 4, county: 6, township: 9, village: 12 };

const HALL_COLUMNS = `id, name, level, area_code, time_zone, credential_hash IS NOT NULL AS enrolled, revoked_at IS NOT NULL AS revoked,
  ack_seq, to_char(last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_seen_at, live`;

/** Areas, halls and their credentials and enrollment codes. */
export function hallsRepo(db: Queryable) {
  return {
    async addArea(area: { code: string; name: string; level: HallLevelName; parentCode: string | null }) {
      await db.query(
        `INSERT INTO areas (code, name, level, parent_code, prefix) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name`,
        [area.code, area.name, area.level, area.parentCode, area.code.slice(0, PREFIX_DIGITS[area.level])],
      );
    },
    async area(code: string): Promise<AreaRow | null> {
      return (await db.query<AreaRow>('SELECT code, name, level, parent_code, prefix FROM areas WHERE code = $1', [code])).rows[0] ?? null;
    },
    async areas(): Promise<AreaRow[]> {
      return (await db.query<AreaRow>('SELECT code, name, level, parent_code, prefix FROM areas ORDER BY code')).rows;
    },
    async addHall(hall: { name: string; level: HallLevelName; areaCode: string }): Promise<number> {
      const result = await db.query<{ id: number }>('INSERT INTO halls (name, level, area_code) VALUES ($1, $2, $3) RETURNING id', [hall.name, hall.level, hall.areaCode]);
      return result.rows[0]!.id;
    },
    async hall(id: number): Promise<HallRow | null> {
      return (await db.query<HallRow>(`SELECT ${HALL_COLUMNS} FROM halls WHERE id = $1`, [id])).rows[0] ?? null;
    },
    /** Halls whose area code starts with `prefix` (at or below that area). */
    async hallsUnder(prefix: string): Promise<HallRow[]> {
      return (await db.query<HallRow>(`SELECT ${HALL_COLUMNS} FROM halls WHERE starts_with(area_code, $1) ORDER BY id`, [prefix])).rows;
    },
    async hallIdOfCredential(credentialHash: string): Promise<number | null> {
      const row = (await db.query<{ id: number }>('SELECT id FROM halls WHERE credential_hash = $1', [credentialHash])).rows[0];
      return row?.id ?? null;
    },
    async addEnrollmentCode(hallId: number, codeHash: string, validDays: number) {
      await db.query(`INSERT INTO enrollment_codes (code_hash, hall_id, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`, [codeHash, hallId, validDays]);
    },
    /** The code's row, locked for this transaction. */
    async lockEnrollmentCode(codeHash: string) {
      const result = await db.query<{ hall_id: number; used: boolean; expired: boolean }>(
        'SELECT hall_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM enrollment_codes WHERE code_hash = $1 FOR UPDATE',
        [codeHash],
      );
      return result.rows[0] ?? null;
    },
    useEnrollmentCode: (codeHash: string) => db.query('UPDATE enrollment_codes SET used_at = now() WHERE code_hash = $1', [codeHash]),
    /** Pending codes of a hall stop working (revoke, rekey). */
    expireCodesOf: (hallId: number) => db.query('UPDATE enrollment_codes SET expires_at = now() WHERE hall_id = $1 AND used_at IS NULL AND expires_at > now()', [hallId]),
    setCredential: (hallId: number, credentialHash: string, details: { hallName?: string; softwareVersion?: string; timeZone?: string }) =>
      db.query(
        `UPDATE halls SET credential_hash = $2, enrolled_at = now(), revoked_at = NULL, name = coalesce($3, name),
          software_version = coalesce($4, software_version), time_zone = coalesce($5, time_zone) WHERE id = $1`,
        [hallId, credentialHash, details.hallName ?? null, details.softwareVersion ?? null, details.timeZone ?? null],
      ),
    /** Drops the credential at once; `revoke` also marks the hall revoked. */
    dropCredential: (hallId: number, revoke: boolean) =>
      db.query(`UPDATE halls SET credential_hash = NULL, revoked_at = CASE WHEN $2 THEN now() ELSE revoked_at END WHERE id = $1`, [hallId, revoke]),
  };
}
