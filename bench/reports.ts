/**
 * Report latency over a year of data: seeds (or reuses) a year data dir, starts the real hall
 * server and times every report endpoint over HTTP for the whole range, printing p50/p95.
 *
 *   npx tsx bench/reports.ts [--data-dir /tmp/hall-year] [--runs 25] [--only summary] [--busy] [--split]
 *
 * --busy keeps the machine busy while timing: one CPU-burning child process per core, and a kiosk
 * issuing a ticket to the same hall every 200 ms (today's tickets then feed the report too); the
 * load average is printed before and after. --only times the endpoints whose path contains that
 * text. --split times the summary's stages in this process (read packs, summarise, follow-up counts,
 * bookings, JSON) over the same database.
 */
import { fork } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { hallDayOf } from '@hall/shared';
import { seedYear } from '../hall-server/src/cli/seed-year';
import type { DemoCredentials } from '../hall-server/src/cli/seed';
import { createHallServer } from '../hall-server/src/server';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '/tmp/hall-year' }, runs: { type: 'string', default: '25' }, only: { type: 'string' },
    busy: { type: 'boolean', default: false }, split: { type: 'boolean', default: false }, burn: { type: 'boolean', default: false },
  },
});
if (values.burn) {
  // A child started by --busy: burn one core until the parent goes.
  process.on('disconnect', () => process.exit(0));
  let x = 0;
  const spin = () => {
    const until = Date.now() + 1000;
    while (Date.now() < until) x = (x * 1103515245 + 12345) % 2147483648;
    setImmediate(spin);
  };
  spin();
}
const dataDir = resolve(values['data-dir']);
const runs = Math.max(20, Number(values.runs));
const pct = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const dbFile = join(dataDir, 'hall.db');

