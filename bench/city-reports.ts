// City reports (issue 11) on the 200-hall year (`npm run city -- seed:year --halls 200`) on a real
// PostgreSQL: latency of the summary for the whole city, one county and one hall (by its area and by
// hall=, a village room and the city hall; a month and the year), the ranking of a month, the open follow-up list, and evaluations.csv for a month (rows/s).
// The city server runs in this process on the throwaway cluster (fsync off: reads are what is timed).
// Run: npx tsx bench/city-reports.ts [halls] [runs]   (LOAD: the load average is printed; compare on a quiet machine)
// Again on a database seeded before: BENCH_DATABASE_URL=postgres://… BENCH_DATA_DIR=<dir with year-credentials.json>
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { hallDayOf } from '@hall/shared';
import { openDatabase } from '../city-server/src/db/database';
import { seedCityYear } from '../city-server/src/cli/seed-year';
import { createCityServer } from '../city-server/src/server';
import { hallsRepo } from '../city-server/src/repos/halls-repo';
import { createReportService } from '../city-server/src/services/report-service';
import { pgUnavailableReason, startPgCluster } from '../city-server/src/testing/pg-cluster';

const ROOT = resolve(import.meta.dirname, '..');
const HALLS = Number(process.argv[2] ?? 200);
const RUNS = Number(process.argv[3] ?? 30);
const scratch = join(ROOT, '.tmp');
mkdirSync(scratch, { recursive: true });

