import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { initHall } from '../cli/seed';
import { peopleAhead, pickNext } from '../queue/call-policy';
import type { TicketAction } from '../queue/ticket-machine';
import { createHallContext } from '../server';
import { HallError } from './errors';
import { createHallServices } from './hall-services';

const SERVICES = ['A', 'B', 'C', 'D', 'E', 'F'];
const COUNTERS = [1, 2, 3, 4, 5, 6];

type Step =
  | { kind: 'issue'; service: number; priority: boolean }
  | { kind: 'call-next'; counter: number }
  | { kind: 'call-chosen'; counter: number; pick: number }
  | { kind: 'act'; action: 'recall' | 'start' | 'finish' | 'no-show' | 'requeue' | 'park' | 'cancel'; pick: number }
  | { kind: 'resume'; counter: number; pick: number }
  | { kind: 'transfer'; service: number; pick: number }
  | { kind: 'pause'; counter: number; paused: boolean };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('issue' as const), service: fc.nat(5), priority: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('call-next' as const), counter: fc.nat(5) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('call-chosen' as const), counter: fc.nat(5), pick: fc.nat() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      action: fc.constantFrom('recall', 'start', 'finish', 'no-show', 'requeue', 'park', 'cancel' as const),
      pick: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resume' as const), counter: fc.nat(5), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), service: fc.nat(5), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), counter: fc.nat(5), paused: fc.boolean() }) },
);

/**
 * The states each command may start from, written out from DESIGN.md (see ticket-machine.test.ts),
 * not imported from the code, so a wrong ALLOWED_FROM fails this test.
 */
const LEGAL_FROM: Record<TicketAction, readonly string[]> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  finish: ['called', 'serving'],
  'no-show': ['called'],
  requeue: ['no_show'],
  park: ['called', 'serving'],
  resume: ['parked'],
  cancel: ['waiting', 'called', 'parked'],
  transfer: ['waiting', 'called', 'serving', 'parked'],
};
/** A counter's current ticket (at most one per counter). */
const CURRENT_STATES = ['called', 'serving'];

/** Maps a logged event action to the state-machine command it ran. */
const COMMAND_OF: Record<string, TicketAction | null> = {
  issue: null, call: 'call', 'call-chosen': 'call', recall: 'recall', start: 'start', finish: 'finish', 'no-show': 'no-show',
  requeue: 'requeue', park: 'park', resume: 'resume', cancel: 'cancel', transfer: 'transfer',
};

/** The state-machine command a step runs on its picked ticket, if it runs one. */
function commandOfStep(step: Step): TicketAction | null {
  if (step.kind === 'call-chosen') return 'call';
  if (step.kind === 'act') return step.action;
  if (step.kind === 'resume' || step.kind === 'transfer') return step.kind;
  return null;
}

function runScenario(steps: Step[], recallLimit: number) {
  let now = Date.UTC(2026, 10, 30, 1, 0, 0);
  const db = openDatabase(':memory:');
  const services = createHallServices(createHallContext(db, { clock: () => now }));
  initHall(services, { hallName: '测试大厅', level: 'city', enforceOpeningHours: false });
  // With no recall required, no-shows (and so requeues) come up often enough to be exercised.
  services.ctx.hall.putSetting('recall_limit', String(recallLimit));
  const actor = { userId: null, deviceId: null };
  const ids: number[] = [];
  let requestNo = 0;
  try {
    for (const step of steps) {
      now += 1000;
      const pick = 'pick' in step ? ids[step.pick % Math.max(1, ids.length)] : undefined;
      const command = commandOfStep(step);
      const stateBefore = pick === undefined ? undefined : services.ctx.tickets.get(pick)?.state;
      try {
        switch (step.kind) {
          case 'issue': {
            requestNo += 1;
            const { ticket } = services.queue.issue(
              { serviceCode: SERVICES[step.service]!, priority: step.priority ? 'priority' : 'normal', requestId: `req-${requestNo.toString().padStart(6, '0')}` },
              actor,
            );
            ids.push(ticket.id);
            // The SQL count of people ahead agrees with the pure definition.
            const stored = services.ctx.tickets.get(ticket.id)!;
            const sameService = services.ctx.tickets.waiting(stored.hallDay).filter((t) => t.serviceCode === stored.serviceCode);
            expect(ticket.waitingAhead).toBe(peopleAhead(stored, sameService));
            break;
          }
          case 'call-next': {
            const counterId = COUNTERS[step.counter]!;
            const counter = services.ctx.hall.counter(counterId)!;
            const waitingBefore = services.ctx.tickets.waiting('2026-11-30').filter((t) => counter.services.includes(t.serviceCode));
            const expected = counter.state === 'open' && !services.ctx.tickets.currentOfCounter(counterId) ? pickNext(waitingBefore, counter.services) : null;
            const called = services.queue.callNext(counterId, actor);
            // Choosing among the lane heads gives what the policy gives over every waiting ticket.
            expect(called?.id ?? null).toBe(expected?.id ?? null);
            if (!called) {
              expect(waitingBefore).toHaveLength(0);
              break;
            }
            // Priority lane first; FIFO among tickets of the same service and priority.
            if (called.priority === 'normal') expect(waitingBefore.filter((t) => t.priority === 'priority')).toHaveLength(0);
            const jumped = waitingBefore.filter(
              (t) => t.serviceCode === called.serviceCode && t.priority === called.priority && (t.queuedAt < called.queuedAt || (t.queuedAt === called.queuedAt && t.id < called.id)),
            );
            expect(jumped).toHaveLength(0);
            break;
          }
          case 'call-chosen':
            if (pick !== undefined) services.queue.callChosen(COUNTERS[step.counter]!, pick, actor);
            break;
          case 'act':
            if (pick !== undefined) services.queue.act(pick, { kind: step.action }, actor);
            break;
          case 'resume':
            if (pick !== undefined) services.queue.act(pick, { kind: 'resume', counterId: COUNTERS[step.counter]! }, actor);
            break;
          case 'transfer':
            if (pick !== undefined) services.queue.act(pick, { kind: 'transfer', serviceCode: SERVICES[step.service]! }, actor);
            break;
          case 'pause': {
            const counterId = COUNTERS[step.counter]!;
            if (step.paused) services.counters.pause(counterId, actor);
            else services.counters.resume(counterId, actor);
            break;
          }
        }
        // A command the written-out table forbids must have been refused.
        if (command && stateBefore) expect(LEGAL_FROM[command], `${command} from ${stateBefore} was allowed`).toContain(stateBefore);
      } catch (error) {
        // Refusals are part of the rules; anything else is a bug.
        if (!(error instanceof HallError)) throw error;
        expect(error.status).toBeGreaterThanOrEqual(400);
        expect(error.status).toBeLessThan(500);
        // …and a command the table allows is never refused as an illegal transition.
        if (error.code === 'illegal-transition' && command && stateBefore) {
          expect(LEGAL_FROM[command], `${command} from ${stateBefore} was refused`).not.toContain(stateBefore);
        }
      }
      checkInvariants(db);
    }
  } finally {
    db.close();
  }
}

