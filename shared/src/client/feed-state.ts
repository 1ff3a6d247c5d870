import type {
  CounterUpdatedEvent, QueueSnapshotEvent, RecentCall, ServicesUpdatedEvent, TicketCalledEvent,
} from '../index';

export type HallFeedState = QueueSnapshotEvent;

/** What a client does with a feed event: apply it, or ask for a fresh snapshot after a gap. */
export type FeedStep = { kind: 'applied'; state: HallFeedState } | { kind: 'resync' } | { kind: 'stale' };

const MAX_RECENT = 8;

/**
 * Applies one seq-stamped feed event to a client's copy of the hall. A seq that skips ahead means
 * events were missed: the client must ask for `queue:snapshot` and replace its copy whole.
 * A seq at or below the copy's is stale (already in the snapshot) and ignored.
 */
export function applyFeedEvent(state: HallFeedState | null, name: string, event: { seq: number; [field: string]: unknown }): FeedStep {
  if (!state) return { kind: 'resync' };
  if (event.seq <= state.seq) return { kind: 'stale' };
  if (event.seq !== state.seq + 1) return { kind: 'resync' };
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
