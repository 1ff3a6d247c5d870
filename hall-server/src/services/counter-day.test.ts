import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initHall } from '../cli/seed';
import { openDatabase, type Db } from '../db/database';
import { createHallContext } from '../server';
import { createRecordingEvents } from './events';
import { createHallServices, type HallServices } from './hall-services';

// 10:00 in Shanghai on Friday 2026-10-23.
const START = Date.UTC(2026, 9, 23, 2, 0, 0);
let now = START;
let db: Db;
let hall: HallServices;
const actor = { userId: null, deviceId: null };
let requests = 0;

beforeEach(() => {
  now = START;
  db = openDatabase(':memory:');
  hall = createHallServices({ ...createHallContext(db, { clock: () => now }), events: createRecordingEvents() });
  initHall(hall, { hallName: '测试大厅', level: 'city', enforceOpeningHours: false });
});
afterEach(() => db.close());

/** Issues an A ticket, calls it to counter 1, starts after 30 s and finishes after `minutes`. */
function serve(minutes: number) {
  const ticket = hall.queue.issue({ serviceCode: 'A', priority: 'normal', requestId: `day-${++requests}` }, actor).ticket;
  hall.queue.callChosen(1, ticket.id, actor);
  now += 30_000;
  hall.queue.act(ticket.id, { kind: 'start' }, actor);
  now += minutes * 60_000;
  hall.queue.act(ticket.id, { kind: 'finish' }, actor);
  now += 1_000;
  return ticket;
}

describe("a counter's day on its terminal (今日已办 / 平均用时 / 上一位评价)", () => {
  it('starts empty', () => {
    expect(hall.queue.views.counterQueue(1)!.today).toEqual({ served: 0, avgServiceSeconds: null, last: null });
  });

  it('counts finished tickets, averages handling from start to finish, and says whether the last one was rated', () => {
    serve(4);
    const second = serve(8);
    expect(hall.queue.views.counterQueue(1)!.today).toEqual({
      served: 2, avgServiceSeconds: 360, last: { number: second.number, finishedAt: new Date(now - 1_000).toISOString(), rated: false },
    });
    hall.ratings.rate(second.id, { score: 5, trackingCode: second.trackingCode }, { kind: 'phone' });
    expect(hall.queue.views.counterQueue(1)!.today.last?.rated).toBe(true);
    // Another counter's day is its own.
    expect(hall.queue.views.counterQueue(2)!.today.served).toBe(0);
  });
});