function checkInvariants(db: ReturnType<typeof openDatabase>) {
  const tickets = db.prepare('SELECT id, hall_day, number, state, counter_id FROM tickets').all() as {
    id: number; hall_day: string; number: string; state: string; counter_id: number | null;
  }[];
  const holders = new Map<number, number>();
  for (const ticket of tickets) {
    if (!CURRENT_STATES.includes(ticket.state) || ticket.counter_id === null) continue;
    expect(holders.has(ticket.counter_id), `counter ${ticket.counter_id} holds two tickets`).toBe(false);
    holders.set(ticket.counter_id, ticket.id);
  }
  const numbers = new Set(tickets.map((t) => `${t.hall_day}/${t.number}`));
  expect(numbers.size).toBe(tickets.length);
  const events = db.prepare('SELECT ticket_id, action, from_state, to_state FROM ticket_events ORDER BY id').all() as {
    ticket_id: number; action: string; from_state: string | null; to_state: string;
  }[];
  const stateOf = new Map<number, string>();
  for (const event of events) {
    const command = COMMAND_OF[event.action];
    if (command === null) {
      expect(event.from_state).toBeNull();
      expect(event.to_state).toBe('waiting');
    } else {
      expect(command, `unknown action ${event.action}`).toBeDefined();
      expect(LEGAL_FROM[command!], `${event.action} from ${event.from_state}`).toContain(event.from_state);
      expect(event.from_state).toBe(stateOf.get(event.ticket_id));
    }
    stateOf.set(event.ticket_id, event.to_state);
  }
  // The trigger-kept counts equal the counts of the tickets themselves.
  const counted = (sql: string) => (db.prepare(sql).all() as { k: string; n: number }[]).filter((r) => r.n > 0).map((r) => `${r.k}=${r.n}`).sort();
  expect(counted("SELECT hall_day || service_code || priority AS k, n FROM waiting_counts"))
    .toEqual(counted("SELECT hall_day || service_code || priority AS k, COUNT(*) AS n FROM tickets WHERE state = 'waiting' GROUP BY 1"));
  expect(counted('SELECT hall_day || service_code AS k, n FROM issued_counts'))
    .toEqual(counted('SELECT hall_day || original_service_code AS k, COUNT(*) AS n FROM tickets GROUP BY 1'));
  // The event log replays to each ticket's stored state: it is a complete audit trail.
  for (const ticket of tickets) expect(stateOf.get(ticket.id)).toBe(ticket.state);
}

describe('queue service under random command sequences from six counters', () => {
  it('never lets two counters hold one ticket, never reuses a number, makes only legal transitions, calls FIFO', () => {
    fc.assert(fc.property(fc.array(stepArbitrary, { minLength: 20, maxLength: 150 }), fc.constantFrom(0, 2), (steps, recallLimit) => runScenario(steps, recallLimit)), {
      numRuns: 120,
    });
  });
});
