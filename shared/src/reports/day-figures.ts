import {
  CELL_INTS, countAtMost, DAY_INTS, dayOfNumber, FIELDS, figuresAt, FORMAT_VERSION, groupRows, HEADER_INTS, MONTH_HEADER_INTS, MONTH_VERSION, ROW_INTS, WITHIN,
} from './rollup';
import { compareKeys, type Figures, type GroupFigures, type GroupKey, type Summary } from './summary';

/**
 * The city's sums over many halls' packs. `summarizeHalls`: the summary of several halls' day and
 * month packs in one pass — total and groups as `summarizeDays` gives them, each hall under its own
 * targets, any set of halls — with every p90 exact (nearest rank at 1-second resolution) from each
 * pack's sorted waits, worked out once per pack object. Also figures-only passes over day packs
 * (`figuresOfDays`, `p90ByDay`, `p90OfPacks`), kept for their tests and small callers.
 */

export interface PackedDay {
  hallDay: string;
  packed: Int32Array;
}

const codeOf = (packed: Int32Array, o: number) => String.fromCharCode(packed[o]!) + (packed[o + 1] ? String.fromCharCode(packed[o + 1]!) : '');

function checkFormat(day: PackedDay) {
  if (day.packed[0] !== FORMAT_VERSION) throw new Error(`report rollup of ${day.hallDay} has an unknown format`);
}

/** Start of a pack's waits (every row's sorted waits, in row order) and their number. */
export function waitsOf(packed: Int32Array): { start: number; count: number } {
  return { start: HEADER_INTS + packed[1]! * ROW_INTS, count: packed[3]! };
}

/** Nearest-rank p90 (rank ⌈0.9·n⌉) of the waits of several packs, by a 1-second histogram; null without waits. */
export function p90OfPacks(packs: readonly Int32Array[]): number | null {
  let n = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const packed of packs) {
    const { start, count } = waitsOf(packed);
    n += count;
    for (let i = start; i < start + count; i += 1) {
      const w = packed[i]!;
      if (w < min) min = w;
      if (w > max) max = w;
    }
  }
  if (n === 0) return null;
  const hist = new Int32Array(max - min + 1);
  for (const packed of packs) {
    const { start, count } = waitsOf(packed);
    for (let i = start; i < start + count; i += 1) hist[packed[i]! - min]! += 1;
  }
  const rank = Math.max(1, Math.ceil(0.9 * n));
  let seen = 0;
  for (let i = 0; i < hist.length; i += 1) {
    seen += hist[i]!;
    if (seen >= rank) return min + i;
  }
  return null;
}

/**
 * The top-level figures over any set of packed days (of one hall or many), as
 * `summarizeDays(days, targetWaitSeconds)` gives them without its groups. `targetWaitSeconds` gives
 * each service's target wait for the service level.
 */
export function figuresOfDays(days: readonly PackedDay[], targetWaitSeconds: (serviceCode: string) => number): Figures {
  const sums = new Float64Array(FIELDS);
  const targets = new Map<number, number>();
  const withWaits: Int32Array[] = [];
  for (const day of days) {
    checkFormat(day);
    const { packed } = day;
    const rows = packed[1]!;
    if (rows === 0) continue;
    let w = HEADER_INTS + rows * ROW_INTS;
    for (let r = 0; r < rows; r += 1) {
      const o = HEADER_INTS + r * ROW_INTS;
      for (let f = 0; f < 25; f += 1) sums[f]! += packed[o + 5 + f]!;
      const waits = packed[o + 30]!;
      if (waits > 0) {
        const codeKey = packed[o]! * 256 + packed[o + 1]!;
        let target = targets.get(codeKey);
        if (target === undefined) targets.set(codeKey, (target = targetWaitSeconds(codeOf(packed, o))));
        sums[WITHIN]! += countAtMost(packed, w, w + waits, target);
        w += waits;
      }
    }
    if (packed[3]! > 0) withWaits.push(packed);
  }
  // A single day's p90 is in its header; otherwise count every wait.
  const p90 = withWaits.length === 1 ? (withWaits[0]![2]! < 0 ? null : withWaits[0]![2]!) : p90OfPacks(withWaits);
  return figuresAt(sums, 0, p90);
}

