import { pushBodySchema, syncRecordSchema, type SyncTicketData } from '@hall/shared';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initHall, seedDemo, writeCredentials, type DemoCredentials } from '../cli/seed';
import { createHallServer, type HallServer } from '../server';
import { syncCredentialsFile } from './credentials';
import { enrollHall } from './enroll';
import { startFakeCity, type FakeCity } from './fake-city';
import { trackingCodeHash } from './live';
import { pushBodyJson } from './sync-loop';
import { createSyncRepo } from './sync-repo';

const PASSWORD = 'sync-test-pass-1';
const FINISH_NOTE = '当事人身份证号410102199001011234 电话13800001111';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hall-sync-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function startHall(dataDir: string): Promise<{ server: HallServer; credentials: DemoCredentials }> {
  const server = await createHallServer({
    dataDir, authLimits: { maxFailures: 1000, windowMs: 60_000 }, issueLimit: null,
    sync: { pushIntervalMs: 100, heartbeatMs: 1000, pullIntervalMs: 300, maxBackoffMs: 400, pollMs: 50 },
    setup: (services) => {
      if (services.ctx.hall.services().length === 0) {
        initHall(services, { hallName: '测试县公共法律服务中心', level: 'city', enforceOpeningHours: false });
        writeCredentials(dataDir, seedDemo(services, PASSWORD));
      }
    },
  });
  return { server, credentials: JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials };
}

