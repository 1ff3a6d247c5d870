import {
  CELL_INTS, countAtMost, DAY_INTS, dayOfNumber, FIELDS, figuresAt, FORMAT_VERSION, HEADER_INTS, MONTH_HEADER_INTS, MONTH_VERSION, ROW_INTS, WITHIN,
} from './rollup';
import { compareKeys, type Figures, type GroupFigures, type GroupKey, type Summary } from './summary';

/**
 * Figures-only passes over packed days (`packDay`) for the city: the top-level `Figures` of any set
 * of packs — of one hall, of an area's halls, of a level's — exactly as `summarizeDays` gives them
 * (p90 included, nearest rank over every wait at 1-second resolution), without the group
 * histograms of byService/byCounter/byStaff/byHour; and each day's p90 over several halls' packs of
 * that day, without unpacking and repacking them.
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

/** Where a day or month pack's rows and row waits start, and where a month pack's days, cells and cell waits start. */
function layoutOf(d: PackedDay) {
  const { packed } = d;
  const rows = packed[1]!;
  if (packed[0] === FORMAT_VERSION) return { month: false, rows, rowStart: HEADER_INTS, waitStart: HEADER_INTS + rows * ROW_INTS, dayStart: 0, cellStart: 0, cellWaitStart: 0 };
  if (packed[0] === MONTH_VERSION) {
    const dayStart = MONTH_HEADER_INTS + rows * ROW_INTS;
    const cellStart = dayStart + packed[2]! * DAY_INTS;
    const waitStart = cellStart + packed[3]! * CELL_INTS + packed[6]! * 3 + packed[7]! * 2;
    return { month: true, rows, rowStart: MONTH_HEADER_INTS, waitStart, dayStart, cellStart, cellWaitStart: waitStart + packed[4]! };
  }
  throw new Error(`report rollup of ${d.hallDay} has an unknown format`);
}

/** The k-th smallest (0-based) of values[from, to), by selection (reorders that slice). */
function select(values: Int32Array, from: number, to: number, k: number): number {
  let lo = from;
  let hi = to - 1;
  const target = from + k;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as the pivot
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i += 1;
      while (values[j]! > pivot) j -= 1;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target]!;
  }
  return values[target]!;
}

/** Nearest-rank p90 (rank ⌈0.9·n⌉) of values[from, to); reorders that slice. */
function p90OfSlice(values: Int32Array, from: number, to: number): number | null {
  const n = to - from;
  return n <= 0 ? null : select(values, from, to, Math.max(1, Math.ceil(0.9 * n)) - 1);
}

/** Groups of one report dimension: keys, 26 sums each, and where each group's waits go. */
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

  /** Each group's p90 from its waits gathered in one array (group by group), sorted per group. */
  p90s(waitsOfCombo: (visit: (combo: number, packed: Int32Array, from: number, to: number) => void) => void, groupOfCombo: (combo: number) => number): (number | null)[] {
    const n = this.keys.length;
    const start = new Int32Array(n + 1);
    for (let g = 0; g < n; g += 1) start[g + 1] = start[g]! + this.sums[g * FIELDS + 3]!;
    const at = start.slice(0, n);
    const all = new Int32Array(start[n]!);
    waitsOfCombo((combo, packed, from, to) => {
      const g = groupOfCombo(combo);
      if (g < 0) return;
      let i = at[g]!;
      for (let k = from; k < to; k += 1, i += 1) all[i] = packed[k]!;
      at[g] = i;
    });
    return this.keys.map((_k, g) => p90OfSlice(all, start[g]!, start[g + 1]!));
  }

  figures(p90: (number | null)[]): GroupFigures<K>[] {
    return this.keys.map((key, g) => ({ key, ...figuresAt(this.sums, g * FIELDS, p90[g] ?? null) })).sort((a, b) => compareKeys(a.key, b.key));
  }
}

