import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initHall } from '../cli/seed';
import { openDatabase, type Db } from '../db/database';
import { createHallContext } from '../server';
import { createHallServices, type HallServices } from '../services/hall-services';
import { buildLive } from './live';
import { createSyncRepo } from './sync-repo';

// 09:00 in Shanghai on Wednesday 2026-12-02 (UTC+8).
const NINE = Date.UTC(2026, 11, 2, 1, 0, 0);
const MINUTE = 60_000;
let now = NINE;
let db: Db;
let hall: HallServices;
const actor = { userId: null, deviceId: null };
let requests = 0;

const issue = (serviceCode: string) => hall.queue.issue({ serviceCode, priority: 'normal', requestId: `live-test-${++requests}` }, actor).ticket;
const live = () => buildLive(hall, createSyncRepo(db), now);

beforeEach(() => {
  now = NINE;
  db = openDatabase(':memory:');
  hall = createHallServices(createHallContext(db, { clock: () => now }));
  // The city hall's profile: services A–F.
  initHall(hall, { hallName: '测试大厅', level: 'city', enforceOpeningHours: false });
});
afterEach(() => db.close());

describe('the live push: longest wait per service', () => {
  it('gives every service 0 while nobody waits', () => {
    expect(live()).toMatchObject({ longestWaitSeconds: 0, longestWaitByService: { A: 0, B: 0, C: 0, D: 0, E: 0, F: 0 } });
  });

  it('is the wait of each service\u2019s oldest waiting ticket, today only, following cancels and transfers', () => {
    // Yesterday 16:00: a B ticket left waiting (the day was not closed). It is not today's queue.
    now = NINE - 17 * 60 * MINUTE;
    issue('B');
    now = NINE;
    const firstA = issue('A'); // 09:00
    now = NINE + 2 * MINUTE;
    issue('A'); // 09:02
    now = NINE + 5 * MINUTE + 30_000;
    const b = issue('B'); // 09:05:30
    now = NINE + 12 * MINUTE;
    expect(live()).toMatchObject({
      longestWaitSeconds: 720,
      longestWaitByService: { A: 720, B: 390, C: 0, D: 0, E: 0, F: 0 },
    });

    // The 09:00 A ticket is cancelled: A's oldest is now the 09:02 one.
    hall.queue.act(firstA.id, { kind: 'cancel' }, actor);
    // B moves to C and keeps its issue time (a transferred visitor does not queue again from the back).
    hall.queue.act(b.id, { kind: 'transfer', serviceCode: 'C' }, actor);
    now = NINE + 20 * MINUTE;
    expect(live()).toMatchObject({
      longestWaitSeconds: 1080,
      longestWaitByService: { A: 1080, B: 0, C: 870, D: 0, E: 0, F: 0 },
    });

    // A called ticket is no longer waiting.
    const called = hall.queue.callNext(3, actor); // 3号窗口 serves B only: nobody waits for B.
    expect(called).toBeNull();
    const second = hall.queue.callNext(1, actor)!; // 1号窗口 serves A and F: the 09:02 A ticket.
    expect(second.number).toBe('A002');
    expect(live()).toMatchObject({ longestWaitSeconds: 870, longestWaitByService: { A: 0, C: 870 } });
  });
});
