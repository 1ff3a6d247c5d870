// Issue 9 item 3: a kiosk rating needs proof of holding the ticket (its QR or the 4-digit check
// code printed beside the number); wrong codes are throttled; issuing is rate-limited per kiosk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startDemoHall, type DemoHall } from '../../../e2e/harness';

let hall: DemoHall;
let staff: string;
let request = 0;

async function call(method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${hall.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const kiosk = () => hall.token('kiosk');
const issue = (token = kiosk()) => call('POST', '/api/tickets', token, { serviceCode: 'A', requestId: `proof-${++request}-${Date.now()}` });

/** Issues a ticket from the staff side (not rate-limited), calls and finishes it at counter 1. */
async function servedTicket() {
  const ticket = await call('POST', '/api/tickets', staff, { serviceCode: 'A', requestId: `proof-served-${++request}-${Date.now()}` });
  const called = await call('POST', '/api/counters/1/call-next', staff);
  expect(called.body.ticket.id).toBe(ticket.body.id);
  await call('POST', `/api/tickets/${ticket.body.id}/finish`, staff, {});
  return ticket.body as { id: number; number: string; trackingCode: string; checkCode: string };
}

/** A four-digit code that is not `code`. */
const otherThan = (code: string, k = 1) => String((Number(code) + k) % 10_000).padStart(4, '0');

beforeAll(async () => {
  hall = await startDemoHall({ issueLimit: { burst: 3, refillPerSecond: 0.001 } });
  const login = await call('POST', '/api/auth/login', undefined, { username: 'zhangwei', password: hall.password });
  staff = login.body.token;
});

afterAll(async () => {
  await hall.close();
  removeDir(hall.dataDir);
});

describe('a kiosk rating needs proof of holding the ticket', () => {
  it('prints a 4-digit check code with every ticket and shows it on the phone page', async () => {
    const ticket = await servedTicket();
    expect(ticket.checkCode).toMatch(/^\d{4}$/);
    const tracked = await call('GET', `/api/track/${ticket.trackingCode}`);
    expect(tracked.body).toMatchObject({ checkCode: ticket.checkCode, counterName: '1号窗口', staffName: '张伟', staffNo: '0101' });
  });

  it('refuses a number typed off the board, so the visitor can still rate their own service', async () => {
    const ticket = await servedTicket();
    const bare = await call('POST', `/api/tickets/${ticket.id}/rating`, kiosk(), { score: 1 });
    expect(bare).toMatchObject({ status: 403, body: { error: { code: 'check-code-required' } } });
    const wrong = await call('POST', `/api/tickets/${ticket.id}/rating`, kiosk(), { score: 1, checkCode: otherThan(ticket.checkCode) });
    expect(wrong).toMatchObject({ status: 403, body: { error: { code: 'wrong-check-code' } } });
    const wrongQr = await call('POST', `/api/tickets/${ticket.id}/rating`, kiosk(), { score: 1, trackingCode: 'someone-elses-code-123' });
    expect(wrongQr.status).toBe(403);
    const own = await call('POST', `/api/tickets/${ticket.id}/rating`, undefined, { score: 5, trackingCode: ticket.trackingCode });
    expect(own.status).toBe(201);
  });

  it('takes a kiosk rating with the check code, and with the scanned QR', async () => {
    const byCode = await servedTicket();
    const lookup = await call('GET', `/api/tickets/lookup?number=${byCode.number}&checkCode=${byCode.checkCode}`, kiosk());
    expect(lookup.body).toMatchObject({ id: byCode.id, canRate: true, counterName: '1号窗口', staffName: '张伟', staffNo: '0101' });
    const wrongLookup = await call('GET', `/api/tickets/lookup?number=${byCode.number}&checkCode=${otherThan(byCode.checkCode)}`, kiosk());
    expect(wrongLookup).toMatchObject({ status: 403, body: { error: { code: 'wrong-check-code' } } });
    const malformed = await call('POST', `/api/tickets/${byCode.id}/rating`, kiosk(), { score: 4, checkCode: '12a4' });
    expect(malformed.status).toBe(400);
    expect((await call('POST', `/api/tickets/${byCode.id}/rating`, kiosk(), { score: 4, checkCode: byCode.checkCode })).status).toBe(201);
    const byQr = await servedTicket();
    expect((await call('POST', `/api/tickets/${byQr.id}/rating`, kiosk(), { score: 5, trackingCode: byQr.trackingCode })).status).toBe(201);
  });

  it('after 5 wrong codes for one ticket refuses even the right one at a kiosk (429), but the QR still works', async () => {
    const ticket = await servedTicket();
    for (let k = 1; k <= 5; k += 1) {
      const guess = await call('POST', `/api/tickets/${ticket.id}/rating`, kiosk(), { score: 1, checkCode: otherThan(ticket.checkCode, k) });
      expect(guess.body.error.code).toBe('wrong-check-code');
    }
    const locked = await call('POST', `/api/tickets/${ticket.id}/rating`, kiosk(), { score: 5, checkCode: ticket.checkCode });
    expect(locked).toMatchObject({ status: 429, body: { error: { code: 'check-code-locked' } } });
    expect((await call('POST', `/api/tickets/${ticket.id}/rating`, kiosk(), { score: 5, trackingCode: ticket.trackingCode })).status).toBe(201);
  });
});

describe('issuing is rate-limited per kiosk', () => {
  it('answers 429 rate-limited with retry-after past the burst, for that kiosk only', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await issue()).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await issue();
    expect(refused.body.error.code).toBe('rate-limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const otherKiosk = hall.credentials.devices.filter((d) => d.kind === 'kiosk')[1];
    if (otherKiosk) expect((await issue(otherKiosk.token)).status).toBe(201);
    // Staff issuing for a visitor at the desk is not a kiosk and not limited.
    expect((await call('POST', '/api/tickets', staff, { serviceCode: 'A', requestId: `proof-staff-${Date.now()}` })).status).toBe(201);
  });
});
