import type { CounterState, TicketState } from '@hall/shared';

/** The counter terminal's eight actions, in F-key order. */
export const ACTIONS = ['callNext', 'recall', 'start', 'finish', 'noShow', 'transfer', 'pauseResume', 'park'] as const;
export type ActionId = (typeof ACTIONS)[number];

/** F1 … F8, as hall callers (叫号器) lay them out. */
export const ACTION_KEYS: Readonly<Record<ActionId, string>> = {
  callNext: 'F1', recall: 'F2', start: 'F3', finish: 'F4', noShow: 'F5', transfer: 'F6', pauseResume: 'F7', park: 'F8',
};

/** The action bound to a keyboard key, if any. */
export function actionForKey(key: string): ActionId | null {
  const match = ACTIONS.find((action) => ACTION_KEYS[action] === key);
  return match ?? null;
}

/** What the terminal knows when it decides which buttons are live. */
export interface ActionContext {
  counterState: CounterState;
  current: { state: TicketState; recallCount: number } | null;
  recallLimit: number;
}

/**
 * Why an action cannot run now, as an error code of the i18n table, or null when it can. The
 * terminal disables (never hides) a button with a reason, and its F-key says the reason instead.
 * Mirrors the server's rules so staff are not sent to a 409; the server still decides.
 */
export function blockedReason(action: ActionId, context: ActionContext): string | null {
  const { counterState, current } = context;
  const ticketIn = (...states: TicketState[]) => current !== null && states.includes(current.state);
  switch (action) {
    case 'callNext':
      if (current !== null) return 'counter-busy';
      if (counterState === 'paused') return 'counter-paused';
      if (counterState === 'closed') return 'counter-closed';
      return null;
    case 'recall':
    case 'start':
      return ticketIn('called') ? null : 'illegal-transition';
    case 'noShow':
      if (!ticketIn('called')) return 'illegal-transition';
      return current!.recallCount >= context.recallLimit ? null : 'recall-limit-not-reached';
    case 'finish':
    case 'transfer':
    case 'park':
      return ticketIn('called', 'serving') ? null : 'illegal-transition';
    case 'pauseResume':
      return counterState === 'closed' ? 'counter-closed' : null;
  }
}

/** Whether a waiting ticket may be called out of order from the list (same rule as call-next). */
export function canCallChosen(context: ActionContext): boolean {
  return blockedReason('callNext', context) === null;
}

/** Elapsed time "4:07" or "1:02:03" since `since` (ISO), for the current ticket's ticking clock. */
export function formatElapsed(sinceIso: string | null, now: number): string {
  if (sinceIso === null) return '0:00';
  const total = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** How many more recalls the hall's rule asks for before 过号 (0 once allowed). */
export function recallsNeeded(context: ActionContext): number {
  if (context.current === null || context.current.state !== 'called') return 0;
  return Math.max(0, context.recallLimit - context.current.recallCount);
}

/**
 * A span in minutes with its unit, for lists a clerk reads at a glance: "不足 1 分钟", "6 分钟",
 * "1 小时 5 分钟" (never a bare "0:06" that reads as a clock).
 */
export function minutesWithUnit(seconds: number | null, units: { minutes: string; hours: string; underMinute: string }): string {
  if (seconds === null) return '—';
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  if (minutes < 1) return units.underMinute;
  if (minutes < 60) return `${minutes} ${units.minutes}`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} ${units.hours}` : `${Math.floor(minutes / 60)} ${units.hours} ${rest} ${units.minutes}`;
}

/** The current ticket's two clocks: from the call until the visitor arrived (frozen at start), and handling since start. */
export function ticketClocks(calledAt: string | null, startedAt: string | null, now: number): { sinceCall: string; handling: string | null } {
  const callEnd = startedAt === null ? now : Date.parse(startedAt);
  return {
    sinceCall: calledAt === null ? formatElapsed(null, now) : formatElapsed(calledAt, callEnd),
    handling: startedAt === null ? null : formatElapsed(startedAt, now),
  };
}
