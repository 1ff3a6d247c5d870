import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir } from '../../../e2e/harness';
import { expiredBackups } from './backup';

const ROOT = resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'hall-cli-'));

function cli(args: string[], env: Record<string, string> = {}) {
  return execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'hall-server/src/cli/main.ts'), ...args], {
    cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

afterAll(() => removeDir(dataDir));

describe('hall CLI', () => {
  it('initialises a county hall, adds a user and a device, and backs up online', () => {
    expect(cli(['init', '--level', 'county', '--name', '某县公共法律服务中心'])).toContain('county hall: 4 services, 3 counters');
    expect(cli(['user', 'add', 'lina', '--role', 'staff', '--name', '李娜', '--staff-no', '0103'])).toMatch(/user lina \(staff\) created; password: \S{8,}/);
    const device = cli(['device', 'add', 'pad', '1号窗口评价器', '--counter', '1']);
    const token = /token \(shown once\): (\S+)/.exec(device)?.[1];
    expect(token).toBeDefined();
    const backup = cli(['backup']);
    const file = /backup written: (\S+)/.exec(backup)?.[1];
    expect(file && existsSync(file)).toBe(true);
    const copy = new Database(file!, { readonly: true, fileMustExist: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    try {
      expect(copy.prepare('SELECT name_zh FROM services ORDER BY sort_order').all().map((r) => (r as { name_zh: string }).name_zh))
        .toEqual(['法律援助', '人民调解', '公证受理', '法律咨询']);
      expect(copy.prepare('SELECT username, role, display_name FROM users').all()).toEqual([{ username: 'lina', role: 'staff', display_name: '李娜' }]);
      // Only the token's hash is stored.
      const stored = copy.prepare('SELECT token_hash FROM devices').get() as { token_hash: string };
      expect(stored.token_hash).not.toBe(token);
      expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
      // Changes made on the command line are audited like the admin API's.
      expect(copy.prepare('SELECT action, user_id FROM audit_log ORDER BY id').all()).toEqual([
        { action: 'user.create', user_id: null }, { action: 'device.create', user_id: null },
      ]);
    } finally {
      copy.close();
    }
    expect(readdirSync(join(dataDir, 'backups'))).toHaveLength(1);
  });

  // The command line refuses what the admin API refuses (POST /api/admin/users, /devices, /users/:id/password).
  it.each([
    [['init'], 'already initialised'],
    [['user', 'add', 'xavier', '--role', 'boss'], '--role: '],
    [['user', 'add', 'x'], 'username: 2–32 letters, digits, _ . -'],
    [['user', 'add', 'li na'], 'username: 2–32 letters, digits, _ . -'],
    [['user', 'add', 'wangwu', '--password', 'short'], '--password: at least 8 characters'],
    [['user', 'add', 'lina', '--role', 'staff'], 'user lina already exists'],
    [['user', 'passwd', 'lina', '--password', 'short'], '--password: at least 8 characters'],
    [['device', 'add', 'phone', 'x'], 'device kind: '],
    [['device', 'add', 'pad', '2号窗口评价器'], 'a rating pad belongs to a counter'],
    [['device', 'add', 'pad', 'x', '--counter', '99'], 'counter 99 does not exist'],
    [['device', 'add', 'pad', 'x', '--counter', 'two'], '--counter: '],
    [['fly'], 'unknown command'],
  ])('refuses %j with a clear message', (args, message) => {
    let stderr = '';
    try {
      cli(args);
    } catch (error) {
      stderr = String((error as { stderr: string }).stderr);
    }
    expect(stderr).toContain(message);
  });

  it('keeps nothing of a refused command', () => {
    const db = new Database(join(dataDir, 'hall.db'), { readonly: true, fileMustExist: true });
    try {
      expect(db.prepare('SELECT username FROM users').all()).toEqual([{ username: 'lina' }]);
      expect(db.prepare('SELECT kind, name, counter_id FROM devices').all()).toEqual([{ kind: 'pad', name: '1号窗口评价器', counter_id: 1 }]);
    } finally {
      db.close();
    }
  });
});

describe('expiredBackups', () => {
  it('keeps 14 days of backups and ignores other files', () => {
    const files = ['hall-2026-11-30.db', 'hall-2026-11-16.db', 'hall-2026-11-15.db', 'hall-2026-11-01-101500.db', 'notes.txt'];
    expect(expiredBackups(files, '2026-11-30')).toEqual(['hall-2026-11-15.db', 'hall-2026-11-01-101500.db']);
  });
});
