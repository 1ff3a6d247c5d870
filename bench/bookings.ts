// Bookings: concurrent booking requests against one popular set of slots on a real, durable
// PostgreSQL (one city server, HTTP, 12348 integration token): bookings/s, and proof that no slot
// ever holds more than its capacity. Then at the hall: 预约签到 (POST /api/bookings/check-in) against
// a plain take-a-number (POST /api/tickets) on the same server — the kiosk's tap → print path differs
// only by this request, so check-in p95 must stay within the plain issue's p95 + 50 ms.
// Run: npx tsx bench/bookings.ts [requests] [concurrency]   (LOAD: `uptime` is printed; compare on a quiet machine)
import type { PullBooking } from '@hall/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir, startDemoHall } from '../e2e/harness';
import { createHallBookingService } from '../hall-server/src/bookings/booking-service';
import { createCityServer } from '../city-server/src/server';
import { pgUnavailableReason, startPgCluster } from '../city-server/src/testing/pg-cluster';

const REQUESTS = Number(process.argv[2] ?? 3000);
const CONCURRENCY = Number(process.argv[3] ?? 64);
const SLOTS = 10;
const CAPACITY = 20;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function cityBench() {
  const reason = pgUnavailableReason();
  if (reason) {
    console.log(`city part skipped: ${reason}`);
    return;
  }
  const cluster = await startPgCluster({ durable: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-bookings-'));
  // Tuesday 2026-12-01 10:00 Beijing: the demo timetable's Wednesday morning slots are open.
  const now = Date.parse('2026-12-01T02:00:00Z');
  const city = await createCityServer({ dataDir, databaseUrl: await cluster.createDatabase('city'), port: 0, log: false, clock: () => now, seedDemo: true, rollupIntervalMs: 0, poolSize: 8 });
  try {
    const password = city.demo!.users.find((u) => u.username === 'admin')!.password;
    const admin = ((await (await fetch(`${city.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) })).json()) as { token: string }).token;
    const token = ((await (await fetch(`${city.url}/api/city/integration-tokens`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench' }) })).json()) as { token: string }).token;
    const hallId = 1;
    await fetch(`${city.url}/api/bookings/templates`, {
      method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ hallId, serviceCode: 'A', periods: [{ weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '14:00' }], slotMinutes: 30, capacity: CAPACITY, daysAhead: 7 }),
    });
    const slots = Array.from({ length: SLOTS }, (_, i) => new Date(Date.parse('2026-12-02T01:00:00Z') + i * 30 * 60_000).toISOString());
    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const t0 = performance.now();
        const response = await fetch(`${city.url}/api/bookings`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ hallId, serviceCode: 'A', slotStart: slots[i % SLOTS], name: '测试', phone: `139${String(i).padStart(8, '0')}`, channel: 'web', externalId: `bench-${i}` }),
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    const held = await city.db.query<{ slot_start: number; booked: number; capacity: number; rows: number }>(
      `SELECT s.slot_start, s.booked, s.capacity, (SELECT COUNT(*)::integer FROM bookings b WHERE b.hall_id = s.hall_id AND b.service_code = s.service_code AND b.slot_start = s.slot_start AND b.state = 'booked') AS rows
       FROM booking_slots s WHERE s.hall_id = $1 AND s.service_code = 'A'`, [hallId]);
    const over = held.rows.filter((r) => r.booked > r.capacity || r.rows !== r.booked);
    console.log(`city: ${REQUESTS} booking requests, ${CONCURRENCY} at once, over ${SLOTS} slots × ${CAPACITY} places on durable PostgreSQL`);
    console.log(`  ${(REQUESTS / seconds).toFixed(0)} requests/s; statuses ${JSON.stringify(Object.fromEntries(statuses))}; p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`);
    console.log(`  held: ${held.rows.map((r) => r.rows).join(' ')} (capacity ${CAPACITY} each); slots over capacity or out of step: ${over.length}`);
    if (over.length > 0 || (statuses.get(201) ?? 0) !== SLOTS * CAPACITY) {
      console.log('  CAPACITY BROKEN');
      process.exitCode = 1;
    }
  } finally {
    await city.close();
    cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function hallBench(rounds = 200) {
  const slot = Date.parse('2026-12-02T01:30:00Z');
  let now = slot - 10 * 60_000;
  const hall = await startDemoHall({ clock: () => now });
  try {
    const kiosk = hall.token('kiosk');
    const bookings: PullBooking[] = Array.from({ length: rounds }, (_, i) => ({
      id: i + 1, code: String(100000 + i), serviceCode: 'F', slotStart: new Date(slot).toISOString(), slotEnd: new Date(slot + 30 * 60_000).toISOString(),
      hallDay: '2026-12-02', state: 'booked', maskedName: '张*', phoneLast4: '0000', phoneHash: '0123456789abcdef',
    }));
    createHallBookingService(hall.server.services).applyPulled(bookings);
    const post = async (path: string, body: unknown) => {
      const t0 = performance.now();
      const response = await fetch(`${hall.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${kiosk}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`${path}: ${response.status}`);
      return performance.now() - t0;
    };
    const issue: number[] = [];
    const checkIn: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      now += 1000;
      issue.push(await post('/api/tickets', { serviceCode: 'F', requestId: `bench-walk-in-${i}` }));
      checkIn.push(await post('/api/bookings/check-in', { code: String(100000 + i) }));
    }
    const p95Issue = percentile(issue, 95);
    const p95CheckIn = percentile(checkIn, 95);
    console.log(`hall: ${rounds} take-a-number and ${rounds} 预约签到 requests, alternating, one kiosk`);
    console.log(`  take a number p50 ${percentile(issue, 50).toFixed(1)} ms, p95 ${p95Issue.toFixed(1)} ms; check-in p50 ${percentile(checkIn, 50).toFixed(1)} ms, p95 ${p95CheckIn.toFixed(1)} ms`);
    console.log(`  check-in p95 − issue p95 = ${(p95CheckIn - p95Issue).toFixed(1)} ms (budget 50 ms): ${p95CheckIn - p95Issue <= 50 ? 'within' : 'OVER'}`);
    if (p95CheckIn - p95Issue > 50) process.exitCode = 1;
  } finally {
    await hall.close();
    removeDir(hall.dataDir);
  }
}

console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
await cityBench();
await hallBench();
