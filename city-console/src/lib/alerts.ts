import { LIVE_DEFAULT_TARGET_MINUTES } from '@hall/shared';
import { cityParts, durationText } from './format';
import { zh } from './i18n';
import type { HallView } from './types';

/** The target for an older hall whose live push carries no per-service waits (the catalogue's usual target). */
export const DEFAULT_TARGET_MINUTES = LIVE_DEFAULT_TARGET_MINUTES;
/** A hall pushes at least every 15 s; silence past a minute is "offline" (the server's rule too). */
export const SILENT_AFTER_MS = 60_000;
/** Opening hours of the catalogue's services, Monday to Friday, city time (minutes of the day). */
const OPENS = 8 * 60 + 30;
const CLOSES = 17 * 60 + 30;

export type HallAlert =
  | { kind: 'silent'; hallId: number; text: string }
  | { kind: 'wait-over-target'; hallId: number; text: string }
  | { kind: 'printer-fault'; hallId: number; text: string };

/** Whether halls are expected to be open at `now`: weekdays 08:30–17:30 in the city. */
export function withinOpeningHours(now: number): boolean {
  const p = cityParts(now);
  const minute = p.hour * 60 + p.minute;
  return p.weekday >= 1 && p.weekday <= 5 && minute >= OPENS && minute < CLOSES;
}

/**
 * The wait shown against a target: the hall's worst service (furthest along its own target, from
 * the city), or, from an older hall without per-service waits, the hall's longest wait.
 */
const perService = (hall: HallView) => hall.worstWait ?? null;

/** The target the shown wait is held to: the worst service's own, else the default. */
export const targetMinutesOf = (hall: HallView) => perService(hall)?.targetMinutes ?? DEFAULT_TARGET_MINUTES;

/** Seconds of the shown wait (see perService); 0 without a live push. */
export const waitSecondsOf = (hall: HallView) => perService(hall)?.seconds ?? hall.live?.longestWaitSeconds ?? 0;

/** The worst service's name when someone waits for it (null when nobody waits, and for an older hall's hall-wide longest wait). */
export const waitServiceOf = (hall: HallView) => {
  const worst = perService(hall);
  return worst && worst.seconds > 0 ? worst.name : null;
};

/**
 * True when a wait at the hall is past its target now: the worst service past its own target; for an
 * older hall (no per-service waits) the hall's longest wait past DEFAULT_TARGET_MINUTES. Offline: never.
 */
export function overTarget(hall: HallView): boolean {
  if (!hall.online || hall.live === null) return false;
  const worst = perService(hall);
  if (worst) return worst.seconds > worst.targetMinutes * 60;
  // Per-service waits but no service in them: nobody can be over a target.
  if (hall.live.longestWaitByService !== undefined && hall.worstWait === null) return false;
  return hall.live.longestWaitSeconds > DEFAULT_TARGET_MINUTES * 60;
}

/**
 * The alerts of 实时总览, worst first: an enrolled hall silent during opening hours, a wait past its
 * target, printer faults. A hall never enrolled or revoked raises none.
 */
export function hallAlerts(halls: HallView[], now: number): HallAlert[] {
  const open = withinOpeningHours(now);
  const alerts: HallAlert[] = [];
  for (const hall of halls) {
    if (!hall.enrolled || hall.revoked) continue;
    const silentMs = hall.lastSeenAt ? now - Date.parse(hall.lastSeenAt) : null;
    if (open && silentMs !== null && silentMs > SILENT_AFTER_MS) {
      alerts.push({ kind: 'silent', hallId: hall.id, text: zh.live.silent(hall.name, durationText(silentMs / 1000)) });
    }
    if (overTarget(hall)) {
      const minutes = Math.floor(waitSecondsOf(hall) / 60);
      const service = waitServiceOf(hall);
      const text = service === null ? zh.live.overWait(hall.name, minutes, targetMinutesOf(hall)) : zh.live.overWaitService(hall.name, service, minutes, targetMinutesOf(hall));
      alerts.push({ kind: 'wait-over-target', hallId: hall.id, text });
    }
    if (hall.online && (hall.live?.printerFaults ?? 0) > 0) {
      alerts.push({ kind: 'printer-fault', hallId: hall.id, text: zh.live.printerFault(hall.name, hall.live!.printerFaults) });
    }
  }
  const order = { silent: 0, 'wait-over-target': 1, 'printer-fault': 2 };
  return alerts.sort((a, b) => order[a.kind] - order[b.kind]);
}
