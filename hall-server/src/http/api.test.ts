import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startDemoHall, removeDir, type DemoHall } from '../../../e2e/harness';

let hall: DemoHall;
let kiosk: string;
let staff: string;
let staff2: string;
let manager: string;
let request = 0;

async function call(method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${hall.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function login(username: string) {
  const { body } = await call('POST', '/api/auth/login', undefined, { username, password: hall.password });
  return body.token as string;
}

const issue = (serviceCode: string, priority?: 'priority') =>
  call('POST', '/api/tickets', kiosk, { serviceCode, priority, requestId: `api-test-${++request}-${Date.now()}` });

/** Clears every counter so each test starts from an idle hall. */
async function drain() {
  for (const counter of hall.server.services.ctx.hall.counters()) {
    const current = hall.server.services.ctx.tickets.currentOfCounter(counter.id);
    if (current) await call('POST', `/api/tickets/${current.id}/finish`, staff, {});
  }
  for (const ticket of hall.server.services.ctx.tickets.waiting(hall.server.services.ctx.tickets.get(1)?.hallDay ?? '')) {
    await call('POST', `/api/tickets/${ticket.id}/cancel`, staff);
  }
}

beforeAll(async () => {
  hall = await startDemoHall();
  kiosk = hall.token('kiosk');
  staff = await login('zhangwei');
  staff2 = await login('wangfang');
  manager = await login('manager');
});

afterAll(async () => {
  await hall.close();
  removeDir(hall.dataDir);
});

describe('issuing numbers', () => {
  it('numbers each service separately, from 001, with people ahead and an estimate', async () => {
    const a1 = await issue('A');
    const a2 = await issue('A');
    const b1 = await issue('B');
    expect(a1.status).toBe(201);
    expect(a1.body).toMatchObject({ number: 'A001', serviceCode: 'A', priority: 'normal', waitingAhead: 0 });
    expect(a2.body).toMatchObject({ number: 'A002', waitingAhead: 1 });
    expect(a2.body.estimatedWaitMinutes).toBeGreaterThan(0);
    expect(b1.body).toMatchObject({ number: 'B001', serviceCode: 'B', serviceName: '公证' });
    expect(b1.body.trackingCode).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(b1.body.trackingUrl).toBe(`${hall.url}/t/${b1.body.trackingCode}`);
  });

  it('returns the same ticket for the same requestId, and refuses it for another service', async () => {
    const body = { serviceCode: 'C', requestId: 'retry-request-0001' };
    const first = await call('POST', '/api/tickets', kiosk, body);
    const again = await call('POST', '/api/tickets', kiosk, body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.number).toBe(first.body.number);
    const other = await call('POST', '/api/tickets', kiosk, { ...body, serviceCode: 'D' });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'request-conflict' } } });
  });

  it('answers 429 in Chinese when the daily quota is used up', async () => {
    const { ctx } = hall.server.services;
    const service = ctx.hall.service('E')!;
    ctx.hall.updateService({ ...service, dailyQuota: 1 });
    try {
      expect((await issue('E')).status).toBe(201);
      const refused = await issue('E');
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('quota-exhausted');
      expect(refused.body.error.message).toContain('今日法考事务号已取完');
      const listed = (await call('GET', '/api/services', kiosk)).body.find((s: { code: string }) => s.code === 'E');
      expect(listed).toMatchObject({ open: false, closedReason: 'quota-full' });
    } finally {
      ctx.hall.updateService(service);
    }
  });
});

