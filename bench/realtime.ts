// Realtime figures at hall scale, in one run: call → ticket:called latency (p50/p99) across the
// boards and staff screens among 300 sockets (kiosks and pads do not hear calls), and the hall
// server's resident memory with 300 sockets connected (VmRSS of the server's
// own process, from /proc/<pid>/status). The server runs as a child process; the 300 clients share
// this process, so latencies include client-side scheduling on the same cores.
// Run: npx tsx bench/realtime.ts [calls=40] [sockets=300]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientTokens, hallSocket, hearsCalls, waitFor } from '../reliability/lib/hall-clients';
import { login, request, sleep } from '../reliability/lib/http';
import { RELIABILITY_PASSWORD } from '../reliability/lib/constants';
import { deviceToken, readCredentials, rssKb, startServerProcess } from '../reliability/lib/server-process';

const CALLS = Number(process.argv[2] ?? 40);
const SOCKETS = Number(process.argv[3] ?? 300);

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const dataDir = mkdtempSync(join(tmpdir(), 'hall-bench-rt-'));
const server = await startServerProcess({ dataDir });
try {
  await sleep(500);
  const idleRss = rssKb(server.pid);
  const credentials = readCredentials(dataDir);
  const staff = await login(server.url, 'zhangwei', RELIABILITY_PASSWORD);
  const kiosk = deviceToken(credentials, 'kiosk');
  const tokens = await clientTokens(server.url, credentials, SOCKETS);
  const received = new Map<string, number[]>(); // number → receipt times
  const listeners = tokens.filter(({ kind }) => hearsCalls(kind)).length;
  const sockets = tokens.map(({ token }) => {
    const socket = hallSocket(server.url, token);
    socket.on('ticket:called', (event: { number: string }) => {
      const list = received.get(event.number) ?? [];
      list.push(Date.now());
      received.set(event.number, list);
    });
    return socket;
  });
  const connectStarted = Date.now();
  let snapshots = 0;
  for (const socket of sockets) socket.once('queue:snapshot', () => (snapshots += 1));
  if (!(await waitFor(() => snapshots === SOCKETS, 60_000))) throw new Error(`only ${snapshots}/${SOCKETS} sockets connected`);
  const connectMs = Date.now() - connectStarted;
  await sleep(1000);
  const rss300 = rssKb(server.pid);

  const latencies: number[] = [];
  let missing = 0;
  let held: number | null = null;
  for (let i = 0; i < CALLS; i += 1) {
    await request(server.url, '/api/tickets', { method: 'POST', token: kiosk, body: { serviceCode: 'A', requestId: `bench-rt-${i}-${Date.now()}` } });
    if (held !== null) await request(server.url, `/api/tickets/${held}/finish`, { method: 'POST', token: staff, body: {} });
    const sentAt = Date.now();
    const called = await request(server.url, '/api/counters/1/call-next', { method: 'POST', token: staff });
    if (called.status !== 200) throw new Error(`call-next → ${called.status} ${called.text}`);
    held = called.json.ticket.id;
    const number = called.json.ticket.number as string;
    await waitFor(() => (received.get(number)?.length ?? 0) >= listeners, 10_000, 2);
    const times = received.get(number) ?? [];
    missing += listeners - times.length;
    for (const at of times) latencies.push(at - sentAt);
    await sleep(100);
  }
  const rssAfter = rssKb(server.pid);
  for (const socket of sockets) socket.close();
  latencies.sort((a, b) => a - b);

  console.log(`realtime bench: ${SOCKETS} sockets (boards, pads, kiosks, staff), ${CALLS} calls on counter 1`);
  console.log(`  machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()[0]!.toFixed(1)}, node ${process.version}`);
  console.log(`  connect ${SOCKETS} sockets: ${connectMs} ms to the last first snapshot`);
  console.log(`  call → ticket:called latency over ${latencies.length} deliveries (${listeners} board and staff sockets per call): p50 ${percentile(latencies, 0.5)} ms, p99 ${percentile(latencies, 0.99)} ms, max ${latencies.at(-1)} ms; ${missing} missed`);
  console.log(`  server RSS: idle ${(idleRss / 1024).toFixed(1)} MB, with ${SOCKETS} sockets ${(rss300 / 1024).toFixed(1)} MB, after the calls ${(rssAfter / 1024).toFixed(1)} MB`);
} finally {
  await server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
