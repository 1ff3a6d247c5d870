import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens the hall database with the settings a printed number depends on: WAL, and
 * synchronous=FULL so a committed ticket survives a power cut (our choice over NORMAL).
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

interface Migration {
  id: string;
  sql: string;
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
