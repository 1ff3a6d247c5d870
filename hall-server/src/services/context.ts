import type { Db } from '../db/database';
import type { HallRepo } from '../repos/hall-repo';
import type { PeopleRepo } from '../repos/people-repo';
import type { RatingsRepo } from '../repos/ratings-repo';
import type { TicketsRepo } from '../repos/tickets-repo';
import type { HallEvents } from './events';

/** Who asked for a change: recorded on every ticket event and audit line. */
export interface Actor {
  userId: number | null;
  deviceId: number | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, deviceId: null };

/** Everything a service needs, passed in: no service reads the clock or randomness itself. */
export interface HallContext {
  db: Db;
  hall: HallRepo;
  tickets: TicketsRepo;
  people: PeopleRepo;
  ratings: RatingsRepo;
  events: HallEvents;
  clock: () => number;
  timeZone: string;
  /** Unguessable token source (tracking codes, device tokens, sessions). */
  randomToken: (bytes: number) => string;
  /** Base URL printed in QR codes; phones on the hall's Wi-Fi reach the server there. */
  publicUrl: () => string;
}

/** Hall settings with their defaults; stored as text in hall_settings. */
export function hallSettings(ctx: HallContext) {
  const get = (key: string, fallback: string) => ctx.hall.setting(key) ?? fallback;
  return {
    hallName: get('hall_name', '公共法律服务大厅'),
    hallLevel: get('hall_level', 'city'),
    notice: get('notice', ''),
    recallLimit: Number(get('recall_limit', '2')),
    followUpWorkingDays: Number(get('follow_up_working_days', '5')),
    enforceOpeningHours: get('enforce_opening_hours', 'true') === 'true',
  };
}
