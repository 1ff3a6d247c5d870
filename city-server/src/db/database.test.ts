import { afterAll, describe, expect, it } from 'vitest';
import { DRIVERS, testDatabase, type TestDatabase } from '../testing/city-test';
import { loadMigrations, openDatabase, splitStatements } from './database';

describe('splitStatements', () => {
  it('splits at line-ending semicolons, keeps $$ bodies whole and drops comment lines', () => {
    const sql = `-- a comment; not a statement\nCREATE TABLE a (x int);\nCREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\nINSERT INTO a VALUES (1)`;
    expect(splitStatements(sql)).toEqual([
      'CREATE TABLE a (x int);',
      'CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;',
      'INSERT INTO a VALUES (1)',
    ]);
  });

  it('the migrations are numbered NNNN_name, start at 0001 and no two share a number', () => {
    const ids = loadMigrations().map((m) => m.id);
    expect(ids[0]).toBe('0001_init');
    const numbers = ids.map((id) => id.slice(0, 4));
    expect(new Set(numbers).size).toBe(ids.length);
    expect([...numbers].sort()).toEqual(numbers);
  });
});

for (const { driver, skip } of DRIVERS) {
  describe.skipIf(skip)(`migrations on ${driver}`, () => {
    let db: TestDatabase | undefined;
    afterAll(() => db?.dispose());

    it('apply once, and a database with a migration this build does not know refuses to open', async () => {
      db = await testDatabase(driver);
      const first = await openDatabase(db);
      const partitioned = await first.query<{ relname: string }>("SELECT relname FROM pg_class WHERE relkind = 'p' ORDER BY relname");
      expect(partitioned.rows.map((r) => r.relname)).toEqual(expect.arrayContaining(['sync_records', 'tickets']));
      await first.query("INSERT INTO schema_migrations (id) VALUES ('9999_from_a_newer_build')");
      await first.close();
      await expect(openDatabase(db)).rejects.toThrow(/9999_from_a_newer_build.*newer build/);
    }, 120_000);
  });
}
