import { RATING_DIMENSIONS, type RatingBody, type RatingDimension, type RatingRequestedEvent } from '@hall/shared';

/** A visitor is asked for a minute at most: rating is voluntary (一次一评, never forced). */
export const ASK_MS = 60_000;
/** How long 感谢您的评价 stays before the pad shows its counter again. */
export const THANKS_MS = 6_000;

export type RatingRequest = Pick<RatingRequestedEvent, 'ticketId' | 'number' | 'serviceCode' | 'staffName'>;

export type PadState =
  | { kind: 'idle' }
  | {
      kind: 'asking';
      request: RatingRequest;
      score: number | null;
      dimensions: Partial<Record<RatingDimension, number>>;
      comment: string;
      /** Back to idle at this time unless the visitor touches the pad again. */
      deadline: number;
      sending: boolean;
      /** An error code to show (offline…); the visitor may try again. */
      error: string | null;
    }
  /** After a rating, or when the server says the ticket cannot be rated (already rated): `code` says which. */
  | { kind: 'thanks'; until: number; code: string | null };

export type PadAction =
  | { type: 'requested'; request: RatingRequest }
  | { type: 'score'; score: number }
  | { type: 'dimension'; dimension: RatingDimension; value: number }
  | { type: 'comment'; text: string }
  | { type: 'sending' }
  | { type: 'sent' }
  | { type: 'failed'; code: string }
  | { type: 'skip' }
  | { type: 'tick' };

// Refusals that end the request: asking again could never succeed.
const FINAL_CODES = new Set(['already-rated', 'not-rateable', 'not-found', 'ticket-not-today']);

/** One step of the pad: what it shows after `action` at `now`. Pure; the clock is passed in. */
export function padStep(state: PadState, action: PadAction, now: number): PadState {
  switch (action.type) {
    case 'requested':
      // A newer finish replaces a pending question: the pad faces whoever stands at the counter now.
      return {
        kind: 'asking', request: action.request, score: null, dimensions: {}, comment: '',
        deadline: now + ASK_MS, sending: false, error: null,
      };
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
  const touched = { ...state, deadline: now + ASK_MS };
  switch (action.type) {
    case 'score':
      return { ...touched, score: action.score, error: null };
    case 'dimension':
      return { ...touched, dimensions: { ...state.dimensions, [action.dimension]: action.value } };
    case 'comment':
      return { ...touched, comment: action.text };
    case 'sending':
      return { ...state, sending: true, error: null };
    case 'failed':
      if (FINAL_CODES.has(action.code)) return { kind: 'thanks', until: now + THANKS_MS, code: action.code };
      return { ...touched, sending: false, error: action.code };
  }
}

/** The POST /api/tickets/:id/rating body: only what the visitor chose. */
export function ratingBody(state: Extract<PadState, { kind: 'asking' }>): RatingBody | null {
  if (state.score === null) return null;
  const body: RatingBody = { score: state.score };
  for (const dimension of RATING_DIMENSIONS) {
    const value = state.dimensions[dimension];
    if (value !== undefined) body[dimension] = value;
  }
  const comment = state.comment.trim();
  if (comment !== '') body.comment = comment;
  return body;
}

/** Seconds until an asking pad gives up, for the small countdown. */
export function secondsLeft(state: PadState, now: number): number {
  if (state.kind !== 'asking') return 0;
  return Math.max(0, Math.ceil((state.deadline - now) / 1000));
}
