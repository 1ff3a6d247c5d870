import type { RatingBody, TrackView } from '@hall/shared';
import { sha256Hex } from '../auth/secrets';
import type { Db } from '../db/database';
import { pullRepo } from '../repos/pull-repo';
import { storableJson } from '../sync/ingest';
import { CityError } from './errors';

export type TrackService = ReturnType<typeof createTrackService>;

// The hall's tracking codes are 128-bit random (base64url or hex); anything else cannot be one.
const CODE = /^[A-Za-z0-9_-]{16,64}$/;

const notFound = () => new CityError('not-found', 'no such ticket, or it is no longer tracked', 404);

/**
 * The public phone view of one ticket through the city: found only by the sha256 of its tracking
 * code, as the hall last pushed it; a rating given here flows down to the hall on its next pull.
 */
export function createTrackService(db: Db, clock: () => number) {
  async function find(code: string) {
    if (!CODE.test(code)) throw notFound();
    const live = await pullRepo(db).liveTicket(sha256Hex(code));
    if (!live) throw notFound();
    return live;
  }
  return {
    /** The ticket as the hall last pushed it, and when (`updatedAt`: the page says how fresh it is). */
    async view(code: string): Promise<TrackView & { updatedAt: string }> {
      const live = await find(code);
      const view = live.view as TrackView;
      const updatedAt = new Date(live.updated_at).toISOString();
      return live.rated ? { ...view, rated: true, canRate: false, updatedAt } : { ...view, updatedAt };
    },

    async rate(code: string, body: RatingBody): Promise<void> {
      storableJson(body);
      const live = await find(code);
      const view = live.view as TrackView;
      if (live.rated || view.rated) throw new CityError('already-rated', 'this ticket has been rated already', 409);
      if (!view.canRate) throw new CityError('not-ratable', 'only a finished ticket can be rated', 409);
      const added = await db.transaction(async (tx) => {
        const pull = pullRepo(tx);
        const version = await pull.nextVersion();
        return pull.addCityRating(live.hall_id, live.ticket_id, {
          score: body.score, attitude: body.attitude ?? null, efficiency: body.efficiency ?? null, policy: body.policy ?? null,
          competence: body.competence ?? null, comment: body.comment?.trim() || null,
        }, clock(), version);
      });
      if (!added) throw new CityError('already-rated', 'this ticket has been rated already', 409);
    },
  };
}
