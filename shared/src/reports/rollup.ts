import {
  compareKeys, round, type Figures, type GroupFigures, type GroupKey, type RatingFact, type Summary, type TicketFact,
} from './summary';

/**
 * Exact partial figures of one hall day × service × counter × staff × hour of issue. Sums and
 * counts add up across rows; `waits` keeps every called ticket's wait (sorted) so the p90 of any
 * union of rows is exact, and the service level can use the service's current target.
 */
export interface RollupRow {
  hallDay: string;
  serviceCode: string;
  /** 0 when the ticket never reached a counter / nobody served it. */
  counterId: number;
  staffId: number;
  hour: number;
  issued: number;
  served: number;
  noShow: number;
  called: number;
  waitSum: number;
  serviceCount: number;
  serviceSum: number;
  estimateCount: number;
  estimateAbsErrorSum: number;
  estimateErrorSum: number;
  ratingCount: number;
  scoreSum: number;
  /** Counts of scores 1…5 at index 0…4. */
  scores: [number, number, number, number, number];
  /** attitude, efficiency, policy, competence: sum and count each. */
  dimensionSums: [number, number, number, number];
  dimensionCounts: [number, number, number, number];
  waits: Int32Array;
}

const DIMENSIONS = ['attitude', 'efficiency', 'policy', 'competence'] as const;

function emptyRow(hallDay: string, serviceCode: string, counterId: number, staffId: number, hour: number): RollupRow {
  return {
    hallDay, serviceCode, counterId, staffId, hour, issued: 0, served: 0, noShow: 0, called: 0, waitSum: 0, serviceCount: 0,
    serviceSum: 0, estimateCount: 0, estimateAbsErrorSum: 0, estimateErrorSum: 0, ratingCount: 0, scoreSum: 0,
    scores: [0, 0, 0, 0, 0], dimensionSums: [0, 0, 0, 0], dimensionCounts: [0, 0, 0, 0], waits: new Int32Array(0),
  };
}

/** Folds the tickets and ratings of any set of days into rollup rows (one per day×service×counter×staff×hour). */
export function buildRollupRows(tickets: readonly TicketFact[], ratings: readonly RatingFact[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  const waitLists = new Map<RollupRow, number[]>();
  const rowOf = (day: string, service: string, counter: number | null, staff: number | null, hour: number) => {
    const key = `${day}|${service}|${counter ?? 0}|${staff ?? 0}|${hour}`;
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(day, service, counter ?? 0, staff ?? 0, hour);
      rows.set(key, row);
      waitLists.set(row, []);
    }
    return row;
  };
  for (const t of tickets) {
    const row = rowOf(t.hallDay, t.serviceCode, t.counterId, t.staffId, t.issuedHour);
    row.issued += 1;
    if (t.state === 'done') row.served += 1;
    if (t.state === 'no_show') row.noShow += 1;
    if (t.serviceSeconds !== null) {
      row.serviceCount += 1;
      row.serviceSum += t.serviceSeconds;
    }
    if (t.waitSeconds === null) continue;
    row.called += 1;
    row.waitSum += t.waitSeconds;
    waitLists.get(row)!.push(t.waitSeconds);
    if (t.estimatedWaitSeconds !== null) {
      const error = t.estimatedWaitSeconds - t.waitSeconds;
      row.estimateCount += 1;
      row.estimateErrorSum += error;
      row.estimateAbsErrorSum += Math.abs(error);
    }
  }
  for (const r of ratings) {
    const row = rowOf(r.hallDay, r.serviceCode, r.counterId, r.staffId, r.issuedHour);
    row.ratingCount += 1;
    row.scoreSum += r.score;
    row.scores[r.score - 1] = (row.scores[r.score - 1] ?? 0) + 1;
    DIMENSIONS.forEach((dimension, index) => {
      const value = r[dimension];
      if (value === null) return;
      row.dimensionSums[index] = (row.dimensionSums[index] ?? 0) + value;
      row.dimensionCounts[index] = (row.dimensionCounts[index] ?? 0) + 1;
    });
  }
  for (const [row, waits] of waitLists) row.waits = Int32Array.from(waits).sort();
  return [...rows.values()];
}

/**
 * A day's rollup rows packed in one Int32Array (stored as one blob per day): a header, then
 * ROW_INTS integers per row, then every row's sorted waits in row order.
 */
export const HEADER_INTS = 4; // version, rows, p90 of the day (-1: none), total waits
export const ROW_INTS = 31; // service code (2 char codes), counter, staff, hour, 25 figures, number of waits
export const FIELDS = 26; // the 25 figures of a row, then waits within target (computed at query time)
export const WITHIN = 25;
export const FORMAT_VERSION = 1;

