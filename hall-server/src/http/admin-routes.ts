import {
  auditQuerySchema, counterBodySchema, deviceCreateBodySchema, holidayBodySchema, holidayDayParamSchema, idParamSchema,
  noticeBodySchema, passwordResetBodySchema, serviceBodySchema, serviceCodeParamSchema, serviceCreateBodySchema,
  settingsBodySchema, userCreateBodySchema, userUpdateBodySchema,
} from '@hall/shared';
import type { FastifyInstance } from 'fastify';
import type { RouteServices } from '../services/route-services';
import { actorOf, allow } from './guards';
import { parse } from './parse';

/**
 * Role policy: a manager (站长/主任) runs the hall — services, counters, the holiday calendar,
 * the board notice, settings, and reads the audit log; user accounts and device pairing are
 * security matters left to the admin role (an admin may also do everything a manager may).
 */
const MANAGER = allow({ role: 'manager' });
const ADMIN = allow({ role: 'admin' });

/** Administration: services, counters, staff users, devices, holidays, notice, settings, audit log. */
export function registerAdminRoutes(app: FastifyInstance, services: RouteServices) {
  const { admin } = services;

  app.get('/api/admin/services', { preHandler: MANAGER }, async () => admin.services());
  app.post('/api/admin/services', { preHandler: MANAGER }, async (request, reply) =>
    reply.code(201).send(admin.createService(parse(serviceCreateBodySchema, request.body), actorOf(request))),
  );
  app.put('/api/admin/services/:code', { preHandler: MANAGER }, async (request) => {
    const { code } = parse(serviceCodeParamSchema, request.params);
    return admin.updateService(code, parse(serviceBodySchema, request.body), actorOf(request));
  });

  app.get('/api/admin/counters', { preHandler: MANAGER }, async () => admin.counters());
  app.post('/api/admin/counters', { preHandler: MANAGER }, async (request, reply) =>
    reply.code(201).send(admin.createCounter(parse(counterBodySchema, request.body), actorOf(request))),
  );
  app.put('/api/admin/counters/:id', { preHandler: MANAGER }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    return admin.updateCounter(id, parse(counterBodySchema, request.body), actorOf(request));
  });

  app.get('/api/holidays', { preHandler: MANAGER }, async () => admin.holidays());
  app.put('/api/holidays/:day', { preHandler: MANAGER }, async (request) => {
    const { day } = parse(holidayDayParamSchema, request.params);
    const { kind, name } = parse(holidayBodySchema, request.body);
    return admin.putHoliday(day, kind, name, actorOf(request));
  });
  app.delete('/api/holidays/:day', { preHandler: MANAGER }, async (request) => {
    const { day } = parse(holidayDayParamSchema, request.params);
    return admin.deleteHoliday(day, actorOf(request));
  });

  app.get('/api/admin/settings', { preHandler: MANAGER }, async () => admin.settings());
  app.put('/api/admin/settings', { preHandler: MANAGER }, async (request) => admin.putSettings(parse(settingsBodySchema, request.body), actorOf(request)));
  app.put('/api/admin/notice', { preHandler: MANAGER }, async (request) => admin.putNotice(parse(noticeBodySchema, request.body).notice, actorOf(request)));
  app.get('/api/admin/audit', { preHandler: MANAGER }, async (request) => admin.audit(parse(auditQuerySchema, request.query).limit));

  app.get('/api/admin/users', { preHandler: ADMIN }, async () => admin.users());
  app.post('/api/admin/users', { preHandler: ADMIN }, async (request, reply) =>
    reply.code(201).send(admin.createUser(parse(userCreateBodySchema, request.body), actorOf(request))),
  );
  app.put('/api/admin/users/:id', { preHandler: ADMIN }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    return admin.updateUser(id, parse(userUpdateBodySchema, request.body), actorOf(request));
  });
  app.post('/api/admin/users/:id/password', { preHandler: ADMIN }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    return admin.resetPassword(id, parse(passwordResetBodySchema, request.body).password, actorOf(request));
  });

  app.get('/api/admin/devices', { preHandler: ADMIN }, async () => admin.devices());
  app.post('/api/admin/devices', { preHandler: ADMIN }, async (request, reply) =>
    reply.code(201).send(admin.createDevice(parse(deviceCreateBodySchema, request.body), actorOf(request))),
  );
  app.post('/api/admin/devices/:id/revoke', { preHandler: ADMIN }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    return admin.revokeDevice(id, actorOf(request));
  });
}
