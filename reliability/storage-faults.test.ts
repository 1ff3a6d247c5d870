/**
 * Storage faults: a database error never stops the hall server.
 * - Another writer holding the lock (a CLI `user add`, a backup) costs a kiosk a short wait, not a 500.
 * - A full disk (a small tmpfs as DATA_DIR) turns writes into 503 `storage-unavailable` while reads,
 *   device sockets and the nightly timer carry on; a server killed on the full disk starts again on
 *   it, and so does one stopped cleanly (on the space reserve it keeps); once space is freed,
 *   issuing works again without a restart.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText } from '../shared/src/i18n/errors';
import { request, sleep } from './lib/http';
import { deviceToken, readCredentials, ROOT, startServerProcess, type ServerProcess } from './lib/server-process';

/** What the kiosk shows for the code, written out here rather than read from the table under test. */
const STORAGE_TEXT_ZH = '系统暂时无法保存，请稍后再试或咨询工作人员';

const issue = (url: string, token: string, requestId: string, serviceCode = 'A') =>
  request(url, '/api/tickets', { method: 'POST', token, body: { serviceCode, requestId }, timeoutMs: 15_000 });

describe('a write lock held by another process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-lock-'));
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ dataDir });
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes a kiosk wait for it, then issues (201), never a 500', async () => {
    const kiosk = deviceToken(readCredentials(dataDir), 'kiosk');
    expect((await issue(server.url, kiosk, 'lock-000001')).status).toBe(201);

    // Like `npm run hall -- user add …` mid-morning: another connection takes the write lock,
    // writes, and commits a second later.
    const other = new Database(join(dataDir, 'hall.db'));
    other.pragma('busy_timeout = 5000');
    try {
      other.exec('BEGIN IMMEDIATE');
      other.prepare('UPDATE devices SET last_seen_at = ? WHERE id = 1').run(Date.now());
      const started = Date.now();
      const pending = issue(server.url, kiosk, 'lock-000002');
      await sleep(1000);
      other.exec('COMMIT');
      const answer = await pending;
      expect(answer.status, answer.text).toBe(201);
      expect(answer.json.number).toBe('A002');
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      other.close();
    }
    expect(server.child.exitCode).toBeNull();
  });

  it('lets `user add` and `backup` run on the command line while kiosks issue: every issue 201', async () => {
    const kiosks = readCredentials(dataDir).devices.filter((d) => d.kind === 'kiosk').map((d) => d.token);
    const statuses: number[] = [];
    let issuing = true;
    let requestNo = 0;
    const load = kiosks.map(async (token) => {
      while (issuing) {
        const res = await issue(server.url, token, `cli-${String(++requestNo).padStart(6, '0')}`, ['A', 'C', 'F'][requestNo % 3]);
        statuses.push(res.status);
      }
    });
    const cli = (args: string[]) => new Promise<{ code: number; stderr: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'hall-server/src/cli/main.ts'), ...args], {
        cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => done({ code: code ?? 1, stderr }));
    });
    const results = await Promise.all([cli(['user', 'add', 'zhoumin', '--role', 'staff', '--name', '周敏']), cli(['backup'])]);
    issuing = false;
    await Promise.all(load);
    expect(results.map((r) => r.code), results.map((r) => r.stderr).join('\n')).toEqual([0, 0]);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
  });
});

