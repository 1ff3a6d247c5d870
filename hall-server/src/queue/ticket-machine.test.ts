import { describe, expect, it } from 'vitest';
import { transition, type QueueTicket, type TicketAction, type TicketCommand } from './ticket-machine';
import type { TicketState } from '@hall/shared';

const T0 = Date.UTC(2026, 10, 30, 1, 0, 0);

function ticket(overrides: Partial<QueueTicket> = {}): QueueTicket {
  return {
    id: 1, hallDay: '2026-11-30', number: 'A001', serviceCode: 'A', originalServiceCode: 'A', priority: 'normal',
    state: 'waiting', issuedAt: T0, queuedAt: T0, firstCalledAt: null, calledAt: null, startedAt: null, finishedAt: null,
    parkedAt: null, counterId: null, staffId: null, recallCount: 0, outcome: null, note: null, ...overrides,
  };
}

const called = (overrides: Partial<QueueTicket> = {}) =>
  ticket({ state: 'called', counterId: 3, staffId: 7, calledAt: T0 + 60_000, firstCalledAt: T0 + 60_000, ...overrides });

const COMMANDS: TicketCommand[] = [
  { kind: 'call', counterId: 3, staffId: 7 }, { kind: 'recall' }, { kind: 'start' },
  { kind: 'finish', outcome: 'resolved', note: null }, { kind: 'no-show', recallLimit: 0 }, { kind: 'requeue' },
  { kind: 'park' }, { kind: 'resume', counterId: 3, staffId: 7 }, { kind: 'cancel' }, { kind: 'transfer', serviceCode: 'B' },
];

/**
 * What staff may do in each state, written out from DESIGN.md ("Domain model" and "Queue rules"),
 * not read from the code's own table, so a wrong table fails here:
 * - waiting → called by call-next or call-chosen; a waiting visitor may leave (cancel) or be transferred;
 * - the counter's current ticket (called or serving) is finished, parked or (only when called, after
 *   the recalls) marked no-show; called is recalled or started; a visitor not yet served may cancel;
 * - parked (挂起) is resumed later; a returning no-show is requeued; transfer moves any open ticket;
 * - done and cancelled are final.
 */
const EXPECTED: Record<TicketState, readonly TicketAction[]> = {
  waiting: ['call', 'cancel', 'transfer'],
  called: ['recall', 'start', 'finish', 'no-show', 'park', 'cancel', 'transfer'],
  serving: ['finish', 'park', 'transfer'],
  parked: ['resume', 'cancel', 'transfer'],
  no_show: ['requeue'],
  done: [],
  cancelled: [],
};

describe('transition: the state machine table', () => {
  const cases = (Object.keys(EXPECTED) as TicketState[]).flatMap((state) => COMMANDS.map((command) => [state, command] as const));
  it.each(cases)('from %s, %o', (state: TicketState, command) => {
    const result = transition(ticket({ state, counterId: 3 }), command, T0 + 120_000);
    expect(result.ok).toBe(EXPECTED[state].includes(command.kind));
    if (!result.ok) expect(result.code).toBe('illegal-transition');
  });

  it('covers every ticket state and every command', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(['called', 'cancelled', 'done', 'no_show', 'parked', 'serving', 'waiting']);
    expect(COMMANDS.map((command) => command.kind).sort()).toEqual(
      ['call', 'cancel', 'finish', 'no-show', 'park', 'recall', 'requeue', 'resume', 'start', 'transfer'],
    );
  });

  it('never leaves a terminal state (done, cancelled)', () => {
    for (const command of COMMANDS) {
      expect(transition(ticket({ state: 'done' }), command, T0).ok).toBe(false);
      expect(transition(ticket({ state: 'cancelled' }), command, T0).ok).toBe(false);
    }
  });
});

