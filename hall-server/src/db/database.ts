import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens the hall database with the settings a printed number depends on: WAL, and
 * synchronous=FULL so a committed ticket survives a power cut (our choice over NORMAL).
 */
export function openDatabase(file: string): Db {
  if (file === ':memory:') return configure(new Database(file));
  prepareOwnFile(file);
  const dir = dirname(file);
  try {
    const db = configure(new Database(file));
    keepSpaceReserve(dir);
    return db;
  } catch (error) {
    // A full disk: WAL mode cannot even create its 32 KB shared-memory file. Give up the reserve
    // kept for this moment and open again, so the hall starts and serves what it can.
    if (!isDiskFull(error) || !releaseSpaceReserve(dir)) throw error;
    console.error(`disk full: released the ${SPACE_RESERVE_BYTES / 1024} KB space reserve in ${dir} to start; free space on this disk`);
    return configure(new Database(file));
  }
}

function configure(db: Db): Db {
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const SPACE_RESERVE = 'space-reserve';
const SPACE_RESERVE_BYTES = 256 * 1024;
const isDiskFull = (error: unknown) =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' && /^SQLITE_(FULL|IOERR)/.test(error.code);

/** Keeps a small file of zeros beside hall.db while there is room, to be given up when the disk is full. */
function keepSpaceReserve(dir: string) {
  const reserve = join(dir, SPACE_RESERVE);
  if (existsSync(reserve)) return;
  try {
    writeFileSync(reserve, Buffer.alloc(SPACE_RESERVE_BYTES), { mode: 0o600, flag: 'wx' });
  } catch {
    rmSync(reserve, { force: true });
  }
}

function releaseSpaceReserve(dir: string): boolean {
  const reserve = join(dir, SPACE_RESERVE);
  if (!existsSync(reserve)) return false;
  rmSync(reserve);
  return true;
}

/**
 * The hall's data is its own user's alone (tickets, staff, device token hashes): a 0700 data
 * directory and a 0600 database file, created so before SQLite opens it, because SQLite gives
 * the -wal and -shm files the mode of the database file.
 */
function prepareOwnFile(file: string) {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrictDir(dir);
  closeSync(openSync(file, 'a', 0o600));
  for (const own of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(own)) chmodSync(own, 0o600);
}

/**
 * Makes a directory of the hall's own 0700. A shared directory (sticky bit, like /tmp) or one owned
 * by another user is left alone with a warning: DATA_DIR should be a directory of its own.
 */
export function restrictDir(dir: string) {
  const stat = statSync(dir);
  if ((stat.mode & 0o777) === 0o700) return;
  if ((stat.mode & 0o1000) !== 0 || (process.getuid && stat.uid !== process.getuid())) {
    console.error(`warning: ${dir} is shared with other users; give the hall a data directory of its own (mode 700)`);
    return;
  }
  chmodSync(dir, 0o700);
}

interface Migration {
  id: string;
  sql: string;
}

/** The ids of the migrations this build knows (0001_init …). */
export function knownMigrationIds(): string[] {
  return loadMigrations().map((migration) => migration.id);
}

function loadMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ id: name.replace(/\.sql$/, ''), sql: readFileSync(join(MIGRATIONS_DIR, name), 'utf8') }));
}

/**
 * Applies numbered migrations forward, each in its own transaction. Refuses to start when the
 * database has a migration this code does not know: an older build must not run on a newer schema.
 */
export function migrate(db: Db): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const known = loadMigrations();
  const knownIds = new Set(known.map((migration) => migration.id));
  const applied = db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[];
  const unknown = applied.filter((row) => !knownIds.has(row.id));
  if (unknown.length > 0) {
    throw new Error(`database has migrations this build does not know: ${unknown.map((row) => row.id).join(', ')}; run a newer build`);
  }
  const appliedIds = new Set(applied.map((row) => row.id));
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const newlyApplied: string[] = [];
  for (const migration of known) {
    if (appliedIds.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, Date.now());
    }).immediate();
    newlyApplied.push(migration.id);
  }
  return newlyApplied;
}
