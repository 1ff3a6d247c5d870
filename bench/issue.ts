// Ticket issue rate over HTTP (keep-alive, 8 concurrent clients) against the raw durable-commit
// rate of better-sqlite3 on the same disk (one insert per transaction, WAL, synchronous=FULL).
// Run: npx tsx bench/issue.ts [seconds]
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent, request } from 'node:http';
import { deviceToken, readCredentials, startServerProcess } from '../reliability/lib/server-process';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.argv[2] ?? 8);
const CLIENTS = 8;
const scratch = join(ROOT, '.tmp');
mkdirSync(scratch, { recursive: true });

function rawCommitRate(seconds: number): number {
  const dir = mkdtempSync(join(scratch, 'bench-raw-'));
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, number TEXT NOT NULL, payload TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (number, payload) VALUES (?, ?)');
  const commit = db.transaction((i: number) => insert.run(`A${i}`, 'x'.repeat(120)));
  const end = Date.now() + seconds * 1000;
  let count = 0;
  while (Date.now() < end) commit(count++);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return count / seconds;
}

function post(agent: Agent, port: number, token: string, body: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/tickets', method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function httpIssueRate(seconds: number) {
  const dataDir = mkdtempSync(join(scratch, 'bench-http-'));
  const server = await startServerProcess({ dataDir });
  const { port } = server;
  const token = deviceToken(readCredentials(dataDir), 'kiosk');
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  let issued = 0;
  let failed = 0;
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
    let i = 0;
    while (Date.now() < end) {
      const body = JSON.stringify({ serviceCode: i % 2 ? 'A' : 'F', requestId: `bench-${client}-${i++}-${port}` });
      const started = performance.now();
      const status = await post(agent, port, token, body);
      latencies.push(performance.now() - started);
      if (status === 201) issued += 1;
      else failed += 1;
    }
  }));
  agent.destroy();
  await server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]!;
  return { rate: issued / seconds, failed, p50: pct(0.5), p99: pct(0.99) };
}

console.log(`bench/issue — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${SECONDS} s per phase, disk: ${scratch}`);
const raw = rawCommitRate(SECONDS);
console.log(`raw better-sqlite3 durable commits (WAL, synchronous=FULL, 1 insert/txn): ${raw.toFixed(0)} commits/s`);
const http = await httpIssueRate(SECONDS);
console.log(`HTTP POST /api/tickets (keep-alive, ${CLIENTS} clients): ${http.rate.toFixed(0)} tickets/s, p50 ${http.p50.toFixed(1)} ms, p99 ${http.p99.toFixed(1)} ms, non-201: ${http.failed}`);
console.log(`ratio HTTP / raw: ${((http.rate / raw) * 100).toFixed(1)} % (goal ≥ 50 %)`);