const reason = pgUnavailableReason();
if (reason) {
  console.log(`bench/city-reports skipped: ${reason}`);
  process.exit(0);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  console.log(`city reports on ${HALLS} halls × a year, PostgreSQL; ${RUNS} runs each after 3 warm-up; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const reuse = process.env.BENCH_DATABASE_URL;
  const cluster = reuse ? null : await startPgCluster();
  const dataDir = reuse ? process.env.BENCH_DATA_DIR! : mkdtempSync(join(scratch, 'bench-city-reports-'));
  try {
    const url = reuse ?? await cluster!.createDatabase('city');
    if (!reuse) {
      const db = await openDatabase({ dataDir, databaseUrl: url });
      const seedStart = performance.now();
      const seeded = await seedCityYear(db, { halls: HALLS, dataDir, seed: 1 });
      await db.close();
      console.log(`seed:year: ${seeded.halls} halls, ${seeded.tickets.toLocaleString('en')} tickets, ${seeded.ratings.toLocaleString('en')} ratings, ${seeded.followUps.toLocaleString('en')} follow-ups in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`);
    }

    const server = await createCityServer({ dataDir, databaseUrl: url, port: 0, log: false, rollupIntervalMs: 0 });
    try {
      const { users } = JSON.parse(readFileSync(join(dataDir, 'year-credentials.json'), 'utf8')) as { users: { username: string; password: string; areaCode: string }[] };
      const login = async (username: string, password: string) =>
        ((await (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).json()) as { token: string }).token;
      const admin = await login('admin', users[0]!.password);
      const county = users[1]!;
      const halls = (await (await fetch(`${server.url}/api/city/halls?area=${county.areaCode}`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { id: number; level: string; areaCode: string }[];
      // One hall: a village room's area holds that hall alone (the summary is by area).
      const oneHall = halls.find((h) => h.level === 'village')!;
      // The busiest hall (the city hall) through hall=, the one-hall drill-down of the console.
      const cityHall = ((await (await fetch(`${server.url}/api/city/halls`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { id: number; level: string }[])
        .find((h) => h.level === 'city')!;
      const today = hallDayOf(Date.now(), 'Asia/Shanghai');
      const lastMonth = (() => {
        const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() - 1);
        return d.toISOString().slice(0, 7);
      })();
      const monthFrom = `${lastMonth}-01`;
      const monthTo = new Date(Date.UTC(Number(lastMonth.slice(0, 4)), Number(lastMonth.slice(5, 7)), 0)).toISOString().slice(0, 10);
      const yearFrom = (() => {
        const d = new Date(`${today}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() - 365);
        return d.toISOString().slice(0, 10);
      })();
      const yesterday = (() => {
        const d = new Date(`${today}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() - 1);
        return d.toISOString().slice(0, 10);
      })();

      async function time(label: string, path: string, runs = RUNS, before?: () => Promise<void>): Promise<{ p50: number; p95: number; bytes: number }> {
        const samples: number[] = [];
        let bytes = 0;
        for (let i = 0; i < runs + 3; i += 1) {
          if (before) await before();
          const started = performance.now();
          const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });
          const body = Buffer.from(await response.arrayBuffer());
          const ms = performance.now() - started;
          if (response.status !== 200) throw new Error(`${label}: ${response.status} ${body.toString().slice(0, 200)}`);
          bytes = body.length;
          if (i >= 3) samples.push(ms);
        }
        samples.sort((a, b) => a - b);
        const result = { p50: pct(samples, 50), p95: pct(samples, 95), bytes };
        console.log(`${label.padEnd(46)} p50 ${result.p50.toFixed(0).padStart(5)} ms   p95 ${result.p95.toFixed(0).padStart(5)} ms   ${(bytes / 1024).toFixed(0)} kB`);
        return result;
      }

      console.log(`month ${monthFrom} … ${monthTo}; year ${yearFrom} … ${yesterday}; county ${county.areaCode}; hall ${oneHall.id} (village, area ${oneHall.areaCode})`);
      if (process.env.BENCH_ONLY_SUPERVISION) {
        await time('ranking of a month (all levels)', `/api/city/ranking?month=${lastMonth}`);
        await time('follow-ups, whole city (open)', '/api/city/follow-ups');
        const quick = await time('evaluations.csv, whole city, a month', `/api/city/exports/evaluations.csv?from=${monthFrom}&to=${monthTo}`, 10);
        const n = Number((await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ratings WHERE hall_day BETWEEN $1 AND $2 AND NOT excluded', [monthFrom, monthTo])).rows[0]!.n);
        console.log(`evaluations.csv: ${n} rows: ${Math.round(n / (quick.p50 / 1000))} rows/s at p50, ${Math.round(n / (quick.p95 / 1000))} at p95`);
        return;
      }
      await time('summary, whole city, a month', `/api/city/summary?from=${monthFrom}&to=${monthTo}`);
      await time('summary, one county, a month', `/api/city/summary?from=${monthFrom}&to=${monthTo}&area=${county.areaCode}`);
      await time('summary, one hall, a month', `/api/city/summary?from=${monthFrom}&to=${monthTo}&area=${oneHall.areaCode}`);
      await time('summary, one hall, the year', `/api/city/summary?from=${yearFrom}&to=${yesterday}&area=${oneHall.areaCode}`);
      await time('summary, one hall (hall=), a month', `/api/city/summary?from=${monthFrom}&to=${monthTo}&hall=${oneHall.id}`);
      await time('summary, one hall (hall=), the year', `/api/city/summary?from=${yearFrom}&to=${yesterday}&hall=${oneHall.id}`);
      await time('summary, the city hall (hall=), a month', `/api/city/summary?from=${monthFrom}&to=${monthTo}&hall=${cityHall.id}`);
      await time('summary, the city hall (hall=), the year', `/api/city/summary?from=${yearFrom}&to=${yesterday}&hall=${cityHall.id}`);
      await time('summary, one county, the year', `/api/city/summary?from=${yearFrom}&to=${yesterday}&area=${county.areaCode}`);
      await time('summary, whole city, the year', `/api/city/summary?from=${yearFrom}&to=${yesterday}`);
      // As in opening hours: every hall pushed into its last day since the last request, so each
      // request first rebuilds 200 day packs from their tickets and sums them again.
      await time('  … every hall\'s last day changed before each', `/api/city/summary?from=${yearFrom}&to=${yesterday}`, 10, async () => {
        await server.db.query('UPDATE day_rollups SET version = version + 1 WHERE hall_day = $1', [yesterday]);
      });
      // The same with the background builder on (a second server on the database, builder every
      // second as in production) while every hall pushes into its last day every 5 s (a twentieth of
      // the halls every 250 ms); one request a second.
      {
        const live = await createCityServer({ dataDir, databaseUrl: url, port: 0, log: false, rollupIntervalMs: 1000 });
        const ids = (await hallsRepo(server.db).hallsUnder('')).map((h) => h.id);
        let turn = 0;
        const pushing = setInterval(() => {
          const share = ids.filter((_id, i) => i % 20 === turn % 20);
          turn += 1;
          void server.db.query('UPDATE day_rollups SET version = version + 1 WHERE hall_day = $1 AND hall_id = ANY($2::int[])', [yesterday, share]);
        }, 250);
        try {
          const token = await (async () => ((await (await fetch(`${live.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: users[0]!.password }) })).json()) as { token: string }).token)();
          await new Promise((resolve) => setTimeout(resolve, 6000));
          const samples: number[] = [];
          for (let i = 0; i < 23; i += 1) {
            const started = performance.now();
            const response = await fetch(`${live.url}/api/city/summary?from=${yearFrom}&to=${yesterday}`, { headers: { authorization: `Bearer ${token}` } });
            await response.arrayBuffer();
            if (response.status !== 200) throw new Error(`opening hours: ${response.status}`);
            if (i >= 3) samples.push(performance.now() - started);
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
          samples.sort((a, b) => a - b);
          console.log(`${'  … halls pushing, background builder on'.padEnd(46)} p50 ${pct(samples, 50).toFixed(0).padStart(5)} ms   p95 ${pct(samples, 95).toFixed(0).padStart(5)} ms`);
        } finally {
          clearInterval(pushing);
          await live.close();
        }
      }
      // The first request after a start: month packs stored, nothing kept in memory (in process, no HTTP).
      {
        const all = await hallsRepo(server.db).hallsUnder('');
        const samples: number[] = [];
        for (let i = 0; i < 3; i += 1) {
          const fresh = createReportService(server.db);
          const started = performance.now();
          await fresh.summary(all, yearFrom, yesterday, '', []);
          samples.push(performance.now() - started);
        }
        console.log(`${'  … first after a start (3 fresh services)'.padEnd(46)} ${samples.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
        // The same after the background builder's idle warm-up went through every hall once.
        const warmed: string[] = [];
        for (let i = 0; i < 3; i += 1) {
          const fresh = createReportService(server.db);
          const warmStart = performance.now();
          for (let done = 0; done < all.length;) done += await fresh.warmSome(all.map((h) => h.id));
          const warmMs = performance.now() - warmStart;
          const started = performance.now();
          await fresh.summary(all, yearFrom, yesterday, '', []);
          warmed.push(`${(performance.now() - started).toFixed(0)} ms (warm-up ${warmMs.toFixed(0)} ms)`);
        }
        console.log(`${'  … first after the idle warm-up'.padEnd(46)} ${warmed.join(', ')}`);
      }
      await time('ranking of a month (all levels)', `/api/city/ranking?month=${lastMonth}`);
      await time('follow-ups, whole city (open)', '/api/city/follow-ups');
      const csv = await time('evaluations.csv, whole city, a month', `/api/city/exports/evaluations.csv?from=${monthFrom}&to=${monthTo}`);
      const rows = Number((await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ratings WHERE hall_day BETWEEN $1 AND $2 AND NOT excluded', [monthFrom, monthTo])).rows[0]!.n);
      console.log(`evaluations.csv: ${rows.toLocaleString('en')} rows, ${(csv.bytes / 1024 / 1024).toFixed(1)} MB: ${Math.round(rows / (csv.p50 / 1000)).toLocaleString('en')} rows/s at p50, ${Math.round(rows / (csv.p95 / 1000)).toLocaleString('en')} rows/s at p95`);
    } finally {
      await server.close();
    }
  } finally {
    if (cluster) {
      cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
