import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** Anything that runs one statement: the database itself or an open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
}

/**
 * The city's one database interface, with two drivers running the same SQL: node-postgres on a
 * real PostgreSQL (DATABASE_URL) or PGlite, PostgreSQL in WASM, embedded in DATA_DIR.
 */
export interface Db extends Queryable {
  readonly driver: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction; retried on a serialization failure or deadlock. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements at once (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const INT8_OID = 20;
// Both drivers return bigint columns (seqs, epoch milliseconds) as numbers: every value stays below 2^53.
const toNumber = (value: string) => Number(value);
const RETRYABLE = new Set(['40001', '40P01']);

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Connections of a PostgreSQL pool. */
  poolSize?: number;
}

/** Opens the city database (PostgreSQL when a URL is given, PGlite in dataDir otherwise) and migrates it. */
export async function openDatabase(options: OpenOptions): Promise<Db> {
  const db = options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 8) : await openPglite(join(options.dataDir, 'pglite'));
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

function openPostgres(url: string, max: number): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? toNumber : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // An idle client losing its server (a restart) must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  const run = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) => {
    const result = await client.query(sql, params as unknown[] | undefined);
    return { rows: result.rows as Row[] };
  };
  return {
    driver: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      for (let attempt = 1; ; attempt += 1) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await fn({ query: (sql, params) => run(client, sql, params) });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          if (attempt < 5 && RETRYABLE.has((error as { code?: string }).code ?? '')) continue;
          throw error;
        } finally {
          client.release();
        }
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dir: string): Promise<Db> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrictDir(dirname(dir));
  const lite = await PGlite.create(dir, { parsers: { [pgliteTypes.INT8]: toNumber } });
  return {
    driver: 'pglite',
    query: async (sql, params) => ({ rows: (await lite.query(sql, params as unknown[] | undefined)).rows as never[] }),
    async exec(sql) {
      await lite.exec(sql);
    },
    // PGlite is one connection: its transaction() holds every other query until it ends.
    transaction: (fn) => lite.transaction((tx) => fn({ query: async (sql, params) => ({ rows: (await tx.query(sql, params as unknown[] | undefined)).rows as never[] }) })),
    close: () => lite.close(),
  };
}

/** The city's data (credential hashes, users) is its own user's alone: DATA_DIR 0700 when we own it. */
function restrictDir(dir: string) {
  const stat = statSync(dir);
  if ((stat.mode & 0o777) === 0o700 || (stat.mode & 0o1000) !== 0 || (process.getuid && stat.uid !== process.getuid())) return;
  chmodSync(dir, 0o700);
}

export interface Migration {
  id: string;
  sql: string;
}

export function loadMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ id: name.replace(/\.sql$/, ''), sql: readFileSync(join(MIGRATIONS_DIR, name), 'utf8') }));
}

// Any constant: every city instance takes this advisory lock while migrating, so two starting at once take turns.
const MIGRATION_LOCK = 7_310_001;

/**
 * Applies numbered migrations forward, each in its own transaction. Refuses to start when the
 * database has a migration this build does not know: an older build must not run on a newer schema.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  const knownIds = new Set(migrations.map((m) => m.id));
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = (await tx.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).rows.map((row) => row.id);
    const unknown = done.filter((id) => !knownIds.has(id));
    if (unknown.length > 0) throw new Error(`database has migrations this build does not know: ${unknown.join(', ')}; run a newer build`);
    for (const migration of migrations) {
      if (done.includes(migration.id)) continue;
      // Statements of a migration file run one by one in this transaction (the extended protocol takes one at a time).
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      applied.push(migration.id);
    }
  });
  return applied;
}

/** Splits a migration on `;` at line ends, outside `$$` bodies; comments are dropped. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let inBody = false;
  for (const line of sql.split('\n')) {
    if (!inBody && /^\s*--/.test(line)) continue;
    current.push(line);
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      statements.push(current.join('\n').trim());
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest) statements.push(rest);
  return statements;
}
