/**
 * Concurrency: six counters call next at once, round after round, then finish. No ticket is served
 * twice, none is skipped (every issued ticket ends done, called once, finished once), and each call
 * takes exactly the ticket the call policy names at that moment (checked by replaying the audit trail).
 *
 * Over HTTP (keep-alive, the six calls truly concurrent at the server) for 1,000 rounds, and against
 * the service layer (createHallServices over an in-memory database) for 10,000 rounds: 10,000 rounds
 * over HTTP with durable commits would not fit the suite's 5-minute budget on two cores. In the
 * service layer the calls are synchronous, so "at once" there means in random order within a round.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDemoHall } from '../e2e/harness';
import { initHall } from '../hall-server/src/cli/seed';
import { openDatabase } from '../hall-server/src/db/database';
import { createHallContext } from '../hall-server/src/server';
import { createHallServices } from '../hall-server/src/services/hall-services';
import { keepAliveAgent, login, request } from './lib/http';
import { checkInvariants } from './lib/invariants';
import { makeRandom } from './lib/random';
import { auditRounds, runRounds, type QueueDriver } from './lib/rounds';

const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
const HTTP_ROUNDS = 1_000;
const SERVICE_ROUNDS = 10_000;
// A hall day holds ~1,000 rounds (~5,000 tickets, a busy city day); the service-layer run spans ten days.
const ROUNDS_PER_DAY = 1_000;
const COUNTERS = [1, 2, 3, 4, 5, 6];

describe('six counters calling next at once', () => {
  it(`serves every ticket exactly once in policy order over HTTP (${HTTP_ROUNDS} rounds)`, async () => {
    // tmpfs when there is one: this test is about interleaving, not fsync (crash-safety covers durability).
    const base = process.platform === 'linux' ? '/dev/shm' : undefined;
    const dataDir = mkdtempSync(join(base ?? (await import('node:os')).tmpdir(), 'hall-conc-'));
    const hall = await startDemoHall({ dataDir });
    try {
      hall.server.db.exec('UPDATE services SET daily_quota = NULL');
      const agent = keepAliveAgent(16);
      const staffNames = ['zhangwei', 'wangfang', 'lina', 'liuyang', 'chenjing', 'zhaolei'];
      const staff = await Promise.all(staffNames.map((name) => login(hall.url, name, hall.password, agent)));
      const kiosk = hall.token('kiosk');
      const unexpected: string[] = [];
      const driver: QueueDriver = {
        async issue(serviceCode, priority, requestId) {
          const res = await request(hall.url, '/api/tickets', { method: 'POST', token: kiosk, body: { serviceCode, priority, requestId }, agent });
          if (res.status !== 201) unexpected.push(`issue → ${res.status} ${res.text}`);
        },
        async callNext(counterId) {
          const res = await request(hall.url, `/api/counters/${counterId}/call-next`, { method: 'POST', token: staff[counterId - 1], agent });
          if (res.status === 204) return null;
          if (res.status !== 200) {
            unexpected.push(`call-next ${counterId} → ${res.status} ${res.text}`);
            return null;
          }
          return res.json.ticket.id as number;
        },
        async finish(ticketId) {
          const res = await request(hall.url, `/api/tickets/${ticketId}/finish`, { method: 'POST', token: staff[0], body: {}, agent });
          if (res.status !== 200) unexpected.push(`finish ${ticketId} → ${res.status} ${res.text}`);
        },
      };
      const started = Date.now();
      const result = await runRounds(driver, { rounds: HTTP_ROUNDS, counters: COUNTERS, random: makeRandom(SEED), issueConcurrency: 6, tag: `http-${SEED}` });
      agent.destroy();
      console.log(`[concurrency] HTTP, seed ${SEED}: ${result.rounds} rounds, ${result.issued} issued, ${result.calls} calls, ${result.idleCalls} empty calls (204) in ${Date.now() - started} ms`);
      expect(unexpected.slice(0, 10)).toEqual([]);
      expect(result.calledTwice).toEqual([]);
      expect(result.calls).toBe(result.issued);
      expect(auditRounds(hall.server.db)).toEqual([]);
      expect(checkInvariants(hall.server.db)).toEqual([]);
    } finally {
      await hall.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it(`serves every ticket exactly once in policy order in the service layer (${SERVICE_ROUNDS} rounds)`, async () => {
    const db = openDatabase(':memory:');
    let dayOffset = 0;
    const clock = () => Date.now() + dayOffset * 86_400_000;
    const services = createHallServices(createHallContext(db, { clock }));
    initHall(services, { hallName: '并发测试大厅', level: 'city', enforceOpeningHours: false });
    db.exec('UPDATE services SET daily_quota = NULL');
    const actor = { userId: null, deviceId: null };
    // Each operation resolves on a later microtask, so the six calls of a round interleave like requests.
    const driver: QueueDriver = {
      issue: async (serviceCode, priority, requestId) => {
        await Promise.resolve();
        services.queue.issue({ serviceCode, priority, requestId }, actor);
      },
      callNext: async (counterId) => {
        await Promise.resolve();
        return services.queue.callNext(counterId, actor)?.id ?? null;
      },
      finish: async (ticketId) => {
        await Promise.resolve();
        services.queue.act(ticketId, { kind: 'finish' }, actor);
      },
    };
    const started = Date.now();
    const random = makeRandom(SEED + 7);
    const total = { rounds: 0, issued: 0, calls: 0, idleCalls: 0, calledTwice: [] as number[] };
    for (let day = 0; total.rounds < SERVICE_ROUNDS; day += 1) {
      dayOffset = day;
      const result = await runRounds(driver, { rounds: Math.min(ROUNDS_PER_DAY, SERVICE_ROUNDS - total.rounds), counters: COUNTERS, random, issueConcurrency: 48, tag: `svc-${SEED}-${day}` });
      total.rounds += result.rounds;
      total.issued += result.issued;
      total.calls += result.calls;
      total.idleCalls += result.idleCalls;
      total.calledTwice.push(...result.calledTwice);
    }
    console.log(`[concurrency] service layer, seed ${SEED + 7}: ${total.rounds} rounds over ${dayOffset + 1} hall days, ${total.issued} issued, ${total.calls} calls, ${total.idleCalls} empty calls in ${Date.now() - started} ms`);
    expect(total.calledTwice).toEqual([]);
    expect(total.calls).toBe(total.issued);
    expect(auditRounds(db)).toEqual([]);
    expect(checkInvariants(db)).toEqual([]);
    db.close();
  });
});