export function packDay(rows: readonly RollupRow[]): Int32Array {
  const waitCount = rows.reduce((n, r) => n + r.waits.length, 0);
  const packed = new Int32Array(HEADER_INTS + rows.length * ROW_INTS + waitCount);
  const allWaits = new Int32Array(waitCount);
  let w = HEADER_INTS + rows.length * ROW_INTS;
  let all = 0;
  rows.forEach((r, i) => {
    const o = HEADER_INTS + i * ROW_INTS;
    packed.set([
      r.serviceCode.charCodeAt(0), r.serviceCode.length > 1 ? r.serviceCode.charCodeAt(1) : 0, r.counterId, r.staffId, r.hour,
      r.issued, r.served, r.noShow, r.called, r.waitSum, r.serviceCount, r.serviceSum, r.estimateCount, r.estimateAbsErrorSum,
      r.estimateErrorSum, r.ratingCount, r.scoreSum, ...r.scores, r.dimensionSums[0], r.dimensionCounts[0], r.dimensionSums[1],
      r.dimensionCounts[1], r.dimensionSums[2], r.dimensionCounts[2], r.dimensionSums[3], r.dimensionCounts[3], r.waits.length,
    ], o);
    packed.set(r.waits, w);
    allWaits.set(r.waits, all);
    w += r.waits.length;
    all += r.waits.length;
  });
  allWaits.sort();
  packed.set([FORMAT_VERSION, rows.length, waitCount === 0 ? -1 : allWaits[Math.max(1, Math.ceil(0.9 * waitCount)) - 1]!, waitCount], 0);
  return packed;
}

/**
 * A month's days pre-merged in one Int32Array (format 3), so a year is summed from 12 packs instead
 * of ~360. Rows are the days' rows summed per service × counter × staff × hour (no day key) with
 * their waits merged and sorted; each day keeps its own figures and p90 plus its waits per service,
 * so byDay and the service level under any later target stay exact. Per group of the service,
 * counter, staff and hour dimensions a coarse histogram (waits per whole minute) lets the summary
 * find each group's p90 minute without visiting every wait, then the exact second inside it.
 *
 *   header: version 3, rows, days, day×service cells, row waits, cell waits, coarse groups, coarse pairs
 *   rows × ROW_INTS (the day format's row layout)
 *   days × DAY_INTS: yyyymmdd, p90 of the day (-1: none), 25 figures, number of cells
 *   cells × CELL_INTS: service code (2 char codes), number of waits
 *   coarse groups × 3: dimension (0 service, 1 counter, 2 staff, 3 hour), key (service: code0·256+code1), pairs
 *   coarse pairs × 2: minute (⌊wait / 60⌋), waits in it — per group in group order, minutes ascending
 *   every row's sorted waits in row order, then every cell's sorted waits in cell order
 */
export const MONTH_VERSION = 3;
export const MONTH_HEADER_INTS = 8;
export const DAY_INTS = 28;
export const CELL_INTS = 3;
const BUCKET = 60;

/** Whether a stored month pack has the format this build writes (an older one is packed again). */
export function isCurrentMonthPack(packed: Int32Array): boolean {
  return packed[0] === MONTH_VERSION;
}

/** Where the waits of a day (format 1) or month (format 2) pack start, and the rows before them. */
function rowsOf(packed: Int32Array, label: string): { rows: number; rowStart: number; waitStart: number } {
  if (packed[0] === FORMAT_VERSION) {
    const rows = packed[1]!;
    return { rows, rowStart: HEADER_INTS, waitStart: HEADER_INTS + rows * ROW_INTS };
  }
  if (packed[0] === MONTH_VERSION) {
    const rows = packed[1]!;
    return {
      rows, rowStart: MONTH_HEADER_INTS,
      waitStart: MONTH_HEADER_INTS + rows * ROW_INTS + packed[2]! * DAY_INTS + packed[3]! * CELL_INTS + packed[6]! * 3 + packed[7]! * 2,
    };
  }
  throw new Error(`report rollup of ${label} has an unknown format`);
}

const dayNumber = (hallDay: string) => Number(hallDay.slice(0, 4)) * 10_000 + Number(hallDay.slice(5, 7)) * 100 + Number(hallDay.slice(8, 10));
export const dayOfNumber = (n: number) =>
  `${String(Math.floor(n / 10_000)).padStart(4, '0')}-${String(Math.floor(n / 100) % 100).padStart(2, '0')}-${String(n % 100).padStart(2, '0')}`;

function sortedConcat(parts: readonly Int32Array[]): Int32Array {
  const all = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return parts.length > 1 ? all.sort() : all;
}

/**
 * Packs the packed days (format 1) of one month, or of any run of days, into one format-2 pack:
 * `summarizeDays([packMonth(days)])` equals `summarizeDays(days)` for every target.
 */
