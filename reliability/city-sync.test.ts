/**
 * The hall and the city as real processes (their own CLIs): what a hall does shows up in the city's
 * summary with exactly the hall's own figures, and survives the city and the hall being SIGKILLed
 * mid-push and a week of refused network (≥ 20,000 records of backlog): every record once, 0 lost,
 * 0 duplicated. Runs on PGlite, and on a throwaway PostgreSQL when Debian's postgresql is there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase as openCityDatabase } from '../city-server/src/db/database';
import { pgUnavailableReason, startPgCluster, type PgCluster } from '../city-server/src/testing/pg-cluster';
import { seedYear } from '../hall-server/src/cli/seed-year';
import {
  api, CITY_PASSWORD, cityCredentials, enrollHall, freePort, HALL_PASSWORD, startCity, startHall, startProxy, until, type Api, type CityCredentials, type CityProxy, type Proc,
} from './lib/city-network';

const PG_SKIP = pgUnavailableReason();
if (PG_SKIP) console.warn(`[city-sync] PostgreSQL run skipped: ${PG_SKIP}`);
const DRIVERS = [{ driver: 'pglite', skip: false }, { driver: 'postgres', skip: PG_SKIP !== null }] as const;

/** The report fields both sides compute with the same pure functions. */
const FIGURES = ['issued', 'served', 'noShow', 'noShowRate', 'avgWaitSeconds', 'p90WaitSeconds', 'avgServiceSeconds', 'serviceLevel', 'satisfaction', 'waitEstimate'] as const;

/** Breakdown rows keyed for comparison, without labels the two sides may word differently. */
function rows(groups: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const group of (groups ?? []) as Record<string, unknown>[]) {
    const { key, label: _label, name: _name, ...figures } = group;
    void _label;
    void _name;
    out[String(key)] = figures;
  }
  return out;
}

interface Status { ackSeq: number; lastSeq: number; backlog: number; lastError: string | null }