/** Why the full-disk test cannot run here, or null when it can (root, and tmpfs mounts work). */
function fullDiskUnsupported(): string | null {
  if (process.platform !== 'linux') return 'needs Linux tmpfs';
  if (process.getuid?.() !== 0) return 'needs root to mount a small tmpfs as DATA_DIR';
  const probe = mkdtempSync(join(tmpdir(), 'hall-tmpfs-probe-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (mounted) spawnSync('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  return mounted ? null : 'mount -t tmpfs failed (no CAP_SYS_ADMIN in this container)';
}

/** Fills the file system holding `dir` until ENOSPC, down to the last byte; returns the filler's path. */
function fillDisk(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'a');
  try {
    for (const size of [64 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

interface CliServer {
  url: string;
  child: ChildProcess;
  stderr(): string;
  alive(): boolean;
}

/** Every hall process a test started, killed in afterAll even when a test failed half-way. */
const started: ChildProcess[] = [];

/** `npm run hall -- start --demo` as a process: the real entry, with its nightly timer. */
async function startCli(dataDir: string): Promise<CliServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'hall-server/src/cli/main.ts'), 'start', '--demo'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_PASSWORD: 'demo-pass-123', LOG_LEVEL: 'info' },
  });
  started.push(child);
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`hall not listening within 30 s\n${errors}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The CLI's own line, or fastify's log line (JSON on stdout).
      const match = /(?:listening on|Server listening at) (http:\/\/[^\s"]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        done(match[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`hall exited (${signal ?? code}) before listening\n${errors}`));
    });
  });
  child.stdout!.resume();
  return { url, child, stderr: () => errors, alive: () => child.exitCode === null && child.signalCode === null };
}

function stop(server: CliServer | null, signal: NodeJS.Signals) {
  if (!server?.alive()) return Promise.resolve();
  return new Promise<void>((done) => {
    server.child.once('exit', () => done());
    server.child.kill(signal);
  });
}

/** A kiosk socket; resolves once the server has accepted it (the snapshot arrived). */
function kioskSocket(url: string, token: string): Promise<Socket> {
  const socket = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error('kiosk socket not accepted within 5 s')), 5000);
    socket.once('queue:snapshot', () => {
      clearTimeout(timer);
      done(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
  });
}

const unsupported = fullDiskUnsupported();
if (unsupported) console.log(`storage-faults: full-disk test skipped: ${unsupported}`);

describe.skipIf(unsupported !== null)('a full disk (2 MB tmpfs as DATA_DIR)', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'hall-full-'));
  const dataDir = join(mountPoint, 'data');
  let server: CliServer | null = null;

  beforeAll(() => {
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
    if (mounted.status !== 0) throw new Error(`mount failed: ${mounted.stderr.toString()}`);
    mkdirSync(dataDir);
  });
  afterAll(async () => {
    await stop(server, 'SIGKILL');
    for (const child of started) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await new Promise((done) => child.once('exit', done));
      }
    }
    spawnSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('answers writes 503 storage-unavailable, keeps serving reads and sockets, survives a restart on it, and recovers once space is freed', async () => {
    server = await startCli(dataDir);
    const kiosk = deviceToken(readCredentials(dataDir), 'kiosk');
    const first = await issue(server.url, kiosk, 'full-000001');
    expect(first.status, first.text).toBe(201);
    expect(first.json.number).toBe('A001');
    // That ticket becomes one left open from yesterday, for the day close at start and in the nightly timer.
    const direct = new Database(join(dataDir, 'hall.db'));
    direct.prepare("UPDATE tickets SET hall_day = date(hall_day, '-1 day') WHERE id = ?").run(first.json.id);
    direct.close();
    const socket = await kioskSocket(server.url, kiosk);

    const filler = fillDisk(mountPoint);
    const refused = await issue(server.url, kiosk, 'full-000002');
    expect(refused.status, refused.text).toBe(503);
    expect(refused.json.error.code).toBe('storage-unavailable');
    expect(refused.text).not.toMatch(/SQLITE|INSERT|\.ts:/);
    expect(errorText(refused.json.error.code)).toBe(STORAGE_TEXT_ZH);
    // Reads still work: the kiosk's queue, the health check.
    expect((await request(server.url, '/api/queue', { token: kiosk })).status).toBe(200);
    expect((await request(server.url, '/healthz')).status).toBe(200);
    // The kiosk drops off and reconnects: presence cannot be written, the server carries on.
    socket.disconnect();
    await sleep(200);
    (await kioskSocket(server.url, kiosk)).disconnect();
    await sleep(200);
    expect(server.alive()).toBe(true);
    expect((await request(server.url, '/healthz')).status).toBe(200);
    expect(server.stderr()).toContain('storage fault in POST /api/tickets: SQLITE_FULL');
    expect(server.stderr()).toContain('storage fault in device presence: SQLITE_FULL');

    // Killed on the full disk (a crash, a power cut): it starts again on it, day close and timer fail softly.
    await stop(server, 'SIGKILL');
    server = await startCli(dataDir);
    await sleep(300);
    expect(server.alive()).toBe(true);
    expect(server.stderr()).toContain('storage fault in closing previous days: SQLITE_FULL');
    expect(server.stderr()).toContain('storage fault in nightly day close: SQLITE_FULL');
    expect((await request(server.url, '/api/queue', { token: kiosk })).status).toBe(200);
    (await kioskSocket(server.url, kiosk)).disconnect();
    const stillFull = await issue(server.url, kiosk, 'full-000002');
    expect(stillFull.status).toBe(503);
    expect(stillFull.json.error.code).toBe('storage-unavailable');

    // Space freed: the same request goes through, no restart needed.
    rmSync(filler);
    const retried = await issue(server.url, kiosk, 'full-000002');
    expect(retried.status, retried.text).toBe(201);
    expect(retried.json.number).toBe('A002');
    expect(server.alive()).toBe(true);

    // Stopped cleanly (its WAL and shared-memory files removed), then the disk fills: WAL mode cannot
    // create its shared-memory file, so the hall gives up the space reserve it kept and starts.
    await stop(server, 'SIGTERM');
    fillDisk(mountPoint);
    server = await startCli(dataDir);
    expect(server.stderr()).toContain('disk full: released the 256 KB space reserve');
    expect((await request(server.url, '/api/queue', { token: kiosk })).status).toBe(200);
    fillDisk(mountPoint);
    const fullAgain = await issue(server.url, kiosk, 'full-000003');
    expect(fullAgain.status, fullAgain.text).toBe(503);
    rmSync(filler);
    const recovered = await issue(server.url, kiosk, 'full-000003');
    expect(recovered.status, recovered.text).toBe(201);
    expect(recovered.json.number).toBe('A003');
    expect(server.alive()).toBe(true);
  });
});