function ticketCount(): number {
  if (!existsSync(dbFile)) return 0;
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

if (!values.burn && ticketCount() === 0) {
  console.log(`seeding a year into ${dataDir} (once; later runs reuse it) …`);
  const seeded = seedYear({ dataDir, days: 365, perDay: 3900, seed: 12348, events: true, log: console.log });
  console.log(`seeded ${seeded.tickets} tickets in ${seeded.seedSeconds.toFixed(1)} s, rollups ${seeded.rollupSeconds.toFixed(1)} s`);
}

if (values.burn) await new Promise(() => {});
const counts = (() => {
  const db = new Database(dbFile, { readonly: true });
  const one = (sql: string) => (db.prepare(sql).get() as { n: number | string }).n;
  const result = {
    tickets: one('SELECT COUNT(*) AS n FROM tickets'), events: one('SELECT COUNT(*) AS n FROM ticket_events'),
    ratings: one('SELECT COUNT(*) AS n FROM ratings'), followUps: one('SELECT COUNT(*) AS n FROM follow_ups'),
    rollupDays: one('SELECT COUNT(*) AS n FROM report_rollup_days'), first: one('SELECT MIN(hall_day) AS n FROM tickets') as string,
  };
  db.close();
  return result;
})();
const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
const manager = credentials.users.find((u) => u.role === 'manager')!;
const kioskToken = credentials.devices.find((d) => d.kind === 'kiosk')!.token;

const server = await createHallServer({ dataDir, port: 0, issueLimit: null });
const burners: ReturnType<typeof fork>[] = [];
let issuing: ReturnType<typeof setInterval> | undefined;
const issued = { ok: 0, failed: 0 };
try {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: manager.username, password: manager.password }),
  });
  const { token } = (await login.json()) as { token: string };
  const today = hallDayOf(Date.now(), 'Asia/Shanghai');
  const range = `from=${counts.first}&to=${today}`;
  const lastMonth = new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 7);
  const allEndpoints = [
    `/api/reports/summary?${range}`,
    `/api/reports/by-service.csv?${range}`,
    `/api/reports/by-counter.csv?${range}`,
    `/api/reports/by-staff.csv?${range}`,
    `/api/reports/by-hour.csv?${range}`,
    `/api/reports/by-day.csv?${range}`,
    `/api/reports/summary.xlsx?${range}`,
    `/api/reports/ranking?month=${lastMonth}`,
    `/api/dashboard`,
    `/api/follow-ups`,
    `/api/ratings?${range}&maxScore=2`,
  ];
  const endpoints = values.only ? allEndpoints.filter((path) => path.includes(values.only!)) : allEndpoints;
  const time = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
    return { ms: performance.now() - started, bytes: body.byteLength };
  };

  if (values.busy) {
    console.log(`load before --busy: ${load()}`);
    for (let i = 0; i < availableParallelism(); i += 1) burners.push(fork(import.meta.filename, ['--burn'], { execArgv: process.execArgv, stdio: 'ignore' }));
    let request = 0;
    issuing = setInterval(() => {
      void fetch(`${server.url}/api/tickets`, {
        method: 'POST', headers: { authorization: `Bearer ${kioskToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ serviceCode: 'A', requestId: `bench-busy-${process.pid}-${(request += 1)}` }),
      }).then((r) => (r.ok ? (issued.ok += 1) : (issued.failed += 1)), () => (issued.failed += 1));
    }, 200);
    // Let the load average climb before timing.
    await new Promise((done) => setTimeout(done, 15_000));
  }
  console.log(`\nyear data: ${counts.tickets} tickets, ${counts.events} events, ${counts.ratings} ratings, ${counts.followUps} follow-ups, ` +
    `${counts.rollupDays} rolled-up days (before this run); ${(statSync(dbFile).size / 1e6).toFixed(0)} MB; range ${counts.first} … ${today}; ${runs} runs each\n`);
  // cpu ms: this process's CPU time (server and client, all threads) per request, which load does not inflate.
  console.log('endpoint'.padEnd(58), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'max ms'.padStart(8), 'bytes'.padStart(10), 'cpu ms'.padStart(8));
  for (const path of endpoints) {
    // Warm-up: the first requests after start read the month packs and let the JIT settle.
    for (let i = 0; i < 5; i += 1) await time(path);
    const samples: number[] = [];
    let bytes = 0;
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < runs; i += 1) {
      const result = await time(path);
      samples.push(result.ms);
      bytes = result.bytes;
    }
    const cpu = process.cpuUsage(cpuBefore);
    samples.sort((a, b) => a - b);
    const label = path.replace(range, 'from…to');
    const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
    console.log(label.padEnd(58), pct(samples, 0.5).toFixed(1).padStart(8), pct(samples, 0.95).toFixed(1).padStart(8), samples.at(-1)!.toFixed(1).padStart(8), String(bytes).padStart(10), cpuMs.toFixed(1).padStart(8));
  }
  console.log(`\nload average (1, 5, 15 min) at the end: ${load()}${values.busy ? `; busy: ${burners.length} burning processes, ${issued.ok} tickets issued during the run (${issued.failed} refused)` : ''}`);
  if (values.split) await split(counts.first, today);
} finally {
  if (issuing) clearInterval(issuing);
  for (const burner of burners) burner.kill();
  await server.close();
}

/** The summary's stages timed in this process over the same database (ms, p50 / p95 of `runs`). */
async function split(from: string, to: string) {
  const { openDatabase } = await import('../hall-server/src/db/database');
  const { createHallContext } = await import('../hall-server/src/server');
  const { createHallServices } = await import('../hall-server/src/services/hall-services');
  const { createRouteServices } = await import('../hall-server/src/services/route-services');
  const { createReportsRepo } = await import('../hall-server/src/repos/reports-repo');
  const { summarizeDays } = await import('../hall-server/src/reports/rollup');
  const { createMonthPacksRepo } = await import('../hall-server/src/reports/month-packs');
  const db = openDatabase(dbFile);
  try {
    const ctx = createHallContext(db, {});
    const services = createRouteServices(createHallServices(ctx));
    const repo = createReportsRepo(db);
    const months = createMonthPacksRepo(db);
    const target = (code: string) => (ctx.hall.service(code)?.targetWaitMinutes ?? 0) * 60;
    const stages: Record<string, number[]> = {};
    const timed = <T>(name: string, f: () => T): T => {
      const started = performance.now();
      const result = f();
      (stages[name] ??= []).push(performance.now() - started);
      return result;
    };
    for (let i = 0; i < runs + 2; i += 1) {
      const days = timed('day packs: read', () => repo.packedDays(from, to));
      timed('day packs: summarizeDays', () => summarizeDays(days, target));
      const packs = timed('month packs: read from SQLite', () => [...months.index(from.slice(0, 7), to.slice(0, 7)).keys()].map((hallDay) => ({ hallDay, packed: months.data(hallDay)! })));
      timed('month packs: summarizeDays', () => summarizeDays(packs, target));
      timed('calledWaits (bookings walk-in side)', () => services.reports.calledWaits(from, to));
      const report = timed('reports.summary (service, all stages)', () => services.reports.summary(from, to));
      timed('follow-up counts', () => services.reports.followUpStats(from, to));
      const bookings = timed('bookings.figures', () => services.bookings.figures(from, to));
      timed('JSON.stringify', () => JSON.stringify({ ...report, bookings }));
    }
    console.log('\nsummary stages in-process'.padEnd(59), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8));
    for (const [name, samples] of Object.entries(stages)) {
      const sorted = samples.slice(2).sort((a, b) => a - b);
      console.log(name.padEnd(58), pct(sorted, 0.5).toFixed(1).padStart(8), pct(sorted, 0.95).toFixed(1).padStart(8));
    }
  } finally {
    db.close();
  }
}
