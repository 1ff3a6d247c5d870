import { hallDayOf, localParts } from '@hall/shared';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { restrictDir, type Db } from '../db/database';
import type { HallContext } from '../services/context';
import { guarded } from '../services/errors';

export const BACKUP_RETENTION_DAYS = 14;
const BACKUP_NAME = /^hall-(\d{4}-\d{2}-\d{2})(?:-\d{6})?\.db$/;

/** Online backup through SQLite's backup API: safe while the hall is serving. */
export async function backupDatabase(db: Db, dataDir: string, hallDay: string, suffix = ''): Promise<string> {
  const dir = join(dataDir, 'backups');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrictDir(dir);
  const file = join(dir, `hall-${hallDay}${suffix}.db`);
  // Created 0600 before SQLite writes it: a backup holds everything hall.db holds.
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  await db.backup(file);
  // A backup is one self-contained file: no WAL beside it to lose when it is copied away.
  const copy = new Database(file);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  return file;
}

/** Backups older than the retention window, by the hall day in their name (pure). */
export function expiredBackups(fileNames: readonly string[], today: string, retentionDays = BACKUP_RETENTION_DAYS): string[] {
  const cutoff = new Date(`${today}T00:00:00Z`);
  cutoff.setUTCDate(cutoff.getUTCDate() - retentionDays);
  const cutoffDay = cutoff.toISOString().slice(0, 10);
  return fileNames.filter((name) => {
    const match = BACKUP_NAME.exec(name);
    return match !== null && match[1]! < cutoffDay;
  });
}

export function pruneBackups(dataDir: string, today: string): string[] {
  const dir = join(dataDir, 'backups');
  if (!existsSync(dir)) return [];
  const expired = expiredBackups(readdirSync(dir), today);
  for (const name of expired) rmSync(join(dir, name));
  return expired;
}

/**
 * Nightly work: after 02:00 hall time, once per hall day, back up and prune to 14 days; also
 * closes tickets left open from earlier days. Checked every 10 minutes, so a server started
 * late in the night still backs up.
 */
export function scheduleNightly(db: Db, dataDir: string, ctx: HallContext, closePreviousDays: () => void) {
  // Each step is guarded: a full disk or a held lock is logged and tried again at the next tick,
  // never an exception that stops the server.
  const tick = () => {
    guarded('nightly day close', closePreviousDays);
    guarded('nightly backup', () => {
      const now = ctx.clock();
      const hallDay = hallDayOf(now, ctx.timeZone);
      if (localParts(now, ctx.timeZone).hour < 2 || existsSync(join(dataDir, 'backups', `hall-${hallDay}.db`))) return;
      backupDatabase(db, dataDir, hallDay)
        .then(() => pruneBackups(dataDir, hallDay))
        .catch((error: unknown) => console.error('nightly backup failed:', error));
    });
  };
  const timer = setInterval(tick, 10 * 60_000);
  timer.unref();
  tick();
  return { stop: () => clearInterval(timer) };
}