function client(server: HallServer) {
  return async (method: string, path: string, token?: string, payload?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

async function until(what: string, check: () => boolean, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** Issues, calls, finishes (with a note holding personal data) and rates one ticket per service in `codes`. */
async function serveSome(server: HallServer, credentials: DemoCredentials, codes: string[], tag: string) {
  const call = client(server);
  const kiosk = credentials.devices.find((d) => d.kind === 'kiosk')!.token;
  const staff = (await call('POST', '/api/auth/login', undefined, { username: 'zhangwei', password: PASSWORD })).body.token as string;
  const issued = [];
  for (const [index, code] of codes.entries()) {
    const ticket = await call('POST', '/api/tickets', kiosk, { serviceCode: code, requestId: `req-${tag}-${index}` });
    expect(ticket.status).toBe(201);
    issued.push(ticket.body as { id: number; trackingCode: string; trackingUrl: string });
  }
  for (const [index, ticket] of issued.entries()) {
    const counter = server.services.ctx.hall.counters().find((c) => c.services.includes(codes[index]!))!;
    expect((await call('POST', `/api/counters/${counter.id}/call`, staff, { ticketId: ticket.id })).status).toBe(200);
    expect((await call('POST', `/api/tickets/${ticket.id}/start`, staff)).status).toBe(200);
    expect((await call('POST', `/api/tickets/${ticket.id}/finish`, staff, { outcome: 'resolved', note: FINISH_NOTE })).status).toBe(200);
  }
  const rated = await call('POST', `/api/tickets/${issued[0]!.id}/rating`, undefined, { score: 2, attitude: 2, comment: '等太久', trackingCode: issued[0]!.trackingCode });
  expect(rated.status).toBe(201);
  return { issued, staff };
}

describe('a hall that never enrolls', () => {
  it('writes nothing to the outbox and reports itself not enrolled', async () => {
    const dataDir = freshDir();
    const { server, credentials } = await startHall(dataDir);
    try {
      await serveSome(server, credentials, ['A', 'A'], 'idle');
      expect(server.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
      const call = client(server);
      const manager = (await call('POST', '/api/auth/login', undefined, { username: 'manager', password: PASSWORD })).body.token as string;
      const status = await call('GET', '/api/sync/status', manager);
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({ enrolled: false, running: false, backlog: 0, lastSeq: 0 });
      const staff = (await call('POST', '/api/auth/login', undefined, { username: 'zhangwei', password: PASSWORD })).body.token as string;
      expect((await call('GET', '/api/sync/status', staff)).status).toBe(403);
      expect((await call('GET', '/api/sync/status')).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});

describe('an enrolled hall', () => {
  let city: FakeCity;
  let dataDir: string;
  let hall: { server: HallServer; credentials: DemoCredentials };

  beforeAll(async () => {
    city = await startFakeCity({ publicUrl: 'https://city.example.cn/' });
    dataDir = freshDir();
    // History before enrollment: the backfill must carry it.
    const first = await startHall(dataDir);
    await serveSome(first.server, first.credentials, ['A'], 'before');
    const enrolled = await enrollHall(first.server.services, dataDir, `${city.url}/some/path`, 'ENROLL-123456');
    expect(enrolled).toMatchObject({ hallId: 7, publicUrl: 'https://city.example.cn/' });
    expect(enrolled.queued).toBeGreaterThan(10);
    await first.server.close();
    hall = await startHall(dataDir);
  });

  afterEach(() => {
    city.mode = 'ok';
  });

  afterAll(async () => {
    await hall.server.close();
    await city.close();
  });

  it('keeps the credential in DATA_DIR, readable by its owner only, and refuses a second enrollment', async () => {
    const file = syncCredentialsFile(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ cityUrl: city.url, hallId: 7, credential: 'fake-city-credential-0123456789abcdef' });
    await expect(enrollHall(hall.server.services, dataDir, city.url, 'ENROLL-123456')).rejects.toThrow(/already enrolled/);
  });

  it('pushes the backfilled history and every later change, each seq once, in the contract shape', async () => {
    const { issued } = await serveSome(hall.server, hall.credentials, ['A', 'B'], 'after');
    const repo = createSyncRepo(hall.server.db);
    await until('the city to hold every record', () => city.ackSeq() === repo.lastSeq() && repo.state().ackSeq === repo.lastSeq());
    expect(city.replays).toBe(0);
    const tickets = [...city.records.values()].filter((r) => r.kind === 'ticket').map((r) => r.data as SyncTicketData);
    // The latest record per ticket equals the hall's row: 3 tickets (1 before enrollment), all done.
    const latest = new Map(tickets.map((t) => [t.id, t]));
    expect(latest.size).toBe(3);
    for (const ticket of issued) {
      const row = hall.server.services.ctx.tickets.get(ticket.id)!;
      expect(latest.get(ticket.id)).toMatchObject({
        state: 'done', outcome: 'resolved', source: 'walk-in', caseNumber: null,
        issuedAt: new Date(row.issuedAt).toISOString(), calledAt: new Date(row.firstCalledAt!).toISOString(),
        startedAt: new Date(row.startedAt!).toISOString(), finishedAt: new Date(row.finishedAt!).toISOString(),
      });
    }
    const kinds = new Set([...city.records.values()].map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['counter', 'day-closed', 'follow-up', 'rating', 'service', 'staff', 'ticket']);
    const rating = [...city.records.values()].filter((r) => r.kind === 'rating').at(-1)!;
    expect(rating.data).toMatchObject({ score: 2, attitude: 2, comment: '等太久', channel: 'qr', excluded: false });
  });

  it('carries the 办件编号 typed at finish (trimmed) in the ticket record; a blank one stays null; a control character is refused', async () => {
    const call = client(hall.server);
    const kiosk = hall.credentials.devices.find((d) => d.kind === 'kiosk')!.token;
    const staff = (await call('POST', '/api/auth/login', undefined, { username: 'zhangwei', password: PASSWORD })).body.token as string;
    const counter = hall.server.services.ctx.hall.counters().find((c) => c.services.includes('A'))!;
    const finished: number[] = [];
    for (const [index, caseNumber] of ['  （2026）测法援字第12号 ', '   '].entries()) {
      const issued = await call('POST', '/api/tickets', kiosk, { serviceCode: 'A', requestId: `case-number-${index}` });
      expect(issued.status, JSON.stringify(issued.body)).toBe(201);
      const ticket = issued.body as { id: number };
      const called = await call('POST', `/api/counters/${counter.id}/call`, staff, { ticketId: ticket.id });
      expect(called.status, JSON.stringify(called.body)).toBe(200);
      if (index === 1) expect((await call('POST', `/api/tickets/${ticket.id}/finish`, staff, { caseNumber: 'A\u0007B' })).status).toBe(400);
      expect((await call('POST', `/api/tickets/${ticket.id}/finish`, staff, { outcome: 'resolved', caseNumber })).status).toBe(200);
      finished.push(ticket.id);
    }
    const repo = createSyncRepo(hall.server.db);
    await until('the city to hold them', () => city.ackSeq() === repo.lastSeq());
    const latest = new Map([...city.records.values()].filter((r) => r.kind === 'ticket').map((r) => [(r.data as SyncTicketData).id, r.data as SyncTicketData]));
    expect(finished.map((id) => [latest.get(id)!.state, latest.get(id)!.caseNumber])).toEqual([['done', '（2026）测法援字第12号'], ['done', null]]);
  });

  it('never puts the finish note, a tracking code or a password hash in the outbox', () => {
    const outbox = (hall.server.db.prepare('SELECT data FROM outbox').all() as { data: string }[]).map((r) => r.data).join('\n');
    expect(outbox).not.toContain('410102199001011234');
    expect(outbox).not.toContain('13800001111');
    const codes = hall.server.db.prepare('SELECT tracking_code AS code FROM tickets').all() as { code: string }[];
    for (const { code } of codes) expect(outbox).not.toContain(code);
    expect(outbox).not.toMatch(/scrypt|password/i);
  });

  it('prints QR codes that point at the city, and pushes the live view by the tracking code hash', async () => {
    const call = client(hall.server);
    const kiosk = hall.credentials.devices.find((d) => d.kind === 'kiosk')!.token;
    const ticket = (await call('POST', '/api/tickets', kiosk, { serviceCode: 'C', requestId: 'request-live-1' })).body as { id: number; trackingCode: string; trackingUrl: string };
    expect(ticket.trackingUrl).toBe(`https://city.example.cn/t/${ticket.trackingCode}`);
    const hash = trackingCodeHash(ticket.trackingCode);
    await until('the live view of the new ticket', () => city.lastLive?.tickets.some((t) => t.trackingCodeHash === hash) ?? false);
    const live = city.lastLive!;
    expect(live.tickets.find((t) => t.trackingCodeHash === hash)!.view).toMatchObject({ id: ticket.id, state: 'waiting', waitingAhead: 0 });
    expect(live.waitingByService.C).toBe(1);
    // The hall's own /t/ page keeps working on the LAN.
    expect((await fetch(`${hall.server.url}/t/${ticket.trackingCode}`)).status).toBe(200);
  });

  it('resumes from the seq the city expects after a 409 gap, and after the city comes back', async () => {
    const repo = createSyncRepo(hall.server.db);
    await until('caught up', () => repo.state().ackSeq === repo.lastSeq());
    // The city lost its last five records (restored from a backup): it asks for them again.
    const last = repo.lastSeq();
    for (let seq = last - 4; seq <= last; seq += 1) city.records.delete(seq);
    city.forceGap = last - 4;
    city.mode = 'error';
    await serveSome(hall.server, hall.credentials, ['D'], 'outage');
    await until('an error recorded', () => hall.server.sync.status().failures > 0 && hall.server.sync.status().lastError !== null);
    expect(hall.server.sync.status().backlog).toBeGreaterThan(0);
    city.mode = 'ok';
    await until('the city to hold every record again', () => city.ackSeq() === repo.lastSeq() && repo.state().ackSeq === repo.lastSeq());
    expect([...city.records.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: repo.lastSeq() }, (_, i) => i + 1));
    // The error clears once a whole round (push and pull) succeeds.
    await until('a clean status', () => {
      const status = hall.server.sync.status();
      return status.backlog === 0 && status.lastError === null && status.failures === 0;
    });
  });

  it('applies holidays, notices and phone ratings pulled from the city, ignoring keys it does not know', async () => {
    const call = client(hall.server);
    const kiosk = hall.credentials.devices.find((d) => d.kind === 'kiosk')!.token;
    const { issued } = await serveSome(hall.server, hall.credentials, ['A', 'A'], 'pull');
    const unrated = issued[1]!;
    const today = hall.server.services.queue.views.snapshot(0).hallDay;
    city.pull = {
      version: 5,
      holidays: [{ day: '2027-01-01', name: '元旦', workday: false }, { day: '2027-02-07', name: '春节调休', workday: true }],
      notices: [{ id: 1, text: '全市统一：12月起启用新评价标准', from: today, to: '2099-12-31' }],
      ratings: [
        { id: 90, ticketId: unrated.id, score: 1, attitude: 1, efficiency: null, policy: null, competence: null, comment: '扫码评价', createdAt: new Date().toISOString() },
        { id: 91, ticketId: 999_999, score: 5, attitude: null, efficiency: null, policy: null, competence: null, comment: null, createdAt: new Date().toISOString() },
      ],
    };
    await until('the rating applied', () => hall.server.services.ctx.ratings.byTicket(unrated.id) !== null);
    await until('the pull version stored', () => createSyncRepo(hall.server.db).state().pullVersion === 5);
    expect(hall.server.services.ctx.ratings.byTicket(unrated.id)).toMatchObject({ score: 1, source: 'phone', comment: '扫码评价' });
    expect(hall.server.services.ctx.ratings.holidays()).toEqual(expect.arrayContaining([
      { day: '2027-01-01', kind: 'holiday', name: '元旦' }, { day: '2027-02-07', kind: 'workday', name: '春节调休' },
    ]));
    // Applied once: the same pull again changes nothing, and the bad rating opened one follow-up.
    const followUps = hall.server.db.prepare('SELECT COUNT(*) AS n FROM follow_ups f JOIN ratings r ON r.id = f.rating_id WHERE r.ticket_id = ?');
    await new Promise((done) => setTimeout(done, 700));
    expect(followUps.get(unrated.id)).toEqual({ n: 1 });
    expect(hall.server.sync.status().notices).toEqual([{ id: 1, text: '全市统一：12月起启用新评价标准', from: today, to: '2099-12-31' }]);
    void kiosk;
    void call;
  });
});

describe('the outbox', () => {
  it('hands out gap-free seqs: a refused issue in a batch leaves no hole', async () => {
    const dataDir = freshDir();
    const { server, credentials } = await startHall(dataDir);
    try {
      server.db.prepare('UPDATE sync_state SET enrolled = 1 WHERE id = 1').run();
      const kiosk = { userId: null, deviceId: server.services.ctx.people.devices().find((d) => d.kind === 'kiosk')!.id };
      void credentials;
      const outcomes = server.services.queue.issueBatch([
        { body: { serviceCode: 'A', requestId: 'gap-1' }, actor: kiosk },
        { body: { serviceCode: 'Z', requestId: 'gap-2' }, actor: kiosk },
        { body: { serviceCode: 'B', requestId: 'gap-3' }, actor: kiosk },
      ]);
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
      const seqs = (server.db.prepare('SELECT seq FROM outbox ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
      expect(seqs).toEqual([1, 2]);
      // Pruning acknowledged rows never lets the next seq start again below the highest one handed out.
      server.db.prepare('DELETE FROM outbox').run();
      server.services.queue.issue({ serviceCode: 'A', requestId: 'gap-4' }, kiosk);
      expect(server.db.prepare('SELECT seq FROM outbox').all()).toEqual([{ seq: 3 }]);
    } finally {
      await server.close();
    }
  });

  it('builds push bodies the contract schema accepts, times exact to the millisecond', () => {
    const at = Date.UTC(2026, 2, 1, 1, 2, 3, 7);
    const body = JSON.parse(pushBodyJson(4, [{ seq: 4, kind: 'day-closed', at, data: '{"hallDay":"2026-02-28"}' }], undefined)) as unknown;
    const parsed = pushBodySchema.parse(body);
    expect(parsed.records[0]).toEqual({ seq: 4, kind: 'day-closed', at: '2026-03-01T01:02:03.007Z', data: { hallDay: '2026-02-28' } });
    expect(syncRecordSchema.safeParse({ seq: 0, kind: 'day-closed', at: parsed.records[0]!.at, data: {} }).success).toBe(false);
  });

  it('writes ticket times in SQL exactly as JavaScript prints them', () => {
    const dataDir = freshDir();
    return startHall(dataDir).then(async ({ server }) => {
      try {
        const check = server.db.prepare("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ? / 1000.0, 'unixepoch') AS iso");
        for (const ms of [0, 1, 999, 1_772_352_000_123, 1_772_352_000_999, 1_800_000_000_001, 1_999_999_999_999]) {
          expect((check.get(ms) as { iso: string }).iso).toBe(new Date(ms).toISOString());
        }
      } finally {
        await server.close();
      }
    });
  });
});
