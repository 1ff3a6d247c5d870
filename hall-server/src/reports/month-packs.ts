import type { Db } from '../db/database';

/** A stored month pack: the first day it covers, its serial (changes whenever it is packed again) and the pack. */
export interface StoredMonthPack {
  fromDay: string;
  serial: number;
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
 * Past months' packs in report_rollup_months (migration 0015) and past days' called tickets in
 * report_called_days (0016). Triggers on report_rollup_days drop a month's pack and a day's called
 * row whenever the day is stored, rebuilt or dropped, so what is read here always matches the
 * current day rollups.
 */
export function createMonthPacksRepo(db: Db) {
  const index = db.prepare('SELECT month, from_day, serial FROM report_rollup_months WHERE month BETWEEN ? AND ?').raw(true);
  const data = db.prepare('SELECT data FROM report_rollup_months WHERE month = ?').pluck(true);
  const nextSerial = db.prepare(
    "INSERT INTO report_watermarks (name, value) VALUES ('month-packs', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
  ).pluck(true);
  const store = db.prepare('INSERT OR REPLACE INTO report_rollup_months (month, from_day, built_at, data, serial) VALUES (?, ?, ?, ?, ?)');
  const missingCalled = db.prepare(`
    SELECT COUNT(*) FROM report_rollup_days d
    WHERE d.hall_day BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM report_called_days c WHERE c.hall_day = d.hall_day)`).pluck(true);
  const fillCalled = db.prepare(`
    INSERT INTO report_called_days (hall_day, called, wait_ms)
    SELECT d.hall_day, COUNT(t.id), COALESCE(SUM(MAX(0, t.first_called_at - t.issued_at)), 0)
    FROM report_rollup_days d LEFT JOIN tickets t ON t.hall_day = d.hall_day AND t.first_called_at IS NOT NULL
    WHERE d.hall_day BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM report_called_days c WHERE c.hall_day = d.hall_day)
    GROUP BY d.hall_day`);
  const calledSum = db.prepare('SELECT COALESCE(SUM(called), 0) AS called, COALESCE(SUM(wait_ms), 0) AS waitMs FROM report_called_days WHERE hall_day BETWEEN ? AND ?');
  const calledLive = db.prepare(`
    SELECT COUNT(*) AS called, COALESCE(SUM(MAX(0, first_called_at - issued_at)), 0) AS waitMs
    FROM tickets WHERE hall_day = ? AND first_called_at IS NOT NULL`);
  const followUpVersion = db.prepare("SELECT value FROM report_watermarks WHERE name = 'follow-ups'").pluck(true);
  return {
    /** Bumped by every change to follow_ups (migration 0017). */
    followUpVersion: () => followUpVersion.get() as number,
    /** Stored packs of the months [fromMonth, toMonth] (YYYY-MM) without their data: month → first day, serial. */
    index(fromMonth: string, toMonth: string): Map<string, { fromDay: string; serial: number }> {
      const rows = index.all(fromMonth, toMonth) as [string, string, number][];
      return new Map(rows.map(([month, fromDay, serial]) => [month, { fromDay, serial }]));
    },
    data(month: string): Int32Array | null {
      const blob = data.get(month) as Buffer | undefined;
      return blob === undefined ? null : fromBlob(blob);
    },
    /** Stores a month's pack under a new serial (call inside a transaction); returns the serial. */
    store(month: string, fromDay: string, packed: Int32Array, now: number): number {
      const serial = nextSerial.get() as number;
      store.run(month, fromDay, now, Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength), serial);
      return serial;
    },
    /** Whether some rolled-up day of [from, to] has no called row yet. */
    calledMissing: (from: string, to: string) => (missingCalled.get(from, to) as number) > 0,
    /** Counts the called tickets of every rolled-up day of [from, to] that has no row yet (call inside a transaction). */
    fillCalled(from: string, to: string) {
      fillCalled.run(from, to);
    },
    /** Called tickets and their waits (ms) over the stored days of [from, to]. */
    calledSum: (from: string, to: string) => calledSum.get(from, to) as { called: number; waitMs: number },
    /** Called tickets and their waits (ms) of one day, from its tickets. */
    calledLive: (day: string) => calledLive.get(day) as { called: number; waitMs: number },
  };
}