export function packMonth(days: readonly { hallDay: string; packed: Int32Array }[]): Int32Array {
  const combos = new Map<string, { head: number[]; figures: number[]; waits: Int32Array[] }>();
  const dayEntries: { day: number; p90: number; figures: number[]; cells: Map<string, Int32Array[]> }[] = [];
  for (const { hallDay, packed } of days) {
    if (packed[0] !== FORMAT_VERSION) throw new Error(`report rollup of ${hallDay} has an unknown format`);
    const rows = packed[1]!;
    if (rows === 0) continue;
    const entry = { day: dayNumber(hallDay), p90: packed[2]!, figures: new Array<number>(25).fill(0), cells: new Map<string, Int32Array[]>() };
    dayEntries.push(entry);
    let w = HEADER_INTS + rows * ROW_INTS;
    for (let r = 0; r < rows; r += 1) {
      const o = HEADER_INTS + r * ROW_INTS;
      const key = `${packed[o]}|${packed[o + 1]}|${packed[o + 2]}|${packed[o + 3]}|${packed[o + 4]}`;
      let combo = combos.get(key);
      if (!combo) {
        combo = { head: Array.from(packed.subarray(o, o + 5)), figures: new Array<number>(25).fill(0), waits: [] };
        combos.set(key, combo);
      }
      const count = packed[o + 30]!;
      const waits = packed.subarray(w, w + count);
      w += count;
      for (let f = 0; f < 25; f += 1) {
        combo.figures[f]! += packed[o + 5 + f]!;
        entry.figures[f]! += packed[o + 5 + f]!;
      }
      combo.waits.push(waits);
      const cellKey = `${packed[o]}|${packed[o + 1]}`;
      const cell = entry.cells.get(cellKey);
      if (cell) cell.push(waits);
      else entry.cells.set(cellKey, [waits]);
    }
  }
  dayEntries.sort((a, b) => a.day - b.day);
  const rowWaits = [...combos.values()].map((c) => sortedConcat(c.waits));
  const cells = dayEntries.flatMap((d) => [...d.cells].map(([key, parts]) => ({ code: key.split('|').map(Number), waits: sortedConcat(parts) })));
  const rowWaitCount = rowWaits.reduce((n, w) => n + w.length, 0);
  const cellWaitCount = cells.reduce((n, c) => n + c.waits.length, 0);
  // Coarse histograms per group: dimension·2^32 + key → minute → waits.
  const coarse = new Map<number, Map<number, number>>();
  [...combos.values()].forEach((combo, i) => {
    const [c0, c1, counterId, staffId, hourOfIssue] = combo.head as [number, number, number, number, number];
    const groups = [[0, c0 * 256 + c1], [1, counterId], [2, staffId], [3, hourOfIssue]].filter(([d, key]) => d === 0 || d === 3 || key !== 0);
    for (const wait of rowWaits[i]!) {
      const minute = Math.floor(wait / BUCKET);
      for (const [d, key] of groups) {
        const id = d! * 2 ** 32 + key!;
        let histogram = coarse.get(id);
        if (!histogram) coarse.set(id, (histogram = new Map()));
        histogram.set(minute, (histogram.get(minute) ?? 0) + 1);
      }
    }
  });
  const coarsePairs = [...coarse.values()].reduce((n, h) => n + h.size, 0);
  const packed = new Int32Array(
    MONTH_HEADER_INTS + combos.size * ROW_INTS + dayEntries.length * DAY_INTS + cells.length * CELL_INTS + coarse.size * 3 + coarsePairs * 2 +
      rowWaitCount + cellWaitCount,
  );
  packed.set([MONTH_VERSION, combos.size, dayEntries.length, cells.length, rowWaitCount, cellWaitCount, coarse.size, coarsePairs], 0);
  let o = MONTH_HEADER_INTS;
  [...combos.values()].forEach((combo, i) => {
    packed.set([...combo.head, ...combo.figures, rowWaits[i]!.length], o);
    o += ROW_INTS;
  });
  for (const d of dayEntries) {
    packed.set([d.day, d.p90, ...d.figures, d.cells.size], o);
    o += DAY_INTS;
  }
  for (const cell of cells) {
    packed.set([cell.code[0]!, cell.code[1]!, cell.waits.length], o);
    o += CELL_INTS;
  }
  for (const [id, histogram] of coarse) {
    packed.set([Math.floor(id / 2 ** 32), id % 2 ** 32, histogram.size], o);
    o += 3;
  }
  for (const histogram of coarse.values()) {
    for (const minute of [...histogram.keys()].sort((a, b) => a - b)) {
      packed.set([minute, histogram.get(minute)!], o);
      o += 2;
    }
  }
  for (const waits of [...rowWaits, ...cells.map((c) => c.waits)]) {
    packed.set(waits, o);
    o += waits.length;
  }
  return packed;
}

/** Number of values ≤ limit in sorted[from, to). */
export function countAtMost(sorted: Int32Array, from: number, to: number, limit: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo - from;
}

/** One report dimension being summed: group keys, figures per group, and a wait histogram per group. */
class Dimension<K extends GroupKey> {
  keys: K[] = [];
  index = new Map<K, number>();
  figures: number[] = [];

  group(key: K): number {
    let g = this.index.get(key);
    if (g === undefined) {
      g = this.keys.length;
      this.keys.push(key);
      this.index.set(key, g);
      for (let f = 0; f < FIELDS; f += 1) this.figures.push(0);
    }
    return g;
  }
}

