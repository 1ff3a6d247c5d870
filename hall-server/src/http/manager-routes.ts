import {
  closeFollowUpBodySchema, excludeRatingBodySchema, idParamSchema, rankingQuerySchema, ratingListQuerySchema, reportRangeQuerySchema,
} from '@hall/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { REPORT_TABLES, type ReportTableName } from '../reports/tables';
import type { RouteServices } from '../services/route-services';
import { actorOf, allow } from './guards';
import { parse } from './parse';

const MANAGER = allow({ role: 'manager' });
/** How many closed follow-ups the list shows after the open ones (a year holds tens of thousands). */
const followUpListQuerySchema = z.object({ closed: z.coerce.number().int().min(0).max(5000).default(200) });

function sendCsv(reply: FastifyReply, filename: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}

/** Reports and exports, the live dashboard, bad-rating follow-ups, 申诉复核 and the monthly ranking. */
export function registerManagerRoutes(app: FastifyInstance, services: RouteServices) {
  const { ratings, reports, manager, admin: review } = services;

  app.get('/api/dashboard', { preHandler: MANAGER }, async () => manager.dashboard());

  app.get('/api/reports/summary', { preHandler: MANAGER }, async (request) => {
    const { from, to } = parse(reportRangeQuerySchema, request.query);
    return { ...reports.summary(from, to), bookings: services.bookings.figures(from, to) };
  });

  for (const name of Object.keys(REPORT_TABLES) as ReportTableName[]) {
    app.get(`/api/reports/${name}.csv`, { preHandler: MANAGER }, async (request, reply) => {
      const { from, to } = parse(reportRangeQuerySchema, request.query);
      return sendCsv(reply, `${name}-${from}-${to}.csv`, manager.reportCsv(name, from, to));
    });
  }

  app.get('/api/reports/summary.xlsx', { preHandler: MANAGER }, async (request, reply) => {
    const { from, to } = parse(reportRangeQuerySchema, request.query);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="summary-${from}-${to}.xlsx"`)
      .send(manager.summaryXlsx(from, to));
  });

  app.get('/api/reports/tickets.csv', { preHandler: MANAGER }, async (request, reply) => {
    const { from, to } = parse(reportRangeQuerySchema, request.query);
    return sendCsv(reply, `tickets-${from}-${to}.csv`, manager.ticketsCsv(from, to));
  });

  app.get('/api/reports/ranking', { preHandler: MANAGER }, async (request) => {
    const { month, minRatings } = parse(rankingQuerySchema, request.query);
    return manager.ranking(month, minRatings);
  });

  app.get('/api/follow-ups', { preHandler: MANAGER }, async (request) => {
    const { closed } = parse(followUpListQuerySchema, request.query);
    return ratings.followUps(closed);
  });

  app.post('/api/follow-ups/:id/close', { preHandler: MANAGER }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    const { outcome } = parse(closeFollowUpBodySchema, request.body);
    return ratings.close(id, outcome, actorOf(request));
  });

  app.get('/api/ratings', { preHandler: MANAGER }, async (request) => {
    const { from, to, maxScore, excluded } = parse(ratingListQuerySchema, request.query);
    return review.ratings(from, to, maxScore, excluded);
  });

  app.post('/api/ratings/:id/exclude', { preHandler: MANAGER }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    const { reason } = parse(excludeRatingBodySchema, request.body);
    return manager.excludeRating(id, reason, actorOf(request));
  });
}