describe('calling', () => {
  it('calls the priority lane first, then in issue order', async () => {
    await drain();
    const normal = await issue('F');
    const priority = await issue('F', 'priority');
    const first = await call('POST', '/api/counters/6/call-next', staff);
    expect(first.body.ticket.id).toBe(priority.body.id);
    await call('POST', `/api/tickets/${priority.body.id}/finish`, staff, {});
    const second = await call('POST', '/api/counters/6/call-next', staff);
    expect(second.body.ticket.id).toBe(normal.body.id);
    await call('POST', `/api/tickets/${normal.body.id}/finish`, staff, {});
  });

  it('never gives two counters calling at once the same ticket', async () => {
    await drain();
    const issued = await Promise.all([issue('A'), issue('A')]);
    // Counters 1 and 2 both serve legal aid (A).
    const [one, two] = await Promise.all([call('POST', '/api/counters/1/call-next', staff), call('POST', '/api/counters/2/call-next', staff2)]);
    expect(one.status).toBe(200);
    expect(two.status).toBe(200);
    expect(one.body.ticket.id).not.toBe(two.body.ticket.id);
    expect(new Set([one.body.ticket.id, two.body.ticket.id])).toEqual(new Set(issued.map((t) => t.body.id)));
    const nobody = await call('POST', '/api/counters/3/call-next', staff);
    expect(nobody.status).toBe(204);
  });

  it('refuses call-next while the counter holds a ticket (409 counter-busy) and illegal transitions (409)', async () => {
    await drain();
    await issue('A');
    await issue('A');
    const called = await call('POST', '/api/counters/1/call-next', staff);
    expect(called.status).toBe(200);
    const busy = await call('POST', '/api/counters/1/call-next', staff);
    expect(busy).toMatchObject({ status: 409, body: { error: { code: 'counter-busy' } } });
    const noShowTooEarly = await call('POST', `/api/tickets/${called.body.ticket.id}/no-show`, staff);
    expect(noShowTooEarly.body.error.code).toBe('recall-limit-not-reached');
    await call('POST', `/api/tickets/${called.body.ticket.id}/finish`, staff, { outcome: 'referred', note: '转介至律师事务所' });
    const finishedAgain = await call('POST', `/api/tickets/${called.body.ticket.id}/start`, staff);
    expect(finishedAgain).toMatchObject({ status: 409, body: { error: { code: 'illegal-transition' } } });
  });

  it('transfers a ticket keeping its number and issue time, and the other counter calls it', async () => {
    await drain();
    const ticket = await issue('B');
    const called = await call('POST', '/api/counters/3/call-next', staff);
    expect(called.body.ticket.id).toBe(ticket.body.id);
    const moved = await call('POST', `/api/tickets/${ticket.body.id}/transfer`, staff, { serviceCode: 'C' });
    expect(moved.body.ticket).toMatchObject({ state: 'waiting', serviceCode: 'C', originalServiceCode: 'B', number: ticket.body.number, issuedAt: ticket.body.issuedAt });
    const atMediation = await call('POST', '/api/counters/5/call-next', staff);
    expect(atMediation.body.ticket.id).toBe(ticket.body.id);
    await call('POST', `/api/tickets/${ticket.body.id}/finish`, staff, {});
  });
});

