import { ratingBodySchema } from '@hall/shared';
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

beforeEach(() => {
  now = START;
  db = openDatabase(':memory:');
  hall = createHallServices({ ...createHallContext(db, { clock: () => now }), events: createRecordingEvents() });
  initHall(hall, { hallName: '测试大厅', level: 'city', enforceOpeningHours: false });
});
afterEach(() => db.close());

function served() {
  const ticket = hall.queue.issue({ serviceCode: 'A', priority: 'normal', requestId: `contact-${now}` }, actor).ticket;
  hall.queue.callChosen(1, ticket.id, actor);
  hall.queue.act(ticket.id, { kind: 'start' }, actor);
  now += 60_000;
  hall.queue.act(ticket.id, { kind: 'finish' }, actor);
  return ticket;
}

describe("the visitor's contact for a follow-up", () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['0371-12345678', '037112345678'],
    ['12345', null],
    ['23812345678', null],
    ['1381234567a', null],
  ])('%j is taken as %j', (typed, stored) => {
    const parsed = ratingBodySchema.safeParse({ score: 1, contactPhone: typed });
    expect(parsed.success ? parsed.data.contactPhone : null).toBe(stored);
  });

  it('is stored with the rating, shown on its follow-up, and never written to the city outbox', () => {
    db.prepare('UPDATE sync_state SET enrolled = 1 WHERE id = 1').run();
    const ticket = served();
    const body = ratingBodySchema.parse({ score: 1, comment: '窗口经常没人', contactPhone: '138 0000 1234', trackingCode: ticket.trackingCode });
    hall.ratings.rate(ticket.id, body, { kind: 'phone' });
    const [followUp] = hall.ratings.followUps();
    expect(followUp).toMatchObject({ ticketNumber: ticket.number, comment: '窗口经常没人', contactPhone: '13800001234', workingDaysLeft: 5 });
    const outbox = db.prepare('SELECT data FROM outbox').all() as { data: string }[];
    expect(outbox.length).toBeGreaterThan(0);
    for (const row of outbox) expect(row.data).not.toContain('13800001234');
  });

  it('is null when the visitor left none', () => {
    const ticket = served();
    hall.ratings.rate(ticket.id, { score: 2, trackingCode: ticket.trackingCode }, { kind: 'phone' });
    expect(hall.ratings.followUps()[0]!.contactPhone).toBeNull();
  });
});
