import type { Priority } from './enums';

/** A waiting ticket as the call order sees it: a walk-in, or a booked visitor who checked in. */
export interface OrderEntry {
  id: number;
  priority: Priority;
  /** When the ticket was issued (for a booked visitor: when they checked in). */
  arrivedAt: number;
  /** The booked slot's start (epoch ms); null for a walk-in. */
  slotStart: number | null;
}

/**
 * Where a ticket takes its place in the queue (the Munich rule): a walk-in at its arrival, a booked
 * visitor at the start of their slot, whenever they checked in. Walk-ins who came before the slot
 * start stay ahead of the booked visitor; those who came later fall behind. The hall stores this as
 * the ticket's `queued_at`, so the SQL that picks the queue head follows the same rule.
 */
export function queuePlaceOf(entry: Pick<OrderEntry, 'arrivedAt' | 'slotStart'>): number {
  return entry.slotStart ?? entry.arrivedAt;
}

/**
 * The call order of one service's waiting tickets: the priority lane (绿色通道) first, then the
 * queue place (queuePlaceOf), then issue order (id) on a tie.
 */
export function bookedCallOrder<T extends OrderEntry>(waiting: readonly T[]): T[] {
  const key = (entry: T) => [entry.priority === 'priority' ? 0 : 1, queuePlaceOf(entry), entry.id] as const;
  return [...waiting].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  });
}
