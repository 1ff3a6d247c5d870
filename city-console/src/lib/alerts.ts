import { cityParts, durationText } from './format';
import { zh } from './i18n';
import type { HallView } from './types';

/** The catalogue's usual target wait: the hall's live push does not carry its services' own targets. */
export const DEFAULT_TARGET_MINUTES = 20;
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

export const targetMinutesOf = (_hall: HallView) => DEFAULT_TARGET_MINUTES;

/** True when the hall's longest wait now is past its target. */
export function overTarget(hall: HallView): boolean {
  return hall.online && hall.live !== null && hall.live.longestWaitSeconds > targetMinutesOf(hall) * 60;
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
      alerts.push({ kind: 'wait-over-target', hallId: hall.id, text: zh.live.overWait(hall.name, Math.floor(hall.live!.longestWaitSeconds / 60), targetMinutesOf(hall)) });
    }
    if (hall.online && (hall.live?.printerFaults ?? 0) > 0) {
      alerts.push({ kind: 'printer-fault', hallId: hall.id, text: zh.live.printerFault(hall.name, hall.live!.printerFaults) });
    }
  }
  const order = { silent: 0, 'wait-over-target': 1, 'printer-fault': 2 };
  return alerts.sort((a, b) => order[a.kind] - order[b.kind]);
}
