import { bookedCallOrder, type OrderEntry } from '@hall/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initHall } from '../cli/seed';
import { openDatabase } from '../db/database';
import { createHallContext } from '../server';
import { createHallServices } from '../services/hall-services';
import { createHallBookingService } from './booking-service';

const MIN = 60_000;
// 2026-12-02 08:00 Beijing; slots every 30 minutes from 09:00.
const T0 = Date.parse('2026-12-02T00:00:00Z');
const SLOT0 = T0 + 60 * MIN;

type Arrival = { kind: 'walk-in'; minute: number; priority: boolean } | { kind: 'booked'; slot: number; offset: number };

const arrival: fc.Arbitrary<Arrival> = fc.oneof(
  fc.record({ kind: fc.constant('walk-in' as const), minute: fc.integer({ min: 0, max: 240 }), priority: fc.boolean() }),
  // Checked in between 60 minutes before and 20 minutes after the slot start (the check-in window).
  fc.record({ kind: fc.constant('booked' as const), slot: fc.integer({ min: 0, max: 5 }), offset: fc.integer({ min: -60, max: 20 }) }),
);

/**
 * Call-next picks in SQL by the stored queue place; the pure rule (shared bookedCallOrder) must
 * agree over any mix of walk-ins, priority-lane visitors and booked visitors checking in early or late.
 */
describe('call-next with bookings (SQL) against bookedCallOrder (pure)', () => {
  it('calls every mix of arrivals in the booked order', () => {
    fc.assert(
      fc.property(fc.array(arrival, { minLength: 1, maxLength: 25 }), (arrivals) => {
        let now = T0;
        const db = openDatabase(':memory:');
        const services = createHallServices(createHallContext(db, { clock: () => now }));
        initHall(services, { hallName: '测试大厅', level: 'city', enforceOpeningHours: false });
        const bookings = createHallBookingService(services);
        const actor = { userId: null, deviceId: null };
        const timed = arrivals.map((a, index) => ({ a, index, at: a.kind === 'walk-in' ? T0 + a.minute * MIN : SLOT0 + a.slot * 30 * MIN + a.offset * MIN }))
          .sort((x, y) => x.at - y.at || x.index - y.index);
        const entries: OrderEntry[] = [];
        for (const { a, index, at } of timed) {
          now = at;
          if (a.kind === 'walk-in') {
            const { ticket } = services.queue.issue({ serviceCode: 'A', requestId: `walk-in-${index}`, priority: a.priority ? 'priority' : 'normal' }, actor);
            entries.push({ id: ticket.id, priority: ticket.priority, arrivedAt: at, slotStart: null });
          } else {
            const slotStart = SLOT0 + a.slot * 30 * MIN;
            const code = String(100000 + index);
            bookings.applyPulled([{
              id: index + 1, code, serviceCode: 'A', slotStart: new Date(slotStart).toISOString(), slotEnd: new Date(slotStart + 30 * MIN).toISOString(),
              hallDay: '2026-12-02', state: 'booked', maskedName: '张*', phoneLast4: '0000', phoneHash: '0123456789abcdef',
            }]);
            const { ticket } = bookings.checkIn(code, actor);
            entries.push({ id: ticket.id, priority: 'normal', arrivedAt: at, slotStart });
          }
        }
        now += MIN;
        const called: number[] = [];
        for (let next = services.queue.callNext(1, actor); next; next = services.queue.callNext(1, actor)) {
          called.push(next.id);
          services.queue.act(next.id, { kind: 'finish' }, actor);
        }
        db.close();
        expect(called).toEqual(bookedCallOrder(entries).map((e) => e.id));
      }),
      { numRuns: 60 },
    );
  });
});
