import { createApiClient } from '@hall/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initHall, seedDemo } from '../cli/seed';
import { createHallServer, type HallServer } from '../server';

const PASSWORD = 'csrf-test-pass-1';

/**
 * CSRF over real HTTP: a request signed in by the session cookie alone must be JSON and carry
 * `X-Requested-With: hall` to change anything; bearer callers and reads are unaffected.
 */
describe('CSRF on cookie-authenticated requests', () => {
  let server: HallServer;
  let staffCookie: string;
  let staffToken: string;
  let managerCookie: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-csrf-'));

  const signIn = async (username: string) => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('hall_session='))!.split(';')[0]!;
    return { cookie, token: ((await response.json()) as { token: string }).token };
  };
  const counterState = (id: number) => server.services.ctx.hall.counter(id)?.state;
  const send = async (method: string, path: string, headers: Record<string, string>, body?: string) => {
    const response = await fetch(`${server.url}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as { error?: { code: string } }) : null };
  };

  beforeAll(async () => {
    server = await createHallServer({
      dataDir,
      setup: (services) => {
        initHall(services, { hallName: 'CSRF 测试大厅', level: 'township', enforceOpeningHours: false });
        seedDemo(services, PASSWORD);
      },
    });
    ({ cookie: staffCookie, token: staffToken } = await signIn('zhangwei'));
    ({ cookie: managerCookie } = await signIn('manager'));
  });

  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a cross-site form post (urlencoded, multipart or text/plain) with 415 json-required, changing nothing', async () => {
    expect(counterState(1)).toBe('open');
    const forms: Record<string, string>[] = [
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      { 'content-type': 'text/plain' },
      {},
    ];
    for (const headers of forms) {
      const response = await send('POST', '/api/counters/1/pause', { ...headers, cookie: staffCookie }, 'a=b');
      expect(response).toEqual({ status: 415, body: { error: { code: 'json-required', message: expect.stringContaining('application/json') } } });
    }
    expect(counterState(1)).toBe('open');
  });

  it('refuses cookie JSON without X-Requested-With: hall with 403 csrf-header-missing', async () => {
    for (const extra of [{}, { 'x-requested-with': 'XMLHttpRequest' }] as Record<string, string>[]) {
      const response = await send('POST', '/api/counters/1/pause', { 'content-type': 'application/json', cookie: staffCookie, ...extra }, '{}');
      expect(response.status).toBe(403);
      expect(response.body?.error?.code).toBe('csrf-header-missing');
    }
    const deleted = await send('DELETE', '/api/holidays/2099-01-01', { cookie: managerCookie });
    expect(deleted.status).toBe(403);
    expect(deleted.body?.error?.code).toBe('csrf-header-missing');
    expect(counterState(1)).toBe('open');
  });

  it('admits cookie JSON with the header', async () => {
    const paused = await send('POST', '/api/counters/1/pause', { 'content-type': 'application/json; charset=utf-8', cookie: staffCookie, 'x-requested-with': 'hall' }, '{}');
    expect(paused.status).toBe(200);
    expect(counterState(1)).toBe('paused');
    const deleted = await send('DELETE', '/api/holidays/2099-01-01', { cookie: managerCookie, 'x-requested-with': 'hall' });
    expect(deleted.body?.error?.code).toBe('not-found');
  });

  it('leaves bearer callers and cookie reads (CSV downloads) alone', async () => {
    const resumed = await send('POST', '/api/counters/1/resume', { authorization: `Bearer ${staffToken}` });
    expect(resumed.status).toBe(200);
    expect(counterState(1)).toBe('open');
    const csv = await fetch(`${server.url}/api/reports/tickets.csv?from=2026-01-01&to=2026-01-02`, { headers: { cookie: managerCookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  });

  it('the shared api-client (counter terminal, manager console) passes on the cookie alone', async () => {
    const sent: Headers[] = [];
    const api = createApiClient({
      baseUrl: server.url, token: () => null,
      fetchImpl: (input, init) => {
        // A browser adds the session cookie itself; here the test adds it.
        const headers = new Headers(init?.headers);
        headers.set('cookie', staffCookie);
        sent.push(headers);
        return fetch(input, { ...init, headers });
      },
    });
    await api.post('/api/counters/1/pause');
    expect(counterState(1)).toBe('paused');
    await api.post('/api/counters/1/resume', {});
    expect(counterState(1)).toBe('open');
    await api.get('/api/me');
    expect(sent.map((headers) => headers.get('x-requested-with'))).toEqual(['hall', 'hall', null]);
  });
});
