// evaluations.csv / .jsonl (issue 11, 好差评 export) for a month of the whole city on the 200-hall year,
// through the real route of a city server in this process, against the raw limit measured in the
// same run: the same join counted, and the same join sorted and read through a cursor without the formatting.
// Run on a database seeded before (`npm run city -- seed:year --halls 200`):
//   BENCH_DATABASE_URL=postgres://… BENCH_DATA_DIR=<dir with year-credentials.json> npx tsx bench/city-export.ts [runs] [month YYYY-MM]
// Prints p50/p95 of the whole download and of the time to the first byte, rows/s, and the load average.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { hallDayOf } from '@hall/shared';
import { createCityServer } from '../city-server/src/server';

const RUNS = Number(process.argv[2] ?? 20);
const url = process.env.BENCH_DATABASE_URL;
const dataDir = process.env.BENCH_DATA_DIR;
if (!url || !dataDir) {
  console.log('bench/city-export: set BENCH_DATABASE_URL and BENCH_DATA_DIR (a database seeded by seed:year)');
  process.exit(0);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

function lastMonth(): string {
  const today = hallDayOf(Date.now(), 'Asia/Shanghai');
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

async function main() {
  const month = process.argv[3] ?? lastMonth();
  const from = `${month}-01`;
  const to = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
  console.log(`evaluations export, whole city, ${from} … ${to}; ${RUNS} runs each after 3 warm-up; load average ${load()}`);
  const server = await createCityServer({ dataDir: dataDir!, databaseUrl: url, port: 0, log: false, rollupIntervalMs: 0 });
  try {
    const { users } = JSON.parse(readFileSync(join(dataDir!, 'year-credentials.json'), 'utf8')) as { users: { username: string; password: string }[] };
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: users[0]!.password }) });
    const token = ((await login.json()) as { token: string }).token;
    const ids = (await server.db.query<{ id: number }>('SELECT id FROM halls ORDER BY id')).rows.map((r) => r.id);
    const join_ = `FROM ratings r JOIN halls h ON h.id = r.hall_id JOIN tickets t ON t.hall_id = r.hall_id AND t.hall_day = r.hall_day AND t.id = r.ticket_id
      WHERE r.hall_id = ANY($1::int[]) AND r.hall_day BETWEEN $2 AND $3 AND t.hall_day BETWEEN $2 AND $3 AND NOT r.excluded`;
    const rows = Number((await server.db.query<{ n: number }>(`SELECT count(*)::int AS n ${join_}`, [ids, from, to])).rows[0]!.n);

    const report = (label: string, samples: number[], extra = '') => {
      samples.sort((a, b) => a - b);
      const p50 = pct(samples, 50);
      const p95 = pct(samples, 95);
      console.log(`${label.padEnd(34)} p50 ${p50.toFixed(0).padStart(5)} ms  p95 ${p95.toFixed(0).padStart(5)} ms  ${Math.round(rows / (p50 / 1000)).toLocaleString('en').padStart(9)} rows/s p50  ${Math.round(rows / (p95 / 1000)).toLocaleString('en').padStart(9)} rows/s p95${extra}`);
      return { p50, p95 };
    };

    // The raw limit: the same join counted in PostgreSQL, and the same join sorted in export order read through a cursor
    // as one integer a row (no formatting, almost no bytes).
    async function raw() {
      const count: number[] = [];
      const fetched: number[] = [];
      for (let i = 0; i < RUNS + 3; i += 1) {
        let started = performance.now();
        await server.db.query(`SELECT count(*) ${join_}`, [ids, from, to]);
        if (i >= 3) count.push(performance.now() - started);
        started = performance.now();
        let n = 0;
        await server.db.transaction(async (tx) => {
          await tx.query("SET LOCAL work_mem = '64MB'");
          await tx.query(`DECLARE raw_rows NO SCROLL CURSOR FOR SELECT r.id ${join_} ORDER BY r.hall_day, r.hall_id, r.id`, [ids, from, to]);
          for (;;) {
            const page = (await tx.query('FETCH FORWARD 10000 FROM raw_rows')).rows.length;
            n += page;
            if (page < 10_000) break;
          }
        });
        if (n !== rows) throw new Error(`raw rows ${n} ≠ ${rows}`);
        if (i >= 3) fetched.push(performance.now() - started);
      }
      report('raw: count(*) of the join', count);
      report('raw: join sorted, ids via cursor', fetched);
    }

    async function download(format: 'csv' | 'jsonl') {
      const total: number[] = [];
      const first: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS + 3; i += 1) {
        const started = performance.now();
        const response = await fetch(`${server.url}/api/city/exports/evaluations.${format}?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
        const reader = response.body!.getReader();
        let firstByte = 0;
        let size = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (firstByte === 0) firstByte = performance.now() - started;
          size += value.length;
        }
        const ms = performance.now() - started;
        if (response.status !== 200) throw new Error(`evaluations.${format}: ${response.status}`);
        bytes = size;
        if (i >= 3) {
          total.push(ms);
          first.push(firstByte);
        }
      }
      first.sort((a, b) => a - b);
      report(`evaluations.${format} (${(bytes / 1024 / 1024).toFixed(1)} MB)`, total, `  first byte p50 ${pct(first, 50).toFixed(0)} ms p95 ${pct(first, 95).toFixed(0)} ms`);
    }

    console.log(`${rows.toLocaleString('en')} ratings in the month`);
    await raw();
    await download('csv');
    await download('jsonl');
    console.log(`load average at the end ${load()}`);
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
