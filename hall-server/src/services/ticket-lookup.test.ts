import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initHall } from '../cli/seed';
import { openDatabase, type Db } from '../db/database';
import { createHallContext } from '../server';
import { HallError } from './errors';
import { createHallServices, type HallServices } from './hall-services';
import { createTicketLookup, type TicketLookup } from './ticket-lookup';

// 09:00 in Shanghai on Monday 2026-11-30.
const MORNING = Date.UTC(2026, 10, 30, 1, 0, 0);
let now = MORNING;
let db: Db;
let hall: HallServices;
let lookup: TicketLookup;
const actor = { userId: null, deviceId: null };

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof HallError) return error.code;
    throw error;
  }
  return 'none';
};

beforeEach(() => {
  now = MORNING;
  db = openDatabase(':memory:');
  hall = createHallServices(createHallContext(db, { clock: () => now }));
  initHall(hall, { hallName: '测试大厅', level: 'village', enforceOpeningHours: false });
  lookup = createTicketLookup(hall.ctx);
});
afterEach(() => db.close());

describe('ticket lookup', () => {
  it('finds today\u2019s ticket by a typed number, however it is typed', () => {
    const issued = hall.queue.issue({ serviceCode: 'F', priority: 'normal', requestId: 'lookup-1' }, actor).ticket;
    expect(issued.number).toBe('F001');
    for (const typed of ['F001', ' f001 ', 'F0001']) expect(lookup.todayByNumber(typed).id).toBe(issued.id);
  });

  it.each([
    ['F002', 'not-found'],
    ['F1', 'bad-request'],
    ['12', 'bad-request'],
    ['', 'bad-request'],
  ])('refuses %j with %s', (typed, code) => {
    hall.queue.issue({ serviceCode: 'F', priority: 'normal', requestId: 'lookup-2' }, actor);
    expect(refusal(() => lookup.todayByNumber(typed))).toBe(code);
  });

  it('does not find yesterday\u2019s number today', () => {
    hall.queue.issue({ serviceCode: 'F', priority: 'normal', requestId: 'lookup-3' }, actor);
    now = MORNING + 24 * 3600_000;
    expect(refusal(() => lookup.todayByNumber('F001'))).toBe('not-found');
  });

  it('finds a ticket with its events by id, and by tracking code', () => {
    const issued = hall.queue.issue({ serviceCode: 'F', priority: 'normal', requestId: 'lookup-4' }, actor).ticket;
    const { ticket, events } = lookup.withEvents(issued.id);
    expect(ticket.number).toBe('F001');
    expect(events.map((event) => [event.action, event.to_state])).toEqual([['issue', 'waiting']]);
    expect(lookup.byTrackingCode(issued.trackingCode).id).toBe(issued.id);
    expect(refusal(() => lookup.byTrackingCode('no-such-code-000'))).toBe('not-found');
    expect(refusal(() => lookup.withEvents(999))).toBe('not-found');
  });

  it('lists counters with their services and state', () => {
    expect(lookup.counters()).toEqual([{ id: 1, name: expect.any(String), services: ['F', 'C'], state: 'open' }]);
  });
});
