import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRollupRows, packDay, packMonth, summarizeDays } from './rollup';
import { summarize, type RatingFact, type TicketFact } from './summary';

const STATES = ['waiting', 'called', 'serving', 'done', 'no_show', 'parked', 'cancelled'] as const;
const CODES = ['A', 'B', 'BC'] as const;
// Days of two months, with a month end and a month start next to each other.
const DAYS = ['2026-03-02', '2026-03-17', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-30'] as const;

const ticketArb = fc.record({
  serviceCode: fc.constantFrom(...CODES),
  counterId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  staffId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  state: fc.constantFrom(...STATES),
  hallDay: fc.constantFrom(...DAYS),
  issuedHour: fc.integer({ min: 8, max: 17 }),
  // Waits cluster like real ones but include ties, target-sized ones and a few very long ones.
  waitSeconds: fc.option(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(60, 600, 1200, 1800), fc.integer({ min: 0, max: 7200 }), fc.integer({ min: 0, max: 200_000 })), { nil: null }),
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
const targetsArb: fc.Arbitrary<Record<string, number>> = fc.record({ A: fc.constantFrom(60, 600, 1200), B: fc.constantFrom(0, 1800, 3600), BC: fc.constantFrom(60, 900) });

function dayPacks(tickets: readonly TicketFact[], ratings: readonly RatingFact[], days: readonly string[]) {
  return days.map((hallDay) => ({
    hallDay, packed: packDay(buildRollupRows(tickets.filter((t) => t.hallDay === hallDay), ratings.filter((r) => r.hallDay === hallDay))),
  }));
}

describe('month packs are exact', () => {
  it('summarizeDays over month packs (and loose days) equals summarize(every ticket), also under a target changed after packing', () => {
    fc.assert(
      fc.property(
        fc.array(ticketArb, { maxLength: 300 }), fc.array(fc.tuple(fc.nat(), ratingArb), { maxLength: 120 }), targetsArb, targetsArb,
        fc.constantFrom('both months', 'March only', 'April only'),
        (raw, rawRatings, packedTargets, laterTargets, packed) => {
          // The facts as they were when the months were packed …
          const tickets: TicketFact[] = raw.map((t) => ({ ...t, targetWaitSeconds: packedTargets[t.serviceCode]! }));
          const ratings: RatingFact[] = tickets.length === 0 ? [] : rawRatings.map(([index, r]) => {
            const t = tickets[index % tickets.length]!;
            return { ...r, serviceCode: t.serviceCode, counterId: t.counterId, staffId: t.staffId, hallDay: t.hallDay, issuedHour: t.issuedHour };
          });
          // … packed per day (days without tickets included, as the hall stores them), then per month.
          const march = dayPacks(tickets, ratings, ['2026-03-01', ...DAYS.filter((d) => d < '2026-04')]);
          const april = dayPacks(tickets, ratings, DAYS.filter((d) => d >= '2026-04'));
          const marchPacks = packed !== 'April only' ? [{ hallDay: '2026-03', packed: packMonth(march) }] : march;
          const packs = [...marchPacks, ...(packed !== 'March only' ? [{ hallDay: '2026-04', packed: packMonth(april) }] : april)];
          const target = (targets: Record<string, number>) => (code: string) => targets[code]!;
          expect(summarizeDays(packs, target(packedTargets))).toEqual(summarize(tickets, ratings));
          // A service's target changed after the months were packed: the service level follows at once.
          const later = tickets.map((t) => ({ ...t, targetWaitSeconds: laterTargets[t.serviceCode]! }));
          expect(summarizeDays(packs, target(laterTargets))).toEqual(summarize(later, ratings));
          // The order of packs does not matter.
          expect(summarizeDays([...packs].reverse(), target(laterTargets))).toEqual(summarize(later, ratings));
          // The same pack objects again without April (a month pack keeps memos between reports; the p90 minutes differ now).
          const inMarch = <T extends { hallDay: string }>(items: T[]) => items.filter((item) => item.hallDay < '2026-04');
          expect(summarizeDays(marchPacks, target(laterTargets))).toEqual(summarize(inMarch(later), inMarch(ratings)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a hand-made month: figures, p90 and service level per day and per service written out', () => {
    const t = (hallDay: string, serviceCode: string, waitSeconds: number | null, state = 'done'): TicketFact => ({
      serviceCode, counterId: 1, staffId: 7, state, hallDay, issuedHour: 9, waitSeconds, serviceSeconds: state === 'done' ? 300 : null,
      targetWaitSeconds: 600, estimatedWaitSeconds: null,
    });
    const tickets = [
      t('2026-05-06', 'A', 100), t('2026-05-06', 'A', 700), t('2026-05-06', 'B', 50), t('2026-05-06', 'B', null, 'waiting'),
      t('2026-05-07', 'A', 600), t('2026-05-07', 'A', 601, 'no_show'), t('2026-05-07', 'B', 1500),
    ];
    const month = packMonth(dayPacks(tickets, [], ['2026-05-06', '2026-05-07', '2026-05-08']));
    const summary = summarizeDays([{ hallDay: '2026-05', packed: month }], (code) => (code === 'A' ? 600 : 1200));
    // Called waits sorted: 50 100 600 601 700 1500 → p90 at rank ⌈5.4⌉ = 6: 1500. Within: A ≤ 600: 100, 600; B ≤ 1200: 50 → 3 of 6.
    expect(summary).toMatchObject({ issued: 7, served: 5, noShow: 1, p90WaitSeconds: 1500, serviceLevel: 0.5, avgWaitSeconds: 592 });
    expect(summary.byDay.map((d) => [d.key, d.issued, d.p90WaitSeconds, d.serviceLevel])).toEqual([
      ['2026-05-06', 4, 700, 0.6667], // 50 100 700: 50 (B), 100 (A) within
      ['2026-05-07', 3, 1500, 0.3333], // 600 601 1500: 600 (A) within
    ]);
    expect(summary.byService.map((s) => [s.key, s.issued, s.p90WaitSeconds, s.serviceLevel])).toEqual([
      ['A', 4, 700, 0.5], // 100 600 601 700
      ['B', 3, 1500, 0.5], // 50 1500
    ]);
  });

  it('finds the p90 second inside a minute that straddles zero or holds negative waits (a clock stepped back)', () => {
    const t = (waitSeconds: number, serviceCode = 'A'): TicketFact => ({
      serviceCode, counterId: 2, staffId: 3, state: 'done', hallDay: '2026-06-01', issuedHour: 10, waitSeconds, serviceSeconds: 100,
      targetWaitSeconds: 60, estimatedWaitSeconds: null,
    });
    // A: -70 -61 -60 -1 0 59 60 → rank ⌈6.3⌉ = 7: 60. B: -5 -3 … ten waits -5 ×9, -3 → rank 9: -5.
    const tickets = [...[-70, -61, -60, -1, 0, 59, 60].map((w) => t(w)), ...[-5, -5, -5, -5, -5, -5, -5, -5, -5, -3].map((w) => t(w, 'B'))];
    const month = packMonth(dayPacks(tickets, [], ['2026-06-01']));
    const summary = summarizeDays([{ hallDay: '2026-06', packed: month }], () => 60);
    expect(summary.byService.map((s) => [s.key, s.p90WaitSeconds])).toEqual([['A', 60], ['B', -5]]);
    // All 17 sorted: -70 -61 -60 -5×9 -3 -1 0 59 60 → rank ⌈15.3⌉ = 16: 59.
    expect(summary.p90WaitSeconds).toBe(59);
    expect(summary.byCounter[0]!.p90WaitSeconds).toBe(59);
  });
});
