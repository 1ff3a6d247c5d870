import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRollupRows, summarizeRollups } from './rollup';
import { summarize, type RatingFact, type TicketFact } from './summary';

const TARGETS: Record<string, number> = { A: 1200, B: 1800, C: 600 };
const STATES = ['waiting', 'called', 'serving', 'done', 'no_show', 'parked', 'cancelled'] as const;

const ticketArb = fc.record({
  serviceCode: fc.constantFrom('A', 'B', 'C'),
  counterId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  staffId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  state: fc.constantFrom(...STATES),
  hallDay: fc.constantFrom('2026-03-02', '2026-03-03', '2026-03-04'),
  issuedHour: fc.integer({ min: 8, max: 17 }),
  // Waits cluster like real ones but include ties and a few very long ones.
  waitSeconds: fc.option(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 7200 }), fc.integer({ min: 0, max: 200_000 })), { nil: null }),
  serviceSeconds: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
  estimatedWaitSeconds: fc.option(fc.integer({ min: 0, max: 5400 }), { nil: null }),
});
const ratingArb = fc.record({
  score: fc.integer({ min: 1, max: 5 }),
  attitude: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  efficiency: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  policy: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  competence: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
});

describe('rollups are exact', () => {
  it('summarizeRollups(buildRollupRows(x)) equals summarize(x) on random tickets and ratings, p90 included', () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 300 }), fc.array(fc.tuple(fc.nat(), ratingArb), { maxLength: 120 }), (raw, rawRatings) => {
        const tickets: TicketFact[] = raw.map((t) => ({ ...t, targetWaitSeconds: TARGETS[t.serviceCode]! }));
        const ratings: RatingFact[] = tickets.length === 0 ? [] : rawRatings.map(([index, r]) => {
          const t = tickets[index % tickets.length]!;
          return { ...r, serviceCode: t.serviceCode, counterId: t.counterId, staffId: t.staffId, hallDay: t.hallDay, issuedHour: t.issuedHour };
        });
        // Rows built per day, as stored, then merged: the order of rows must not matter.
        const days = [...new Set(tickets.map((t) => t.hallDay))];
        const rows = days.flatMap((day) => buildRollupRows(tickets.filter((t) => t.hallDay === day), ratings.filter((r) => r.hallDay === day))).reverse();
        expect(summarizeRollups(rows, (code) => TARGETS[code]!)).toEqual(summarize(tickets, ratings));
      }),
      { numRuns: 300 },
    );
  });

  it('the p90 of thousands of waits over many rows matches sorting them all', () => {
    const tickets: TicketFact[] = Array.from({ length: 20_000 }, (_, i) => ({
      serviceCode: 'ABC'[i % 3]!, counterId: (i % 7) + 1, staffId: (i % 5) + 1, state: 'done', hallDay: `2026-04-${String((i % 28) + 1).padStart(2, '0')}`,
      issuedHour: 8 + (i % 9), waitSeconds: (i * 7919) % 5003, serviceSeconds: 300, targetWaitSeconds: 1200, estimatedWaitSeconds: 900,
    }));
    const rolled = summarizeRollups(buildRollupRows(tickets, []), () => 1200);
    const direct = summarize(tickets, []);
    expect(rolled.p90WaitSeconds).toBe(direct.p90WaitSeconds);
    expect(rolled.byDay.map((d) => d.p90WaitSeconds)).toEqual(direct.byDay.map((d) => d.p90WaitSeconds));
    expect(rolled.byHour).toEqual(direct.byHour);
  });
});
