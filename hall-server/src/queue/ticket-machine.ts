import type { Outcome, Priority, TicketState } from '@hall/shared';

/** A ticket as the queue rules see it: times are epoch milliseconds. */
export interface QueueTicket {
  id: number;
  hallDay: string;
  number: string;
  serviceCode: string;
  originalServiceCode: string;
  priority: Priority;
  state: TicketState;
  issuedAt: number;
  /** Position in the queue: the issue time, kept on transfer, reset when a no-show is requeued. */
  queuedAt: number;
  firstCalledAt: number | null;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  parkedAt: number | null;
  counterId: number | null;
  staffId: number | null;
  recallCount: number;
  outcome: Outcome | null;
  note: string | null;
}

export type TicketCommand =
  | { kind: 'call'; counterId: number; staffId: number | null }
  | { kind: 'recall' }
  | { kind: 'start' }
  | { kind: 'finish'; outcome: Outcome; note: string | null }
  | { kind: 'no-show'; recallLimit: number }
  | { kind: 'requeue' }
  | { kind: 'park' }
  | { kind: 'resume'; counterId: number; staffId: number | null }
  | { kind: 'cancel' }
  | { kind: 'transfer'; serviceCode: string };

export type TicketAction = TicketCommand['kind'];

export type TransitionError = 'illegal-transition' | 'recall-limit-not-reached' | 'same-service';

export type TransitionResult =
  | { ok: true; ticket: QueueTicket; from: TicketState; to: TicketState }
  | { ok: false; code: TransitionError };

/** From which states each command may run: the state machine of the design in one table. */
export const ALLOWED_FROM: Record<TicketAction, readonly TicketState[]> = {
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

/** The states in which a ticket occupies its counter. */
export function isCurrent(state: TicketState): boolean {
  return state === 'called' || state === 'serving';
}

/** Applies one command to a ticket at `now`; pure, returns the next ticket or why not. */
export function transition(ticket: QueueTicket, command: TicketCommand, now: number): TransitionResult {
  if (!ALLOWED_FROM[command.kind].includes(ticket.state)) return { ok: false, code: 'illegal-transition' };
  const next = applyCommand(ticket, command, now);
  if ('code' in next) return { ok: false, code: next.code };
  return { ok: true, ticket: next, from: ticket.state, to: next.state };
}

function applyCommand(ticket: QueueTicket, command: TicketCommand, now: number): QueueTicket | { code: TransitionError } {
  switch (command.kind) {
    case 'call':
      return {
        ...ticket, state: 'called', counterId: command.counterId, staffId: command.staffId,
        calledAt: now, firstCalledAt: ticket.firstCalledAt ?? now, recallCount: 0,
      };
    case 'recall':
      return { ...ticket, calledAt: now, recallCount: ticket.recallCount + 1 };
    case 'start':
      return { ...ticket, state: 'serving', startedAt: now };
    case 'finish':
      // Staff often finish straight from "called": the visitor came and was served without a
      // separate start, so service time is counted from the call.
      return {
        ...ticket, state: 'done', startedAt: ticket.startedAt ?? ticket.calledAt ?? now, finishedAt: now,
        outcome: command.outcome, note: command.note,
      };
    case 'no-show':
      if (ticket.recallCount < command.recallLimit) return { code: 'recall-limit-not-reached' };
      return { ...ticket, state: 'no_show', finishedAt: now };
    case 'requeue':
      // A returning no-show joins the end of the queue, not its old place: others waited meanwhile.
      return {
        ...ticket, state: 'waiting', queuedAt: now, counterId: null, staffId: null, calledAt: null,
        recallCount: 0, finishedAt: null,
      };
    case 'park':
      return { ...ticket, state: 'parked', parkedAt: now, startedAt: ticket.startedAt ?? ticket.calledAt ?? now };
    case 'resume':
      return { ...ticket, state: 'serving', counterId: command.counterId, staffId: command.staffId, parkedAt: null };
    case 'cancel':
      return { ...ticket, state: 'cancelled', finishedAt: now };
    case 'transfer':
      if (command.serviceCode === ticket.serviceCode) return { code: 'same-service' };
      // The design keeps the original issue time: a transferred visitor does not queue again from the back.
      return {
        ...ticket, state: 'waiting', serviceCode: command.serviceCode, counterId: null, staffId: null,
        calledAt: null, startedAt: null, parkedAt: null, recallCount: 0,
      };
  }
}