/**
 * Each day's p90 over every pack of that day (several halls' packs of one day count as one day):
 * the day's own header when one pack has waits that day, else a histogram of the day's waits.
 */
export function p90ByDay(days: readonly PackedDay[]): Map<string, number | null> {
  const byDay = new Map<string, Int32Array[]>();
  for (const day of days) {
    checkFormat(day);
    const list = byDay.get(day.hallDay);
    if (list) list.push(day.packed);
    else byDay.set(day.hallDay, [day.packed]);
  }
  const result = new Map<string, number | null>();
  for (const [hallDay, packs] of byDay) {
    const withWaits = packs.filter((p) => p[3]! > 0);
    result.set(hallDay, withWaits.length === 0 ? null : withWaits.length === 1 ? withWaits[0]![2]! : p90OfPacks(withWaits));
  }
  return result;
}

/**
 * A pack of one hall as the city stores them: a day (`packDay`, format 1; `hallDay` is its day) or,
 * for `summarizeHalls` only, a month of the hall's days (`packMonth`; `hallDay` only labels errors,
 * the days come from the pack). `packed[0]` tells which.
 */
export interface HallPackedDay extends PackedDay {
  hallId: number;
}

/** Groups of one report dimension: keys and 26 sums each (the 25 figures, then waits within target). */
class Groups<K extends GroupKey> {
  keys: K[] = [];
  index = new Map<K, number>();
  sums: number[] = [];

  group(key: K): number {
    let g = this.index.get(key);
    if (g === undefined) {
      g = this.keys.length;
      this.keys.push(key);
      this.index.set(key, g);
      for (let f = 0; f < FIELDS; f += 1) this.sums.push(0);
    }
    return g;
  }

  add(g: number, values: ArrayLike<number>, o: number, within: number) {
    const base = g * FIELDS;
    for (let f = 0; f < 25; f += 1) this.sums[base + f]! += values[o + f]!;
    this.sums[base + WITHIN]! += within;
  }

  figures(p90: (g: number) => number | null): GroupFigures<K>[] {
    return this.keys.map((key, g) => ({ key, ...figuresAt(this.sums, g * FIELDS, p90(g)) })).sort((a, b) => compareKeys(a.key, b.key));
  }
}

/**
 * Nearest-rank p90 (rank ⌈0.9·n⌉) over the union of sorted runs of waits, without merging them:
 * the smallest wait w with at least rank waits ≤ w, found by halving the range of waits (each step
 * counts every run by binary search). Null without waits. The answer is remembered per list of
 * runs (the same arrays in the same order), so a run must not change after it has been passed.
 */
export function p90OfSortedRuns(runs: readonly Int32Array[]): number | null {
  if (runs.length < MEMO_MIN_RUNS) return p90OfRuns(runs);
  // Runs are the sorted waits of digests, made once per pack object and never changed: the same
  // runs in the same order have the same p90 (a repeated report over kept packs, a past day).
  let memos = p90Memo.get(runs[0]!);
  if (!memos) p90Memo.set(runs[0]!, (memos = []));
  search: for (const memo of memos) {
    if (memo.runs.length !== runs.length) continue;
    for (let i = 1; i < runs.length; i += 1) if (memo.runs[i] !== runs[i]) continue search;
    return memo.p90;
  }
  const p90 = p90OfRuns(runs);
  if (memos.length >= 8) memos.shift();
  memos.push({ runs: runs.slice(), p90 });
  return p90;
}

const MEMO_MIN_RUNS = 4;
const p90Memo = new WeakMap<Int32Array, { runs: readonly Int32Array[]; p90: number | null }[]>();

