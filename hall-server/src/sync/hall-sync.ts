import type { SyncStatus } from '@hall/shared';
import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '@hall/shared';
import { actorOf, allow } from '../http/guards';
import { parse } from '../http/parse';
import { HallError } from '../services/errors';
import type { HallServices } from '../services/hall-services';
import { createCityClient } from './city-client';
import { readSyncCredentials } from './credentials';
import { idleStatus, startSyncLoop, type SyncLoopOptions } from './sync-loop';
import { createSyncRepo } from './sync-repo';

export type SyncTuning = Pick<SyncLoopOptions, 'pushIntervalMs' | 'heartbeatMs' | 'pullIntervalMs' | 'maxBackoffMs' | 'pollMs'>;

export interface HallSync {
  status(): SyncStatus;
  kick(): void;
  stop(): Promise<void>;
}

/**
 * The hall's city link as the server runs it: the push/pull loop only when the hall is enrolled
 * and its credential file is there; otherwise nothing runs and the hall behaves as before.
 */
export function startHallSync(services: HallServices, dataDir: string, tuning: SyncTuning = {}): HallSync {
  const repo = createSyncRepo(services.ctx.db);
  const credentials = readSyncCredentials(dataDir);
  if (!repo.state().enrolled || !credentials) {
    return { status: () => idleStatus(repo, services), kick: () => {}, stop: async () => {} };
  }
  const loop = startSyncLoop({ ...tuning, services, repo, client: createCityClient(credentials.cityUrl, credentials.credential) });
  return loop;
}

/** GET /api/sync/status for the manager console. */
export function registerSyncRoutes(app: FastifyInstance, sync: HallSync, services: HallServices) {
  app.get('/api/sync/status', { preHandler: allow({ role: 'manager' }) }, async () => sync.status());

  /** Issue 11: a manager marks a city 督办 reminder read; the city sees when (outbox `supervision`). */
  app.post('/api/sync/supervisions/:id/read', { preHandler: allow({ role: 'manager' }) }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    const repo = createSyncRepo(services.ctx.db);
    if (!repo.readSupervision(id, actorOf(request).userId, services.ctx.clock())) throw new HallError('not-found', `no 督办 ${id}`, 404);
    return { supervision: repo.supervisions(1000).find((s) => s.id === id)! };
  });
}