describe('transition: what each command records', () => {
  it('call sets counter, staff and both call times', () => {
    const result = transition(ticket(), { kind: 'call', counterId: 2, staffId: 5 }, T0 + 1000);
    expect(result).toMatchObject({ ok: true, from: 'waiting', to: 'called' });
    if (result.ok) expect(result.ticket).toMatchObject({ counterId: 2, staffId: 5, calledAt: T0 + 1000, firstCalledAt: T0 + 1000 });
  });

  it('a second call after requeue keeps the first call time (wait is measured to the first call)', () => {
    const again = transition(ticket({ firstCalledAt: T0 + 5 }), { kind: 'call', counterId: 1, staffId: null }, T0 + 9000);
    if (!again.ok) throw new Error('call refused');
    expect(again.ticket.firstCalledAt).toBe(T0 + 5);
    expect(again.ticket.calledAt).toBe(T0 + 9000);
  });

  it('recall counts and re-stamps the call time', () => {
    const result = transition(called({ recallCount: 1 }), { kind: 'recall' }, T0 + 200_000);
    if (!result.ok) throw new Error('recall refused');
    expect(result.ticket).toMatchObject({ state: 'called', recallCount: 2, calledAt: T0 + 200_000, firstCalledAt: T0 + 60_000 });
  });

  it.each([
    [0, 0, true],
    [1, 2, false],
    [2, 2, true],
    [3, 2, true],
  ])('no-show after %i recalls with limit %i → allowed %s', (recalls, limit, allowed) => {
    const result = transition(called({ recallCount: recalls }), { kind: 'no-show', recallLimit: limit }, T0 + 300_000);
    expect(result.ok).toBe(allowed);
    if (!result.ok) expect(result.code).toBe('recall-limit-not-reached');
  });

  it('finish straight from called counts service time from the call', () => {
    const result = transition(called(), { kind: 'finish', outcome: 'pending', note: '缺身份证复印件' }, T0 + 600_000);
    if (!result.ok) throw new Error('finish refused');
    expect(result.ticket).toMatchObject({ state: 'done', startedAt: T0 + 60_000, finishedAt: T0 + 600_000, outcome: 'pending', note: '缺身份证复印件' });
  });

  it('finish after start keeps the start time', () => {
    const result = transition(called({ state: 'serving', startedAt: T0 + 90_000 }), { kind: 'finish', outcome: 'resolved', note: null }, T0 + 700_000);
    if (!result.ok) throw new Error('finish refused');
    expect(result.ticket.startedAt).toBe(T0 + 90_000);
  });

  it('requeue of a no-show goes to the back of the queue and frees the counter', () => {
    const result = transition(called({ state: 'no_show', recallCount: 2, finishedAt: T0 + 1 }), { kind: 'requeue' }, T0 + 900_000);
    if (!result.ok) throw new Error('requeue refused');
    expect(result.ticket).toMatchObject({ state: 'waiting', queuedAt: T0 + 900_000, issuedAt: T0, counterId: null, recallCount: 0, finishedAt: null });
  });

  it('park keeps the counter for the parked list; resume serves again at the given counter', () => {
    const parked = transition(called({ state: 'serving', startedAt: T0 + 70_000 }), { kind: 'park' }, T0 + 100_000);
    if (!parked.ok) throw new Error('park refused');
    expect(parked.ticket).toMatchObject({ state: 'parked', parkedAt: T0 + 100_000, counterId: 3 });
    const resumed = transition(parked.ticket, { kind: 'resume', counterId: 4, staffId: 9 }, T0 + 400_000);
    if (!resumed.ok) throw new Error('resume refused');
    expect(resumed.ticket).toMatchObject({ state: 'serving', counterId: 4, staffId: 9, parkedAt: null, startedAt: T0 + 70_000 });
  });

  it('transfer keeps the number, the issue time and the queue position', () => {
    const result = transition(called({ state: 'serving', startedAt: T0 + 70_000 }), { kind: 'transfer', serviceCode: 'C' }, T0 + 800_000);
    if (!result.ok) throw new Error('transfer refused');
    expect(result.ticket).toMatchObject({
      state: 'waiting', serviceCode: 'C', originalServiceCode: 'A', number: 'A001', issuedAt: T0, queuedAt: T0, counterId: null, startedAt: null,
    });
  });

  it('transfer to the same service is refused', () => {
    expect(transition(ticket(), { kind: 'transfer', serviceCode: 'A' }, T0)).toEqual({ ok: false, code: 'same-service' });
  });
});
