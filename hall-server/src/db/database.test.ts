import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir } from '../../../e2e/harness';
import { backupDatabase } from '../cli/backup';
import { initHall, seedDemo, writeCredentials } from '../cli/seed';
import { createHallServer } from '../server';
import { openDatabase } from './database';

const root = mkdtempSync(join(tmpdir(), 'hall-db-'));
afterAll(() => removeDir(root));

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('openDatabase', () => {
  it('runs WAL with synchronous=FULL, foreign keys on and a busy timeout, as the design promises', () => {
    // A SIGKILL test cannot tell NORMAL from FULL (both survive a process crash); only a power
    // cut can, so the settings themselves are checked on a real file.
    const db = openDatabase(join(root, 'pragmas', 'hall.db'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    } finally {
      db.close();
    }
  });

  it('applies no migration and writes nothing when the schema is current (a full disk must not stop a start)', () => {
    const file = join(root, 'again', 'hall.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    try {
      // total_changes counts every row this connection wrote since it opened.
      expect(db.prepare('SELECT total_changes() AS n').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});

describe('files of the hall', () => {
  it('are its own user\u2019s only: 0700 data and backup directories, 0600 database, WAL, backups and credentials', async () => {
    const dataDir = join(root, 'hall-data');
    const server = await createHallServer({
      dataDir,
      setup: (services) => {
        initHall(services, { hallName: '测试大厅', level: 'township', enforceOpeningHours: false });
        writeCredentials(dataDir, seedDemo(services, 'demo-pass-123'));
      },
    });
    try {
      // The server's own connection, not only a fresh openDatabase, runs WAL with synchronous=FULL.
      expect([server.db.pragma('journal_mode', { simple: true }), server.db.pragma('synchronous', { simple: true })]).toEqual(['wal', 2]);
      const backup = await backupDatabase(server.db, dataDir, '2026-11-30');
      expect({
        dataDir: modeOf(dataDir),
        db: modeOf(join(dataDir, 'hall.db')),
        wal: modeOf(join(dataDir, 'hall.db-wal')),
        shm: modeOf(join(dataDir, 'hall.db-shm')),
        backups: modeOf(join(dataDir, 'backups')),
        backup: modeOf(backup),
        credentials: modeOf(join(dataDir, 'demo-credentials.json')),
        reserve: modeOf(join(dataDir, 'space-reserve')),
      }).toEqual({ dataDir: '700', db: '600', wal: '600', shm: '600', backups: '700', backup: '600', credentials: '600', reserve: '600' });
    } finally {
      await server.close();
    }
  });
});
