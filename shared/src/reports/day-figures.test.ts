import { describe, expect, it } from 'vitest';
import { figuresOfDays, p90ByDay, p90OfPacks, p90OfSortedRuns, summarizeHalls } from './day-figures';
import { buildRollupRows, packDay, packMonth, summarizeDays } from './rollup';
import { summarize, type RatingFact, type Summary, type TicketFact } from './summary';

const ticket = (hallDay: string, serviceCode: string, waitSeconds: number | null, over: Partial<TicketFact> = {}): TicketFact => ({
  serviceCode, counterId: 1, staffId: 7, state: waitSeconds === null ? 'waiting' : 'done', hallDay, issuedHour: 9, waitSeconds,
  serviceSeconds: waitSeconds === null ? null : 60, targetWaitSeconds: 0, estimatedWaitSeconds: null, ...over,
});
const rating = (hallDay: string, serviceCode: string, score: number): RatingFact => ({
  serviceCode, counterId: 1, staffId: 7, hallDay, issuedHour: 9, score, attitude: score, efficiency: null, policy: null, competence: null,
});
const pack = (hallDay: string, tickets: TicketFact[], ratings: RatingFact[] = []) => ({ hallDay, packed: packDay(buildRollupRows(tickets, ratings)) });
const figuresOnly = (summary: Summary) => {
  const { byService: _s, byCounter: _c, byStaff: _st, byHour: _h, byDay: _d, ...figures } = summary;
  return figures;
};

// A small deterministic generator (mulberry32), so a failure repeats.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('figuresOfDays', () => {
  // Two halls on one day: hall 1 waits 10, 20, 30 s on A; hall 2 waits 100 and 5 s on A, 400 s on B, one ticket never called.
  const hall1 = pack('2026-11-02', [ticket('2026-11-02', 'A', 10), ticket('2026-11-02', 'A', 20), ticket('2026-11-02', 'A', 30)], [rating('2026-11-02', 'A', 5), rating('2026-11-02', 'A', 2)]);
  const hall2 = pack('2026-11-02', [
    ticket('2026-11-02', 'A', 100), ticket('2026-11-02', 'A', 5), ticket('2026-11-02', 'B', 400, { state: 'no_show', serviceSeconds: null }), ticket('2026-11-02', 'A', null),
  ], [rating('2026-11-02', 'B', 4)]);
  const target = (code: string) => (code === 'A' ? 15 : 600);

  it('adds two halls of a day: p90 over all six waits, service level by each service\'s target', () => {
    expect(figuresOfDays([hall1, hall2], target)).toEqual({
      issued: 7, served: 5, noShow: 1, noShowRate: 0.1667,
      // waits 5, 10, 20, 30, 100, 400: mean 565 / 6 = 94.17; rank ⌈0.9·6⌉ = 6 → 400
      avgWaitSeconds: 94, p90WaitSeconds: 400, avgServiceSeconds: 60,
      // within target: A 10 and 5 (≤ 15), B 400 (≤ 600) → 3 of 6
      serviceLevel: 0.5,
      satisfaction: {
        count: 3, average: 3.67, satisfiedRate: 0.6667, distribution: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 1 },
        dimensions: { attitude: 3.7, efficiency: null, policy: null, competence: null },
      },
      waitEstimate: { count: 0, meanAbsErrorSeconds: null, meanErrorSeconds: null },
    });
  });

  it('of one hall alone takes the p90 from its waits: 10, 20, 30 → 30; a stricter target lowers the service level', () => {
    expect(figuresOfDays([hall1], target)).toMatchObject({ issued: 3, p90WaitSeconds: 30, avgWaitSeconds: 20, serviceLevel: 0.3333 });
    expect(figuresOfDays([hall1], () => 20)).toMatchObject({ serviceLevel: 0.6667 });
  });

  it('without packs or waits: zero counts and null figures', () => {
    const empty = figuresOfDays([], target);
    expect(empty).toMatchObject({ issued: 0, served: 0, avgWaitSeconds: null, p90WaitSeconds: null, serviceLevel: null, noShowRate: null });
    expect(figuresOfDays([pack('2026-11-03', [ticket('2026-11-03', 'A', null)])], target)).toMatchObject({ issued: 1, p90WaitSeconds: null });
    expect(figuresOfDays([pack('2026-11-03', [])], target)).toEqual(empty);
  });

  it('refuses a pack of an unknown format', () => {
    const bad = pack('2026-11-02', [ticket('2026-11-02', 'A', 1)]);
    bad.packed[0] = 99;
    expect(() => figuresOfDays([bad], target)).toThrow(/unknown format/);
  });
});

