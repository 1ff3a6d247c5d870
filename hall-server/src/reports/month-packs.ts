import type { Db } from '../db/database';

/** A stored month pack: the first day it covers and the pack (see packMonth in shared/src/reports/rollup.ts). */
export interface StoredMonthPack {
  fromDay: string;
  packed: Int32Array;
}

export type MonthPacksRepo = ReturnType<typeof createMonthPacksRepo>;

/** Little-endian Int32 packs, as the day rollups (reports-repo checks the machine is little-endian). */
function fromBlob(blob: Buffer): Int32Array {
  if (blob.byteOffset % 4 === 0) return new Int32Array(blob.buffer, blob.byteOffset, blob.byteLength >>> 2);
  const copy = new Int32Array(blob.byteLength >>> 2);
  new Uint8Array(copy.buffer).set(blob);
  return copy;
}

/**
 * Past months' packs in report_rollup_months (migration 0015). Triggers on report_rollup_days drop
 * a month's pack whenever one of its days is stored, rebuilt or dropped, so a pack read here always
 * equals packMonth of the month's current day rollups.
 */
export function createMonthPacksRepo(db: Db) {
  const read = db.prepare('SELECT month, from_day, data FROM report_rollup_months WHERE month BETWEEN ? AND ?').raw(true);
  const store = db.prepare('INSERT OR REPLACE INTO report_rollup_months (month, from_day, built_at, data) VALUES (?, ?, ?, ?)');
  return {
    /** Stored packs of the months [fromMonth, toMonth] (YYYY-MM), by month. */
    packs(fromMonth: string, toMonth: string): Map<string, StoredMonthPack> {
      const rows = read.all(fromMonth, toMonth) as [string, string, Buffer][];
      return new Map(rows.map(([month, fromDay, data]) => [month, { fromDay, packed: fromBlob(data) }]));
    },
    store(month: string, fromDay: string, packed: Int32Array, now: number) {
      store.run(month, fromDay, now, Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength));
    },
  };
}