function p90OfRuns(runs: readonly Int32Array[]): number | null {
  // The answer lies between the smallest and the largest of the runs' own p90s: below the smallest
  // each run has fewer than ⌈0.9·nᵢ⌉ waits, together fewer than ⌈0.9·n⌉; at the largest each has at
  // least ⌈0.9·nᵢ⌉, together at least ⌈0.9·n⌉.
  let n = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    if (run.length === 0) continue;
    n += run.length;
    const own = run[Math.max(1, Math.ceil(0.9 * run.length)) - 1]!;
    if (own < lo) lo = own;
    if (own > hi) hi = own;
  }
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(0.9 * n));
  // Runs wholly below the range count in full from now on; runs wholly above it never count.
  let below = 0;
  let active = runs.filter((run) => {
    if (run.length === 0 || run[0]! > hi) return false;
    if (run[run.length - 1]! < lo) {
      below += run.length;
      return false;
    }
    return true;
  });
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    let count = below;
    for (const run of active) {
      const last = run.length - 1;
      if (run[0]! > mid) continue;
      count += run[last]! <= mid ? run.length : countAtMost(run, 0, run.length, mid);
    }
    if (count >= rank) hi = mid;
    else lo = mid + 1;
    if (active.length > 16) {
      active = active.filter((run) => {
        if (run[0]! > hi) return false;
        if (run[run.length - 1]! < lo) {
          below += run.length;
          return false;
        }
        return true;
      });
    }
  }
  return lo;
}

const EMPTY = new Int32Array(0);

/** Sorted copy of the waits of these runs of a pack ([start, count] pairs). */
function mergedWaits(packed: Int32Array, runs: readonly number[]): Int32Array {
  let n = 0;
  for (let i = 1; i < runs.length; i += 2) n += runs[i]!;
  if (n === 0) return EMPTY;
  const all = new Int32Array(n);
  let at = 0;
  for (let i = 0; i < runs.length; i += 2) {
    all.set(packed.subarray(runs[i]!, runs[i]! + runs[i + 1]!), at);
    at += runs[i + 1]!;
  }
  return runs.length > 2 ? all.sort() : all;
}

/**
 * What `summarizeHalls` needs of one day pack (format 1) or month pack (`packMonth`), worked out
 * once per pack object (the city keeps packs in memory, so a repeated report reuses it): per
 * dimension (service as code0·256+code1, counter, staff, hour) the pack's own groups with their
 * figures and all their waits sorted; every wait sorted; per day its figures, its waits sorted and
 * its waits per service (cells); and, memoised per set of targets, the waits within target per
 * group, per day and in all.
 */
interface PackDigest {
  keys: [number[], number[], number[], number[]];
  figures: [number[], number[], number[], number[]];
  waits: [Int32Array[], Int32Array[], Int32Array[], Int32Array[]];
  rowGroups: Int32Array; // 4 per row: its group in each dimension (-1: none)
  rowWaits: Int32Array; // 2 per row: first wait's index in the pack, number of waits
  rowService: Int32Array;
  total: Float64Array; // 25
  all: Int32Array;
  /** yyyymmdd of each day of a month pack; a day pack has one day, its own (-1). */
  days: Int32Array;
  dayFigures: Float64Array; // 25 per day
  dayWaits: Int32Array[];
  cells: Int32Array; // 3 per cell: service key, first wait's index, number of waits
  dayCells: Int32Array; // cells of each day: first cell, number of cells
  within: Map<string, { groups: Float64Array[]; days: Float64Array; total: number }>;
}
const digests = new WeakMap<Int32Array, PackDigest>();