describe('access and bad input', () => {
  it.each([
    ['no token', 'POST', '/api/counters/1/call-next', undefined, 401, 'unauthorized'],
    ['a kiosk token on a staff route', 'POST', '/api/counters/1/call-next', 'kiosk', 403, 'forbidden'],
    ['a staff token on a manager route', 'GET', '/api/reports/summary?from=2026-11-01&to=2026-11-30', 'staff', 403, 'forbidden'],
    ['a board token issuing tickets', 'POST', '/api/tickets', 'board', 403, 'forbidden'],
    ['a forged token', 'GET', '/api/queue', 'forged', 401, 'unauthorized'],
  ])('%s → %i', async (_label, method, path, who, status, code) => {
    const token = who === 'kiosk' ? kiosk : who === 'staff' ? staff : who === 'board' ? hall.token('board') : who === 'forged' ? 'x'.repeat(43) : undefined;
    const result = await call(method, path, token, method === 'POST' ? { serviceCode: 'A', requestId: 'forbidden-0001' } : undefined);
    expect(result).toMatchObject({ status, body: { error: { code } } });
  });

  it.each([
    ['malformed JSON', '/api/tickets', '{"serviceCode":'],
    ['missing requestId', '/api/tickets', { serviceCode: 'A' }],
    ['a lowercase service code', '/api/tickets', { serviceCode: 'a', requestId: 'bad-input-0001' }],
    ['an unknown priority', '/api/tickets', { serviceCode: 'A', priority: 'vip', requestId: 'bad-input-0002' }],
    ['a non-numeric ticket id', '/api/tickets/abc/finish', {}],
    ['an unknown outcome', '/api/tickets/1/finish', { outcome: 'lost' }],
  ])('%s → 400 bad-request', async (_label, path, body) => {
    const result = await call('POST', path, path === '/api/tickets' ? kiosk : staff, body);
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('bad-request');
  });

  it('answers an unknown service with 404 and an unknown route with a JSON 404', async () => {
    expect((await call('POST', '/api/tickets', kiosk, { serviceCode: 'Z', requestId: 'unknown-0001' })).body.error.code).toBe('unknown-service');
    expect(await call('GET', '/api/nothing', staff)).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
  });

  it('rate-limits failed logins with 429', async () => {
    const limited = await startDemoHallWithDefaultLimits();
    try {
      const attempts = [];
      for (let i = 0; i < 6; i += 1) {
        attempts.push((await fetch(`${limited.url}/api/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: `wrong-${i}` }),
        })).status);
      }
      expect(attempts).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});

async function startDemoHallWithDefaultLimits() {
  const { createHallServer } = await import('../server');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { initHall, seedDemo } = await import('../cli/seed');
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-limits-'));
  const server = await createHallServer({
    dataDir,
    setup: (services) => {
      initHall(services, { hallName: '测试', level: 'village', enforceOpeningHours: false });
      seedDemo(services, 'pw-for-limits');
    },
  });
  return { url: server.url, close: async () => { await server.close(); removeDir(dataDir); } };
}

describe('the visitor\u2019s ticket and rating', () => {
  it('tracks a ticket, rates it once after service, and opens a follow-up for a bad rating', async () => {
    await drain();
    const ticket = await issue('A');
    const tracked = await call('GET', `/api/track/${ticket.body.trackingCode}`);
    expect(tracked.body).toMatchObject({ number: ticket.body.number, state: 'waiting', canRate: false });
    const early = await call('POST', `/api/tickets/${ticket.body.id}/rating`, undefined, { score: 5, trackingCode: ticket.body.trackingCode });
    expect(early.body.error.code).toBe('not-rateable');
    const called = await call('POST', '/api/counters/1/call-next', staff);
    expect((await call('GET', `/api/track/${ticket.body.trackingCode}`)).body).toMatchObject({ state: 'called', counterName: '1号窗口' });
    await call('POST', `/api/tickets/${called.body.ticket.id}/finish`, staff, {});
    const wrongCode = await call('POST', `/api/tickets/${ticket.body.id}/rating`, undefined, { score: 1, trackingCode: 'not-the-right-code' });
    expect(wrongCode.status).toBe(403);
    const rated = await call('POST', `/api/tickets/${ticket.body.id}/rating`, undefined, {
      score: 2, attitude: 2, efficiency: 3, comment: '等待时间太长', trackingCode: ticket.body.trackingCode,
    });
    expect(rated.status).toBe(201);
    expect(rated.body.followUpId).toEqual(expect.any(Number));
    const twice = await call('POST', `/api/tickets/${ticket.body.id}/rating`, hall.token('kiosk'), { score: 5 });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'already-rated' } } });
    const followUps = await call('GET', '/api/follow-ups', manager);
    expect(followUps.body.find((f: { id: number }) => f.id === rated.body.followUpId)).toMatchObject({ ticketNumber: ticket.body.number, score: 2, overdue: false });
    const closed = await call('POST', `/api/follow-ups/${rated.body.followUpId}/close`, manager, { outcome: '已电话回访，调整窗口排班' });
    expect(closed.body.closedAt).not.toBeNull();
    const openOnly = await call('GET', '/api/follow-ups?closed=0', manager);
    expect(openOnly.body.some((f: { id: number }) => f.id === rated.body.followUpId)).toBe(false);
    expect((await call('GET', '/api/follow-ups', manager)).body.some((f: { id: number }) => f.id === rated.body.followUpId)).toBe(true);
    expect((await call('GET', '/api/follow-ups?closed=-1', manager)).status).toBe(400);
  });

  it('lets a rating pad rate only tickets of its own counter', async () => {
    await drain();
    const ticket = await issue('A');
    const called = await call('POST', '/api/counters/1/call-next', staff);
    await call('POST', `/api/tickets/${called.body.ticket.id}/finish`, staff, {});
    const otherPad = await call('POST', `/api/tickets/${ticket.body.id}/rating`, hall.token('pad', 2), { score: 5 });
    expect(otherPad.status).toBe(403);
    const ownPad = await call('POST', `/api/tickets/${ticket.body.id}/rating`, hall.token('pad', 1), { score: 5, policy: 5, competence: 4 });
    expect(ownPad.status).toBe(201);
  });
});

describe('realtime', () => {
  it('refuses an unauthenticated socket and sends a snapshot, then seq-stamped events, to an authenticated one', async () => {
    const refused = connect(hall.url, { auth: { token: 'nope-nope-nope' }, reconnection: false, transports: ['websocket'] });
    const refusal = await new Promise<string>((resolve) => refused.on('connect_error', (error) => resolve(error.message)));
    expect(refusal).toBe('unauthorized');
    refused.close();

    const board: Socket = connect(hall.url, { auth: { token: hall.token('board') }, transports: ['websocket'], autoConnect: false });
    const seqs: number[] = [];
    board.onAny((_name, payload: { seq?: number }) => {
      if (typeof payload?.seq === 'number') seqs.push(payload.seq);
    });
    board.connect();
    try {
      const snapshot = await new Promise<{ seq: number; hallName: string; counters: unknown[] }>((resolve) => board.once('queue:snapshot', resolve));
      expect(snapshot.hallName).toBe('郑州市公共法律服务大厅');
      expect(snapshot.counters).toHaveLength(6);
      const calledEvent = new Promise<{ number: string; counterName: string; seq: number }>((resolve) => board.on('ticket:called', resolve));
      await drain();
      const ticket = await issue('D');
      await call('POST', '/api/counters/4/call-next', staff);
      const called = await calledEvent;
      expect(called).toMatchObject({ number: ticket.body.number, counterName: '4号窗口' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const fresh = seqs.filter((seq) => seq > snapshot.seq);
      expect(fresh.length).toBeGreaterThan(2);
      fresh.forEach((seq, index) => expect(seq).toBe(snapshot.seq + index + 1));
    } finally {
      board.close();
    }
  });
});

describe('revoked credentials', () => {
  it('closes the live feed of a revoked device and of a logged-out session at once', async () => {
    const admin = await login('admin');
    const paired = await call('POST', '/api/admin/devices', admin, { kind: 'board', name: '临时测试屏' });
    expect(paired.status).toBe(201);
    const session = await login('lina');
    const sockets = [paired.body.token as string, session].map((token) => connect(hall.url, { auth: { token }, transports: ['websocket'], reconnection: false }));
    try {
      await Promise.all(sockets.map((socket) => new Promise((resolve) => socket.once('queue:snapshot', resolve))));
      const closed = sockets.map((socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve)));
      await call('POST', `/api/admin/devices/${paired.body.device.id}/revoke`, admin);
      expect(await closed[0]).toBe('io server disconnect');
      expect(sockets[1]!.connected).toBe(true);
      await call('POST', '/api/auth/logout', session);
      expect(await closed[1]).toBe('io server disconnect');
      expect((await call('GET', '/api/queue', paired.body.token)).status).toBe(401);
    } finally {
      for (const socket of sockets) socket.close();
    }
  });

  it('applies a role change and a disabled account to the next request, despite the principal cache', async () => {
    const admin = await login('admin');
    const chen = await login('chenjing');
    const id = hall.server.services.ctx.people.userByName('chenjing')!.id;
    expect((await call('GET', '/api/follow-ups', chen)).status).toBe(403);
    await call('PUT', `/api/admin/users/${id}`, admin, { displayName: '陈静', staffNo: '0105', role: 'manager', disabled: false });
    const promoted = await login('chenjing');
    expect((await call('GET', '/api/follow-ups', promoted)).status).toBe(200);
    await call('PUT', `/api/admin/users/${id}`, admin, { displayName: '陈静', staffNo: '0105', role: 'staff', disabled: true });
    expect((await call('GET', '/api/queue', promoted)).status).toBe(401);
    expect((await call('GET', '/api/queue', chen)).status).toBe(401);
  });
});

