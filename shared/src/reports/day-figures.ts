import { countAtMost, FIELDS, figuresAt, FORMAT_VERSION, HEADER_INTS, ROW_INTS, WITHIN } from './rollup';
import type { Figures } from './summary';

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