describe.each(DRIVERS)('hall → city sync on $driver', ({ driver, skip }) => {
  const dirs: string[] = [];
  const dir = (prefix: string) => {
    const path = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(path);
    return path;
  };
  let cluster: PgCluster | undefined;
  let databaseUrl: string | undefined;
  let cityDir: string;
  let cityPort: number;
  let city: Proc;
  let credentials: CityCredentials;
  const cityApi = api(() => city.url);
  let admin: string;
  const halls: Proc[] = [];

  const restartCity = async () => {
    city = await startCity({ dataDir: cityDir, port: cityPort, databaseUrl });
    admin = await cityApi.login('admin', CITY_PASSWORD);
  };

  beforeAll(async () => {
    if (skip) return;
    if (driver === 'postgres') {
      cluster = await startPgCluster();
      databaseUrl = await cluster.createDatabase('city_sync');
    }
    cityDir = dir('city-sync-city-');
    cityPort = await freePort();
    await restartCity();
    credentials = cityCredentials(cityDir);
  });

  afterAll(async () => {
    await Promise.all([city, ...halls].filter(Boolean).map((proc) => proc.kill('SIGKILL')));
    cluster?.stop();
    for (const path of dirs) rmSync(path, { recursive: true, force: true });
  });

  async function cityHall(name: string) {
    const list = (await cityApi.get<{ id: number; name: string; ackSeq: number; areaCode: string }[]>('/api/city/halls', admin)).body;
    return list.find((hall) => hall.name === name)!;
  }

  /** Enrolls a fresh hall data dir with the demo city's code for `index`, then starts it. */
  async function enrolledHall(index: number, level: string, cityUrl = city.url) {
    const demo = credentials.halls[index]!;
    const dataDir = dir('city-sync-hall-');
    await enrollHall(dataDir, cityUrl, demo.enrollmentCode);
    const port = await freePort();
    const start = () => startHall({ dataDir, port, level, name: demo.name, maxBackoffMs: 1500 });
    const hallApi = api(() => hall.proc.url);
    const hall: { proc: Proc; dataDir: string; name: string; api: Api; manager: string; staff: string } = {
      proc: await start(), dataDir, name: demo.name, api: hallApi, manager: '', staff: '',
    };
    halls.push(hall.proc);
    const signIn = async () => {
      hall.manager = await hall.api.login('manager', HALL_PASSWORD);
      hall.staff = await hall.api.login('zhangwei', HALL_PASSWORD);
    };
    const restart = async () => {
      hall.proc = await start();
      halls.push(hall.proc);
      await signIn();
    };
    await signIn();
    const status = async () => (await hall.api.get<Status>('/api/sync/status', hall.manager)).body;
    return { hall, restart, status };
  }

  it.skipIf(skip)('shows tickets issued, called, finished and rated at the hall in the city summary with the hall\'s own figures', async () => {
    const { hall, status } = await enrolledHall(0, 'city');
    const counters = (await hall.api.get<{ id: number; services: string[] }[]>('/api/counters', hall.staff)).body;
    const hallDay = (await hall.api.get<{ hallDay: string }>('/api/queue', hall.staff)).body.hallDay;
    let issued = 0;
    let served = 0;
    let noShows = 0;
    let rated = 0;
    const ratingIds: number[] = [];
    const trackingCodes = new Map<number, string>();
    for (let round = 0; round < 4; round += 1) {
      for (const counter of counters) {
        for (const code of counter.services) {
          // Issued by staff (the kiosk's own rate limit is not what this test is about).
          const ticket = await hall.api.post<{ id: number; trackingCode: string }>('/api/tickets', hall.staff, { serviceCode: code, requestId: `figures-${round}-${counter.id}-${code}` });
          expect(ticket.status).toBe(201);
          trackingCodes.set(ticket.body.id, ticket.body.trackingCode);
          issued += 1;
        }
      }
      for (const counter of counters) {
        const called = await hall.api.post<{ ticket: { id: number } }>(`/api/counters/${counter.id}/call-next`, hall.staff);
        if (called.status !== 200) continue;
        const id = called.body.ticket.id;
        if ((round + counter.id) % 5 === 0) {
          // A recall seconds later moves the latest call, not the first: the wait both sides report ends at the first.
          await new Promise((done) => setTimeout(done, 2600));
          await hall.api.post(`/api/tickets/${id}/recall`, hall.staff);
          await hall.api.post(`/api/tickets/${id}/recall`, hall.staff);
          expect((await hall.api.post(`/api/tickets/${id}/no-show`, hall.staff)).status).toBe(200);
          noShows += 1;
          continue;
        }
        await new Promise((done) => setTimeout(done, 40));
        expect((await hall.api.post(`/api/tickets/${id}/start`, hall.staff)).status).toBe(200);
        expect((await hall.api.post(`/api/tickets/${id}/finish`, hall.staff, { outcome: 'resolved', note: '当事人电话13900001111' })).status).toBe(200);
        served += 1;
        if ((round + counter.id) % 3 !== 0) {
          const score = 1 + ((round * 7 + counter.id) % 5);
          // The visitor's phone (the ticket's QR): the tracking code is the proof.
          const rating = await hall.api.post<{ id: number }>(`/api/tickets/${id}/rating`, undefined, { score, attitude: score, efficiency: 5, trackingCode: trackingCodes.get(id) });
          expect(rating.status).toBe(201);
          ratingIds.push(rating.body.id);
          rated += 1;
        }
      }
    }
    // 申诉复核: one rating taken out of the statistics, at the hall and therefore at the city.
    expect((await hall.api.post(`/api/ratings/${ratingIds[0]}/exclude`, hall.manager, { reason: '误评，当事人来电说明' })).status).toBe(200);

    await until('the hall to have sent everything', async () => (await status()).backlog === 0);
    const sent = await status();
    await until('the city to acknowledge it', async () => (await cityHall(hall.name)).ackSeq === sent.lastSeq);
    const hallSummary = (await hall.api.get(`/api/reports/summary?from=${hallDay}&to=${hallDay}`, hall.manager)).body;
    const area = (await cityHall(hall.name)).areaCode;
    const citySummary = (await cityApi.get(`/api/city/summary?from=${hallDay}&to=${hallDay}&area=${area}`, admin)).body;

    // What we did, written out, then the same figures on both sides.
    expect(hallSummary).toMatchObject({ issued, served, noShow: noShows });
    expect(hallSummary.satisfaction.count).toBe(rated - 1);
    for (const field of FIGURES) expect(citySummary[field], field).toEqual(hallSummary[field]);
    for (const breakdown of ['byService', 'byCounter', 'byStaff', 'byHour'] as const) {
      if (citySummary[breakdown] === undefined) continue;
      // Every group of the hall with the same figures at the city (which may add its own ids).
      expect(Object.keys(rows(citySummary[breakdown])).sort(), breakdown).toEqual(Object.keys(rows(hallSummary[breakdown])).sort());
      expect(rows(citySummary[breakdown]), breakdown).toMatchObject(rows(hallSummary[breakdown]));
    }
  });

  it.skipIf(skip)('prints ticket QR codes to the city, whose /t/ follows the ticket within seconds and takes its rating back to the hall', async () => {
    // 金水区 (another county): the week test below sums 中牟县's area, so this hall stays out of it.
    const { hall } = await enrolledHall(4, 'county');
    const counters = (await hall.api.get<{ id: number; name: string; services: string[] }[]>('/api/counters', hall.staff)).body;
    const counter = counters[0]!;
    const ticket = (await hall.api.post<{ id: number; trackingCode: string; trackingUrl: string }>('/api/tickets', hall.staff, {
      serviceCode: counter.services[0], requestId: `qr-${Date.now()}`,
    })).body;
    expect(ticket.trackingUrl).toBe(`${city.url}/t/${ticket.trackingCode}`);
    const atCity = async () => (await cityApi.get<{ state: string; waitingAhead: number; counterName: string | null; canRate: boolean; rated: boolean }>(`/api/track/${ticket.trackingCode}`)).body;
    // Each step is at the city within seconds (the hall pushes the live view ~1 s after a change).
    await until('waiting at the city', async () => (await atCity()).state === 'waiting', 15_000);
    expect(await atCity()).toMatchObject({ waitingAhead: 0, counterName: null });
    expect((await hall.api.post(`/api/counters/${counter.id}/call`, hall.staff, { ticketId: ticket.id })).status).toBe(200);
    await until('called at the city', async () => (await atCity()).state === 'called', 15_000);
    expect((await atCity()).counterName).toBe(counter.name);
    await hall.api.post(`/api/tickets/${ticket.id}/start`, hall.staff);
    await hall.api.post(`/api/tickets/${ticket.id}/finish`, hall.staff, { outcome: 'resolved' });
    await until('rateable at the city', async () => (await atCity()).canRate, 15_000);
    expect((await cityApi.post(`/api/track/${ticket.trackingCode}/rating`, undefined, { score: 2, attitude: 2, comment: '手机扫码评价' })).status).toBe(201);
    // Down to the hall on its next pull (every 15 s), as a phone rating with its follow-up.
    const hallView = async () => (await hall.api.get<{ rated: boolean }>(`/api/track/${ticket.trackingCode}`)).body;
    await until('the rating at the hall', async () => (await hallView()).rated, 40_000, 250);
    const followUps = (await hall.api.get<{ ticketId: number; score: number; comment: string | null }[] | { followUps: { ticketId: number }[] }>('/api/follow-ups', hall.manager)).body;
    expect(JSON.stringify(followUps)).toContain('手机扫码评价');
    // Nothing else about the hall is public: an unknown code is a plain 404.
    expect((await cityApi.get(`/api/track/${'x'.repeat(22)}`)).status).toBe(404);
  });

  /** SIGKILLs `proc` once a large request (a push batch) is under way through the proxy, `delayMs` later. */
  const killMidPush = (proxy: CityProxy, proc: () => Proc, delayMs: number) =>
    new Promise<void>((done) => {
      proxy.onLargeRequest = () => setTimeout(() => void proc().kill('SIGKILL').then(() => done()), delayMs);
    });

  /** The city's own table, read after a clean stop: how many records of a hall, how many distinct seqs, the highest. */
  async function heldByCity(hallId: number) {
    await city.kill('SIGTERM');
    const db = await openCityDatabase({ dataDir: cityDir, databaseUrl });
    try {
      const { rows: [held] } = await db.query<{ n: number; distinct_seqs: number; max_seq: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seqs, max(seq) AS max_seq FROM sync_records WHERE hall_id = $1', [hallId],
      );
      // The finish notes the tests write hold a phone number: none may have left any hall.
      const { rows: [leaked] } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sync_records WHERE data::text LIKE '%13900001111%'");
      expect(leaked!.n).toBe(0);
      return held;
    } finally {
      await db.close();
      await restartCity();
    }
  }

  it.skipIf(skip)('holds every record once after city and hall SIGKILLs mid-push and a week of refused network (≥ 20,000 records)', async () => {
    const proxy = await startProxy([cityPort]);
    try {
      const { hall, restart, status } = await enrolledHall(1, 'county', proxy.url);
      await until('the setup at the city', async () => (await status()).backlog === 0);

      // The network refused for a week: the hall works on (the year generator's week, its own transactions).
      proxy.refuse = true;
      const seeded = seedYear({ dataDir: hall.dataDir, days: 7, perDay: 2600, seed: 10, events: true });
      const offline = await status();
      console.log(`[city-sync ${driver}] a week offline: ${seeded.tickets} tickets, backlog ${offline.backlog} records`);
      expect(offline.backlog).toBeGreaterThanOrEqual(20_000);
      await until('the hall to notice the refusals', async () => (await status()).lastError !== null);

      // The network is back; the city is SIGKILLed mid-push three times (mid-upload, mid-ingest, around the commit).
      for (const delayMs of [0, 150, 400]) {
        const killed = killMidPush(proxy, () => city, delayMs);
        proxy.refuse = false;
        await killed;
        await restartCity();
      }
      // Then the hall itself, mid-push.
      const hallKilled = killMidPush(proxy, () => hall.proc, 100);
      await city.kill('SIGKILL');
      await restartCity();
      await hallKilled;
      await restart();

      const drainMs = await until('the backlog to drain', async () => (await status()).backlog === 0, 180_000);
      const final = await status();
      console.log(`[city-sync ${driver}] drained ${drainMs} ms after the hall restarted; hall lastSeq ${final.lastSeq}`);
      await until('the city to acknowledge every record', async () => (await cityHall(hall.name)).ackSeq === final.lastSeq);

      // Figures over the week still match.
      const to = (await hall.api.get<{ hallDay: string }>('/api/queue', hall.manager)).body.hallDay;
      // The generator's week is `days` working days back from yesterday: a month back holds all of it.
      const from = new Date(Date.parse(`${to}T00:00:00Z`) - 31 * 86_400_000).toISOString().slice(0, 10);
      const hallSummary = (await hall.api.get(`/api/reports/summary?from=${from}&to=${to}`, hall.manager)).body;
      const { areaCode: area, id: hallId } = await cityHall(hall.name);
      const citySummary = (await cityApi.get(`/api/city/summary?from=${from}&to=${to}&area=${area}`, admin)).body;
      expect(hallSummary.issued).toBe(seeded.tickets);
      // This hall's own row at the city. Not the area's total: 中牟县 holds other halls of this city, and a
      // ticket another test issued at one of them today (the QR test did, at 东风路村, until 24978f5) made
      // the area one ticket above this hall (14,083 vs 14,082), whatever the order the tests run in.
      const cityRow = (citySummary.byHall as { hallId: number }[]).find((row) => row.hallId === hallId) as Record<string, unknown>;
      for (const field of FIGURES) expect(cityRow[field], field).toEqual(hallSummary[field]);

      // 0 lost, 0 duplicated.
      expect(await heldByCity((await cityHall(hall.name)).id)).toEqual({ n: final.lastSeq, distinct_seqs: final.lastSeq, max_seq: final.lastSeq });
    } finally {
      await proxy.close();
    }
  });

  it.skipIf(skip || driver !== 'postgres')('holds every record once with two city instances on one PostgreSQL, one SIGKILLed mid-push', async () => {
    const secondPort = await freePort();
    let second = await startCity({ dataDir: dir('city-sync-second-'), port: secondPort, databaseUrl });
    const proxy = await startProxy([cityPort, secondPort], 5_000);
    try {
      const { hall, status } = await enrolledHall(2, 'township', proxy.url);
      proxy.refuse = true;
      const seeded = seedYear({ dataDir: hall.dataDir, days: 2, perDay: 2000, seed: 11, events: true });
      // Each connection goes to the other instance; the first one dies mid-push, its batch is delivered again.
      const killed = killMidPush(proxy, () => city, 50);
      proxy.refuse = false;
      await killed;
      proxy.targets = [secondPort];
      await restartCity();
      proxy.targets = [cityPort, secondPort];
      await until('the backlog to drain', async () => (await status()).backlog === 0, 180_000);
      const final = await status();
      console.log(`[city-sync ${driver}] two instances: ${seeded.tickets} tickets, lastSeq ${final.lastSeq}`);
      await second.kill('SIGTERM');
      second = await startCity({ dataDir: dir('city-sync-second-'), port: secondPort, databaseUrl });
      expect(await heldByCity((await cityHall(hall.name)).id)).toEqual({ n: final.lastSeq, distinct_seqs: final.lastSeq, max_seq: final.lastSeq });
    } finally {
      await proxy.close();
      await second.kill('SIGKILL');
    }
  });
});