export function figuresAt(values: ArrayLike<number>, o: number, p90: number | null): Figures {
  const v = (f: number) => values[o + f]!;
  const dimension = (i: number) => round.dimension(v(17 + 2 * i), v(18 + 2 * i));
  const [issued, served, noShow, called, waitSum, serviceCount, serviceSum, estimateCount, estimateAbs, estimateSum, ratingCount, scoreSum] =
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(v) as [number, number, number, number, number, number, number, number, number, number, number, number];
  const [s1, s2, s3, s4, s5] = [12, 13, 14, 15, 16].map(v) as [number, number, number, number, number];
  return {
    issued, served, noShow,
    noShowRate: round.rate(noShow, called),
    avgWaitSeconds: round.seconds(waitSum, called),
    p90WaitSeconds: p90,
    avgServiceSeconds: round.seconds(serviceSum, serviceCount),
    serviceLevel: round.rate(v(WITHIN), called),
    satisfaction: {
      count: ratingCount,
      average: round.score(scoreSum, ratingCount),
      satisfiedRate: round.rate(s4 + s5, ratingCount),
      distribution: { '1': s1, '2': s2, '3': s3, '4': s4, '5': s5 },
      dimensions: { attitude: dimension(0), efficiency: dimension(1), policy: dimension(2), competence: dimension(3) },
    },
    waitEstimate: {
      count: estimateCount,
      meanAbsErrorSeconds: round.seconds(estimateAbs, estimateCount),
      meanErrorSeconds: round.seconds(estimateSum, estimateCount),
    },
  };
}

/**
 * What summing a month pack needs, worked out once per pack object (the hall keeps its month packs
 * in memory, so a repeated report reuses it): the pack's own groups per dimension (service as
 * code0·256+code1, counter, staff, hour), each row's group in each (-1: none), the rows' figures
 * summed per group, its days as packed, and — memoised, as they depend on the targets or on the
 * report's p90 minutes — the waits within target per group and day, and a group's waits per second
 * of one minute. Everything here is exact; nothing depends on other packs.
 */
interface MonthDigest {
  keys: [number[], number[], number[], number[]];
  rowGroups: Int32Array;
  figures: [Float64Array, Float64Array, Float64Array, Float64Array];
  /** Rows of each local group per dimension; index 4: every row (the whole range). */
  rowsOfGroup: Int32Array[][];
  rowWaits: Int32Array; // 2 per row: first wait's index in the pack, number of waits
  minWait: number;
  maxWait: number;
  dayKeys: string[];
  dayP90: (number | null)[];
  dayFigures: Float64Array; // 25 per day
  within: Map<string, { groups: Float64Array[]; days: Float64Array }>;
  fine: Map<string, Int32Array>;
}
const digests = new WeakMap<Int32Array, MonthDigest>();

/**
 * The groups of a pack's rows in the four dimensions (service as code0·256+code1, counter, staff,
 * hour; a counter or staff of 0 is no group): each dimension's keys in the order rows name them,
 * each row's group per dimension (4 per row, -1: none), each group's 25 figures summed and its rows.
 */
export function groupRows(packed: Int32Array, rows: number, rowStart: number) {
  const keys: [number[], number[], number[], number[]] = [[], [], [], []];
  const indexes = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  const rowGroups = new Int32Array(rows * 4);
  const figures: [number[], number[], number[], number[]] = [[], [], [], []];
  const members: number[][][] = [[], [], [], []];
  for (let r = 0; r < rows; r += 1) {
    const o = rowStart + r * ROW_INTS;
    const rowKeys = [packed[o]! * 256 + packed[o + 1]!, packed[o + 2]!, packed[o + 3]!, packed[o + 4]!];
    for (let d = 0; d < 4; d += 1) {
      const key = rowKeys[d]!;
      if ((d === 1 || d === 2) && key === 0) {
        rowGroups[r * 4 + d] = -1;
        continue;
      }
      let g = indexes[d]!.get(key);
      if (g === undefined) {
        g = keys[d]!.length;
        keys[d]!.push(key);
        indexes[d]!.set(key, g);
        members[d]!.push([]);
        for (let f = 0; f < 25; f += 1) figures[d]!.push(0);
      }
      rowGroups[r * 4 + d] = g;
      members[d]![g]!.push(r);
      for (let f = 0; f < 25; f += 1) figures[d]![g * 25 + f]! += packed[o + 5 + f]!;
    }
  }
  return { keys, rowGroups, figures, members };
}

