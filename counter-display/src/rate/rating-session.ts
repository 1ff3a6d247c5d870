import type { RatingRequestedEvent } from '@hall/shared';

/** A visitor is asked for a minute at most: rating is voluntary (一次一评, never forced). */
export const ASK_MS = 60_000;
/** How long 感谢您的评价 stays before the pad shows its counter again. */
export const THANKS_MS = 6_000;

export type RatingRequest = Pick<RatingRequestedEvent, 'ticketId' | 'number' | 'serviceCode' | 'staffName'>;

/** The pad's screen. What the visitor chooses lives in the shared rating form (@hall/ui); the pad keeps time. */
export type PadState =
  | { kind: 'idle' }
  | {
      kind: 'asking';
      request: RatingRequest;
      /** Back to idle at this time unless the visitor touches the pad again. */
      deadline: number;
      sending: boolean;
    }
  /** After a rating, or when the server says the ticket cannot be rated (already rated): `code` says which. */
  | { kind: 'thanks'; until: number; code: string | null };

export type PadAction =
  | { type: 'requested'; request: RatingRequest }
  | { type: 'touch' }
  | { type: 'sending' }
  | { type: 'sent' }
  | { type: 'failed'; code: string }
  | { type: 'skip' }
  | { type: 'tick' };

// Refusals that end the request: asking again could never succeed.
const FINAL_CODES = new Set(['already-rated', 'not-rateable', 'not-found', 'ticket-not-today']);

/** Whether a refused rating ends the question (else the form shows why and the visitor may try again). */
export const isFinalRefusal = (code: string) => FINAL_CODES.has(code);

/** One step of the pad: what it shows after `action` at `now`. Pure; the clock is passed in. */
export function padStep(state: PadState, action: PadAction, now: number): PadState {
  switch (action.type) {
    case 'requested':
      // A newer finish replaces a pending question: the pad faces whoever stands at the counter now.
      return { kind: 'asking', request: action.request, deadline: now + ASK_MS, sending: false };
    case 'tick':
      if (state.kind === 'asking' && !state.sending && now >= state.deadline) return { kind: 'idle' };
      if (state.kind === 'thanks' && now >= state.until) return { kind: 'idle' };
      return state;
    case 'skip':
      return { kind: 'idle' };
    case 'sent':
      return { kind: 'thanks', until: now + THANKS_MS, code: null };
    default:
      break;
  }
  if (state.kind !== 'asking') return state;
  switch (action.type) {
    case 'touch':
      return { ...state, deadline: now + ASK_MS };
    case 'sending':
      return { ...state, sending: true };
    case 'failed':
      if (isFinalRefusal(action.code)) return { kind: 'thanks', until: now + THANKS_MS, code: action.code };
      return { ...state, sending: false, deadline: now + ASK_MS };
  }
}

/** Seconds until an asking pad gives up, for the small countdown. */
export function secondsLeft(state: PadState, now: number): number {
  if (state.kind !== 'asking') return 0;
  return Math.max(0, Math.ceil((state.deadline - now) / 1000));
}
