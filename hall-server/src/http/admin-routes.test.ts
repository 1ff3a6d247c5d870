import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startDemoHall, type DemoHall } from '../../../e2e/harness';

let hall: DemoHall;
const tokens: Record<string, string> = {};

async function call(method: string, path: string, who: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (who) headers.authorization = `Bearer ${tokens[who] ?? who}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${hall.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, body: json as Record<string, unknown> };
}

async function login(username: string, password = hall.password) {
  const response = await call('POST', '/api/auth/login', null, { username, password });
  return response;
}

const SERVICE_G = {
  code: 'G', prefix: 'G', nameZh: '行政复议', nameEn: 'Administrative review', targetWaitMinutes: 25, warnQueueLength: 8,
  dailyQuota: 50, opensAt: '09:00', closesAt: '16:30', ticketNotes: '请携带申请书', isOpen: true,
};

beforeAll(async () => {
  hall = await startDemoHall();
  for (const username of ['manager', 'admin', 'zhangwei']) tokens[username] = ((await login(username)).body as { token: string }).token;
});

afterAll(async () => {
  await hall.close();
  removeDir(hall.dataDir);
});

/** A staff socket collecting feed events. */
async function feedSocket(): Promise<{ socket: Socket; events: { name: string; payload: Record<string, unknown> }[] }> {
  const socket = io(hall.url, { auth: { token: tokens.manager }, transports: ['websocket'] });
  const events: { name: string; payload: Record<string, unknown> }[] = [];
  socket.onAny((name: string, payload: Record<string, unknown>) => events.push({ name, payload }));
  await new Promise<void>((resolve) => socket.once('queue:snapshot', () => resolve()));
  return { socket, events };
}
const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe('services (manager)', () => {
  it('creates a service, rejects a duplicate prefix, updates it, and screens hear services:updated', async () => {
    const { socket, events } = await feedSocket();
    const created = await call('POST', '/api/admin/services', 'manager', SERVICE_G);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'G', nameZh: '行政复议', targetWaitMinutes: 25, sortOrder: 7 });
    expect(await until(() => events.some((e) => e.name === 'services:updated'))).toBe(true);
    const servicesEvent = events.find((e) => e.name === 'services:updated')!.payload as { services: { code: string }[] };
    expect(servicesEvent.services.map((s) => s.code)).toContain('G');

    expect((await call('POST', '/api/admin/services', 'manager', { ...SERVICE_G, code: 'H' })).status).toBe(409);
    expect((await call('POST', '/api/admin/services', 'manager', { ...SERVICE_G, code: 'H', prefix: 'H', opensAt: '18:00' })).status).toBe(400);

    const { code: _code, ...body } = SERVICE_G;
    const updated = await call('PUT', '/api/admin/services/G', 'manager', { ...body, targetWaitMinutes: 40, isOpen: false });
    expect(updated.status).toBe(200);
    const list = (await call('GET', '/api/services', 'manager')).body as unknown as { code: string; targetWaitMinutes: number; open: boolean; closedReason: string }[];
    expect(list.find((s) => s.code === 'G')).toMatchObject({ targetWaitMinutes: 40, open: false, closedReason: 'closed' });
    expect((await call('PUT', '/api/admin/services/Z', 'manager', body)).status).toBe(404);
    socket.disconnect();
  });
});

describe('counters (manager)', () => {
  it('creates and edits a counter with its services in order; counter:updated reaches screens', async () => {
    const { socket, events } = await feedSocket();
    const created = await call('POST', '/api/admin/counters', 'manager', { name: '7号窗口', services: ['G', 'A'] });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    expect(created.body).toMatchObject({ name: '7号窗口', services: ['G', 'A'], state: 'open' });
    const updated = await call('PUT', `/api/admin/counters/${id}`, 'manager', { name: '7号窗口', services: ['A', 'G'], closed: true });
    expect(updated.body).toMatchObject({ services: ['A', 'G'], state: 'closed' });
    expect(await until(() => events.some((e) => e.name === 'counter:updated' && (e.payload.counter as { state: string }).state === 'closed'))).toBe(true);
    expect((await call('POST', '/api/admin/counters', 'manager', { name: '7号窗口', services: ['A'] })).status).toBe(409);
    expect((await call('POST', '/api/admin/counters', 'manager', { name: '8号窗口', services: ['Q'] })).status).toBe(404);
    expect((await call('POST', '/api/admin/counters', 'manager', { name: '8号窗口', services: [] })).status).toBe(400);
    socket.disconnect();
  });
});

describe('notice, settings and the holiday calendar (manager)', () => {
  it('publishes the board notice as notice:updated', async () => {
    const { socket, events } = await feedSocket();
    expect((await call('PUT', '/api/admin/notice', 'manager', { notice: '本周六上午正常办公' })).status).toBe(200);
    expect(await until(() => events.some((e) => e.name === 'notice:updated' && e.payload.notice === '本周六上午正常办公'))).toBe(true);
    expect(((await call('GET', '/api/queue', 'manager')).body as unknown as { notice: string }).notice).toBe('本周六上午正常办公');
    socket.disconnect();
  });

  it('sets follow-up working days and keeps holidays and 调休 workdays', async () => {
    expect((await call('PUT', '/api/admin/settings', 'manager', { followUpWorkingDays: 7 })).body).toMatchObject({ followUpWorkingDays: 7 });
    expect((await call('PUT', '/api/admin/settings', 'manager', { followUpWorkingDays: 0 })).status).toBe(400);
    expect((await call('PUT', '/api/holidays/2026-10-01', 'manager', { kind: 'holiday', name: '国庆节' })).status).toBe(200);
    expect((await call('PUT', '/api/holidays/2026-10-10', 'manager', { kind: 'workday', name: '国庆调休' })).status).toBe(200);
    expect((await call('PUT', '/api/holidays/2026-02-30', 'manager', { kind: 'holiday' })).status).toBe(400);
    expect((await call('GET', '/api/holidays', 'manager')).body as unknown).toEqual([
      { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { day: '2026-10-10', kind: 'workday', name: '国庆调休' },
    ]);
    expect((await call('DELETE', '/api/holidays/2026-10-01', 'manager')).status).toBe(200);
    expect((await call('DELETE', '/api/holidays/2026-10-01', 'manager')).status).toBe(404);
  });
});

describe('users and devices (admin only)', () => {
  it('a manager may not manage users or devices', async () => {
    expect((await call('GET', '/api/admin/users', 'manager')).status).toBe(403);
    expect((await call('POST', '/api/admin/devices', 'manager', { kind: 'kiosk', name: '3号取号机' })).status).toBe(403);
  });

  it('creates a user (password shown once), resets the password, disables the account', async () => {
    const created = await call('POST', '/api/admin/users', 'admin', { username: 'sunli', displayName: '孙丽', staffNo: '0107', role: 'staff' });
    expect(created.status).toBe(201);
    const { user, password } = created.body as unknown as { user: { id: number }; password: string };
    expect((await login('sunli', password)).status).toBe(200);
    expect((await call('POST', '/api/admin/users', 'admin', { username: 'sunli', displayName: '孙丽', role: 'staff' })).status).toBe(409);

    const reset = await call('POST', `/api/admin/users/${user.id}/password`, 'admin', { password: 'new-password-1' });
    expect(reset.status).toBe(200);
    expect((await login('sunli', password)).status).toBe(401);
    expect((await login('sunli', 'new-password-1')).status).toBe(200);

    const disabled = await call('PUT', `/api/admin/users/${user.id}`, 'admin', { displayName: '孙丽', staffNo: '0107', role: 'staff', disabled: true });
    expect(disabled.body).toMatchObject({ disabled: true });
    expect((await login('sunli', 'new-password-1')).status).toBe(401);
  });

  it('an admin cannot disable themselves', async () => {
    const me = ((await call('GET', '/api/me', 'admin')).body as unknown as { user: { id: number } }).user;
    expect((await call('PUT', `/api/admin/users/${me.id}`, 'admin', { displayName: 'x', staffNo: '', role: 'admin', disabled: true })).status).toBe(409);
  });

  it('pairs a device (token shown once, works) and revokes it (token stops working)', async () => {
    const paired = await call('POST', '/api/admin/devices', 'admin', { kind: 'kiosk', name: '3号取号机' });
    expect(paired.status).toBe(201);
    const { device, token, pairUrl } = paired.body as unknown as { device: { id: number }; token: string; pairUrl: string };
    expect(pairUrl).toBe(`${hall.url}/kiosk/?device=${encodeURIComponent(token)}`);
    expect(((await call('GET', '/api/me', token)).body as unknown as { device: { name: string } }).device.name).toBe('3号取号机');
    expect((await call('POST', '/api/admin/devices', 'admin', { kind: 'pad', name: '无窗口评价器' })).status).toBe(400);
    expect((await call('POST', `/api/admin/devices/${device.id}/revoke`, 'admin')).body).toMatchObject({ revoked: true });
    expect((await call('GET', '/api/me', token)).status).toBe(401);
    expect((await call('POST', `/api/admin/devices/${device.id}/revoke`, 'admin')).status).toBe(409);
  });
});

describe('audit log', () => {
  it('records who changed what, newest first, readable by a manager', async () => {
    const audit = (await call('GET', '/api/admin/audit?limit=50', 'manager')).body as unknown as { action: string; username: string; at: string }[];
    const actions = audit.map((a) => `${a.username}:${a.action}`);
    for (const expected of [
      'manager:service.create', 'manager:service.update', 'manager:counter.create', 'manager:counter.update', 'manager:notice.update',
      'manager:settings.update', 'manager:holiday.put', 'manager:holiday.delete', 'admin:user.create', 'admin:user.password-reset',
      'admin:user.update', 'admin:device.create', 'admin:device.revoke',
    ]) expect(actions).toContain(expected);
    expect(audit[0]!.action).toBe('device.revoke');
    expect(Date.parse(audit[0]!.at)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('a staff member gets 403 on every manager and admin endpoint', () => {
  const MANAGER_PREFIXES = ['/api/admin/', '/api/reports/', '/api/dashboard', '/api/follow-ups', '/api/ratings', '/api/holidays', '/api/devices'];
  const fill = (url: string) => url.replace(':id', '1').replace(':code', 'A').replace(':day', '2026-10-01');

  it('the route list holds the manager endpoints', () => {
    const urls = hall.server.routes.map((r) => r.url);
    for (const url of ['/api/reports/summary', '/api/reports/summary.xlsx', '/api/reports/by-staff.csv', '/api/reports/ranking', '/api/dashboard', '/api/admin/users']) {
      expect(urls).toContain(url);
    }
  });

  it('every one answers 403 to staff and 401 to nobody', async () => {
    const routes = hall.server.routes.filter((r) => MANAGER_PREFIXES.some((p) => r.url.startsWith(p)) && !(r.method === 'POST' && r.url === '/api/devices/status'));
    expect(routes.length).toBeGreaterThanOrEqual(30);
    for (const route of routes) {
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      const asStaff = await call(route.method, `${fill(route.url)}?from=2026-01-01&to=2026-01-31&month=2026-01`, 'zhangwei', body);
      expect([route.method, route.url, asStaff.status]).toEqual([route.method, route.url, 403]);
      const anonymous = await call(route.method, fill(route.url), null, body);
      expect([route.method, route.url, anonymous.status]).toEqual([route.method, route.url, 401]);
    }
  });
});