/**
 * The city's summary over several halls' packed days and months in one pass (a hall's month pack,
 * `packMonth`, stands for its days of that month; packs must not overlap): the same total and
 * groups as `summarizeDays(days, commonTarget)` (byService, byCounter, byStaff, byHour) with byDay over every
 * hall's packs of a day (its p90 over all their waits that day), plus each hall's own figures under
 * its own targets and the figures of any set of halls (an area, a level) under the common targets.
 * Exact: every p90 is the nearest rank over the waits it covers. Counter and staff ids must be
 * city-wide (a counter belongs to one hall).
 */
export function summarizeHalls(
  days: readonly HallPackedDay[],
  commonTarget: (serviceCode: string) => number,
  hallTarget: (hallId: number, serviceCode: string) => number,
) {
  const service = new Groups<string>();
  const counter = new Groups<number>();
  const staff = new Groups<number>();
  const hour = new Groups<number>();
  const day = new Groups<string>();
  const hall = new Groups<number>();
  // Rows of the same hall × service × counter × staff × hour are summed once (a combination), then
  // the combination is added to its groups; days add up per row.
  // Per hall: service × counter × staff × hour as one number (ids below 65,536) or text.
  const comboIndexOf = new Map<number, Map<number | string, number>>();
  let comboCount = 0;
  const comboGroups: number[] = []; // service, counter, staff, hour, hall group per combination (-1: none)
  let comboSums = new Float64Array(1024 * FIELDS);
  const comboOwnWithin: number[] = [];
  // The common and the hall's own target of each combination's service.
  const comboCommonTarget: number[] = [];
  const comboOwnTarget: number[] = [];
  const common = new Map<number, number>();
  const own = new Map<string, number>();
  let rowCount = 0;
  for (const d of days) rowCount += d.packed[1]!;
  const rowCombo = new Int32Array(rowCount);
  const rowDay = new Int32Array(rowCount);
  let row = 0;
  let totalWaits = 0;
  let minWait = Number.POSITIVE_INFINITY;
  let maxWait = Number.NEGATIVE_INFINITY;

  // Per month pack: the day group of each of its days (day packs: undefined).
  const monthDayGroups: (Int32Array | undefined)[] = new Array(days.length);

  for (let p = 0; p < days.length; p += 1) {
    const d = days[p]!;
    const layout = layoutOf(d);
    const { packed, hallId } = d;
    const { rows, rowStart } = layout;
    if (rows === 0) continue;
    let comboIndex = comboIndexOf.get(hallId);
    if (!comboIndex) comboIndexOf.set(hallId, (comboIndex = new Map()));
    // A day pack's rows add to its day; a month pack's rows have no day (its days section does).
    const dayGroup = layout.month ? -1 : day.group(d.hallDay);
    const dayBase = dayGroup * FIELDS;
    const daySums = day.sums;
    let w = layout.waitStart;
    for (let r = 0; r < rows; r += 1) {
      const o = rowStart + r * ROW_INTS;
      const codeKey = packed[o]! * 256 + packed[o + 1]!;
      const counterId = packed[o + 2]!;
      const staffId = packed[o + 3]!;
      const key = counterId < 65_536 && staffId < 65_536 && counterId >= 0 && staffId >= 0
        ? ((codeKey * 65_536 + counterId) * 65_536 + staffId) * 32 + packed[o + 4]!
        : `${codeKey}|${counterId}|${staffId}|${packed[o + 4]}`;
      let combo = comboIndex.get(key);
      if (combo === undefined) {
        const code = codeOf(packed, o);
        if (!common.has(codeKey)) common.set(codeKey, commonTarget(code));
        const ownKey = `${hallId}|${codeKey}`;
        if (!own.has(ownKey)) own.set(ownKey, hallTarget(hallId, code));
        combo = comboCount;
        comboCount += 1;
        comboIndex.set(key, combo);
        comboGroups.push(service.group(code), counterId === 0 ? -1 : counter.group(counterId), staffId === 0 ? -1 : staff.group(staffId), hour.group(packed[o + 4]!), hall.group(hallId));
        if (comboCount * FIELDS > comboSums.length) {
          const grown = new Float64Array(comboSums.length * 2);
          grown.set(comboSums);
          comboSums = grown;
        }
        comboOwnWithin.push(0);
        comboCommonTarget.push(common.get(codeKey)!);
        comboOwnTarget.push(own.get(ownKey)!);
      }
      const waits = packed[o + 30]!;
      const base = combo * FIELDS;
      for (let f = 0; f < 25; f += 1) {
        const value = packed[o + 5 + f]!;
        comboSums[base + f]! += value;
        if (dayGroup >= 0) daySums[dayBase + f]! += value;
      }
      if (waits > 0) {
        const within = countAtMost(packed, w, w + waits, comboCommonTarget[combo]!);
        comboSums[base + WITHIN]! += within;
        if (dayGroup >= 0) daySums[dayBase + WITHIN]! += within;
        comboOwnWithin[combo]! += countAtMost(packed, w, w + waits, comboOwnTarget[combo]!);
        totalWaits += waits;
        if (packed[w]! < minWait) minWait = packed[w]!;
        if (packed[w + waits - 1]! > maxWait) maxWait = packed[w + waits - 1]!;
      }
      w += waits;
      rowCombo[row] = combo;
      rowDay[row] = dayGroup;
      row += 1;
    }
    if (layout.month) {
      // Its days: each day's figures, and its waits within the common target from the day's cells.
      const dayCount = packed[2]!;
      const groups = new Int32Array(dayCount);
      let c = layout.cellStart;
      let cw = layout.cellWaitStart;
      for (let k = 0; k < dayCount; k += 1) {
        const o = layout.dayStart + k * DAY_INTS;
        const g = day.group(dayOfNumber(packed[o]!));
        groups[k] = g;
        const base = g * FIELDS;
        for (let f = 0; f < 25; f += 1) daySums[base + f]! += packed[o + 2 + f]!;
        for (let n = packed[o + 27]!; n > 0; n -= 1, c += CELL_INTS) {
          const codeKey = packed[c]! * 256 + packed[c + 1]!;
          const waits = packed[c + 2]!;
          let target = common.get(codeKey);
          if (target === undefined) common.set(codeKey, (target = commonTarget(codeOf(packed, c))));
          daySums[base + WITHIN]! += countAtMost(packed, cw, cw + waits, target);
          cw += waits;
        }
      }
      monthDayGroups[p] = groups;
    }
  }

  const dims = [service, counter, staff, hour, hall] as const;
  const total = new Array<number>(FIELDS).fill(0);
  const hallOwnWithin = new Map<number, number>();
  for (let combo = 0; combo < comboCount; combo += 1) {
    for (let k = 0; k < 5; k += 1) {
      const g = comboGroups[combo * 5 + k]!;
      if (g < 0) continue;
      const sums = dims[k]!.sums;
      for (let f = 0; f < FIELDS; f += 1) sums[g * FIELDS + f]! += comboSums[combo * FIELDS + f]!;
    }
    for (let f = 0; f < FIELDS; f += 1) total[f]! += comboSums[combo * FIELDS + f]!;
    const hallId = hall.keys[comboGroups[combo * 5 + 4]!]!;
    hallOwnWithin.set(hallId, (hallOwnWithin.get(hallId) ?? 0) + comboOwnWithin[combo]!);
  }

  // Every row's waits, visited in pack order with its combination (or day).
  const visitRows = (visit: (row: number, packed: Int32Array, from: number, to: number) => void) => {
    let row = 0;
    for (const d of days) {
      const { packed } = d;
      const { rows, rowStart, waitStart } = layoutOf(d);
      let w = waitStart;
      for (let r = 0; r < rows; r += 1, row += 1) {
        const waits = packed[rowStart + r * ROW_INTS + 30]!;
        if (waits > 0) visit(row, packed, w, w + waits);
        w += waits;
      }
    }
  };
  const byCombo = (visit: (combo: number, packed: Int32Array, from: number, to: number) => void) =>
    visitRows((row, packed, from, to) => visit(rowCombo[row]!, packed, from, to));
  const p90Of = (k: number) => dims[k]!.p90s(byCombo, (combo) => comboGroups[combo * 5 + k]!);
  const [serviceP90, counterP90, staffP90, hourP90] = [0, 1, 2, 3].map(p90Of) as [(number | null)[], (number | null)[], (number | null)[], (number | null)[]];
  // Each day's waits: a day pack's rows, a month pack's cells of that day.
  const visitDays = (visit: (dayGroup: number, packed: Int32Array, from: number, to: number) => void) => {
    visitRows((row, packed, from, to) => visit(rowDay[row]!, packed, from, to));
    days.forEach((d, p) => {
      const groups = monthDayGroups[p];
      if (!groups) return;
      const { packed } = d;
      const layout = layoutOf(d);
      let c = layout.cellStart;
      let cw = layout.cellWaitStart;
      for (let k = 0; k < groups.length; k += 1) {
        for (let n = packed[layout.dayStart + k * DAY_INTS + 27]!; n > 0; n -= 1, c += CELL_INTS) {
          const waits = packed[c + 2]!;
          if (waits > 0) visit(groups[k]!, packed, cw, cw + waits);
          cw += waits;
        }
      }
    });
  };
  const dayP90 = day.p90s(visitDays, (g) => g);

  // Each hall's waits: its own p90, and p90s over sets of halls.
  const hallWaits = new Map<number, Int32Array>();
  {
    const n = hall.keys.length;
    const start = new Int32Array(n + 1);
    for (let g = 0; g < n; g += 1) start[g + 1] = start[g]! + hall.sums[g * FIELDS + 3]!;
    const at = start.slice(0, n);
    const all = new Int32Array(start[n]!);
    byCombo((combo, packed, from, to) => {
      const g = comboGroups[combo * 5 + 4]!;
      let i = at[g]!;
      for (let k = from; k < to; k += 1, i += 1) all[i] = packed[k]!;
      at[g] = i;
    });
    hall.keys.forEach((hallId, g) => hallWaits.set(hallId, all.subarray(start[g]!, start[g + 1]!)));
  }
  const hallP90 = hall.keys.map((hallId) => {
    const waits = hallWaits.get(hallId)!;
    return p90OfSlice(waits, 0, waits.length);
  });

  /** Nearest-rank p90 over the waits of these halls, by a 1-second histogram. */
  const p90OfHalls = (ids: readonly number[]): number | null => {
    let n = 0;
    for (const id of ids) n += hallWaits.get(id)?.length ?? 0;
    if (n === 0) return null;
    const hist = new Int32Array(maxWait - minWait + 1);
    for (const id of ids) {
      const waits = hallWaits.get(id);
      if (waits) for (let i = 0; i < waits.length; i += 1) hist[waits[i]! - minWait]! += 1;
    }
    const rank = Math.max(1, Math.ceil(0.9 * n));
    let seen = 0;
    for (let i = 0; i < hist.length; i += 1) {
      seen += hist[i]!;
      if (seen >= rank) return minWait + i;
    }
    return null;
  };

  const summary: Summary = {
    ...figuresAt(total, 0, totalWaits === 0 ? null : p90OfHalls(hall.keys)),
    byService: service.figures(serviceP90),
    byCounter: counter.figures(counterP90),
    byStaff: staff.figures(staffP90),
    byHour: hour.figures(hourP90),
    byDay: day.figures(dayP90),
  };

  return {
    summary,
    /** One hall's figures under its own targets (as `figuresOfDays` of its packs). */
    hall(hallId: number): Figures {
      const g = hall.index.get(hallId);
      if (g === undefined) return figuresAt(new Array<number>(FIELDS).fill(0), 0, null);
      const sums = hall.sums.slice(g * FIELDS, (g + 1) * FIELDS);
      sums[WITHIN] = hallOwnWithin.get(hallId) ?? 0;
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
      return figuresAt(sums, 0, p90OfHalls(hallIds));
    },
  };
}
