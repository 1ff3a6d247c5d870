import type { Db } from '../db/database';

/** Tables partitioned by month (declarative range partitioning on a date column). */
export type PartitionedTable = 'sync_records' | 'tickets';

/** First day of the month of a `YYYY-MM-DD` day. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
}

// duplicate_table, unique_violation (pg_type row of a table created at the same moment by another instance)
const ALREADY_THERE = new Set(['42P07', '23505']);

/**
 * Creates the month partitions a batch needs, before its transaction (creating a partition locks the
 * parent table; inside a batch's transaction that lock would be held to its end). Idempotent, safe
 * when two city instances create the same month at once, remembered per process.
 */
export function createPartitioner(db: Db) {
  const known = new Set<string>();
  return async function ensureMonths(table: PartitionedTable, months: Iterable<string>) {
    for (const month of months) {
      const name = `${table}_p${month.slice(0, 4)}${month.slice(5, 7)}`;
      if (known.has(name)) continue;
      if (!/^\d{4}-\d{2}-01$/.test(month)) throw new Error(`not a month: ${month}`);
      try {
        await db.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ${table} FOR VALUES FROM ('${month}') TO ('${nextMonth(month)}')`);
      } catch (error) {
        if (!ALREADY_THERE.has((error as { code?: string }).code ?? '')) throw error;
      }
      known.add(name);
    }
  };
}
export type EnsureMonths = ReturnType<typeof createPartitioner>;