function digestOf(d: PackedDay): PackDigest {
  const { packed } = d;
  let digest = digests.get(packed);
  if (digest) return digest;
  const month = packed[0] === MONTH_VERSION;
  if (!month && packed[0] !== FORMAT_VERSION) throw new Error(`report rollup of ${d.hallDay} has an unknown format`);
  const rows = packed[1]!;
  const rowStart = month ? MONTH_HEADER_INTS : HEADER_INTS;
  const dayStart = rowStart + rows * ROW_INTS;
  const dayCount = month ? packed[2]! : rows === 0 ? 0 : 1;
  const cellStart = dayStart + (month ? dayCount * DAY_INTS : 0);
  const waitStart = month ? cellStart + packed[3]! * CELL_INTS + packed[6]! * 3 + packed[7]! * 2 : dayStart;

  const { keys, rowGroups, figures, members } = groupRows(packed, rows, rowStart);
  const rowWaits = new Int32Array(rows * 2);
  const rowService = new Int32Array(rows);
  const total = new Float64Array(25);
  const allRuns: number[] = [];
  let w = waitStart;
  for (let r = 0; r < rows; r += 1) {
    const o = rowStart + r * ROW_INTS;
    const count = packed[o + 30]!;
    rowWaits[r * 2] = w;
    rowWaits[r * 2 + 1] = count;
    rowService[r] = packed[o]! * 256 + packed[o + 1]!;
    if (count > 0) allRuns.push(w, count);
    for (let f = 0; f < 25; f += 1) total[f]! += packed[o + 5 + f]!;
    w += count;
  }
  const days = new Int32Array(dayCount);
  const dayFigures = new Float64Array(dayCount * 25);
  const dayWaits: Int32Array[] = [];
  let cells: Int32Array;
  const dayCells = new Int32Array(dayCount * 2);
  if (month) {
    cells = new Int32Array(packed[3]! * 3);
    let c = 0;
    let cw = w;
    for (let k = 0; k < dayCount; k += 1) {
      const o = dayStart + k * DAY_INTS;
      days[k] = packed[o]!;
      dayFigures.set(packed.subarray(o + 2, o + 27), k * 25);
      dayCells[k * 2] = c;
      dayCells[k * 2 + 1] = packed[o + 27]!;
      const dayRuns: number[] = [];
      for (let n = packed[o + 27]!; n > 0; n -= 1, c += 1) {
        const at = cellStart + c * CELL_INTS;
        const count = packed[at + 2]!;
        cells.set([packed[at]! * 256 + packed[at + 1]!, cw, count], c * 3);
        if (count > 0) dayRuns.push(cw, count);
        cw += count;
      }
      dayWaits.push(mergedWaits(packed, dayRuns));
    }
  } else {
    // A day pack is one day; its rows are its cells.
    cells = new Int32Array(rows * 3);
    for (let r = 0; r < rows; r += 1) cells.set([rowService[r]!, rowWaits[r * 2]!, rowWaits[r * 2 + 1]!], r * 3);
    if (dayCount === 1) {
      days[0] = -1;
      dayFigures.set(total);
      dayCells[1] = rows;
    }
  }
  const all = mergedWaits(packed, allRuns);
  if (!month && dayCount === 1) dayWaits.push(all);
  digest = {
    keys, figures,
    waits: members.map((groups) => groups.map((list) => mergedWaits(packed, list.flatMap((r) => (rowWaits[r * 2 + 1]! > 0 ? [rowWaits[r * 2]!, rowWaits[r * 2 + 1]!] : []))))) as PackDigest['waits'],
    rowGroups, rowWaits, rowService, total, all, days, dayFigures, dayWaits, cells, dayCells, within: new Map(),
  };
  digests.set(packed, digest);
  return digest;
}

