import type { EnrollBody, EnrollResponse, PullResponse, PushBody } from '@hall/shared';
import { newSecret, normalizeEnrollmentCode, sha256Hex } from '../auth/secrets';
import type { Db } from '../db/database';
import { hallsRepo } from '../repos/halls-repo';
import { createPartitioner } from '../repos/partitions';
import { pullRepo } from '../repos/pull-repo';
import { CityError, unauthorized } from '../services/errors';
import { applyPush, storableJson } from './ingest';
import { bookingsForPull } from '../bookings/sync-bookings';
import { supervisionsForPull } from '../supervision/sync-supervisions';

export type SyncService = ReturnType<typeof createSyncService>;

/** A hall known by its credential. */
export interface HallPrincipal {
  hallId: number;
  credentialHash: string;
}

const isValidTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The city's side of the sync contract: enrollment, push (ingest) and pull. */
export function createSyncService(db: Db, options: { publicUrl: () => string }) {
  const ensureMonths = createPartitioner(db);
  return {
    ensureMonths,

    /** `Authorization: Hall <credential>` → the hall; 401 for anything else, at once after a revoke or rekey. */
    async authenticate(header: string | undefined): Promise<HallPrincipal> {
      const match = /^Hall ([A-Za-z0-9_-]{20,100})$/.exec(header ?? '');
      if (!match) throw unauthorized('send Authorization: Hall <credential>');
      const credentialHash = sha256Hex(match[1]!);
      const hallId = await hallsRepo(db).hallIdOfCredential(credentialHash);
      if (hallId === null) throw unauthorized('unknown or revoked hall credential');
      return { hallId, credentialHash };
    },

    /** Trades a one-time enrollment code for the hall's credential (only its hash is kept). */
    async enroll(body: EnrollBody): Promise<EnrollResponse> {
      storableJson(body);
      if (body.timeZone !== undefined && !isValidTimeZone(body.timeZone)) throw new CityError('bad-request', `unknown time zone ${body.timeZone}`, 400);
      const codeHash = sha256Hex(normalizeEnrollmentCode(body.code));
      const credential = newSecret();
      const hallId = await db.transaction(async (tx) => {
        const halls = hallsRepo(tx);
        const code = await halls.lockEnrollmentCode(codeHash);
        if (!code) throw new CityError('unknown-enrollment-code', 'no such enrollment code', 404);
        if (code.used) throw new CityError('enrollment-code-used', 'this enrollment code was used already; ask the city for a new one', 409);
        if (code.expired) throw new CityError('enrollment-code-expired', 'this enrollment code has expired; ask the city for a new one', 410);
        await halls.useEnrollmentCode(codeHash);
        await halls.setCredential(code.hall_id, sha256Hex(credential), body);
        return code.hall_id;
      });
      const hall = (await hallsRepo(db).hall(hallId))!;
      return { hallId, credential, hallName: hall.name, level: hall.level, areaCode: hall.area_code, publicUrl: options.publicUrl() };
    },

    push: (hall: HallPrincipal, body: PushBody) => applyPush(db, ensureMonths, hall.hallId, hall.credentialHash, body),

    /** What changed for this hall since `since`: holidays, notices, ratings given on the city's /t/ page. */
    async pull(hall: HallPrincipal, since: number): Promise<PullResponse> {
      const pull = pullRepo(db);
      // Read the counter first: every row with a version up to it has committed (writers commit in version order).
      const version = await pull.currentVersion();
      const upTo = Math.max(version, 0);
      const rows = await pull.since(hall.hallId, since, upTo);
      return {
        version: Math.max(upTo, since),
        holidays: rows.holidays,
        notices: rows.notices,
        bookings: await bookingsForPull(db, hall.hallId, since, upTo),
        supervisions: await supervisionsForPull(db, hall.hallId, since, upTo),
        ratings: rows.ratings.map((r) => ({
          id: r.id, ticketId: r.ticket_id, score: r.score, attitude: r.attitude, efficiency: r.efficiency, policy: r.policy,
          competence: r.competence, comment: r.comment, createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    },
  };
}
