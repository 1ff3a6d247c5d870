import {
  callChosenBodySchema, finishBodySchema, idParamSchema, issueTicketBodySchema, ratingBodySchema, ticketLookupQuerySchema, transferBodySchema,
} from '@hall/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HallError } from '../services/errors';
import type { RouteServices } from '../services/route-services';
import { actorOf, allow } from './guards';
import { parse } from './parse';

const STAFF = allow({ role: 'staff' });
const SIMPLE_ACTIONS = ['recall', 'start', 'no-show', 'requeue', 'park', 'cancel'] as const;
const trackParamSchema = z.object({ trackingCode: z.string().min(10).max(64) });
const resumeBodySchema = z.object({ counterId: z.number().int().positive().optional() });

/** Ticket routes: issue (kiosk), staff transitions, the visitor's tracking view, ratings. */
export function registerTicketRoutes(app: FastifyInstance, services: RouteServices) {
  const { queue, ratings, ctx, issueLimiter, issuer, lookup } = services;

  app.post('/api/tickets', { preHandler: allow({ devices: ['kiosk'], role: 'staff' }) }, async (request, reply) => {
    const body = parse(issueTicketBodySchema, request.body);
    const principal = request.principal;
    if (principal.kind === 'device') {
      const wait = issueLimiter.take(principal.device.id, ctx.clock());
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new HallError('rate-limited', `this kiosk is issuing faster than any queue of visitors could; try again in ${wait} s`);
      }
    }
    const { ticket, created } = await issuer.issue(body, actorOf(request));
    return reply.code(created ? 201 : 200).send(ticket);
  });

  app.post('/api/counters/:id/call-next', { preHandler: STAFF }, async (request, reply) => {
    const { id } = parse(idParamSchema, request.params);
    const ticket = queue.callNext(id, actorOf(request));
    if (!ticket) return reply.code(204).send();
    return { ticket: queue.views.ticketDto(ticket) };
  });

  app.post('/api/counters/:id/call', { preHandler: STAFF }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    const { ticketId } = parse(callChosenBodySchema, request.body);
    return { ticket: queue.views.ticketDto(queue.callChosen(id, ticketId, actorOf(request))) };
  });

  for (const action of SIMPLE_ACTIONS) {
    app.post(`/api/tickets/:id/${action}`, { preHandler: STAFF }, async (request) => {
      const { id } = parse(idParamSchema, request.params);
      return { ticket: queue.views.ticketDto(queue.act(id, { kind: action }, actorOf(request))) };
    });
  }

  app.post('/api/tickets/:id/resume', { preHandler: STAFF }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    const { counterId } = parse(resumeBodySchema, request.body);
    return { ticket: queue.views.ticketDto(queue.act(id, { kind: 'resume', counterId }, actorOf(request))) };
  });

  app.post('/api/tickets/:id/finish', { preHandler: STAFF }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    const body = parse(finishBodySchema, request.body);
    return { ticket: queue.views.ticketDto(queue.act(id, { kind: 'finish', ...body }, actorOf(request))) };
  });

  app.post('/api/tickets/:id/transfer', { preHandler: STAFF }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    const { serviceCode } = parse(transferBodySchema, request.body);
    return { ticket: queue.views.ticketDto(queue.act(id, { kind: 'transfer', serviceCode }, actorOf(request))) };
  });

  app.get('/api/tickets/:id', { preHandler: STAFF }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    const { ticket, events } = lookup.withEvents(id);
    return { ticket: queue.views.ticketDto(ticket), events };
  });

  app.get('/api/tickets/lookup', { preHandler: allow({ devices: ['kiosk', 'pad'], role: 'staff' }) }, async (request) => {
    const { number, checkCode } = parse(ticketLookupQuerySchema, request.query);
    const ticket = lookup.todayByNumber(number);
    const principal = request.principal;
    if (checkCode !== undefined && principal.kind === 'device') ratings.verifyCheckCode(ticket, checkCode, principal.device.id);
    return queue.views.lookup(ticket);
  });

  app.get('/api/track/:trackingCode', async (request) => {
    const { trackingCode } = parse(trackParamSchema, request.params);
    return queue.views.trackView(lookup.byTrackingCode(trackingCode));
  });

  app.post('/api/tickets/:id/rating', async (request, reply) => {
    const principal = request.principal;
    const hasTrackingCode = typeof (request.body as { trackingCode?: unknown } | null)?.trackingCode === 'string';
    // Who may rate is checked before the body: no credentials at all is 401, not a 400 about fields.
    if (principal.kind === 'anonymous' && !hasTrackingCode) {
      throw new HallError('unauthorized', 'rate from a kiosk, a rating pad, or with the ticket\u2019s trackingCode', 401);
    }
    const { id } = parse(idParamSchema, request.params);
    const body = parse(ratingBodySchema, request.body);
    if (principal.kind === 'device' && (principal.device.kind === 'kiosk' || principal.device.kind === 'pad')) {
      const channel = { kind: 'device' as const, deviceKind: principal.device.kind, deviceId: principal.device.id, counterId: principal.device.counterId };
      return reply.code(201).send(ratings.rate(id, body, channel));
    }
    if (body.trackingCode) return reply.code(201).send(ratings.rate(id, body, { kind: 'phone' }));
    throw new HallError('forbidden', 'only kiosks, rating pads and the visitor may rate', 403);
  });
}
