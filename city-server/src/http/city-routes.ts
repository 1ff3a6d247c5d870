import { hallDaySchema } from '@hall/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CityService } from '../services/city-service';
import { parse } from './app';

const loginSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
const areaParam = z.string().regex(/^\d{12}$/, 'area is a 12-digit code').optional();
const hallsQuerySchema = z.object({ area: areaParam });
const summaryQuerySchema = z.object({ from: hallDaySchema, to: hallDaySchema, area: areaParam, hall: z.coerce.number().int().min(1).max(2 ** 31 - 1).optional() });

/** City queries for admins and supervisors (Authorization: Bearer <token> from login), scoped by area. */
export function registerCityRoutes(app: FastifyInstance, city: CityService, clock: () => number) {
  const user = (request: FastifyRequest) => city.principal(request.headers.authorization);

  app.post('/api/auth/login', async (request) => {
    const body = parse(loginSchema, request.body);
    return city.login(body.username, body.password);
  });

  app.get('/api/city/areas', async (request) => city.areaTree(await user(request)));

  app.get('/api/city/halls', async (request) => {
    const principal = await user(request);
    const { area } = parse(hallsQuerySchema, request.query);
    return city.halls(principal, area, clock());
  });

  app.get('/api/city/summary', async (request) => {
    const principal = await user(request);
    const query = parse(summaryQuerySchema, request.query);
    return city.summary(principal, query.from, query.to, query.area, query.hall);
  });
}