/** A pack's waits within target per group, per day and in all, under targets by service key (memoised per set of targets). */
function withinOf(digest: PackDigest, packed: Int32Array, targetOf: (serviceKey: number) => number) {
  const signature = digest.keys[0].map(targetOf).join(',');
  let within = digest.within.get(signature);
  if (within) return within;
  const groups = digest.keys.map((keys) => new Float64Array(keys.length));
  let total = 0;
  const rows = digest.rowService.length;
  for (let r = 0; r < rows; r += 1) {
    const count = digest.rowWaits[r * 2 + 1]!;
    if (count === 0) continue;
    const w = digest.rowWaits[r * 2]!;
    const n = countAtMost(packed, w, w + count, targetOf(digest.rowService[r]!));
    total += n;
    for (let dim = 0; dim < 4; dim += 1) {
      const g = digest.rowGroups[r * 4 + dim]!;
      if (g >= 0) groups[dim]![g]! += n;
    }
  }
  const days = new Float64Array(digest.days.length);
  for (let k = 0; k < days.length; k += 1) {
    for (let c = digest.dayCells[k * 2]!, end = c + digest.dayCells[k * 2 + 1]!; c < end; c += 1) {
      const w = digest.cells[c * 3 + 1]!;
      days[k]! += countAtMost(packed, w, w + digest.cells[c * 3 + 2]!, targetOf(digest.cells[c * 3]!));
    }
  }
  within = { groups, days, total };
  if (digest.within.size >= 16) digest.within.clear();
  digest.within.set(signature, within);
  return within;
}

/** Works out the digests `summarizeHalls` needs of these packs now (a server warming kept packs while idle). */
export function digestPacks(packs: readonly PackedDay[]) {
  for (const pack of packs) digestOf(pack);
}

const codeOfKey = (key: number) => String.fromCharCode(key >> 8) + (key & 255 ? String.fromCharCode(key & 255) : '');

/**
 * The city's summary over several halls' packed days and months (a hall's month pack, `packMonth`,
 * stands for its days of that month; packs must not overlap): the same total and groups as
 * `summarizeDays(days, commonTarget)` (byService, byCounter, byStaff, byHour) with byDay over every
 * hall's packs of a day (its p90 over all their waits that day), plus each hall's own figures under
 * its own targets and the figures of any set of halls (an area, a level) under the common targets.
 * Exact: every p90 is the nearest rank over the waits it covers, found over the packs' sorted waits
 * (`p90OfSortedRuns`) without gathering them; what a pack gives is worked out once per pack object.
 * Counter and staff ids must be city-wide (a counter belongs to one hall).
 */