describe('p90ByDay / p90OfPacks', () => {
  it('a day of several halls is one day: the p90 over every hall\'s waits that day', () => {
    const days = [
      pack('2026-11-02', [ticket('2026-11-02', 'A', 10), ticket('2026-11-02', 'A', 20)]),
      pack('2026-11-02', [ticket('2026-11-02', 'A', 90), ticket('2026-11-02', 'B', 3), ticket('2026-11-02', 'B', 50)]),
      pack('2026-11-03', [ticket('2026-11-03', 'A', 7)]),
      pack('2026-11-03', [ticket('2026-11-03', 'A', null)]),
      pack('2026-11-04', [ticket('2026-11-04', 'A', null)]),
    ];
    // 11-02: 3, 10, 20, 50, 90 → rank ⌈4.5⌉ = 5 → 90; 11-03: one wait, 7; 11-04: none
    expect(p90ByDay(days)).toEqual(new Map([['2026-11-02', 90], ['2026-11-03', 7], ['2026-11-04', null]]));
    expect(p90OfPacks(days.map((d) => d.packed))).toBe(90);
    expect(p90OfPacks([])).toBeNull();
  });

  it('ranks 10 waits: the 9th (nearest rank), with repeats', () => {
    const waits = [0, 0, 1, 1, 1, 2, 2, 3, 3, 1000];
    const packs = [pack('d', waits.slice(0, 4).map((w) => ticket('d', 'A', w))), pack('d', waits.slice(4).map((w) => ticket('d', 'B', w)))];
    expect(p90ByDay(packs).get('d')).toBe(3);
  });
});

describe('figuresOfDays equals summarizeDays\' figures, and byDay p90 the day\'s p90 over all halls, on random packs', () => {
  it('200 random cases of 1–5 halls × 1–4 days', () => {
    for (let c = 0; c < 200; c += 1) {
      const rnd = random(c + 1);
      const int = (n: number) => Math.floor(rnd() * n);
      const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'].slice(0, 1 + int(4));
      const halls = 1 + int(5);
      const packs: { hallDay: string; packed: Int32Array }[] = [];
      const waitsOfDay = new Map<string, number[]>();
      for (let h = 0; h < halls; h += 1) {
        for (const day of days) {
          if (rnd() < 0.2) continue;
          const tickets: TicketFact[] = [];
          const ratings: RatingFact[] = [];
          for (let i = int(25); i > 0; i -= 1) {
            const code = ['A', 'B', 'C'][int(3)]!;
            const wait = rnd() < 0.15 ? null : int(rnd() < 0.1 ? 5000 : 900);
            const state = wait === null ? 'waiting' : ['done', 'done', 'no_show', 'called'][int(4)]!;
            tickets.push(ticket(day, code, wait, {
              counterId: wait === null ? null : 1 + int(3), staffId: wait === null ? null : h * 10 + int(3) + 1, issuedHour: 8 + int(9), state,
              serviceSeconds: state === 'done' ? int(1200) : null, estimatedWaitSeconds: wait !== null && rnd() < 0.5 ? int(900) : null,
            }));
            if (wait !== null) waitsOfDay.set(day, [...(waitsOfDay.get(day) ?? []), wait]);
            if (state === 'done' && rnd() < 0.5) ratings.push({ ...rating(day, code, 1 + int(5)), issuedHour: tickets.at(-1)!.issuedHour, counterId: tickets.at(-1)!.counterId, staffId: tickets.at(-1)!.staffId, efficiency: rnd() < 0.5 ? 1 + int(5) : null });
          }
          packs.push(pack(day, tickets, ratings));
        }
      }
      const targets = { A: int(900), B: int(900), C: int(900) } as Record<string, number>;
      const target = (code: string) => targets[code] ?? 0;
      expect(figuresOfDays(packs, target), `case ${c}`).toEqual(figuresOnly(summarizeDays(packs, target)));
      const p90s = p90ByDay(packs);
      for (const day of days) {
        const sorted = (waitsOfDay.get(day) ?? []).sort((a, b) => a - b);
        const expected = sorted.length === 0 ? null : sorted[Math.max(1, Math.ceil(0.9 * sorted.length)) - 1]!;
        if (p90s.has(day)) expect(p90s.get(day), `case ${c} ${day}`).toBe(expected);
      }
    }
  });
});

