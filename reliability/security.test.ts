/**
 * Security over the server's full route list: every route is classified in lib/access-table.ts
 * (an unclassified or vanished route fails), and every guarded route refuses callers without the
 * right role — anonymous 401, the wrong kind of caller 403 — while admitting the right ones.
 * Also: login brute force is rate-limited, secrets are stored only hashed, demo-credentials.json
 * is readable by its owner only.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoHall, type DemoHall } from '../e2e/harness';
import { initHall, seedDemo, writeCredentials } from '../hall-server/src/cli/seed';
import { createHallServer, type HallServer } from '../hall-server/src/server';
import { ACCESS_TABLE, routeKey, type Access } from './lib/access-table';
import { keepAliveAgent, login, request } from './lib/http';
import { leakIn } from './lib/constants';

const RANK = { staff: 1, manager: 2, admin: 3 } as const;

interface Caller {
  name: string;
  token?: string;
  staffRole?: 'staff' | 'manager' | 'admin';
  device?: 'kiosk' | 'board' | 'terminal' | 'pad';
}

function expectedFor(access: Access, caller: Caller): 'admit' | 401 | 403 {
  if (access.kind === 'public') return 'admit';
  if (!caller.token) return 401;
  if (access.kind === 'rating') return caller.device === 'kiosk' || caller.device === 'pad' ? 'admit' : 403;
  if (caller.staffRole && access.role && RANK[caller.staffRole] >= RANK[access.role]) return 'admit';
  if (caller.device && access.devices?.includes(caller.device)) return 'admit';
  return 403;
}

/** A concrete path for a route pattern: ids that exist nowhere, so admitted calls change nothing. */
function concretePath(url: string): string {
  return url
    .replace(':id', '999999')
    .replace(':code', 'ZZ')
    .replace(':day', '2099-01-01')
    .replace(':trackingCode', 'no-such-tracking-code')
    .replace(':name', 'no-such-clip.wav')
    .replace('*', 'index.html');
}

const BODIES: Record<string, unknown> = {
  // A well-shaped rating, so an anonymous caller is refused for who it is, not for the body.
  'POST /api/tickets/:id/rating': { score: 5 },
};

