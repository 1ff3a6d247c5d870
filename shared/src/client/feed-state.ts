import type {
  CounterUpdatedEvent, QueueSnapshotEvent, RecentCall, ServicesUpdatedEvent, TicketCalledEvent,
} from '../index';

export type HallFeedState = QueueSnapshotEvent;

/** What a client does with a feed event: apply it, or ask for a fresh snapshot after a gap. */
export type FeedStep = { kind: 'applied'; state: HallFeedState } | { kind: 'resync' } | { kind: 'stale' };

const MAX_RECENT = 8;

/**
 * Where an event's seq stands against the last one a socket took. The server counts seq per
 * audience (a kiosk, a board, a counter's pad… each its own stream from 1, the snapshot carrying
 * the current value), so on one socket every event is exactly one more than the last: more means
 * missed events (`gap`), less or equal means already in the snapshot (`stale`).
 */
export function seqStep(lastSeq: number | null, eventSeq: number): 'next' | 'gap' | 'stale' {
  if (lastSeq === null) return 'gap';
  if (eventSeq <= lastSeq) return 'stale';
  return eventSeq === lastSeq + 1 ? 'next' : 'gap';
}

/**
 * Applies one seq-stamped feed event to a client's copy of the hall. A seq that skips ahead means
 * events were missed: the client must ask for `queue:snapshot` and replace its copy whole.
 * A seq at or below the copy's is stale (already in the snapshot) and ignored.
 */
export function applyFeedEvent(state: HallFeedState | null, name: string, event: { seq: number; [field: string]: unknown }): FeedStep {
  const step = seqStep(state?.seq ?? null, event.seq);
  if (!state || step === 'gap') return { kind: 'resync' };
  if (step === 'stale') return { kind: 'stale' };
  const next: HallFeedState = { ...state, seq: event.seq };
  switch (name) {
    case 'ticket:called': {
      const call = event as unknown as TicketCalledEvent;
      const entry: RecentCall = {
        ticketId: call.ticketId, number: call.number, serviceCode: call.serviceCode, counterId: call.counterId,
        counterName: call.counterName, calledAt: call.calledAt,
      };
      next.recentCalls = [entry, ...state.recentCalls.filter((c) => c.ticketId !== call.ticketId)].slice(0, MAX_RECENT);
      break;
    }
    case 'counter:updated': {
      const { counter } = event as unknown as CounterUpdatedEvent;
      const known = state.counters.some((c) => c.id === counter.id);
      next.counters = known ? state.counters.map((c) => (c.id === counter.id ? counter : c)) : [...state.counters, counter];
      break;
    }
    case 'services:updated':
      next.services = (event as unknown as ServicesUpdatedEvent).services;
      break;
    case 'notice:updated':
      next.notice = (event as unknown as { notice: string }).notice;
      break;
    default:
      break;
  }
  return { kind: 'applied', state: next };
}