describe('p90OfSortedRuns', () => {
  it('the nearest rank over several sorted runs, by hand', () => {
    const runs = (...lists: number[][]) => lists.map((l) => Int32Array.from(l));
    // 6 waits 1 2 2 5 9 10: rank ⌈5.4⌉ = 6 → 10
    expect(p90OfSortedRuns(runs([1, 5, 9], [2, 2, 10], []))).toBe(10);
    // 10 waits: rank 9 → 9th smallest; repeats across runs
    expect(p90OfSortedRuns(runs([0, 3, 3, 3], [3, 4, 7], [7, 8, 30]))).toBe(8);
    // one run: its own 9th of 10; a negative wait (a clock stepped back) counts as any other
    expect(p90OfSortedRuns(runs([-5, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe(8);
    expect(p90OfSortedRuns(runs([-5, -3], [-4]))).toBe(-3);
    expect(p90OfSortedRuns(runs([], []))).toBeNull();
    expect(p90OfSortedRuns([])).toBeNull();
  });

  it('equals the nearest rank of all waits sorted together, on 500 random lists of up to 60 runs', () => {
    const rnd = random(7);
    for (let c = 0; c < 500; c += 1) {
      const spread = [10, 600, 5000][c % 3]!;
      const runs = Array.from({ length: 1 + Math.floor(rnd() * 60) }, () => {
        const scale = rnd() * spread;
        return Int32Array.from({ length: Math.floor(rnd() * 50) }, () => Math.floor(rnd() * scale) - (c % 7 === 0 ? 3 : 0)).sort();
      });
      const all = runs.flatMap((r) => [...r]).sort((a, b) => a - b);
      const expected = all.length === 0 ? null : all[Math.ceil(0.9 * all.length) - 1];
      expect(p90OfSortedRuns(runs), `case ${c}`).toBe(expected);
    }
  });

  it('remembers a list of runs, and only the same runs in the same order', () => {
    const [a, b, c, d, e] = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [100, 200, 300]].map((l) => Int32Array.from(l));
    // 12 waits: rank 11 → 11
    expect(p90OfSortedRuns([a!, b!, c!, d!])).toBe(11);
    expect(p90OfSortedRuns([a!, b!, c!, d!])).toBe(11);
    // the same first run, then others: 12 waits 1–9, 100, 200, 300 → 200
    expect(p90OfSortedRuns([a!, b!, c!, e!])).toBe(200);
    // the same runs in another order have the same p90; one run more changes it (15 waits: rank 14 → 200)
    expect(p90OfSortedRuns([a!, c!, b!, d!])).toBe(11);
    expect(p90OfSortedRuns([a!, b!, c!, d!, e!])).toBe(200);
    expect(p90OfSortedRuns([a!, b!, c!, d!])).toBe(11);
  });
});

describe('summarizeHalls', () => {
  // Hall 1 (target A 15 s) and hall 2 (target A 100 s), counters and staff city-wide (1/7 and 2/8).
  const h1 = [
    { hallId: 1, ...pack('2026-11-02', [ticket('2026-11-02', 'A', 10), ticket('2026-11-02', 'A', 20), ticket('2026-11-02', 'A', 30)], [rating('2026-11-02', 'A', 5)]) },
    { hallId: 1, ...pack('2026-11-03', [ticket('2026-11-03', 'A', 500)]) },
  ];
  const h2 = [
    { hallId: 2, ...pack('2026-11-02', [ticket('2026-11-02', 'A', 100, { counterId: 2, staffId: 8 }), ticket('2026-11-02', 'B', 5, { counterId: 2, staffId: 8, issuedHour: 10 })]) },
    { hallId: 2, ...pack('2026-11-04', []) },
  ];
  const own = (hallId: number, code: string) => (code === 'A' ? (hallId === 1 ? 15 : 100) : 600);
  const common = (code: string) => (code === 'A' ? 15 : 600);

  it('adds the halls: total, a day over both halls, groups by city-wide counter, each hall under its own targets', () => {
    const city = summarizeHalls([...h1, ...h2], common, own);
    // all waits 5, 10, 20, 30, 100, 500: rank ⌈5.4⌉ = 6 → 500; within 15 s for A, 600 for B: 10 and 5 → 2 of 6
    expect(city.summary).toMatchObject({ issued: 6, served: 6, avgWaitSeconds: 111, p90WaitSeconds: 500, serviceLevel: 0.3333 });
    // 11-02 over both halls: 5, 10, 20, 30, 100 → rank ⌈4.5⌉ = 5 → 100; 11-04 had no tickets: no day
    expect(city.summary.byDay.map((d) => [d.key, d.issued, d.p90WaitSeconds, d.serviceLevel])).toEqual([['2026-11-02', 5, 100, 0.4], ['2026-11-03', 1, 500, 0]]);
    expect(city.summary.byCounter.map((g) => [g.key, g.issued, g.p90WaitSeconds])).toEqual([[1, 4, 500], [2, 2, 100]]);
    expect(city.summary.byService.map((g) => [g.key, g.issued, g.p90WaitSeconds])).toEqual([['A', 5, 500], ['B', 1, 5]]);
    expect(city.summary.byHour.map((g) => [g.key, g.issued])).toEqual([[9, 5], [10, 1]]);
    // hall 2 under its own 100 s target: both within; under the common 15 s only B's 5 s
    expect(city.hall(2)).toMatchObject({ issued: 2, p90WaitSeconds: 100, serviceLevel: 1 });
    expect(city.halls([2])).toMatchObject({ issued: 2, p90WaitSeconds: 100, serviceLevel: 0.5 });
    expect(city.hall(1)).toMatchObject({ issued: 4, p90WaitSeconds: 500, avgWaitSeconds: 140, serviceLevel: 0.25 });
    expect(city.halls([1, 2])).toMatchObject({ issued: 6, p90WaitSeconds: 500 });
    expect(city.hall(99)).toMatchObject({ issued: 0, p90WaitSeconds: null, serviceLevel: null });
    expect(city.halls([])).toMatchObject({ issued: 0, p90WaitSeconds: null });
  });

  it('equals summarize() over every ticket, summarizeDays\' groups, and figuresOfDays per hall and set, on 120 random cities', () => {
    for (let c = 0; c < 120; c += 1) {
      const rnd = random(c * 7919 + 3);
      const int = (n: number) => Math.floor(rnd() * n);
      const days = ['2026-11-01', '2026-11-02', '2026-11-03'].slice(0, 1 + int(3));
      const hallIds = [3, 5, 8, 13].slice(0, 1 + int(4));
      const packs: { hallId: number; hallDay: string; packed: Int32Array }[] = [];
      const tickets: TicketFact[] = [];
      const ratings: RatingFact[] = [];
      const targets = new Map(hallIds.map((id) => [id, { A: int(900), B: int(900) } as Record<string, number>]));
      const commonTargets = { A: int(900), B: int(900) } as Record<string, number>;
      for (const hallId of hallIds) {
        for (const day of days) {
          if (rnd() < 0.2) continue;
          const dayTickets: TicketFact[] = [];
          const dayRatings: RatingFact[] = [];
          for (let i = int(20); i > 0; i -= 1) {
            const code = rnd() < 0.6 ? 'A' : 'B';
            const wait = rnd() < 0.15 ? null : int(rnd() < 0.1 ? 4000 : 700);
            const state = wait === null ? 'waiting' : ['done', 'done', 'no_show'][int(3)]!;
            const t = ticket(day, code, wait, {
              counterId: wait === null ? null : hallId * 10 + int(2), staffId: wait === null ? null : hallId * 100 + int(3), issuedHour: 8 + int(8), state,
              serviceSeconds: state === 'done' ? int(900) : null, estimatedWaitSeconds: wait !== null && rnd() < 0.5 ? int(900) : null,
              targetWaitSeconds: commonTargets[code]!,
            });
            dayTickets.push(t);
            if (state === 'done' && rnd() < 0.5) dayRatings.push({ ...rating(day, code, 1 + int(5)), issuedHour: t.issuedHour, counterId: t.counterId, staffId: t.staffId });
          }
          tickets.push(...dayTickets);
          ratings.push(...dayRatings);
          packs.push({ hallId, ...pack(day, dayTickets, dayRatings) });
        }
      }
      const common = (code: string) => commonTargets[code] ?? 0;
      const ownTarget = (hallId: number, code: string) => targets.get(hallId)![code] ?? 0;
      const city = summarizeHalls(packs, common, ownTarget);
      const label = `case ${c}`;
      // summarize() over every ticket is the reference: its groups are the city's (counter and staff ids are city-wide here)
      expect(city.summary, label).toEqual(summarize(tickets, ratings));
      expect(city.summary, label).toEqual({ ...summarizeDays(packs, common), byDay: city.summary.byDay });
      for (const hallId of hallIds) {
        const ownPacks = packs.filter((p) => p.hallId === hallId);
        expect(city.hall(hallId), `${label} hall ${hallId}`).toEqual(figuresOfDays(ownPacks, (code) => ownTarget(hallId, code)));
      }
      const some = hallIds.filter(() => rnd() < 0.5);
      expect(city.halls(some), `${label} halls ${some.join()}`).toEqual(figuresOfDays(packs.filter((p) => some.includes(p.hallId)), common));
    }
  });

  it('month packs of complete months with day packs of the partial ones equal all day packs and summarize(), on 60 random cities over 3 months, targets changed after packing', () => {
    const months = ['2026-09', '2026-10', '2026-11'];
    for (let c = 0; c < 60; c += 1) {
      const rnd = random(c * 104_729 + 11);
      const int = (n: number) => Math.floor(rnd() * n);
      // A few days in each month (the 1st, the last, some between), of 2–4 halls.
      const days = months.flatMap((m) => ['01', '09', '17', '30'].filter(() => rnd() < 0.7).map((d) => `${m}-${d}`));
      const hallIds = [4, 6, 9, 21].slice(0, 2 + int(3));
      const dayPacks: { hallId: number; hallDay: string; packed: Int32Array }[] = [];
      const tickets: TicketFact[] = [];
      const ratings: RatingFact[] = [];
      for (const hallId of hallIds) {
        for (const day of days) {
          if (rnd() < 0.2) continue;
          const dayTickets: TicketFact[] = [];
          const dayRatings: RatingFact[] = [];
          for (let i = int(18); i > 0; i -= 1) {
            const code = ['A', 'B', 'CX'][int(3)]!;
            const wait = rnd() < 0.15 ? null : int(rnd() < 0.1 ? 4000 : 700);
            const state = wait === null ? 'waiting' : ['done', 'done', 'no_show'][int(3)]!;
            const t = ticket(day, code, wait, {
              counterId: wait === null ? null : hallId * 10 + int(2), staffId: wait === null ? null : hallId * 100 + int(3), issuedHour: 8 + int(8), state,
              serviceSeconds: state === 'done' ? int(900) : null, estimatedWaitSeconds: wait !== null && rnd() < 0.5 ? int(900) : null,
            });
            dayTickets.push(t);
            if (state === 'done' && rnd() < 0.5) dayRatings.push({ ...rating(day, code, 1 + int(5)), issuedHour: t.issuedHour, counterId: t.counterId, staffId: t.staffId, efficiency: rnd() < 0.5 ? 1 + int(5) : null });
          }
          tickets.push(...dayTickets);
          ratings.push(...dayRatings);
          dayPacks.push({ hallId, ...pack(day, dayTickets, dayRatings) });
        }
      }
      // Complete months are read as month packs (one per hall and month), the others as day packs.
      const complete = months.filter(() => rnd() < 0.7);
      const mixed: { hallId: number; hallDay: string; packed: Int32Array }[] = [];
      for (const hallId of hallIds) {
        for (const month of months) {
          const own = dayPacks.filter((p) => p.hallId === hallId && p.hallDay.startsWith(month));
          if (complete.includes(month)) {
            if (own.length > 0) mixed.push({ hallId, hallDay: `${month}-01`, packed: packMonth(own) });
          } else mixed.push(...own);
        }
      }
      // Two sets of targets, the second chosen after packing; halls 4 and 6 always differ on A.
      for (let round = 0; round < 2; round += 1) {
        const commonTargets = { A: int(900), B: int(900), CX: int(900) } as Record<string, number>;
        const targets = new Map(hallIds.map((id) => [id, { A: id === 4 ? 30 : id === 6 ? 600 : int(900), B: int(900), CX: int(900) } as Record<string, number>]));
        const common = (code: string) => commonTargets[code] ?? 0;
        const ownTarget = (hallId: number, code: string) => targets.get(hallId)![code] ?? 0;
        const label = `case ${c} round ${round} complete ${complete.join()}`;
        const city = summarizeHalls(mixed, common, ownTarget);
        const byDays = summarizeHalls(dayPacks, common, ownTarget);
        expect(city.summary, label).toEqual(summarize(tickets.map((t) => ({ ...t, targetWaitSeconds: common(t.serviceCode) })), ratings));
        expect(city.summary, label).toEqual(byDays.summary);
        for (const hallId of [...hallIds, 99]) {
          const own = (code: string) => ownTarget(hallId, code);
          expect(city.hall(hallId), `${label} hall ${hallId}`).toEqual(byDays.hall(hallId));
          expect(city.hall(hallId), `${label} hall ${hallId}`).toEqual(figuresOfDays(dayPacks.filter((p) => p.hallId === hallId), hallId === 99 ? common : own));
        }
        const some = hallIds.filter(() => rnd() < 0.5);
        expect(city.halls(some), `${label} halls ${some.join()}`).toEqual(figuresOfDays(dayPacks.filter((p) => some.includes(p.hallId)), common));
      }
    }
  });

  it('a month pack of a hall and a day pack of another hall on the same day: one day over both, by hand', () => {
    // Hall 1's month: 11-02 waits 10, 20, 30 on A, 11-03 wait 500 on A; hall 2's day 11-02: 100 on A, 5 on B.
    const month = { hallId: 1, hallDay: '2026-11-01', packed: packMonth(h1) };
    const city = summarizeHalls([month, h2[0]!], common, own);
    expect(city.summary).toMatchObject({ issued: 6, avgWaitSeconds: 111, p90WaitSeconds: 500, serviceLevel: 0.3333 });
    // 11-02 over both halls: 5, 10, 20, 30, 100 → 100; within (A 15 s, B 600 s): 10 and 5 → 2 of 5
    expect(city.summary.byDay.map((d) => [d.key, d.issued, d.p90WaitSeconds, d.serviceLevel])).toEqual([['2026-11-02', 5, 100, 0.4], ['2026-11-03', 1, 500, 0]]);
    expect(city.hall(1)).toMatchObject({ issued: 4, p90WaitSeconds: 500, avgWaitSeconds: 140, serviceLevel: 0.25 });
    // a later, looser common target for A (40 s): 10, 20, 30 and B's 5 → 4 of 6; on 11-02 4 of 5
    const later = summarizeHalls([month, h2[0]!], (code) => (code === 'A' ? 40 : 600), own);
    expect(later.summary.serviceLevel).toBe(0.6667);
    expect(later.summary.byDay.map((d) => d.serviceLevel)).toEqual([0.8, 0]);
  });
});
