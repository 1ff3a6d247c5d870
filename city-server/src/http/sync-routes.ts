import { enrollBodySchema, pullQuerySchema, pushBodySchema } from '@hall/shared';
import type { FastifyInstance } from 'fastify';
import type { SyncService } from '../sync/sync-service';
import { parse } from './app';
import { createGate } from './gate';

// 5,000 records of a few hundred bytes plus the live views of a busy hall, inflated.
const PUSH_BODY_LIMIT = 32 * 1024 * 1024;

/** The sync contract: enroll once, then push the outbox and pull what flows down (Authorization: Hall <credential>). */
export function registerSyncRoutes(app: FastifyInstance, sync: SyncService, options: { concurrentPushes?: number } = {}) {
  // Two pushes are applied at once (measured on two cores: a third only added memory and contention); the others
  // wait with their bodies unread, so 200 halls catching up at once cost a few batches of memory.
  const gate = createGate(options.concurrentPushes ?? 2);

  app.post('/api/sync/enroll', async (request, reply) => {
    const body = parse(enrollBodySchema, request.body);
    return reply.code(201).send(await sync.enroll(body));
  });

  app.post('/api/sync/push', {
    bodyLimit: PUSH_BODY_LIMIT,
    onRequest: async (_request, reply) => {
      const leave = await gate.enter();
      // A hall that hung up while waiting gives its slot back at once.
      if (reply.raw.closed || reply.raw.destroyed) leave();
      else reply.raw.once('close', leave);
    },
  }, async (request) => {
    // Credential before body: an unknown caller learns nothing about what a valid body looks like.
    const hall = await sync.authenticate(request.headers.authorization);
    const body = parse(pushBodySchema, request.body);
    return sync.push(hall, body);
  });

  app.get('/api/sync/pull', async (request) => {
    const hall = await sync.authenticate(request.headers.authorization);
    const { since } = parse(pullQuerySchema, request.query);
    return sync.pull(hall, since);
  });
}
