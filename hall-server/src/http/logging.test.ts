import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initHall } from '../cli/seed';
import { openDatabase } from '../db/database';
import { createHallContext, createHallServer } from '../server';
import { createHallServices } from '../services/hall-services';
import { redactUrl } from './logging';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('redactUrl', () => {
  it.each([
    ['/kiosk/?device=AbC-123_x', '/kiosk/?device=[redacted]'],
    ['/board/?lang=zh&device=tok&x=1', '/board/?lang=zh&device=[redacted]&x=1'],
    ['/api/me?token=abc', '/api/me?token=[redacted]'],
    ['/t/Xy9_trackingCode0001', '/t/[redacted]'],
    ['/api/track/Xy9_trackingCode0001?x=1', '/api/track/[redacted]?x=1'],
    ['/api/tickets/lookup?number=A012', '/api/tickets/lookup?number=A012'],
    ['/api/reports/tickets.csv?from=2026-01-01&to=2026-01-31', '/api/reports/tickets.csv?from=2026-01-01&to=2026-01-31'],
    ['/deviceinfo?devices=1', '/deviceinfo?devices=1'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  req?: { method: string; url: string; remoteAddress: string };
  res?: { statusCode: number };
  err?: { type: string; message: string; stack: string };
}

/**
 * The real CLI (`hall start`) in its own process, LOG_LEVEL=info: what an operator reads on stdout.
 * The 5xx is a real fault: an audit row whose JSON was corrupted on disk behind the server's back.
 */
describe('server log (a real server process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-log-'));
  const PASSWORD = 'Pass-word-never-logged-7';
  let boardToken = '';
  let stdout = '';
  let stderr = '';
  let sessionToken = '';
  let sessionCookie = '';
  let exitCode: number | null = null;
  const statuses: Record<string, number> = {};

  beforeAll(async () => {
    const db = openDatabase(join(dataDir, 'hall.db'));
    const services = createHallServices(createHallContext(db, {}));
    initHall(services, { hallName: '日志测试大厅', level: 'township', enforceOpeningHours: false });
    services.auth.createUser({ username: 'zhou', displayName: '周主任', staffNo: '', role: 'manager', password: PASSWORD });
    boardToken = services.auth.createDevice('board', '综合屏', null).token;
    db.close();

    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'hall-server/src/cli/main.ts'), 'start'], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<void>((done) => child.on('exit', (code) => ((exitCode = code), done())));
    const started = Date.now();
    while (!/"msg":"hall server listening"/.test(stdout)) {
      if (Date.now() - started > 30_000 || exitCode !== null) throw new Error(`server did not start:\n${stdout}\n${stderr}`);
      await new Promise((wait) => setTimeout(wait, 100));
    }
    const url = `http://127.0.0.1:${/"url":"http:\/\/localhost:(\d+)"/.exec(stdout)![1]}`;

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhou', password: PASSWORD }),
    });
    statuses.login = login.status;
    sessionToken = ((await login.json()) as { token: string }).token;
    sessionCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    statuses.bearer = (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${sessionToken}` } })).status;
    statuses.cookie = (await fetch(`${url}/api/me`, { headers: { cookie: sessionCookie } })).status;
    statuses.device = (await fetch(`${url}/api/services?device=${boardToken}`, { headers: { authorization: `Bearer ${boardToken}` } })).status;

    const side = new Database(join(dataDir, 'hall.db'));
    side.pragma('busy_timeout = 5000');
    side.prepare("INSERT INTO audit_log (at, user_id, action, detail) VALUES (?, NULL, 'settings.update', '{\"hallName\": \"cut off')").run(Date.now());
    side.close();
    const broken = await fetch(`${url}/api/admin/audit`, { headers: { authorization: `Bearer ${sessionToken}` } });
    statuses.fault = broken.status;
    statuses.faultBody = JSON.stringify(await broken.json()).includes('SyntaxError') ? 1 : 0;

    child.kill('SIGTERM');
    await exited;
  }, 60_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const lines = () => stdout.split('\n').filter((line) => line.trim() !== '');
  const parsed = () => lines().map((line) => JSON.parse(line) as LogLine);

  it('writes only JSON lines to stdout', () => {
    expect(statuses).toEqual({ login: 200, bearer: 200, cookie: 200, device: 200, fault: 500, faultBody: 0 });
    expect(lines().length).toBeGreaterThanOrEqual(7);
    for (const line of lines()) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
  });

  it('writes one request line per request, with method, redacted URL, client and status', () => {
    const requests = parsed().filter((line) => line.msg === 'request');
    expect(requests.map((line) => [line.req?.method, line.req?.url, line.req?.remoteAddress, line.res?.statusCode, line.level])).toEqual([
      ['POST', '/api/auth/login', '127.0.0.1', 200, 30],
      ['GET', '/api/me', '127.0.0.1', 200, 30],
      ['GET', '/api/me', '127.0.0.1', 200, 30],
      ['GET', '/api/services?device=[redacted]', '127.0.0.1', 200, 30],
      ['GET', '/api/admin/audit', '127.0.0.1', 500, 30],
    ]);
    expect(new Set(requests.map((line) => line.reqId)).size).toBe(5);
  });

  it('writes one error line with the stack for the 5xx, tied to its request', () => {
    const errors = parsed().filter((line) => line.level >= 50);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error!.msg).toBe('request failed');
    expect(error!.err?.type).toBe('SyntaxError');
    expect(error!.err?.stack).toMatch(/^SyntaxError: .*\n\s+at JSON\.parse/);
    const request = parsed().find((line) => line.msg === 'request' && line.res?.statusCode === 500);
    expect(error!.reqId).toBe(request?.reqId);
  });

  it('never writes a password, session token, cookie or device token', () => {
    expect(sessionToken.length).toBeGreaterThan(20);
    expect(boardToken.length).toBeGreaterThan(20);
    for (const secret of [PASSWORD, sessionToken, sessionCookie, boardToken]) {
      expect(stdout.includes(secret), `stdout holds ${secret}`).toBe(false);
      expect(stderr.includes(secret), `stderr holds ${secret}`).toBe(false);
    }
  });
});

describe('server log of a storage fault (in process, log stream given)', () => {
  it('writes one error line with the SQLite code and the stack for the 503', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-log-busy-'));
    const written: string[] = [];
    const server = await createHallServer({
      dataDir, log: { level: 'info', stream: { write: (line: string) => written.push(line) } },
      setup: (services) => {
        initHall(services, { hallName: '日志测试大厅', level: 'village', enforceOpeningHours: false });
        services.auth.createUser({ username: 'zhou', displayName: '周主任', staffNo: '', role: 'manager', password: 'busy-test-pass-1' });
      },
    });
    try {
      const login = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhou', password: 'busy-test-pass-1' } });
      const token = (login.json() as { token: string }).token;
      // Another process holds the write lock past busy_timeout: a real SQLITE_BUSY.
      const side = new Database(join(dataDir, 'hall.db'));
      side.prepare('BEGIN IMMEDIATE').run();
      let response;
      try {
        response = await server.inject({ method: 'PUT', url: '/api/admin/notice', headers: { authorization: `Bearer ${token}` }, payload: { notice: '今日下午停电' } });
      } finally {
        side.prepare('ROLLBACK').run();
        side.close();
      }
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: { code: 'storage-unavailable' } });
      const lines = written.map((line) => JSON.parse(line) as LogLine & { err?: { code?: string } });
      const errors = lines.filter((line) => line.level >= 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ msg: 'storage fault', err: { code: 'SQLITE_BUSY' } });
      expect(errors[0]!.err?.stack).toMatch(/\n\s+at /);
      const requests = lines.filter((line) => line.msg === 'request').map((line) => [line.req?.method, line.req?.url, line.res?.statusCode]);
      expect(requests).toEqual([['POST', '/api/auth/login', 200], ['PUT', '/api/admin/notice', 503]]);
      expect(written.join('').includes(token)).toBe(false);
      expect(written.join('').includes('busy-test-pass-1')).toBe(false);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('LOG_LEVEL', () => {
  const cli = join(ROOT, 'hall-server/src/cli/main.ts');

  it('refuses a level pino does not have, before starting', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-log-level-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', cli, 'start'], {
        cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'loud' }, encoding: 'utf8', timeout: 30_000,
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('at warn, writes no request lines', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-log-warn-'));
    // Nothing on stdout says it is up at this level: give it a port known to be free and poll it.
    const port = await new Promise<number>((found) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => found(free));
      });
    });
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start'], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    try {
      let status = 0;
      for (const started = Date.now(); status !== 200 && Date.now() - started < 30_000; ) {
        status = await fetch(`http://127.0.0.1:${port}/healthz?device=abc`).then((response) => response.status, () => 0);
        if (status !== 200) await new Promise((wait) => setTimeout(wait, 100));
      }
      expect(status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(stdout).toBe('');
  });
});
