import { formatTicketNumber, hallDayOf, type IssueTicketBody, type IssuedTicket, type Outcome } from '@hall/shared';
import { pickNext } from '../queue/call-policy';
import { transition, type QueueTicket, type TicketCommand } from '../queue/ticket-machine';
import type { StoredTicket } from '../repos/tickets-repo';
import { checkCodeFromToken } from './check-code';
import type { Actor, HallContext } from './context';
import { hallSettings } from './context';
import { HallError } from './errors';
import { createHallViews } from './hall-views';

export type QueueService = ReturnType<typeof createQueueService>;

/** The result of one request in an issue batch. */
export type IssueOutcome = { ok: true; ticket: IssuedTicket; created: boolean } | { ok: false; error: HallError };

export type TicketActionRequest =
  | { kind: 'recall' | 'start' | 'no-show' | 'requeue' | 'park' | 'cancel' }
  | { kind: 'resume'; counterId?: number }
  | { kind: 'finish'; outcome?: Outcome; note?: string; caseNumber?: string }
  | { kind: 'transfer'; serviceCode: string };

/** The queue's use cases: load, apply the pure rules inside one transaction, persist, then publish. */
export function createQueueService(ctx: HallContext) {
  const views = createHallViews(ctx);
  const today = () => hallDayOf(ctx.clock(), ctx.timeZone);

  function record(before: QueueTicket | null, after: QueueTicket, action: string, actor: Actor, detail: Record<string, unknown> | null = null) {
    ctx.tickets.appendEvent({
      ticketId: after.id, at: ctx.clock(), action, fromState: before?.state ?? null, toState: after.state,
      counterId: after.counterId ?? before?.counterId ?? null, actorUserId: actor.userId, actorDeviceId: actor.deviceId, detail,
    });
  }

  function publishTicket(ticket: StoredTicket | QueueTicket, counterIds: (number | null)[]) {
    ctx.events.publish('ticket:updated', { ticket: views.ticketDto(ticket) });
    for (const counterId of new Set(counterIds)) {
      if (counterId !== null) {
        const counter = views.snapshotCounter(counterId);
        if (counter) ctx.events.publish('counter:updated', { counter });
      }
    }
    ctx.events.publish('services:updated', { services: views.snapshotServices() });
    ctx.events.ticketsChanged();
  }

  function publishCall(ticket: QueueTicket, recall: boolean) {
    const counter = ticket.counterId === null ? null : ctx.hall.counter(ticket.counterId);
    if (!counter || ticket.calledAt === null) return;
    ctx.events.publish('ticket:called', {
      ticketId: ticket.id, number: ticket.number, serviceCode: ticket.serviceCode, counterId: counter.id,
      counterName: counter.name, calledAt: new Date(ticket.calledAt).toISOString(), recall, recallCount: ticket.recallCount,
    });
  }

  function requireCounterFree(counterId: number) {
    const counter = ctx.hall.counter(counterId);
    if (!counter) throw new HallError('not-found', `counter ${counterId} does not exist`);
    if (counter.state === 'paused') throw new HallError('counter-paused', `counter ${counter.name} is paused`);
    if (counter.state === 'closed') throw new HallError('counter-closed', `counter ${counter.name} is closed`);
    const current = ctx.tickets.currentOfCounter(counterId);
    if (current) throw new HallError('counter-busy', `counter ${counter.name} still holds ${current.number}; finish, park or mark it no-show first`);
    return counter;
  }

  function apply(ticket: StoredTicket, command: TicketCommand, action: string, actor: Actor, detail: Record<string, unknown> | null = null) {
    const result = transition(ticket, command, ctx.clock());
    if (!result.ok) {
      const message = result.code === 'illegal-transition'
        ? `cannot ${action} ticket ${ticket.number} in state ${ticket.state}`
        : result.code === 'recall-limit-not-reached'
          ? `ticket ${ticket.number} has been recalled ${ticket.recallCount} times; recall it before marking a no-show`
          : `ticket ${ticket.number} is already in that service's queue`;
      throw new HallError(result.code, message);
    }
    ctx.tickets.update(result.ticket);
    record(ticket, result.ticket, action, actor, detail);
    return result.ticket;
  }

  /** One issue inside the batch's transaction; its own savepoint, so a refusal undoes only itself. */
  const issueOne = (body: IssueTicketBody, actor: Actor) =>
    ctx.db.transaction((): { ticket: StoredTicket; created: boolean; atIssue?: { waitingAhead: number; estimatedWaitMinutes: number } } => {
      const existing = ctx.tickets.getByRequestId(body.requestId);
      if (existing) {
        if (existing.originalServiceCode !== body.serviceCode) {
          throw new HallError('request-conflict', `requestId ${body.requestId} was already used for service ${existing.originalServiceCode}`);
        }
        return { ticket: existing, created: false };
      }
      const service = ctx.hall.service(body.serviceCode);
      if (!service) throw new HallError('unknown-service', `no service with code ${body.serviceCode}`);
      const now = ctx.clock();
      const hallDay = hallDayOf(now, ctx.timeZone);
      const availability = views.availability(service, hallDay, now);
      if (availability === 'quota-full') throw new HallError('quota-exhausted', `今日${service.nameZh}号已取完（每日 ${service.dailyQuota} 个），请明日再来`);
      if (availability !== null) throw new HallError('service-closed', `service ${service.code} is not taking numbers now (${availability})`);
      const sequence = ctx.tickets.nextSequence(hallDay, service.prefix);
      const priority = body.priority ?? 'normal';
      const estimate = views.estimateForNewTicket(service.code, priority);
      const id = ctx.tickets.insert({
        hallDay, number: formatTicketNumber(service.prefix, sequence), serviceCode: service.code, priority,
        priorityReason: priority === 'priority' ? (body.priorityReason ?? 'other') : null, issuedAt: now,
        trackingCode: ctx.randomToken(16), requestId: body.requestId, deviceId: actor.deviceId,
        estimatedWaitSeconds: estimate.estimatedWaitMinutes * 60, checkCode: checkCodeFromToken(ctx.randomToken(6)),
      });
      const ticket = ctx.tickets.get(id)!;
      record(null, ticket, 'issue', actor, { priorityReason: body.priorityReason ?? null });
      return { ticket, created: true, atIssue: estimate };
    }).immediate();

  /**
   * Issues several numbers in one durable commit (group commit): each request in its own
   * savepoint, so one refused request (quota, unknown service) leaves the others issued. Callers
   * answer only after this returns, so every acknowledged ticket is on disk.
   */
  function issueBatch(requests: readonly { body: IssueTicketBody; actor: Actor }[]): IssueOutcome[] {
    const results = ctx.db.transaction(() =>
      requests.map(({ body, actor }): ({ ok: true } & ReturnType<typeof issueOne>) | { ok: false; error: HallError } => {
        try {
          return { ok: true, ...issueOne(body, actor) };
        } catch (error) {
          if (error instanceof HallError) return { ok: false, error };
          throw error;
        }
      }),
    ).immediate();
    const created = results.filter((r) => r.ok && r.created) as { ticket: StoredTicket }[];
    for (const { ticket: t } of created) {
      ctx.events.publish('ticket:issued', {
        ticket: { id: t.id, number: t.number, serviceCode: t.serviceCode, priority: t.priority, issuedAt: new Date(t.issuedAt).toISOString() },
      });
    }
    if (created.length > 0) {
      ctx.events.publish('services:updated', { services: views.snapshotServices() });
      ctx.events.ticketsChanged();
    }
    return results.map((r) => (r.ok ? { ok: true, ticket: views.issuedDto(r.ticket, r.atIssue), created: r.created } : r));
  }

  return {
    views,

    /** Issues a number (idempotent by requestId). Numbering and insert share one durable transaction. */
    issue(body: IssueTicketBody, actor: Actor): { ticket: IssuedTicket; created: boolean } {
      const [outcome] = issueBatch([{ body, actor }]);
      if (!outcome!.ok) throw outcome!.error;
      return outcome!;
    },

    issueBatch,

    /** Calls the next visitor to a counter; null when nobody waits for its services. Atomic. */
    callNext(counterId: number, actor: Actor): StoredTicket | null {
      const called = ctx.db.transaction(() => {
        const counter = requireCounterFree(counterId);
        const next = pickNext(ctx.tickets.queueHeads(today(), counter.services), counter.services);
        if (!next) return null;
        return apply(next, { kind: 'call', counterId, staffId: actor.userId }, 'call', actor);
      }).immediate();
      if (!called) return null;
      publishCall(called, false);
      publishTicket(called, [counterId]);
      return ctx.tickets.get(called.id);
    },

    /** Calls a chosen waiting ticket out of order (an appointment, a document-only matter). */
    callChosen(counterId: number, ticketId: number, actor: Actor): StoredTicket {
      const called = ctx.db.transaction(() => {
        const counter = requireCounterFree(counterId);
        const ticket = ctx.tickets.get(ticketId);
        if (!ticket) throw new HallError('not-found', `ticket ${ticketId} does not exist`);
        if (ticket.hallDay !== today()) throw new HallError('ticket-not-today', `ticket ${ticket.number} is from ${ticket.hallDay}`);
        if (!counter.services.includes(ticket.serviceCode)) {
          throw new HallError('service-not-at-counter', `counter ${counter.name} does not serve ${ticket.serviceCode}`);
        }
        return apply(ticket, { kind: 'call', counterId, staffId: actor.userId }, 'call-chosen', actor);
      }).immediate();
      publishCall(called, false);
      publishTicket(called, [counterId]);
      return ctx.tickets.get(called.id)!;
    },

    /** One staff action on a ticket (recall, start, finish, no-show, requeue, park, resume, cancel, transfer). */
    act(ticketId: number, request: TicketActionRequest, actor: Actor): StoredTicket {
      let previousCounter: number | null = null;
      const updated = ctx.db.transaction(() => {
        const ticket = ctx.tickets.get(ticketId);
        if (!ticket) throw new HallError('not-found', `ticket ${ticketId} does not exist`);
        previousCounter = ticket.counterId;
        switch (request.kind) {
          case 'no-show':
            return apply(ticket, { kind: 'no-show', recallLimit: hallSettings(ctx).recallLimit }, 'no-show', actor);
          case 'finish':
            // Set before the finish, so the outbox's done row carries it.
            if (request.caseNumber?.trim() && ticket.state !== 'done') ctx.tickets.setCaseNumber(ticket.id, request.caseNumber.trim());
            return apply(ticket, { kind: 'finish', outcome: request.outcome ?? 'resolved', note: request.note?.trim() || null }, 'finish', actor);
          case 'transfer': {
            const target = ctx.hall.service(request.serviceCode);
            if (!target) throw new HallError('unknown-service', `no service with code ${request.serviceCode}`);
            return apply(ticket, { kind: 'transfer', serviceCode: target.code }, 'transfer', actor, { fromService: ticket.serviceCode, toService: target.code });
          }
          case 'resume': {
            const counterId = request.counterId ?? ticket.counterId;
            if (counterId === null) throw new HallError('bad-request', 'resume needs a counterId', 400);
            if (ticket.state === 'parked') requireCounterFree(counterId);
            return apply(ticket, { kind: 'resume', counterId, staffId: actor.userId ?? ticket.staffId }, 'resume', actor);
          }
          case 'requeue':
            if (ticket.hallDay !== today()) throw new HallError('ticket-not-today', `ticket ${ticket.number} is from ${ticket.hallDay}`);
            return apply(ticket, { kind: 'requeue' }, 'requeue', actor);
          default:
            return apply(ticket, { kind: request.kind }, request.kind, actor);
        }
      }).immediate();
      if (request.kind === 'recall') publishCall(updated, true);
      if (request.kind === 'finish') views.forgetServiceTime(updated.serviceCode);
      if (request.kind === 'finish' && updated.counterId !== null) {
        const staff = updated.staffId === null ? null : ctx.people.user(updated.staffId);
        ctx.events.publish('rating:requested', {
          counterId: updated.counterId, ticketId: updated.id, number: updated.number, serviceCode: updated.serviceCode,
          staffName: staff?.displayName ?? null,
        });
      }
      publishTicket(updated, [previousCounter, updated.counterId]);
      return ctx.tickets.get(updated.id)!;
    },

    /** Closes yesterday's open tickets at the start of a new hall day, so no stale number is ever called. */
    closePreviousDays(): number {
      const closed = ctx.db.transaction(() => {
        const stale = ctx.tickets.openBefore(today());
        for (const ticket of stale) {
          const after = { ...ticket, state: 'cancelled' as const, finishedAt: ctx.clock() };
          ctx.tickets.update(after);
          record(ticket, after, 'day-closed', { userId: null, deviceId: null });
        }
        return stale.length;
      }).immediate();
      if (closed > 0) ctx.events.publish('services:updated', { services: views.snapshotServices() });
      return closed;
    },
  };
}
