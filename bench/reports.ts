/**
 * Report latency over a year of data: seeds (or reuses) a year data dir, starts the real hall
 * server and times every report endpoint over HTTP for the whole range, printing p50/p95.
 *
 *   npx tsx bench/reports.ts [--data-dir /tmp/hall-year] [--runs 25]
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { hallDayOf } from '@hall/shared';
import { seedYear } from '../hall-server/src/cli/seed-year';
import type { DemoCredentials } from '../hall-server/src/cli/seed';
import { createHallServer } from '../hall-server/src/server';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string', default: '/tmp/hall-year' }, runs: { type: 'string', default: '25' } },
});
const dataDir = resolve(values['data-dir']);
const runs = Math.max(20, Number(values.runs));
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

if (ticketCount() === 0) {
  console.log(`seeding a year into ${dataDir} (once; later runs reuse it) …`);
  const seeded = seedYear({ dataDir, days: 365, perDay: 3900, seed: 12348, events: true, log: console.log });
  console.log(`seeded ${seeded.tickets} tickets in ${seeded.seedSeconds.toFixed(1)} s, rollups ${seeded.rollupSeconds.toFixed(1)} s`);
}

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

const server = await createHallServer({ dataDir, port: 0 });
try {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: manager.username, password: manager.password }),
  });
  const { token } = (await login.json()) as { token: string };
  const today = hallDayOf(Date.now(), 'Asia/Shanghai');
  const range = `from=${counts.first}&to=${today}`;
  const lastMonth = new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 7);
  const endpoints = [
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
  const time = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
    return { ms: performance.now() - started, bytes: body.byteLength };
  };
  const pct = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

  console.log(`\nyear data: ${counts.tickets} tickets, ${counts.events} events, ${counts.ratings} ratings, ${counts.followUps} follow-ups, ` +
    `${counts.rollupDays} rolled-up days (before this run); ${(statSync(dbFile).size / 1e6).toFixed(0)} MB; range ${counts.first} … ${today}; ${runs} runs each\n`);
  console.log('endpoint'.padEnd(58), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'max ms'.padStart(8), 'bytes'.padStart(10));
  for (const path of endpoints) {
    for (let i = 0; i < 2; i += 1) await time(path);
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i += 1) {
      const result = await time(path);
      samples.push(result.ms);
      bytes = result.bytes;
    }
    samples.sort((a, b) => a - b);
    const label = path.replace(range, 'from…to');
    console.log(label.padEnd(58), pct(samples, 0.5).toFixed(1).padStart(8), pct(samples, 0.95).toFixed(1).padStart(8), samples.at(-1)!.toFixed(1).padStart(8), String(bytes).padStart(10));
  }
} finally {
  await server.close();
}
