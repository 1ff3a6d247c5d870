import { availabilityQuerySchema, bookingBodySchema, hallDaySchema, idParamSchema, slotTemplateSchema } from '@hall/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parse } from '../http/app';
import type { CityService } from '../services/city-service';
import { forbidden } from '../services/errors';
import type { BookingService } from './bookings-service';

const hallQuerySchema = z.object({ hallId: z.coerce.number().int().min(1).max(2 ** 31 - 1) });
const tokenBodySchema = z.object({ name: z.string().trim().min(1).max(100) });
const liftBodySchema = z.object({ reason: z.string().trim().min(2).max(500) });
const figuresQuerySchema = z.object({ from: hallDaySchema, to: hallDaySchema, area: z.string().regex(/^\d{12}$/).optional() });

/**
 * Appointments at the city (DESIGN.md "Appointments"): the 12348 integration (Bearer itk_… token)
 * and city users book, look up and cancel; admins keep templates, tokens and blocks.
 */
export function registerBookingRoutes(app: FastifyInstance, bookings: BookingService, city: CityService) {
  /** An integration token or a signed-in city user. */
  const caller = async (request: FastifyRequest) => {
    if (await bookings.integration(request.headers.authorization)) return;
    await city.principal(request.headers.authorization);
  };
  const admin = async (request: FastifyRequest) => {
    const user = await city.principal(request.headers.authorization);
    if (user.role !== 'admin') throw forbidden('admins only');
    return user;
  };

  app.get('/api/availability', async (request) => {
    await caller(request);
    const q = parse(availabilityQuerySchema, request.query);
    return bookings.availability(q.hallId, q.serviceCode, q.from, q.to);
  });

  app.post('/api/bookings', async (request, reply) => {
    await caller(request);
    const result = await bookings.book(parse(bookingBodySchema, request.body));
    return reply.code(result.created ? 201 : 200).send(result.booking);
  });

  app.get('/api/bookings/:id', async (request) => {
    await caller(request);
    return bookings.get(parse(idParamSchema, request.params).id);
  });

  app.post('/api/bookings/:id/cancel', async (request) => {
    await caller(request);
    return bookings.cancel(parse(idParamSchema, request.params).id);
  });

  app.get('/api/bookings/templates', async (request) => {
    await caller(request);
    return bookings.templates(parse(hallQuerySchema, request.query).hallId);
  });

  app.put('/api/bookings/templates', async (request) => {
    await admin(request);
    await bookings.putTemplate(parse(slotTemplateSchema, request.body));
    return { ok: true };
  });

  app.post('/api/city/integration-tokens', async (request, reply) => {
    await admin(request);
    return reply.code(201).send(await bookings.addIntegrationToken(parse(tokenBodySchema, request.body).name));
  });

  app.post('/api/city/integration-tokens/:id/revoke', async (request) => {
    await admin(request);
    await bookings.revokeIntegrationToken(parse(idParamSchema, request.params).id);
    return { ok: true };
  });

  app.get('/api/bookings/blocks', async (request) => {
    await admin(request);
    return bookings.blocks();
  });

  app.post('/api/bookings/blocks/:id/lift', async (request) => {
    const user = await admin(request);
    await bookings.liftBlock(parse(idParamSchema, request.params).id, user.id, parse(liftBodySchema, request.body).reason);
    return { ok: true };
  });

  app.get('/api/city/bookings/summary', async (request) => {
    const user = await city.principal(request.headers.authorization);
    const q = parse(figuresQuerySchema, request.query);
    const halls = await city.halls(user, q.area, Date.now());
    return bookings.figures(halls.map((h: { id: number }) => h.id), q.from, q.to);
  });
}
