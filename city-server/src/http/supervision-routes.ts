import {
  assessmentWeightsSchema, cityAddAreaBodySchema, cityAddHallBodySchema, cityAddUserBodySchema, cityFollowUpsQuerySchema,
  cityRankingQuerySchema, cityResetPasswordBodySchema, cityUpdateUserBodySchema, EVALUATION_CSV_HEADERS, evaluationsExportQuerySchema,
  idParamSchema, superviseBodySchema,
} from '@hall/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { AdminService } from '../services/admin-service';
import type { CityService } from '../services/city-service';
import { badRequest, forbidden } from '../services/errors';
import { csvLine, type SupervisionService } from '../services/supervision-service';
import { parse } from './app';


/**
 * Issue 11 (DESIGN.md "City queries"): 考评 ranking and its weights, follow-ups and 督办, the 好差评
 * export, and the console's administration. Every route signs the user in first (401) and checks
 * the area asked for against the user's own (403).
 */
export function registerSupervisionRoutes(app: FastifyInstance, city: CityService, supervision: SupervisionService, admin: AdminService) {
  const user = (request: FastifyRequest) => city.principal(request.headers.authorization);
  // Admin routes refuse a supervisor before reading the body: 403 whatever it sends.
  const adminUser = async (request: FastifyRequest) => {
    const principal = await user(request);
    if (principal.role !== 'admin') throw forbidden('this is for admins');
    return principal;
  };

  app.get('/api/city/ranking', async (request) => {
    const principal = await user(request);
    const query = parse(cityRankingQuerySchema, request.query);
    return supervision.ranking(principal, query.month, query.level, query.area);
  });

  app.get('/api/city/assessment-weights', async (request) => {
    await user(request);
    return supervision.weights();
  });

  app.put('/api/city/assessment-weights', async (request) => {
    const principal = await adminUser(request);
    return supervision.setWeights(principal, parse(assessmentWeightsSchema, request.body));
  });

  app.get('/api/city/follow-ups', async (request) => {
    const principal = await user(request);
    const query = parse(cityFollowUpsQuerySchema, request.query);
    return supervision.followUps(principal, query.area, query.overdue);
  });

  app.post('/api/city/follow-ups/:id/supervise', async (request, reply) => {
    const principal = await user(request);
    const { id } = parse(idParamSchema, request.params);
    const { message } = parse(superviseBodySchema, request.body);
    return reply.code(201).send(await supervision.supervise(principal, id, message));
  });

  for (const format of ['csv', 'jsonl'] as const) {
    app.get(`/api/city/exports/evaluations.${format}`, async (request, reply) => {
      const principal = await user(request);
      const query = parse(evaluationsExportQuerySchema, request.query);
      if (query.from > query.to) throw badRequest('from is after to');
      // Scope first: a refusal is a JSON error, not half a file.
      await supervision.scope(principal, query.area);
      const pages = supervision.evaluations(principal, query.from, query.to, query.area, format);
      async function* body() {
        if (format === 'csv') yield `\ufeff${csvLine([...EVALUATION_CSV_HEADERS])}`;
        yield* pages;
      }
      const name = `evaluations-${query.from}-${query.to}.${format}`;
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        // Not object mode: the generator is pulled only while fewer than highWaterMark bytes wait for the socket.
        .send(Readable.from(body(), { objectMode: false }));
    });
  }

  // ---- administration (admins only) ----

  app.get('/api/city/admin/users', async (request) => admin.users(await adminUser(request)));

  app.post('/api/city/admin/users', async (request, reply) => {
    const principal = await adminUser(request);
    return reply.code(201).send(await admin.addUser(principal, parse(cityAddUserBodySchema, request.body)));
  });

  app.patch('/api/city/admin/users/:id', async (request) => {
    const principal = await adminUser(request);
    const { id } = parse(idParamSchema, request.params);
    return admin.updateUser(principal, id, parse(cityUpdateUserBodySchema, request.body));
  });

  app.post('/api/city/admin/users/:id/password', async (request, reply) => {
    const principal = await adminUser(request);
    const { id } = parse(idParamSchema, request.params);
    await admin.resetPassword(principal, id, parse(cityResetPasswordBodySchema, request.body).password);
    return reply.code(204).send();
  });

  app.post('/api/city/admin/areas', async (request, reply) => {
    const principal = await adminUser(request);
    return reply.code(201).send(await admin.addArea(principal, parse(cityAddAreaBodySchema, request.body)));
  });

  app.get('/api/city/admin/halls', async (request) => admin.halls(await adminUser(request)));

  app.post('/api/city/admin/halls', async (request, reply) => {
    const principal = await adminUser(request);
    return reply.code(201).send(await admin.addHall(principal, parse(cityAddHallBodySchema, request.body)));
  });

  app.post('/api/city/admin/halls/:id/revoke', async (request, reply) => {
    const principal = await adminUser(request);
    await admin.revokeHall(principal, parse(idParamSchema, request.params).id);
    return reply.code(204).send();
  });

  app.post('/api/city/admin/halls/:id/rekey', async (request) => {
    const principal = await adminUser(request);
    return admin.rekeyHall(principal, parse(idParamSchema, request.params).id);
  });
}