function digestOf(packed: Int32Array): MonthDigest {
  let digest = digests.get(packed);
  if (digest) return digest;
  const { rows, rowStart, waitStart } = rowsOf(packed, 'a month pack');
  const { keys, rowGroups, figures: sums, members } = groupRows(packed, rows, rowStart);
  const rowWaits = new Int32Array(rows * 2);
  let minWait = Number.POSITIVE_INFINITY;
  let maxWait = Number.NEGATIVE_INFINITY;
  let w = waitStart;
  for (let r = 0; r < rows; r += 1) {
    const o = rowStart + r * ROW_INTS;
    const waits = packed[o + 30]!;
    rowWaits[r * 2] = w;
    rowWaits[r * 2 + 1] = waits;
    if (waits > 0) {
      minWait = Math.min(minWait, packed[w]!);
      maxWait = Math.max(maxWait, packed[w + waits - 1]!);
    }
    w += waits;
  }
  const dayCount = packed[2]!;
  const dayStart = rowStart + rows * ROW_INTS;
  const dayKeys: string[] = [];
  const dayP90: (number | null)[] = [];
  const dayFigures = new Float64Array(dayCount * 25);
  for (let d = 0; d < dayCount; d += 1) {
    const o = dayStart + d * DAY_INTS;
    dayKeys.push(dayOfNumber(packed[o]!));
    dayP90.push(packed[o + 1]! < 0 ? null : packed[o + 1]!);
    dayFigures.set(packed.subarray(o + 2, o + 27), d * 25);
  }
  digest = {
    keys, rowGroups, figures: [Float64Array.from(sums[0]!), Float64Array.from(sums[1]!), Float64Array.from(sums[2]!), Float64Array.from(sums[3]!)],
    rowsOfGroup: [...members.map((groups) => groups.map((list) => Int32Array.from(list))), [Int32Array.from({ length: rows }, (_, r) => r)]],
    rowWaits, minWait, maxWait, dayKeys, dayP90, dayFigures, within: new Map(), fine: new Map(),
  };
  digests.set(packed, digest);
  return digest;
}

/** Waits within target per local group (per dimension) and per day of a month pack, for one set of targets (by service key). */
function withinOf(digest: MonthDigest, packed: Int32Array, targetOf: (serviceKey: number) => number) {
  const signature = digest.keys[0].map(targetOf).join(',');
  let within = digest.within.get(signature);
  if (within) return within;
  const groups = digest.keys.map((keys) => new Float64Array(keys.length));
  const rows = packed[1]!;
  for (let r = 0; r < rows; r += 1) {
    const waits = digest.rowWaits[r * 2 + 1]!;
    if (waits === 0) continue;
    const o = MONTH_HEADER_INTS + r * ROW_INTS;
    const w = digest.rowWaits[r * 2]!;
    const count = countAtMost(packed, w, w + waits, targetOf(packed[o]! * 256 + packed[o + 1]!));
    for (let d = 0; d < 4; d += 1) {
      const g = digest.rowGroups[r * 4 + d]!;
      if (g >= 0) groups[d]![g]! += count;
    }
  }
  const dayCount = packed[2]!;
  const days = new Float64Array(dayCount);
  const dayStart = MONTH_HEADER_INTS + rows * ROW_INTS;
  let c = dayStart + dayCount * DAY_INTS;
  let w = rows === 0 ? rowsOf(packed, 'a month pack').waitStart : digest.rowWaits[rows * 2 - 2]! + digest.rowWaits[rows * 2 - 1]!;
  for (let d = 0; d < dayCount; d += 1) {
    for (let k = packed[dayStart + d * DAY_INTS + 27]!; k > 0; k -= 1, c += CELL_INTS) {
      const waits = packed[c + 2]!;
      days[d]! += countAtMost(packed, w, w + waits, targetOf(packed[c]! * 256 + packed[c + 1]!));
      w += waits;
    }
  }
  within = { groups, days };
  if (digest.within.size >= 16) digest.within.clear();
  digest.within.set(signature, within);
  return within;
}

/** A month pack's waits of one local group (dimension 4: all rows) per second of the minute starting at `from`. */
function fineOf(digest: MonthDigest, packed: Int32Array, d: number, group: number, from: number): Int32Array {
  const key = `${d}|${group}|${from}`;
  let counts = digest.fine.get(key);
  if (counts) return counts;
  counts = new Int32Array(BUCKET);
  for (const r of digest.rowsOfGroup[d]![group]!) {
    const w = digest.rowWaits[r * 2]!;
    const waits = digest.rowWaits[r * 2 + 1]!;
    if (waits === 0 || packed[w + waits - 1]! < from || packed[w]! >= from + BUCKET) continue;
    for (let i = w + countAtMost(packed, w, w + waits, from - 1); i < w + waits && packed[i]! < from + BUCKET; i += 1) counts[packed[i]! - from]! += 1;
  }
  if (digest.fine.size >= 1024) digest.fine.clear();
  digest.fine.set(key, counts);
  return counts;
}

/**
 * The summary report from packed days (format 1) and packed months (format 2, see `packMonth`; a
 * month pack's `hallDay` only labels errors): the same figures `summarize` computes from every
 * ticket, exactly (p90 included, by counting waits at 1-second resolution). `targetWaitSeconds`
 * gives each service's current target, so a changed target applies to past days at once. The packs
 * must not overlap (a day in a month pack is not passed again on its own).
 */
