// City ingest: 200 simulated halls push their outbox concurrently (gzip, 1,000 records a batch, the
// way a hall catches up after an outage) into one city server process on a real, durable PostgreSQL.
// In the same run: the raw rate of plain multi-row INSERT (1,000 rows a statement, one connection)
// into a (hall, seq)-keyed table with a jsonb column, and the city server's RSS while ingesting.
// Run: npx tsx bench/city-ingest.ts [halls] [recordsPerHall]   (LOAD: `uptime` is printed; compare on a quiet machine)
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { openDatabase } from '../city-server/src/db/database';
import { createCityService } from '../city-server/src/services/city-service';
import { createReportService } from '../city-server/src/services/report-service';
import { startCityProcess } from '../city-server/src/testing/city-process';
import { hallHistory } from '../city-server/src/testing/hall-records';
import { freePort, pgUnavailableReason, startPgCluster } from '../city-server/src/testing/pg-cluster';

const ROOT = resolve(import.meta.dirname, '..');
const HALLS = Number(process.argv[2] ?? 200);
const PER_HALL = Number(process.argv[3] ?? 2500);
const BATCH = 1000;
const scratch = join(ROOT, '.tmp');
mkdirSync(scratch, { recursive: true });

const reason = pgUnavailableReason();
if (reason) {
  console.log(`bench/city-ingest skipped: ${reason}`);
  process.exit(0);
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Plain multi-row INSERT … ON CONFLICT DO NOTHING, 1,000 rows a statement, one connection. */
async function rawInsertRate(url: string, table: string, rows: { hall: number; seq: number; kind: string; at: number; data: string }[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE ' + table + ' (hall_id integer NOT NULL, seq bigint NOT NULL, kind text NOT NULL, at bigint NOT NULL, data jsonb NOT NULL, PRIMARY KEY (hall_id, seq))');
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const values: unknown[] = [];
    const tuples = chunk.map((row, j) => {
      values.push(row.hall, row.seq, row.kind, row.at, row.data);
      const o = j * 5;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5})`;
    });
    await client.query(`INSERT INTO ${table} (hall_id, seq, kind, at, data) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`, values);
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return rows.length / seconds;
}

async function main() {
  console.log(`${HALLS} halls × ${PER_HALL} records, batches of ${BATCH} (gzip), city on PostgreSQL (fsync on); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const cluster = await startPgCluster({ durable: true });
  const dataDir = mkdtempSync(join(scratch, 'bench-city-'));
  try {
    const rawUrl = await cluster.createDatabase('raw');
    const cityUrl = await cluster.createDatabase('city');
    const histories = Array.from({ length: HALLS }, (_, h) => hallHistory(1, PER_HALL, '2026-11-02', h + 1));

    // Raw rate on the same rows (up to 200,000 of them), before and again after the city runs: this
    // machine is shared, and the mean of the two is what the city's rate is compared with.
    const rawRows = histories.flatMap((records, h) => records.map((r) => ({ hall: h + 1, seq: r.seq, kind: r.kind, at: Date.parse(r.at), data: JSON.stringify(r.data) }))).slice(0, 200_000);
    const rawBefore = await rawInsertRate(rawUrl, 'raw_before', rawRows);
    console.log(`raw multi-row INSERT (1,000 rows a statement, one connection), before: ${Math.round(rawBefore).toLocaleString('en')} rows/s`);

    // Halls and their enrollment codes, straight into the city's database.
    const setup = await openDatabase({ dataDir, databaseUrl: cityUrl });
    const city = createCityService(setup, createReportService(setup));
    await city.addArea({ code: '410100000000', name: '郑州市', level: 'city', parentCode: null });
    const codes: string[] = [];
    for (let h = 0; h < HALLS; h += 1) codes.push((await city.addHall({ name: `测试大厅${h + 1}`, level: 'township', areaCode: '410100000000' })).enrollmentCode);
    await city.addUser({ username: 'admin', password: 'bench-password', role: 'admin', areaCode: '410100000000' });
    await setup.close();

    const server = await startCityProcess({ dataDir, databaseUrl: cityUrl, port: await freePort() });
    const credentials: string[] = [];
    for (const code of codes) {
      const response = await fetch(`${server.url}/api/sync/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      credentials.push(((await response.json()) as { credential: string }).credential);
    }
    // Bodies are built and gzipped before the clock starts: the bench measures the city, not its clients.
    const bodies = histories.map((records) => {
      const list: Uint8Array<ArrayBuffer>[] = [];
      for (let from = 1; from <= records.length; from += BATCH) list.push(new Uint8Array(gzipSync(JSON.stringify({ fromSeq: from, records: records.slice(from - 1, from - 1 + BATCH) }))));
      return list;
    });
    const idleRss = rssMb(server.pid);
    let peakRss = idleRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssMb(server.pid));
    }, 100);

    const started = performance.now();
    let errors = 0;
    await Promise.all(credentials.map(async (credential, h) => {
      for (const body of bodies[h]!) {
        for (;;) {
          const response = await fetch(`${server.url}/api/sync/push`, {
            method: 'POST', body, headers: { authorization: `Hall ${credential}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
          });
          await response.arrayBuffer();
          if (response.status === 200) break;
          errors += 1;
          if (errors > 100) throw new Error(`push failed: ${response.status}`);
        }
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const total = HALLS * PER_HALL;
    const rate = total / seconds;
    const rawAfter = await rawInsertRate(rawUrl, 'raw_after', rawRows);
    console.log(`raw multi-row INSERT, after: ${Math.round(rawAfter).toLocaleString('en')} rows/s`);
    const raw = (rawBefore + rawAfter) / 2;

    // Every record once.
    const check = new pg.Client({ connectionString: cityUrl });
    await check.connect();
    const stored = (await check.query<{ n: string }>('SELECT count(*) AS n FROM sync_records')).rows[0]!.n;
    await check.end();

    // A year-less but wide summary over every hall (rollups built on demand).
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password' }) });
    const { token } = (await login.json()) as { token: string };
    const summaryStarted = performance.now();
    const summary = await fetch(`${server.url}/api/city/summary?from=2026-11-01&to=2026-11-30`, { headers: { authorization: `Bearer ${token}` } });
    const summaryBody = (await summary.json()) as { issued: number };
    const summaryMs = performance.now() - summaryStarted;
    const againStarted = performance.now();
    await (await fetch(`${server.url}/api/city/summary?from=2026-11-01&to=2026-11-30`, { headers: { authorization: `Bearer ${token}` } })).json();
    const againMs = performance.now() - againStarted;

    console.log(`city ingest: ${total.toLocaleString('en')} records in ${seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString('en')} records/s (${((rate / raw) * 100).toFixed(1)} % of the raw mean ${Math.round(raw).toLocaleString('en')}), ${errors} retried pushes, ${Number(stored).toLocaleString('en')} rows stored`);
    console.log(`city server RSS: idle ${idleRss.toFixed(0)} MB, peak during ingest ${peakRss.toFixed(0)} MB`);
    console.log(`summary over ${HALLS} halls (${summaryBody.issued.toLocaleString('en')} tickets): first ${summaryMs.toFixed(0)} ms (builds stale rollups), again ${againMs.toFixed(0)} ms`);
    console.log(`goal: ≥ 20,000 records/s and ≥ 50 % of raw: ${rate >= 20_000 && rate >= raw / 2 ? 'met' : 'NOT met'}; RSS ≤ 300 MB: ${peakRss <= 300 ? 'met' : 'NOT met'}`);
    await server.kill('SIGTERM');
    if (Number(stored) !== total) throw new Error(`stored ${stored} rows, expected ${total}`);
  } finally {
    cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
