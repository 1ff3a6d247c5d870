import { LIVE_DEFAULT_TARGET_MINUTES, type CityWorstWait, type HallLive } from '@hall/shared';
import type { Queryable } from '../db/database';

/** A service of a hall as the city holds it (hall_services): its name and the target wait the hall set. */
export interface ServiceTarget {
  name: string;
  targetMinutes: number;
}

/** The services of each hall, keyed by hall id then service code. */
export async function serviceTargetsOf(db: Queryable, hallIds: number[]): Promise<Map<number, Map<string, ServiceTarget>>> {
  const out = new Map<number, Map<string, ServiceTarget>>();
  if (hallIds.length === 0) return out;
  const { rows } = await db.query<{ hall_id: number; code: string; name: string; target_wait_minutes: number }>(
    'SELECT hall_id, code, name, target_wait_minutes FROM hall_services WHERE hall_id = ANY($1::int[])', [hallIds],
  );
  for (const row of rows) {
    const services = out.get(row.hall_id) ?? new Map<string, ServiceTarget>();
    services.set(row.code, { name: row.name, targetMinutes: row.target_wait_minutes });
    out.set(row.hall_id, services);
  }
  return out;
}

/** How far a wait is along its target (1 = exactly the target); a zero target is passed by any wait at all. */
const ratioOf = (seconds: number, targetMinutes: number) => (targetMinutes > 0 ? seconds / (targetMinutes * 60) : seconds > 0 ? Infinity : 0);

/**
 * The hall's worst wait against its own targets: the service with the highest longest-wait / target
 * ratio (ties: the longer wait, then the stricter target, then the service code; so with nobody
 * waiting it is the strictest service). A service the city has no row for yet is held
 * to LIVE_DEFAULT_TARGET_MINUTES under its code. Null without a live push, or from an older hall that
 * sends no per-service waits.
 */
export function worstWaitOf(live: Pick<HallLive, 'longestWaitByService'> | null, services: ReadonlyMap<string, ServiceTarget> | undefined): CityWorstWait | null {
  if (!live?.longestWaitByService) return null;
  let worst: (CityWorstWait & { ratio: number }) | null = null;
  for (const [code, seconds] of Object.entries(live.longestWaitByService).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const service = services?.get(code);
    const targetMinutes = service?.targetMinutes ?? LIVE_DEFAULT_TARGET_MINUTES;
    const ratio = ratioOf(seconds, targetMinutes);
    const worse = worst === null || ratio > worst.ratio
      || (ratio === worst.ratio && (seconds > worst.seconds || (seconds === worst.seconds && targetMinutes < worst.targetMinutes)));
    if (worse) {
      worst = { serviceCode: code, name: service?.name ?? code, seconds, targetMinutes, ratio };
    }
  }
  if (worst === null) return null;
  const { ratio: _ratio, ...view } = worst;
  return view;
}

/**
 * Whether a wait at the hall is past its target now: the worst service past its own target, or, for
 * an older hall without per-service waits, the hall's longest wait past LIVE_DEFAULT_TARGET_MINUTES.
 * An offline hall's last push is stale: never over target.
 */
export function isOverTarget(online: boolean, live: Pick<HallLive, 'longestWaitSeconds' | 'longestWaitByService'> | null, worst: CityWorstWait | null): boolean {
  if (!online || !live) return false;
  if (live.longestWaitByService === undefined) return live.longestWaitSeconds > LIVE_DEFAULT_TARGET_MINUTES * 60;
  return worst !== null && worst.seconds > worst.targetMinutes * 60;
}
