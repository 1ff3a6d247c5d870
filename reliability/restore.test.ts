/**
 * Backup and restore: `npm run hall -- backup` while kiosks issue numbers, then
 * `npm run hall -- restore <file>` into a fresh DATA_DIR; every number acknowledged before the
 * backup began is in the restored hall. Restore refuses a database in use, an existing database
 * without --force, and a backup that fails integrity_check.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, openSync, closeSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { keepAliveAgent, request } from './lib/http';
import { deviceToken, readCredentials, ROOT, startServerProcess, type ServerProcess } from './lib/server-process';

interface CliRun { code: number; stdout: string; stderr: string }

/** `npm run hall -- …` as its own process, asynchronously, so kiosks keep issuing meanwhile. */
function hall(args: string[], dataDir: string): Promise<CliRun> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'hall-server/src/cli/main.ts'), ...args], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8',
    }, (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

interface Acked { requestId: string; number: string; trackingCode: string }

describe('restore', () => {
  const hallDir = mkdtempSync(join(tmpdir(), 'hall-busy-'));
  const freshDir = join(mkdtempSync(join(tmpdir(), 'hall-restored-')), 'data');
  const scratch = mkdtempSync(join(tmpdir(), 'hall-restore-scratch-'));
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.kill('SIGTERM');
    for (const dir of [hallDir, join(freshDir, '..'), scratch]) rmSync(dir, { recursive: true, force: true });
  });

  it('backs up a busy hall, restores into a fresh data dir and finds every acknowledged ticket', async () => {
    const busy = await startServerProcess({ dataDir: hallDir });
    servers.push(busy);
    const kiosk = deviceToken(readCredentials(hallDir), 'kiosk');
    const agent = keepAliveAgent(8);
    const acked: Acked[] = [];
    let issuing = true;
    let requestNo = 0;
    // Four kiosks' worth of steady issuing, until the backup is done.
    const kiosks = Array.from({ length: 4 }, async () => {
      while (issuing) {
        const requestId = `restore-${String(++requestNo).padStart(6, '0')}`;
        const serviceCode = ['A', 'C', 'F'][requestNo % 3]!;
        const res = await request(busy.url, '/api/tickets', { method: 'POST', token: kiosk, body: { serviceCode, requestId }, agent });
        if (res.status === 201) acked.push({ requestId, number: res.json.number as string, trackingCode: res.json.trackingCode as string });
      }
    });
    while (acked.length < 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const ackedBeforeBackup = [...acked];
    const backup = await hall(['backup'], hallDir);
    const ackedDuringBackup = acked.length - ackedBeforeBackup.length;
    issuing = false;
    await Promise.all(kiosks);
    agent.destroy();
    expect(backup.code, backup.stderr).toBe(0);
    const file = /backup written: (\S+)/.exec(backup.stdout)?.[1];
    expect(file && existsSync(file)).toBe(true);

    // Not while the hall server holds the database, even with --force.
    const inUse = await hall(['restore', file!, '--force'], hallDir);
    expect(inUse.code).not.toBe(0);
    expect(inUse.stderr).toContain('is in use: stop the hall server');

    const restored = await hall(['restore', file!], freshDir);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/restored .*hall\.db: \d+ tickets/);
    const db = new Database(join(freshDir, 'hall.db'), { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Map((db.prepare('SELECT request_id, number, tracking_code FROM tickets').all() as {
        request_id: string; number: string; tracking_code: string;
      }[]).map((row) => [row.request_id, row]));
      const missing = ackedBeforeBackup.filter((t) => stored.get(t.requestId)?.number !== t.number || stored.get(t.requestId)?.tracking_code !== t.trackingCode);
      expect(missing).toEqual([]);
      // Nothing invented: every restored ticket was issued by a kiosk of this test.
      expect([...stored.keys()].filter((id) => !id.startsWith('restore-'))).toEqual([]);
      console.log(`restore: ${ackedBeforeBackup.length} tickets acknowledged before the backup, ${ackedDuringBackup} during it, ${stored.size} restored`);
    } finally {
      db.close();
    }

    // The restored hall runs: its kiosk is paired, its phone pages find their tickets.
    const again = await startServerProcess({ dataDir: freshDir });
    servers.push(again);
    const sample = ackedBeforeBackup[ackedBeforeBackup.length - 1]!;
    const tracked = await request(again.url, `/api/track/${sample.trackingCode}`);
    expect(tracked.status).toBe(200);
    expect(tracked.json.number).toBe(sample.number);
    expect((await request(again.url, '/api/queue', { token: kiosk })).status).toBe(200);

    // An existing database is replaced only with --force, and only while no server holds it.
    await again.kill('SIGTERM');
    const exists = await hall(['restore', file!], freshDir);
    expect(exists.code).not.toBe(0);
    expect(exists.stderr).toContain('exists; add --force');
    const forced = await hall(['restore', file!, '--force'], freshDir);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('the replaced database is kept at');
    expect(readdirSync(freshDir).filter((name) => name.startsWith('hall.db.replaced-'))).toHaveLength(1);
  });

  it('refuses a damaged backup and leaves the data dir untouched', async () => {
    const backups = join(hallDir, 'backups');
    const good = join(backups, readdirSync(backups)[0]!);
    const damaged = join(scratch, 'damaged.db');
    copyFileSync(good, damaged);
    // Overwrite the middle of the file (table pages) with garbage.
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 8 * 4096);
    closeSync(fd);
    const target = join(scratch, 'data');
    const refused = await hall(['restore', damaged], target);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/fails integrity_check|is not a readable SQLite database/);
    expect(existsSync(join(target, 'hall.db'))).toBe(false);

    const missing = await hall(['restore', join(scratch, 'nope.db')], target);
    expect(missing.stderr).toContain('no backup file');

    const future = join(scratch, 'future.db');
    copyFileSync(good, future);
    const newer = new Database(future);
    newer.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run('9999_from_a_newer_build', Date.now());
    newer.close();
    const refusedNewer = await hall(['restore', future], target);
    expect(refusedNewer.code).not.toBe(0);
    expect(refusedNewer.stderr).toContain('comes from a newer build (migrations 9999_from_a_newer_build)');
    expect(existsSync(join(target, 'hall.db'))).toBe(false);
  });
});
