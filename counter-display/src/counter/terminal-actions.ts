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