export function summarizeHalls(
  days: readonly HallPackedDay[],
  commonTarget: (serviceCode: string) => number,
  hallTarget: (hallId: number, serviceCode: string) => number,
) {
  const dims = [new Groups<string>(), new Groups<number>(), new Groups<number>(), new Groups<number>()] as const;
  const dimRuns: Int32Array[][][] = [[], [], [], []];
  const day = new Groups<string>();
  const dayRuns: Int32Array[][] = [];
  const hall = new Groups<number>();
  const hallRuns: Int32Array[][] = [];
  const hallOwnWithin: number[] = [];
  const common = new Map<number, number>();
  const commonOf = (key: number) => {
    let target = common.get(key);
    if (target === undefined) common.set(key, (target = commonTarget(codeOfKey(key))));
    return target;
  };
  const own = new Map<number, Map<number, number>>();
  // Group indexes by the packs' numeric keys (a service's code0·256+code1, a day's yyyymmdd), so the
  // text keys are made once per report, not once per pack.
  const serviceIndex = new Map<number, number>();
  const serviceGroup = (key: number) => {
    let g = serviceIndex.get(key);
    if (g === undefined) serviceIndex.set(key, (g = dims[0].group(codeOfKey(key))));
    return g;
  };
  const dayIndex = new Map<number, number>();
  const dayGroup = (n: number) => {
    let g = dayIndex.get(n);
    if (g === undefined) dayIndex.set(n, (g = day.group(dayOfNumber(n))));
    return g;
  };

  for (const d of days) {
    const digest = digestOf(d);
    if (digest.rowService.length === 0) continue;
    const { packed, hallId } = d;
    let ownTargets = own.get(hallId);
    if (!ownTargets) own.set(hallId, (ownTargets = new Map()));
    const ownOf = (key: number) => {
      let target = ownTargets.get(key);
      if (target === undefined) ownTargets.set(key, (target = hallTarget(hallId, codeOfKey(key))));
      return target;
    };
    const within = withinOf(digest, packed, commonOf);
    const ownWithin = withinOf(digest, packed, ownOf);
    for (let dim = 0; dim < 4; dim += 1) {
      const groups = dims[dim]!;
      const keys = digest.keys[dim]!;
      for (let lg = 0; lg < keys.length; lg += 1) {
        const g = dim === 0 ? serviceGroup(keys[lg]!) : (groups as Groups<number>).group(keys[lg]!);
        groups.add(g, digest.figures[dim]!, lg * 25, within.groups[dim]![lg]!);
        const waits = digest.waits[dim]![lg]!;
        if (waits.length > 0) (dimRuns[dim]![g] ??= []).push(waits);
      }
    }
    const h = hall.group(hallId);
    hall.add(h, digest.total, 0, within.total);
    hallOwnWithin[h] = (hallOwnWithin[h] ?? 0) + ownWithin.total;
    if (digest.all.length > 0) (hallRuns[h] ??= []).push(digest.all);
    for (let k = 0; k < digest.days.length; k += 1) {
      const g = digest.days[k]! < 0 ? day.group(d.hallDay) : dayGroup(digest.days[k]!);
      day.add(g, digest.dayFigures, k * 25, within.days[k]!);
      if (digest.dayWaits[k]!.length > 0) (dayRuns[g] ??= []).push(digest.dayWaits[k]!);
    }
  }

  const total = new Array<number>(FIELDS).fill(0);
  for (let i = 0; i < hall.sums.length; i += 1) total[i % FIELDS]! += hall.sums[i]!;
  const hallP90 = hall.keys.map((_id, g) => p90OfSortedRuns(hallRuns[g] ?? []));
  const runsOfHalls = (ids: readonly number[]) => ids.flatMap((id) => {
    const g = hall.index.get(id);
    return g === undefined ? [] : hallRuns[g] ?? [];
  });
  const p90Of = (dim: number) => (g: number) => p90OfSortedRuns(dimRuns[dim]![g] ?? []);

  const summary: Summary = {
    ...figuresAt(total, 0, p90OfSortedRuns(hallRuns.flat())),
    byService: dims[0].figures(p90Of(0)),
    byCounter: dims[1].figures(p90Of(1)),
    byStaff: dims[2].figures(p90Of(2)),
    byHour: dims[3].figures(p90Of(3)),
    byDay: day.figures((g) => p90OfSortedRuns(dayRuns[g] ?? [])),
  };

  return {
    summary,
    /** One hall's figures under its own targets (as `figuresOfDays` of its packs). */
    hall(hallId: number): Figures {
      const g = hall.index.get(hallId);
      if (g === undefined) return figuresAt(new Array<number>(FIELDS).fill(0), 0, null);
      const sums = hall.sums.slice(g * FIELDS, (g + 1) * FIELDS);
      sums[WITHIN] = hallOwnWithin[g] ?? 0;
      return figuresAt(sums, 0, hallP90[g] ?? null);
    },
    /** The figures over a set of halls under the common targets (an area's, a level's). */
    halls(hallIds: readonly number[]): Figures {
      const sums = new Array<number>(FIELDS).fill(0);
      for (const id of hallIds) {
        const g = hall.index.get(id);
        if (g === undefined) continue;
        for (let f = 0; f < FIELDS; f += 1) sums[f]! += hall.sums[g * FIELDS + f]!;
      }
      return figuresAt(sums, 0, p90OfSortedRuns(runsOfHalls(hallIds)));
    },
  };
}
