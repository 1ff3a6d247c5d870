import { describe, expect, it } from 'vitest';
import { buildRollupRows, packDay, summarizeDays, unpackDay } from './rollup';
import type { RatingFact, TicketFact } from './summary';

const ticket = (over: Partial<TicketFact>): TicketFact => ({
  serviceCode: 'A', counterId: 1, staffId: 7, state: 'done', hallDay: '2026-11-02', issuedHour: 9, waitSeconds: 60,
  serviceSeconds: 300, targetWaitSeconds: 600, estimatedWaitSeconds: 120, ...over,
});
const rating: RatingFact = {
  serviceCode: 'A', counterId: 1, staffId: 7, hallDay: '2026-11-02', issuedHour: 9, score: 4, attitude: 5, efficiency: null, policy: 3, competence: 4,
};

describe('unpackDay', () => {
  it('gives back the rows packDay packed, so a repacked day is byte for byte the same', () => {
    const tickets = [ticket({}), ticket({ waitSeconds: 30 }), ticket({ serviceCode: 'BC', counterId: null, staffId: null, state: 'no_show', waitSeconds: 900, serviceSeconds: null }), ticket({ waitSeconds: null, state: 'waiting', serviceSeconds: null })];
    const packed = packDay(buildRollupRows(tickets, [rating]));
    const rows = unpackDay('2026-11-02', packed);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.serviceCode === 'BC')).toMatchObject({ counterId: 0, staffId: 0, noShow: 1, called: 1, waitSum: 900 });
    expect(rows.find((r) => r.serviceCode === 'A' && r.called === 2)).toMatchObject({ issued: 3, served: 2, ratingCount: 1, scoreSum: 4, dimensionSums: [5, 0, 3, 4], dimensionCounts: [1, 0, 1, 1] });
    expect(Array.from(packDay(rows))).toEqual(Array.from(packed));
  });

  it('merging two halls\' days row by row gives the figures of all their tickets at once', () => {
    const hallA = [ticket({ waitSeconds: 10 }), ticket({ waitSeconds: 20 })];
    const hallB = [ticket({ counterId: 2, waitSeconds: 1000 })];
    const merged = packDay([...unpackDay('2026-11-02', packDay(buildRollupRows(hallA, []))), ...unpackDay('2026-11-02', packDay(buildRollupRows(hallB, [])))]);
    const summary = summarizeDays([{ hallDay: '2026-11-02', packed: merged }], () => 600);
    expect(summary.issued).toBe(3);
    expect(summary.p90WaitSeconds).toBe(1000);
    expect(summary.byDay[0]!.p90WaitSeconds).toBe(1000);
    expect(summary.serviceLevel).toBe(0.6667);
  });
});
