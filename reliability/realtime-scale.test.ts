/**
 * Realtime at hall scale: 300 sockets (boards, pads, kiosks, staff) on one hall server. A call
 * reaches every board and staff screen among them (kiosks and pads are not its audience); after the server restarts on the same port (crash or planned), all 300 get a
 * fresh queue:snapshot within 2 s of the new server listening — the one wall-clock promise the
 * suite asserts. Sockets are configured like the hall's screens (see lib/hall-clients.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueSnapshot } from '@hall/shared';
import { clientTokens, hallSocket, hearsCalls, SHIPPED_SCREENS, waitFor } from './lib/hall-clients';
import { login, request } from './lib/http';
import { RELIABILITY_PASSWORD } from './lib/constants';
import { cpuMs, deviceToken, readCredentials, startServerProcess, type ServerProcess } from './lib/server-process';

const CLIENTS = 300;
const RESYNC_PROMISE_MS = 2000;

interface Client {
  kind: string;
  socket: Socket;
  snapshots: { at: number; snapshot: QueueSnapshot }[];
  calls: { at: number; number: string }[];
  deviceEvents: number;
}

describe(`realtime with ${CLIENTS} sockets`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-rt-'));
  let server: ServerProcess;
  let clients: Client[] = [];
  let staffToken = '';
  let kioskToken = '';

  beforeAll(async () => {
    server = await startServerProcess({ dataDir });
    const credentials = readCredentials(dataDir);
    staffToken = await login(server.url, 'zhangwei', RELIABILITY_PASSWORD);
    kioskToken = deviceToken(credentials, 'kiosk');
    const tokens = await clientTokens(server.url, credentials, CLIENTS);
    clients = tokens.map(({ kind, token }) => {
      const client: Client = { kind, socket: hallSocket(server.url, token, SHIPPED_SCREENS), snapshots: [], calls: [], deviceEvents: 0 };
      client.socket.on('device:updated', () => (client.deviceEvents += 1));
      client.socket.on('queue:snapshot', (snapshot) => client.snapshots.push({ at: Date.now(), snapshot }));
      client.socket.on('ticket:called', (event: { number: string }) => client.calls.push({ at: Date.now(), number: event.number }));
      return client;
    });
    const connected = await waitFor(() => clients.every((c) => c.snapshots.length > 0), 60_000);
    const kinds = new Map<string, number>();
    for (const client of clients) kinds.set(client.kind, (kinds.get(client.kind) ?? 0) + 1);
    console.log(`[realtime] ${clients.filter((c) => c.snapshots.length > 0).length}/${CLIENTS} sockets got their first snapshot (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')})`);
    expect(connected).toBe(true);
  });

  afterAll(async () => {
    for (const client of clients) client.socket.close();
    await server?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function issueAndCall(): Promise<{ number: string; sentAt: number }> {
    const issued = await request(server.url, '/api/tickets', { method: 'POST', token: kioskToken, body: { serviceCode: 'A', requestId: `rt-${Date.now()}-${Math.random()}` } });
    expect(issued.status).toBe(201);
    // Counter 1 serves A; free it first (a previous call may still be held there).
    const queue = await request(server.url, '/api/queue', { token: staffToken });
    const held = queue.json.counters.find((c: { id: number }) => c.id === 1)?.current;
    if (held) expect((await request(server.url, `/api/tickets/${held.id}/finish`, { method: 'POST', token: staffToken, body: {} })).status).toBe(200);
    const sentAt = Date.now();
    const called = await request(server.url, '/api/counters/1/call-next', { method: 'POST', token: staffToken });
    expect(called.status).toBe(200);
    return { number: called.json.ticket.number, sentAt };
  }

  it('delivers ticket:called to every board and staff socket of the 300, and to no kiosk or pad', async () => {
    const { number, sentAt } = await issueAndCall();
    const audience = clients.filter((c) => hearsCalls(c.kind));
    const all = await waitFor(() => audience.every((c) => c.calls.some((call) => call.number === number)), 15_000);
    const received = clients.filter((c) => c.calls.some((call) => call.number === number));
    const delays = received.map((c) => c.calls.find((call) => call.number === number)!.at - sentAt).sort((a, b) => a - b);
    console.log(`[realtime] ticket:called ${number} reached ${received.length}/${audience.length} board and staff sockets (of ${CLIENTS}); last after ${delays.at(-1)} ms, median ${delays[delays.length >> 1]} ms (from the call request)`);
    expect(all).toBe(true);
    expect(audience.length).toBeGreaterThan(CLIENTS / 2);
    expect(received.filter((c) => !hearsCalls(c.kind)).map((c) => c.kind)).toEqual([]);
    expect(received).toHaveLength(audience.length);
  });

  for (const how of ['SIGKILL', 'SIGTERM'] as const) {
    it(`resyncs all 300 within 2 s after a ${how === 'SIGKILL' ? 'crash' : 'planned'} restart on the same port (${how})`, async () => {
      const { number } = await issueAndCall();
      await server.kill(how);
      const port = server.port;
      server = await startServerProcess({ dataDir, port });
      const readyAt = Date.now();
      const manager = clients.find((c) => c.kind === 'staff:manager')!;
      const deviceEventsBefore = manager.deviceEvents;
      const cpuAtReady = cpuMs(server.pid);
      const selfAtReady = process.cpuUsage();
      const resynced = () => clients.filter((c) => c.snapshots.some((s) => s.at >= readyAt));
      await waitFor(() => resynced().length === CLIENTS, 20_000);
      const times = resynced().map((c) => c.snapshots.find((s) => s.at >= readyAt)!.at - readyAt).sort((a, b) => a - b);
      const last = times.at(-1) ?? Infinity;
      const serverCpu = cpuMs(server.pid) - cpuAtReady;
      const self = process.cpuUsage(selfAtReady);
      console.log(`[realtime] CPU while resyncing: server ${serverCpu} ms, test clients ${Math.round((self.user + self.system) / 1000)} ms, machine load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
      console.log(`[realtime] ${how} restart: ${times.length}/${CLIENTS} sockets resynced; last ${last} ms after the new server listened (median ${times[times.length >> 1]} ms, promise ${RESYNC_PROMISE_MS} ms)`);
      expect(times).toHaveLength(CLIENTS);
      // The fresh snapshot shows the state committed before the restart: counter 1 holds the call
      // (on every screen that shows counter 1: boards, staff, counter 1's pads; kiosks get no counters).
      for (const client of clients.filter((c) => hearsCalls(c.kind))) {
        const fresh = client.snapshots.find((s) => s.at >= readyAt)!.snapshot;
        expect(fresh.counters.find((c: { id: number }) => c.id === 1)?.current?.number).toBe(number);
      }
      console.log(`[realtime] one manager socket received ${manager.deviceEvents - deviceEventsBefore} device:updated events during the resync (they go to managers only)`);
      // The one wall-clock assertion of the suite: the design's 2 s resync promise. Clients and
      // server share this machine's cores; when other work oversubscribes them (1-minute load above
      // the core count) the budget is scaled by load ÷ cores, and the printed line says so.
      const oversubscribed = Math.max(1, loadavg()[0]! / cpus().length);
      const budget = Math.round(RESYNC_PROMISE_MS * oversubscribed);
      if (budget > RESYNC_PROMISE_MS) console.log(`[realtime] machine oversubscribed ×${oversubscribed.toFixed(1)}: asserting ≤ ${budget} ms instead of ${RESYNC_PROMISE_MS} ms`);
      expect(last).toBeLessThanOrEqual(budget);
    });
  }
});
