import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initHall } from '../cli/seed';
import { openDatabase, type Db } from '../db/database';
import { createHallContext } from '../server';
import { createRecordingEvents } from './events';
import { HallError } from './errors';
import { createIssueBatcher } from './issue-batcher';
import { createHallServices, type HallServices } from './hall-services';

// 09:00 in Shanghai on Monday 2026-11-30.
const MORNING = Date.UTC(2026, 10, 30, 1, 0, 0);
let now = MORNING;
let db: Db;
let hall: HallServices;
let events: ReturnType<typeof createRecordingEvents>;
const actor = { userId: null, deviceId: null };
let requests = 0;

const issue = (serviceCode: string, priority: 'normal' | 'priority' = 'normal') =>
  hall.queue.issue({ serviceCode, priority, requestId: `svc-test-${++requests}` }, actor).ticket;

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof HallError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

beforeEach(() => {
  now = MORNING;
  db = openDatabase(':memory:');
  events = createRecordingEvents();
  hall = createHallServices({ ...createHallContext(db, { clock: () => now }), events });
  initHall(hall, { hallName: '测试大厅', level: 'city', enforceOpeningHours: true });
});
afterEach(() => db.close());

describe('queue service', () => {
  it('refuses numbers outside opening hours and says why', () => {
    now = Date.UTC(2026, 10, 29, 23, 0, 0); // 07:00 local
    expect(refusal(() => issue('A'))).toBe('service-closed');
    expect(hall.queue.views.serviceViews()[0]).toMatchObject({ open: false, closedReason: 'not-yet-open' });
    now = Date.UTC(2026, 10, 30, 10, 0, 0); // 18:00 local
    expect(hall.queue.views.serviceViews()[0]!.closedReason).toBe('after-hours');
  });

  it('starts numbering again on a new hall day and closes the previous day\u2019s open tickets', () => {
    expect(issue('A').number).toBe('A001');
    expect(issue('A').number).toBe('A002');
    now += 24 * 3600 * 1000;
    expect(hall.queue.closePreviousDays()).toBe(2);
    expect(hall.queue.callNext(1, actor)).toBeNull();
    expect(issue('A').number).toBe('A001');
    const events = hall.ctx.tickets.events(1);
    expect(events.at(-1)).toMatchObject({ action: 'day-closed', to_state: 'cancelled' });
  });

  it('estimates waits from people ahead, open counters and the smoothed service time', () => {
    // Two open counters serve A (1 and 2); with no history a visit is assumed to take 10 minutes.
    issue('A');
    issue('A');
    const third = issue('A');
    expect(third).toMatchObject({ waitingAhead: 2, estimatedWaitMinutes: 10 });
    hall.counters.pause(2, actor);
    expect(issue('A')).toMatchObject({ waitingAhead: 3, estimatedWaitMinutes: 30 });
    // A four-minute visit becomes the smoothed service time.
    const called = hall.queue.callNext(1, actor)!;
    now += 4 * 60_000;
    hall.queue.act(called.id, { kind: 'finish' }, actor);
    expect(hall.queue.views.serviceViews().find((s) => s.code === 'A')).toMatchObject({ waiting: 3, estimatedWaitMinutes: 12 });
  });

  it('parks a ticket, frees the counter, and resumes it at another counter', () => {
    const first = issue('A');
    issue('A');
    hall.queue.callNext(1, actor);
    hall.queue.act(first.id, { kind: 'start' }, actor);
    hall.queue.act(first.id, { kind: 'park' }, actor);
    expect(hall.queue.views.counterQueue(1)!.parked.map((t) => t.id)).toEqual([first.id]);
    const second = hall.queue.callNext(1, actor)!;
    expect(refusal(() => hall.queue.act(first.id, { kind: 'resume' }, actor))).toBe('counter-busy');
    const resumed = hall.queue.act(first.id, { kind: 'resume', counterId: 2 }, actor);
    expect(resumed).toMatchObject({ state: 'serving', counterId: 2 });
    expect(second.counterId).toBe(1);
  });

  it('lets a no-show be marked only after the recalls, then requeues the returning visitor at the back', () => {
    const first = issue('F');
    const second = issue('F');
    hall.queue.callNext(6, actor);
    expect(refusal(() => hall.queue.act(first.id, { kind: 'no-show' }, actor))).toBe('recall-limit-not-reached');
    hall.queue.act(first.id, { kind: 'recall' }, actor);
    hall.queue.act(first.id, { kind: 'recall' }, actor);
    expect(events.published.filter((e) => e.name === 'ticket:called').map((e) => (e.payload as { recall: boolean }).recall)).toEqual([false, true, true]);
    hall.queue.act(first.id, { kind: 'no-show' }, actor);
    now += 60_000;
    hall.queue.act(first.id, { kind: 'requeue' }, actor);
    expect(hall.queue.callNext(6, actor)!.id).toBe(second.id);
  });

  it('refuses calls at a paused counter and for a service the counter does not serve', () => {
    const notary = issue('B');
    hall.counters.pause(3, actor);
    expect(refusal(() => hall.queue.callNext(3, actor))).toBe('counter-paused');
    expect(refusal(() => hall.queue.callChosen(1, notary.id, actor))).toBe('service-not-at-counter');
  });

  it('asks the counter\u2019s rating pad for a rating after finish, naming the staff member', () => {
    const staffId = hall.auth.createUser({ username: 'lina', displayName: '李娜', staffNo: '0103', role: 'staff', password: 'long-password-1' });
    const ticket = issue('C');
    hall.queue.callNext(2, { userId: staffId, deviceId: null });
    hall.queue.act(ticket.id, { kind: 'finish', outcome: 'pending', note: '补交材料' }, { userId: staffId, deviceId: null });
    expect(events.published.find((e) => e.name === 'rating:requested')?.payload).toMatchObject({
      counterId: 2, ticketId: ticket.id, number: 'C001', staffName: '李娜',
    });
  });

  it('issues a batch in one commit; a refused request leaves the others issued, a repeated requestId gets the same ticket', async () => {
    const batcher = createIssueBatcher(hall.queue);
    const results = await Promise.allSettled([
      batcher.issue({ serviceCode: 'A', requestId: 'batch-00000001' }, actor),
      batcher.issue({ serviceCode: 'Z', requestId: 'batch-00000002' }, actor),
      batcher.issue({ serviceCode: 'A', requestId: 'batch-00000003' }, actor),
      batcher.issue({ serviceCode: 'A', requestId: 'batch-00000001' }, actor),
    ]);
    const values = results.map((r) => (r.status === 'fulfilled' ? `${r.value.ticket.number}${r.value.created ? '' : ' again'}` : (r.reason as HallError).code));
    expect(values).toEqual(['A001', 'unknown-service', 'A002', 'A001 again']);
    expect(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(2);
    // One ticket:issued per new ticket, one services:updated for the whole batch.
    expect(events.published.filter((e) => e.name === 'ticket:issued')).toHaveLength(2);
    expect(events.published.filter((e) => e.name === 'services:updated')).toHaveLength(1);
  });
});
