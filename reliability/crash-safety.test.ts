/**
 * Crash safety: the hall server is SIGKILLed five times at random moments while kiosks issue
 * ≥ 200 numbers a second and six counters call and finish, and restarted on the same port and
 * data dir each time. Every number a kiosk was told about (201) must exist afterwards with the
 * same number; no number may be issued twice in a hall day; no counter may hold two tickets;
 * a retry with the same requestId returns the same ticket across the crash; sockets come back
 * by themselves and get a fresh queue:snapshot after every restart.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInvariants } from './lib/invariants';
import { keepAliveAgent, login, pool, request, sleep } from './lib/http';
import { RELIABILITY_PASSWORD } from './lib/constants';
import { deviceToken, readCredentials, startServerProcess, type ServerProcess } from './lib/server-process';
import { makeRandom } from './lib/random';

const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
const LOAD_MS = 20_000;
const KILLS = 5;
const ISSUE_RATE = 220; // offered issues per second while the server is up
// Bounded, like real kiosks (each waits for its answer): an unbounded open loop past the server's
// capacity only measures queueing, and client time-outs would churn connections.
const MAX_IN_FLIGHT = 16;
// Services without a daily quota in the city profile (B, D, E stop at their quota, a 409 that is not a crash question).
const SERVICES = ['A', 'C', 'F'] as const;
// A counter calls again 300 ms after finishing: 6 counters ≈ 15 calls/s, far busier than a real hall,
// yet leaving the server time to issue (call-next reads every waiting ticket, so its cost grows with the queue).
const COUNTER_PAUSE_MS = 300;
const STAFF = ['zhangwei', 'wangfang', 'lina', 'liuyang', 'chenjing', 'zhaolei'] as const;

interface Acked { requestId: string; serviceCode: string; id: number; number: string; trackingCode: string }

describe('crash safety under load with five SIGKILLs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-crash-'));
  let server: ServerProcess | null = null;
  const sockets: Socket[] = [];

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged ticket, never reuses a number, never double-holds a counter, resyncs sockets', async () => {
    console.log(`[crash-safety] seed ${SEED} (set RELIABILITY_SEED=${SEED} to repeat the kill schedule)`);
    const random = makeRandom(SEED);
    server = await startServerProcess({ dataDir });
    const port = server.port;
    const url = server.url;
    const credentials = readCredentials(dataDir);
    const agent = keepAliveAgent(MAX_IN_FLIGHT + 16);
    const staffTokens = await Promise.all(STAFF.map((name) => login(url, name, RELIABILITY_PASSWORD, agent)));
    const managerToken = await login(url, 'manager', RELIABILITY_PASSWORD, agent);
    const kioskTokens = credentials.devices.filter((d) => d.kind === 'kiosk').map((d) => d.token);

    // Sockets of every kind of client: each records when it received a queue:snapshot.
    const socketAuth = [
      { name: 'board', token: deviceToken(credentials, 'board') },
      { name: 'pad-1', token: deviceToken(credentials, 'pad', 1) },
      { name: 'kiosk', token: kioskTokens[0]! },
      { name: 'staff', token: staffTokens[0]! },
    ];
    const snapshotTimes = socketAuth.map(() => [] as number[]);
    socketAuth.forEach(({ token }, index) => {
      // Short reconnection delays keep the suite quick; the default 1 s…5 s back-off behaves the same, slower.
      const socket = connect(url, { auth: { token }, reconnectionDelay: 200, reconnectionDelayMax: 800 });
      socket.on('queue:snapshot', () => snapshotTimes[index]!.push(Date.now()));
      sockets.push(socket);
    });
    const allSynced = async (since: number, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (snapshotTimes.every((times) => times.some((at) => at >= since))) return true;
        await sleep(25);
      }
      return false;
    };
    expect(await allSynced(0, 10_000)).toBe(true);

    let up = true;
    let running = true;
    const acked: Acked[] = [];
    const inFlightAtKill = new Map<string, string>(); // requestId → serviceCode, response lost (not refused)
    let refused = 0;
    let otherStatus = 0;
    let inFlight = 0;
    let attempts = 0;
    const calls: { counterId: number; ticketId: number }[] = [];
    const finishes: number[] = [];
    let upMs = 0;
    let upSince = Date.now();

    // Kiosks: open-loop issuing at ISSUE_RATE while the server is up.
    async function issueOne() {
      const requestId = randomUUID();
      const serviceCode = SERVICES[random.int(SERVICES.length)]!;
      const token = kioskTokens[random.int(kioskTokens.length)]!;
      inFlight += 1;
      attempts += 1;
      try {
        const res = await request(url, '/api/tickets', { method: 'POST', token, body: { serviceCode, requestId }, agent, timeoutMs: 30_000 });
        if (res.status === 201) acked.push({ requestId, serviceCode, id: res.json.id, number: res.json.number, trackingCode: res.json.trackingCode });
        else otherStatus += 1;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ECONNREFUSED') refused += 1;
        else inFlightAtKill.set(requestId, serviceCode);
      } finally {
        inFlight -= 1;
      }
    }
    const issuer = (async () => {
      let sent = 0;
      let windowStart = Date.now();
      let wasUp = true;
      while (running) {
        if (!up) {
          wasUp = false;
          await sleep(20);
          continue;
        }
        if (!wasUp) {
          wasUp = true;
          windowStart = Date.now();
          sent = 0;
        }
        const due = Math.floor(((Date.now() - windowStart) / 1000) * ISSUE_RATE) - sent;
        for (let i = 0; i < due && inFlight < MAX_IN_FLIGHT; i += 1) {
          sent += 1;
          void issueOne();
        }
        await sleep(4);
      }
    })();

    // Six counters: call-next, finish; a counter found busy after a crash finishes what it holds.
    const counterLoop = async (counterId: number, token: string) => {
      while (running) {
        if (!up) {
          await sleep(20);
          continue;
        }
        try {
          const res = await request(url, `/api/counters/${counterId}/call-next`, { method: 'POST', token, agent, timeoutMs: 5000 });
          let ticketId: number | null = null;
          if (res.status === 200) {
            ticketId = res.json.ticket.id as number;
            calls.push({ counterId, ticketId });
          } else if (res.status === 204) {
            await sleep(COUNTER_PAUSE_MS);
            continue;
          } else if (res.status === 409 && res.json?.error?.code === 'counter-busy') {
            const snapshot = await request(url, '/api/queue', { token, agent });
            ticketId = snapshot.json.counters.find((c: { id: number }) => c.id === counterId)?.current?.id ?? null;
            if (ticketId === null) continue;
          } else {
            throw new Error(`call-next ${counterId} → ${res.status} ${res.text}`);
          }
          const done = await request(url, `/api/tickets/${ticketId}/finish`, { method: 'POST', token, body: {}, agent, timeoutMs: 5000 });
          if (done.status === 200) finishes.push(ticketId);
          await sleep(COUNTER_PAUSE_MS);
        } catch (error) {
          if (!(error as NodeJS.ErrnoException).code && !/timeout|socket hang up/.test(String(error))) throw error;
          await sleep(20);
        }
      }
    };
    const counters = staffTokens.map((token, index) => counterLoop(index + 1, token));

    // The killer: five SIGKILLs at random moments, each restart on the same port and data dir.
    const started = Date.now();
    const restarts: { killedAt: number; readyAt: number; resyncMs: number }[] = [];
    const idempotentRetries = { replayedAcked: 0, inFlightRetried: 0, inFlightAlreadyCommitted: 0 };
    for (let kill = 0; kill < KILLS; kill += 1) {
      const remaining = LOAD_MS - (Date.now() - started);
      const slot = Math.max(600, remaining / (KILLS - kill) - 1800);
      await sleep(400 + random.int(Math.floor(slot)));
      const killedAt = Date.now();
      up = false;
      upMs += killedAt - upSince;
      await server.kill('SIGKILL');
      server = await startServerProcess({ dataDir, port });
      const readyAt = Date.now();
      upSince = readyAt;
      up = true;
      const synced = await allSynced(readyAt, 15_000);
      const resyncMs = Date.now() - readyAt;
      if (!synced) console.log(`[crash-safety] not resynced after restart ${kill + 1}: ${socketAuth.map((a, i) => `${a.name} connected=${sockets[i]!.connected}`).join(', ')}\n${server.stderr()}`);
      expect(synced, `every socket resyncs after restart ${kill + 1}`).toBe(true);
      restarts.push({ killedAt: killedAt - started, readyAt: readyAt - started, resyncMs });

      // Idempotency across the crash: acknowledged requests replay to the same ticket…
      const replay = Array.from({ length: Math.min(10, acked.length) }, () => acked[random.int(acked.length)]!);
      await pool(replay, 4, async (ticket) => {
        const res = await request(url, '/api/tickets', { method: 'POST', token: kioskTokens[0], body: { serviceCode: ticket.serviceCode, requestId: ticket.requestId }, agent });
        expect(res.status, `replay of ${ticket.requestId}`).toBe(200);
        expect({ id: res.json.id, number: res.json.number, trackingCode: res.json.trackingCode }).toEqual({ id: ticket.id, number: ticket.number, trackingCode: ticket.trackingCode });
        idempotentRetries.replayedAcked += 1;
      });
      // …and requests whose answer the crash swallowed are retried like a kiosk would: one ticket, whichever side of the commit.
      const lost = [...inFlightAtKill];
      inFlightAtKill.clear();
      await pool(lost, 4, async ([requestId, serviceCode]) => {
        const res = await request(url, '/api/tickets', { method: 'POST', token: kioskTokens[1], body: { serviceCode, requestId }, agent });
        expect([200, 201], `retry of in-flight ${requestId}: ${res.text}`).toContain(res.status);
        const again = await request(url, '/api/tickets', { method: 'POST', token: kioskTokens[0], body: { serviceCode, requestId }, agent });
        expect(again.status).toBe(200);
        expect(again.json.id).toBe(res.json.id);
        idempotentRetries.inFlightRetried += 1;
        if (res.status === 200) idempotentRetries.inFlightAlreadyCommitted += 1;
        acked.push({ requestId, serviceCode, id: res.json.id, number: res.json.number, trackingCode: res.json.trackingCode });
      });
    }
    const remaining = LOAD_MS - (Date.now() - started);
    if (remaining > 0) await sleep(remaining);
    running = false;
    await issuer;
    await Promise.all(counters);
    while (inFlight > 0) await sleep(10);
    upMs += Date.now() - upSince;
    const wallMs = Date.now() - started;

    const issuedPerSecond = acked.length / (upMs / 1000);
    const offeredPerSecond = attempts / (upMs / 1000);
    console.log(
      `[crash-safety] ${wallMs} ms of load, ${upMs} ms of it with the server up; ${acked.length} tickets acknowledged ` +
        `(${issuedPerSecond.toFixed(0)}/s while up; ${offeredPerSecond.toFixed(0)}/s sent, ${ISSUE_RATE}/s offered, ≤ ${MAX_IN_FLIGHT} in flight), ${calls.length} calls, ${finishes.length} finishes, ` +
        `${refused} refused while down, ${otherStatus} other statuses`,
    );
    console.log(`[crash-safety] restarts: ${restarts.map((r) => `killed@${r.killedAt}ms ready@${r.readyAt}ms resync ${r.resyncMs}ms`).join('; ')}`);
    console.log(`[crash-safety] idempotency: ${idempotentRetries.replayedAcked} acknowledged replays, ${idempotentRetries.inFlightRetried} in-flight retries (${idempotentRetries.inFlightAlreadyCommitted} had committed before the kill)`);
    expect(restarts).toHaveLength(KILLS);
    expect(calls.length).toBeGreaterThan(100);

    // Through the API, as staff: every acknowledged ticket, same number.
    const staff = await login(url, 'manager', RELIABILITY_PASSWORD, agent);
    const sample = acked.filter((_, index) => index % 10 === 0);
    await pool(sample, 16, async (ticket) => {
      const res = await request(url, `/api/tickets/${ticket.id}`, { token: staff, agent });
      expect(res.status).toBe(200);
      expect(res.json.ticket.number).toBe(ticket.number);
    });
    void managerToken;

    // The database itself, after a clean stop: every acknowledged ticket with its number, sound invariants.
    await server.kill('SIGTERM');
    server = null;
    agent.destroy();
    const db = new Database(join(dataDir, 'hall.db'));
    try {
      const byRequest = db.prepare('SELECT id, number FROM tickets WHERE request_id = ?');
      const missing = acked.filter((ticket) => {
        const row = byRequest.get(ticket.requestId) as { id: number; number: string } | undefined;
        return !row || row.id !== ticket.id || row.number !== ticket.number;
      });
      expect(missing, 'acknowledged tickets missing or renumbered').toEqual([]);
      expect(checkInvariants(db)).toEqual([]);
      // A ticket was handed to one counter only: each acknowledged call names a distinct ticket, recorded with that counter.
      const calledTwice = calls.filter((call, index) => calls.findIndex((other) => other.ticketId === call.ticketId) !== index);
      expect(calledTwice).toEqual([]);
      const callEvent = db.prepare("SELECT counter_id FROM ticket_events WHERE ticket_id = ? AND action = 'call'");
      for (const call of calls) {
        const rows = callEvent.all(call.ticketId) as { counter_id: number }[];
        expect(rows.map((row) => row.counter_id)).toEqual([call.counterId]);
      }
      const total = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
      console.log(`[crash-safety] database holds ${total} tickets; ${acked.length} were acknowledged (the rest committed before a kill swallowed the answer)`);
    } finally {
      db.close();
    }
  });
});
