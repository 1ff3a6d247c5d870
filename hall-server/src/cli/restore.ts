import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { knownMigrationIds, openDatabase, restrictDir } from '../db/database';

/** A restore the CLI refuses, with the sentence it prints. */
export class RestoreRefused extends Error {}

export interface RestoreResult {
  file: string;
  /** Where the database it replaced was kept (with --force), or null. */
  replacedKeptAt: string | null;
  tickets: number;
  lastHallDay: string | null;
}

/** The backup must be a sound hall database: integrity_check says ok and the hall's tables are there. */
function checkBackup(backupFile: string) {
  if (!existsSync(backupFile)) throw new RestoreRefused(`no backup file ${backupFile}`);
  let backup: Database.Database | null = null;
  try {
    backup = new Database(backupFile, { readonly: true, fileMustExist: true });
    const problems = (backup.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new RestoreRefused(`${backupFile} fails integrity_check: ${problems.slice(0, 3).join('; ')}`);
    }
    const tables = new Set((backup.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
    if (!tables.has('schema_migrations') || !tables.has('tickets')) throw new RestoreRefused(`${backupFile} is not a hall database backup`);
    // A backup from a newer build would be refused at start: refuse it before replacing anything.
    const known = new Set(knownMigrationIds());
    const unknown = (backup.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).filter((row) => !known.has(row.id));
    if (unknown.length > 0) {
      throw new RestoreRefused(`${backupFile} comes from a newer build (migrations ${unknown.map((row) => row.id).join(', ')}); restore it with that build`);
    }
  } catch (error) {
    if (error instanceof RestoreRefused) throw error;
    throw new RestoreRefused(`${backupFile} is not a readable SQLite database (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    backup?.close();
  }
}

/**
 * Takes the live database for ourselves, or refuses: while a hall server (or a backup, or another
 * hall command) has hall.db open, an exclusive lock cannot be had. Returns the held connection.
 */
function claimLiveDatabase(file: string): Database.Database {
  const live = new Database(file, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 0');
    live.pragma('locking_mode = EXCLUSIVE');
    live.exec('BEGIN EXCLUSIVE');
    live.exec('COMMIT');
    return live;
  } catch {
    live.close();
    throw new RestoreRefused(`${file} is in use: stop the hall server (and any backup or hall command) before restoring`);
  }
}

/**
 * Restores a backup into `dataDir/hall.db`: checks the backup first, refuses while the database is in
 * use, refuses to replace an existing database unless `force` (then keeps it beside as
 * hall.db.replaced-<time>), copies through SQLite's backup API into a private temporary file and
 * renames it into place, then opens it as the server would (migrations forward) and checks it again.
 */
export async function restoreBackup(backupFile: string, dataDir: string, options: { force: boolean; now: Date }): Promise<RestoreResult> {
  checkBackup(backupFile);
  const file = join(dataDir, 'hall.db');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  restrictDir(dataDir);
  let replacedKeptAt: string | null = null;
  if (existsSync(file)) {
    const live = claimLiveDatabase(file);
    try {
      if (!options.force) throw new RestoreRefused(`${file} exists; add --force to replace it (it is kept beside as hall.db.replaced-<time>)`);
      // Fold the WAL into hall.db so the copy kept aside is one self-contained file.
      live.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      live.close();
    }
    replacedKeptAt = `${file}.replaced-${options.now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, replacedKeptAt);
  }
  // A WAL or shared-memory file left from the replaced database must never be applied to the restored one.
  for (const stale of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(stale, { force: true });

  const temporary = `${file}.restoring`;
  rmSync(temporary, { force: true });
  closeSync(openSync(temporary, 'w', 0o600));
  chmodSync(temporary, 0o600);
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(temporary);
  } finally {
    source.close();
  }
  renameSync(temporary, file);

  const restored = openDatabase(file);
  try {
    const check = restored.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the restored ${file} fails integrity_check: ${String(check)}`);
    const { tickets, lastHallDay } = restored.prepare('SELECT COUNT(*) AS tickets, MAX(hall_day) AS lastHallDay FROM tickets').get() as {
      tickets: number; lastHallDay: string | null;
    };
    return { file, replacedKeptAt, tickets, lastHallDay };
  } finally {
    restored.close();
  }
}