describe('security', () => {
  let hall: DemoHall;
  const callers: Caller[] = [];
  const sessionTokens: string[] = [];

  beforeAll(async () => {
    hall = await startDemoHall();
    const terminal = hall.server.services.auth.createDevice('terminal', 'reliability terminal', 1);
    const sign = async (username: string) => {
      const token = await login(hall.url, username, hall.password);
      sessionTokens.push(token);
      return token;
    };
    callers.push(
      { name: 'anonymous' },
      { name: 'kiosk', token: hall.token('kiosk'), device: 'kiosk' },
      { name: 'board', token: hall.token('board'), device: 'board' },
      { name: 'pad', token: hall.token('pad', 1), device: 'pad' },
      { name: 'terminal', token: terminal.token, device: 'terminal' },
      { name: 'staff', token: await sign('zhangwei'), staffRole: 'staff' },
      { name: 'manager', token: await sign('manager'), staffRole: 'manager' },
      { name: 'admin', token: await sign('admin'), staffRole: 'admin' },
      { name: 'junk token', token: 'not-a-real-token-0123456789' },
    );
  });

  afterAll(async () => {
    await hall?.close();
    if (hall) rmSync(hall.dataDir, { recursive: true, force: true });
  });

  it('classifies every route the server has, and no route it lacks', () => {
    const keys = hall.server.routes.map(routeKey);
    const unclassified = keys.filter((key) => !(key in ACCESS_TABLE));
    const vanished = Object.keys(ACCESS_TABLE).filter((key) => !keys.includes(key));
    expect(unclassified, 'routes without an entry in reliability/lib/access-table.ts: decide who may call them').toEqual([]);
    expect(vanished, 'entries in reliability/lib/access-table.ts for routes the server no longer has').toEqual([]);
  });

  it('refuses every state-changing route to callers without the right role (401 anonymous, 403 wrong kind)', async () => {
    const agent = keepAliveAgent(8);
    const mismatches: string[] = [];
    let checks = 0;
    const stateChanging = hall.server.routes.filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method));
    expect(stateChanging.length).toBeGreaterThan(30);
    for (const route of stateChanging) {
      const key = routeKey(route);
      const access = ACCESS_TABLE[key];
      if (!access) continue; // reported by the classification test
      for (const caller of callers) {
        // Logging out with a caller's token would end that session for the rest of the table.
        if (key === 'POST /api/auth/logout' && caller.token) continue;
        const expected = caller.name === 'junk token' ? expectedFor(access, { name: 'anonymous' }) : expectedFor(access, caller);
        const res = await request(hall.url, concretePath(route.url), {
          method: route.method, token: caller.token, body: BODIES[key] ?? {}, agent,
        });
        checks += 1;
        const ok = expected === 'admit' ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === expected;
        if (!ok) mismatches.push(`${key} as ${caller.name}: expected ${expected}, got ${res.status} ${res.text.slice(0, 120)}`);
        if (res.status >= 400) {
          const leak = leakIn(res.text);
          if (leak) mismatches.push(`${key} as ${caller.name}: error body leaks ${leak}: ${res.text.slice(0, 200)}`);
        }
      }
    }
    agent.destroy();
    console.log(`[security] ${stateChanging.length} state-changing routes × ${callers.length} callers: ${checks} checks`);
    expect(mismatches).toEqual([]);
  });

  it('guards every read route the same way', async () => {
    const agent = keepAliveAgent(8);
    const mismatches: string[] = [];
    let checks = 0;
    const reads = hall.server.routes.filter((route) => route.method === 'GET');
    for (const route of reads) {
      const access = ACCESS_TABLE[routeKey(route)];
      if (!access || access.kind === 'public') continue;
      for (const caller of callers) {
        const expected = caller.name === 'junk token' ? 401 : expectedFor(access, caller);
        const res = await request(hall.url, concretePath(route.url), { token: caller.token, agent });
        checks += 1;
        const ok = expected === 'admit' ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === expected;
        if (!ok) mismatches.push(`${routeKey(route)} as ${caller.name}: expected ${expected}, got ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    agent.destroy();
    console.log(`[security] ${reads.length} read routes: ${checks} checks on the guarded ones`);
    expect(mismatches).toEqual([]);
  });

  it('stores passwords and tokens only hashed: no demo password, device token or session token in any text column', () => {
    const db = hall.server.db;
    const secrets = [
      hall.password,
      ...hall.credentials.devices.map((device) => device.token),
      ...callers.map((caller) => caller.token).filter((token): token is string => Boolean(token) && token !== 'not-a-real-token-0123456789'),
      ...sessionTokens,
    ];
    expect(secrets.length).toBeGreaterThan(10);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((row) => row.name);
    const found: string[] = [];
    let cells = 0;
    for (const table of tables) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
      for (const { name } of columns) {
        const values = db.prepare(`SELECT "${name}" AS v FROM "${table}" WHERE typeof("${name}") IN ('text', 'blob')`).all() as { v: string | Buffer }[];
        for (const { v } of values) {
          cells += 1;
          const text = Buffer.isBuffer(v) ? v.toString('latin1') : v;
          for (const secret of secrets) if (text.includes(secret)) found.push(`${table}.${name} holds a secret in plain text`);
        }
      }
    }
    console.log(`[security] scanned ${cells} text cells in ${tables.length} tables for ${secrets.length} secrets`);
    expect(found).toEqual([]);
    const hashes = db.prepare('SELECT password_hash AS h FROM users').all() as { h: string }[];
    expect(hashes.every((row) => row.h.startsWith('scrypt$'))).toBe(true);
  });

  it('writes demo-credentials.json readable by its owner only (mode 600)', () => {
    const mode = statSync(join(hall.dataDir, 'demo-credentials.json')).mode & 0o777;
    expect(mode.toString(8)).toBe('600');
  });
});

describe('login brute force (default limits: 5 free failures per username and client address, 20 per address; then growing waits)', () => {
  let server: HallServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-brute-'));
  const PASSWORD = 'correct-horse-battery';

  beforeAll(async () => {
    server = await createHallServer({
      dataDir, port: 0,
      setup: (services) => {
        initHall(services, { hallName: '限流测试大厅', level: 'township', enforceOpeningHours: false });
        writeCredentials(dataDir, seedDemo(services, PASSWORD));
      },
    });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 429 too-many-attempts after 5 failures for a username, even with the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await request(server.url, '/api/auth/login', { method: 'POST', body: { username: 'manager', password: `wrong-${i}` } })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const locked = await request(server.url, '/api/auth/login', { method: 'POST', body: { username: 'manager', password: PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('too-many-attempts');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits one client address across usernames too, after 20 failures', async () => {
    // The address has 5 failures (for manager) from the test above; 15 more under other names make 20.
    const statuses: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      statuses.push((await request(server.url, '/api/auth/login', { method: 'POST', body: { username: `nobody-${i}`, password: 'wrong' } })).status);
    }
    expect(statuses).toEqual(Array.from({ length: 15 }, () => 401));
    const rightPassword = await request(server.url, '/api/auth/login', { method: 'POST', body: { username: 'admin', password: PASSWORD } });
    expect(rightPassword.status).toBe(429);
  });
});
