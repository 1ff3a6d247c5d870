import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookedCallOrder, queuePlaceOf, type OrderEntry } from './booked-order';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 2, 1, 0); // 09:00 in Asia/Shanghai
const walkIn = (id: number, minute: number, priority: 'normal' | 'priority' = 'normal'): OrderEntry => ({ id, priority, arrivedAt: T0 + minute * MIN, slotStart: null });
const booked = (id: number, checkInMinute: number, slotMinute: number, priority: 'normal' | 'priority' = 'normal'): OrderEntry => ({
  id, priority, arrivedAt: T0 + checkInMinute * MIN, slotStart: T0 + slotMinute * MIN,
});

describe('queuePlaceOf', () => {
  it.each([
    ['a walk-in takes its place at arrival', walkIn(1, 5), T0 + 5 * MIN],
    ['a booked visitor checking in early takes the slot start', booked(2, -40, 30), T0 + 30 * MIN],
    ['a booked visitor checking in late still takes the slot start', booked(3, 45, 30), T0 + 30 * MIN],
  ])('%s', (_label, entry, expected) => {
    expect(queuePlaceOf(entry)).toBe(expected);
  });
});

describe('bookedCallOrder (Munich rule)', () => {
  it.each([
    ['walk-ins only: arrival order', [walkIn(2, 10), walkIn(1, 0), walkIn(3, 20)], [1, 2, 3]],
    // Booked for 09:30, checked in 09:00: the walk-ins of 09:10 and 09:20 stay ahead, 09:40 falls behind.
    ['booked early: walk-ins who came before the slot stay ahead', [booked(1, 0, 30), walkIn(2, 10), walkIn(3, 20), walkIn(4, 40)], [2, 3, 1, 4]],
    // Booked for 09:30, came 09:45: ahead of the walk-in of 09:35, behind the one of 09:25.
    ['booked late: placed at the slot start, ahead of later walk-ins', [walkIn(1, 25), walkIn(2, 35), booked(3, 45, 30)], [1, 3, 2]],
    ['priority lane still first, even before a booked slot', [booked(1, 0, 0), walkIn(2, 50, 'priority')], [2, 1]],
    ['two bookings in slot order, not check-in order', [booked(1, 0, 60), booked(2, 30, 30)], [2, 1]],
    ['same place: issue order', [walkIn(5, 30), booked(4, 0, 30)], [4, 5]],
    ['a booked priority visitor sits in the priority lane at the slot start', [walkIn(1, 0, 'priority'), booked(2, -10, 10, 'priority'), walkIn(3, 20, 'priority')], [1, 2, 3]],
  ] as const)('%s', (_label, entries, expected) => {
    expect(bookedCallOrder(entries).map((e) => e.id)).toEqual(expected);
  });

  it('keeps its rules over any mix of walk-ins and bookings', () => {
    const entry = fc.record({
      priority: fc.constantFrom('normal' as const, 'priority' as const),
      arrivedAt: fc.integer({ min: 0, max: 600 }),
      slot: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (raw) => {
        const entries: OrderEntry[] = raw.map((r, index) => ({
          id: index + 1, priority: r.priority, arrivedAt: T0 + r.arrivedAt * MIN, slotStart: r.slot === null ? null : T0 + r.slot * 30 * MIN,
        }));
        const order = bookedCallOrder(entries);
        expect(order).toHaveLength(entries.length);
        const position = new Map(order.map((e, index) => [e.id, index]));
        for (const a of entries) {
          for (const b of entries) {
            if (a.id === b.id) continue;
            const before = position.get(a.id)! < position.get(b.id)!;
            // The priority lane goes first, whatever anyone booked.
            if (a.priority === 'priority' && b.priority === 'normal') expect(before).toBe(true);
            if (a.priority !== b.priority) continue;
            // A walk-in who came before a booked slot starts stays ahead of that booking; one who came after falls behind.
            if (a.slotStart === null && b.slotStart !== null && a.arrivedAt < b.slotStart) expect(before).toBe(true);
            if (a.slotStart === null && b.slotStart !== null && a.arrivedAt > b.slotStart) expect(before).toBe(false);
            // Walk-ins keep their arrival order; bookings keep their slot order.
            if (a.slotStart === null && b.slotStart === null && a.arrivedAt < b.arrivedAt) expect(before).toBe(true);
            if (a.slotStart !== null && b.slotStart !== null && a.slotStart < b.slotStart) expect(before).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
