import { checkInBodySchema, hallDayQuerySchema, hallDaySchema } from '@hall/shared';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { actorOf, allow } from '../http/guards';
import { parse } from '../http/parse';
import { CheckInTimeRefusal, type HallBookingService } from './booking-service';

const rangeQuerySchema = z.object({ from: hallDaySchema.optional(), to: hallDaySchema.optional() });

/** Bookings at the hall: 预约签到 at the kiosk, today's list for managers. */
export function registerHallBookingRoutes(app: FastifyInstance, bookings: HallBookingService) {
  app.post('/api/bookings/check-in', { preHandler: allow({ devices: ['kiosk'], role: 'staff' }) }, async (request, reply) => {
    const { code } = parse(checkInBodySchema, request.body);
    try {
      const { ticket, created } = bookings.checkIn(code, actorOf(request));
      return reply.code(created ? 201 : 200).send(ticket);
    } catch (error) {
      // Too early / too late: the window's edges go with the code, so the kiosk can say when.
      if (error instanceof CheckInTimeRefusal) return reply.code(409).send({ error: { code: error.code, message: error.message, ...error.detail } });
      throw error;
    }
  });

  app.get('/api/bookings', { preHandler: allow({ role: 'manager' }) }, async (request) => bookings.list(parse(hallDayQuerySchema, request.query).day));

  app.get('/api/bookings/summary', { preHandler: allow({ role: 'manager' }) }, async (request) => {
    const { from, to } = parse(rangeQuerySchema, request.query);
    return bookings.summary(from, to);
  });
}
