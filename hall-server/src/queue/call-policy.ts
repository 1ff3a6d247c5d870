import type { Priority } from '@hall/shared';

export interface WaitingCandidate {
  id: number;
  serviceCode: string;
  priority: Priority;
  queuedAt: number;
}

/**
 * Picks the next ticket for a counter: the priority lane (绿色通道) first, then the counter's
 * service preference, then the earliest place in the queue; ties broken by id (issue order).
 */
export function pickNext<T extends WaitingCandidate>(waiting: readonly T[], servicePreference: readonly string[]): T | null {
  let best: T | null = null;
  let bestKey: number[] = [];
  for (const ticket of waiting) {
    const preference = servicePreference.indexOf(ticket.serviceCode);
    if (preference < 0) continue;
    const key = [ticket.priority === 'priority' ? 0 : 1, preference, ticket.queuedAt, ticket.id];
    if (!best || compareKeys(key, bestKey) < 0) {
      best = ticket;
      bestKey = key;
    }
  }
  return best;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Orders a waiting list the way a counter would call it. */
export function orderForCounter<T extends WaitingCandidate>(waiting: readonly T[], servicePreference: readonly string[]): T[] {
  const rank = (ticket: T) => [ticket.priority === 'priority' ? 0 : 1, servicePreference.indexOf(ticket.serviceCode), ticket.queuedAt, ticket.id];
  return waiting
    .filter((ticket) => servicePreference.includes(ticket.serviceCode))
    .sort((a, b) => compareKeys(rank(a), rank(b)));
}

/** People ahead of a ticket in its own service queue (priority lane first, then queue order). */
export function peopleAhead(ticket: WaitingCandidate, sameServiceWaiting: readonly WaitingCandidate[]): number {
  const rank = (t: WaitingCandidate) => [t.priority === 'priority' ? 0 : 1, t.queuedAt, t.id];
  const own = rank(ticket);
  return sameServiceWaiting.filter((other) => other.id !== ticket.id && compareKeys(rank(other), own) < 0).length;
}