export function summarizeDays(days: readonly { hallDay: string; packed: Int32Array }[], targetWaitSeconds: (serviceCode: string) => number): Summary {
  const service = new Dimension<string>();
  const counter = new Dimension<number>();
  const staff = new Dimension<number>();
  const hour = new Dimension<number>();
  const day = new Dimension<string>();
  const dayP90 = new Map<string, number | null>();
  const targets = new Map<number, number>();
  const codes = new Map<number, string>();
  const codeOf = (c0: number, c1: number) => {
    const codeKey = c0 * 256 + c1;
    let code = codes.get(codeKey);
    if (code === undefined) {
      code = String.fromCharCode(c0) + (c1 ? String.fromCharCode(c1) : '');
      codes.set(codeKey, code);
      targets.set(codeKey, targetWaitSeconds(code));
    }
    return code;
  };
  let minWait = Number.POSITIVE_INFINITY;
  let maxWait = Number.NEGATIVE_INFINITY;
  // Rows of different days with the same service × counter × staff × hour are summed first (a
  // year has ~90k rows but a few hundred such combinations), then each combination is added to
  // its group in every dimension.
  const comboIndex = new Map<number | string, number>();
  const comboGroups: number[] = []; // 4 per combination: service, counter, staff, hour group (-1: none)
  let comboFigures = new Float64Array(512 * FIELDS);
  const rowCombo: number[] = [];
  const dims = [service, counter, staff, hour] as const;
  // Per month pack: its groups' indexes in this report, per dimension (day packs: undefined).
  const packGroups: (Int32Array[] | undefined)[] = [];

  for (const { hallDay, packed } of days) {
    const { rows, rowStart, waitStart } = rowsOf(packed, hallDay);
    const isDay = packed[0] === FORMAT_VERSION;
    packGroups.push(undefined);
    // A day without tickets is stored so it is not rebuilt, but it is no group of the report.
    if (isDay && rows === 0) continue;
    const dayFigures = day.figures;
    let dayBase = -1;
    if (isDay) {
      dayP90.set(hallDay, packed[2]! < 0 ? null : packed[2]!);
      dayBase = day.group(hallDay) * FIELDS;
    }
    let w = waitStart;
    if (!isDay) {
      // A month pack: figures summed per group and day, waits within target per group and day, from its digest.
      const digest = digestOf(packed);
      const groupOf = [
        (key: number) => service.group(codeOf(key >> 8, key & 255)), (key: number) => counter.group(key), (key: number) => staff.group(key), (key: number) => hour.group(key),
      ];
      const groups = digest.keys.map((keys, d) => Int32Array.from(keys, groupOf[d]!));
      packGroups[packGroups.length - 1] = groups;
      const within = withinOf(digest, packed, (key) => targets.get(key)!);
      for (let d = 0; d < 4; d += 1) {
        const figures = dims[d]!.figures;
        const sums = digest.figures[d]!;
        const map = groups[d]!;
        for (let g = 0; g < map.length; g += 1) {
          for (let f = 0; f < 25; f += 1) figures[map[g]! * FIELDS + f]! += sums[g * 25 + f]!;
          figures[map[g]! * FIELDS + WITHIN]! += within.groups[d]![g]!;
        }
      }
      minWait = Math.min(minWait, digest.minWait);
      maxWait = Math.max(maxWait, digest.maxWait);
      digest.dayKeys.forEach((key, d) => {
        dayP90.set(key, digest.dayP90[d] ?? null);
        const base = day.group(key) * FIELDS;
        for (let f = 0; f < 25; f += 1) dayFigures[base + f]! += digest.dayFigures[d * 25 + f]!;
        dayFigures[base + WITHIN]! += within.days[d]!;
      });
      continue;
    }
    for (let r = 0; r < rows; r += 1) {
      const o = rowStart + r * ROW_INTS;
      const codeKey = packed[o]! * 256 + packed[o + 1]!;
      const counterId = packed[o + 2]!;
      const staffId = packed[o + 3]!;
      const hourOfIssue = packed[o + 4]!;
      const key = counterId < 65_536 && staffId < 65_536 && counterId >= 0 && staffId >= 0
        ? ((codeKey * 65_536 + counterId) * 65_536 + staffId) * 32 + hourOfIssue
        : `${codeKey}|${counterId}|${staffId}|${hourOfIssue}`;
      let combo = comboIndex.get(key);
      if (combo === undefined) {
        const code = codeOf(packed[o]!, packed[o + 1]!);
        combo = comboIndex.size;
        comboIndex.set(key, combo);
        comboGroups.push(service.group(code), counterId === 0 ? -1 : counter.group(counterId), staffId === 0 ? -1 : staff.group(staffId), hour.group(hourOfIssue));
        if ((combo + 1) * FIELDS > comboFigures.length) {
          const grown = new Float64Array(comboFigures.length * 2);
          grown.set(comboFigures);
          comboFigures = grown;
        }
      }
      const waits = packed[o + 30]!;
      const within = countAtMost(packed, w, w + waits, targets.get(codeKey)!);
      if (waits > 0) {
        minWait = Math.min(minWait, packed[w]!);
        maxWait = Math.max(maxWait, packed[w + waits - 1]!);
      }
      w += waits;
      rowCombo.push(combo);
      const base = combo * FIELDS;
      for (let f = 0; f < 25; f += 1) comboFigures[base + f]! += packed[o + 5 + f]!;
      comboFigures[base + WITHIN]! += within;
      if (isDay) {
        for (let f = 0; f < 25; f += 1) dayFigures[dayBase + f]! += packed[o + 5 + f]!;
        dayFigures[dayBase + WITHIN]! += within;
      }
    }
  }
  for (let combo = 0; combo < comboIndex.size; combo += 1) {
    for (let d = 0; d < 4; d += 1) {
      const g = comboGroups[combo * 4 + d]!;
      if (g < 0) continue;
      const figures = dims[d]!.figures;
      for (let f = 0; f < FIELDS; f += 1) figures[g * FIELDS + f]! += comboFigures[combo * FIELDS + f]!;
    }
  }

  const total = new Array<number>(FIELDS).fill(0);
  for (let g = 0; g < service.keys.length; g += 1) for (let f = 0; f < FIELDS; f += 1) total[f]! += service.figures[g * FIELDS + f]!;

  // The p90 of every group of service, counter, staff and hour, and of the whole range (days carry
  // their own): first the minute holding the group's p90 rank, from coarse histograms (packed in
  // month packs, counted here for loose days), then the exact second inside that minute, from the
  // sorted waits of the rows in the group that reach into it.
  const groupCounts = [service.keys.length, counter.keys.length, staff.keys.length, hour.keys.length, 1];
  const calledOf = (d: number, g: number) => (d === 4 ? total[3]! : dims[d]!.figures[g * FIELDS + 3]!);
  const minMinute = Math.floor(minWait / BUCKET);
  const minutes = maxWait >= minWait ? Math.floor(maxWait / BUCKET) - minMinute + 1 : 0;
  const coarse = groupCounts.map((n) => new Int32Array(n * minutes));
  const groupOfKey = (d: number, key: number): number =>
    d === 0 ? service.index.get(codes.get(key)!)! : d === 1 ? counter.index.get(key)! : d === 2 ? staff.index.get(key)! : hour.index.get(key)!;
  let row = 0;
  for (const { hallDay, packed } of days) {
    const { rows, rowStart, waitStart } = rowsOf(packed, hallDay);
    if (packed[0] === MONTH_VERSION) {
      let pair = rowStart + rows * ROW_INTS + packed[2]! * DAY_INTS + packed[3]! * CELL_INTS;
      const groupHeads = pair;
      pair += packed[6]! * 3;
      for (let h = 0; h < packed[6]!; h += 1) {
        const d = packed[groupHeads + h * 3]!;
        const offset = groupOfKey(d, packed[groupHeads + h * 3 + 1]!) * minutes - minMinute;
        const histogram = coarse[d]!;
        const totals = coarse[4]!;
        for (let n = packed[groupHeads + h * 3 + 2]!; n > 0; n -= 1, pair += 2) {
          histogram[offset + packed[pair]!]! += packed[pair + 1]!;
          if (d === 0) totals[packed[pair]! - minMinute]! += packed[pair + 1]!;
        }
      }
      continue;
    }
    let w = waitStart;
    for (let r = 0; r < rows; r += 1, row += 1) {
      const waits = packed[rowStart + r * ROW_INTS + 30]!;
      if (waits === 0) continue;
      const combo = rowCombo[row]!;
      for (let d = 0; d < 5; d += 1) {
        const g = d === 4 ? 0 : comboGroups[combo * 4 + d]!;
        if (g < 0) continue;
        const histogram = coarse[d]!;
        const offset = g * minutes - minMinute;
        for (let i = w; i < w + waits; i += 1) histogram[offset + Math.floor(packed[i]! / BUCKET)]! += 1;
      }
      w += waits;
    }
  }
  // The first second of the minute of each group's p90 (NaN: no waits) and the rank left to find inside it.
  const minuteOf = groupCounts.map((n) => new Float64Array(n).fill(Number.NaN));
  const rankLeft = groupCounts.map((n) => new Int32Array(n));
  for (let d = 0; d < 5; d += 1) {
    for (let g = 0; g < groupCounts[d]!; g += 1) {
      const n = calledOf(d, g);
      if (n === 0) continue;
      let rank = Math.max(1, Math.ceil(0.9 * n));
      const histogram = coarse[d]!;
      for (let m = 0; m < minutes; m += 1) {
        const inMinute = histogram[g * minutes + m]!;
        if (inMinute >= rank) {
          minuteOf[d]![g] = (m + minMinute) * BUCKET;
          rankLeft[d]![g] = rank;
          break;
        }
        rank -= inMinute;
      }
    }
  }
  const fine = groupCounts.map((n) => new Int32Array(n * BUCKET));
  row = 0;
  days.forEach(({ hallDay, packed }, p) => {
    const { rows, rowStart, waitStart } = rowsOf(packed, hallDay);
    const groups = packGroups[p];
    if (groups) {
      // A month pack: per local group, its waits per second of the group's p90 minute (memoised).
      const digest = digestOf(packed);
      for (let d = 0; d < 5; d += 1) {
        const locals = d === 4 ? 1 : groups[d]!.length;
        for (let lg = 0; lg < locals; lg += 1) {
          const g = d === 4 ? 0 : groups[d]![lg]!;
          const from = minuteOf[d]![g]!;
          if (Number.isNaN(from)) continue;
          const counts = fineOf(digest, packed, d, lg, from);
          const target = fine[d]!;
          for (let s = 0; s < BUCKET; s += 1) target[g * BUCKET + s]! += counts[s]!;
        }
      }
      return;
    }
    if (packed[0] !== FORMAT_VERSION) return;
    let w = waitStart;
    for (let r = 0; r < rows; r += 1) {
      const combo = rowCombo[row++]!;
      const waits = packed[rowStart + r * ROW_INTS + 30]!;
      if (waits === 0) continue;
      const first = packed[w]!;
      const last = packed[w + waits - 1]!;
      for (let d = 0; d < 5; d += 1) {
        const g = d === 4 ? 0 : comboGroups[combo * 4 + d]!;
        if (g < 0) continue;
        const from = minuteOf[d]![g]!;
        if (Number.isNaN(from) || last < from || first >= from + BUCKET) continue;
        const counts = fine[d]!;
        const offset = g * BUCKET - from;
        for (let i = w + countAtMost(packed, w, w + waits, from - 1); i < w + waits && packed[i]! < from + BUCKET; i += 1) counts[offset + packed[i]!]! += 1;
      }
      w += waits;
    }
  });
  const p90Of = (d: number) => (g: number): number | null => {
    const from = minuteOf[d]![g]!;
    if (Number.isNaN(from)) return null;
    let rank = rankLeft[d]![g]!;
    for (let s = 0; s < BUCKET; s += 1) {
      rank -= fine[d]![g * BUCKET + s]!;
      if (rank <= 0) return from + s;
    }
    throw new Error('report rollup: a p90 minute holds fewer waits than counted');
  };

  const groupsOf = <K extends GroupKey>(dimension: Dimension<K>, p90: (g: number, key: K) => number | null): GroupFigures<K>[] =>
    dimension.keys
      .map((key, g) => ({ key, ...figuresAt(dimension.figures, g * FIELDS, p90(g, key)) }))
      .sort((a, b) => compareKeys(a.key, b.key));
  return {
    ...figuresAt(total, 0, p90Of(4)(0)),
    byService: groupsOf(service, p90Of(0)),
    byCounter: groupsOf(counter, p90Of(1)),
    byStaff: groupsOf(staff, p90Of(2)),
    byHour: groupsOf(hour, p90Of(3)),
    byDay: groupsOf(day, (_g, key) => dayP90.get(key) ?? null),
  };
}

/** The summary from rollup rows of any days (packs them per day first). */
export function summarizeRollups(rows: readonly RollupRow[], targetWaitSeconds: (serviceCode: string) => number): Summary {
  const byDay = new Map<string, RollupRow[]>();
  for (const row of rows) byDay.set(row.hallDay, [...(byDay.get(row.hallDay) ?? []), row]);
  return summarizeDays([...byDay].map(([hallDay, dayRows]) => ({ hallDay, packed: packDay(dayRows) })), targetWaitSeconds);
}

/** The rows of a packed day again (the city merges the days of several halls into one before summing). */
export function unpackDay(hallDay: string, packed: Int32Array): RollupRow[] {
  if (packed[0] !== FORMAT_VERSION) throw new Error(`report rollup of ${hallDay} has an unknown format`);
  const rows = packed[1]!;
  const result: RollupRow[] = [];
  let w = HEADER_INTS + rows * ROW_INTS;
  for (let r = 0; r < rows; r += 1) {
    const o = HEADER_INTS + r * ROW_INTS;
    const v = (f: number) => packed[o + f]!;
    const serviceCode = String.fromCharCode(v(0)) + (v(1) ? String.fromCharCode(v(1)) : '');
    const waits = v(30);
    result.push({
      hallDay, serviceCode, counterId: v(2), staffId: v(3), hour: v(4), issued: v(5), served: v(6), noShow: v(7), called: v(8),
      waitSum: v(9), serviceCount: v(10), serviceSum: v(11), estimateCount: v(12), estimateAbsErrorSum: v(13),
      estimateErrorSum: v(14), ratingCount: v(15), scoreSum: v(16), scores: [v(17), v(18), v(19), v(20), v(21)],
      dimensionSums: [v(22), v(24), v(26), v(28)], dimensionCounts: [v(23), v(25), v(27), v(29)],
      waits: packed.slice(w, w + waits),
    });
    w += waits;
  }
  return result;
}
