import { ratingBodySchema } from '@hall/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TrackService } from '../services/track-service';
import { parse } from './app';
import { TRACK_PAGE } from './track-page';

const codeParamSchema = z.object({ code: z.string().max(100) });

/** Public: one ticket's live state and its rating, for whoever holds its 128-bit tracking code. */
export function registerTrackRoutes(app: FastifyInstance, track: TrackService) {
  app.get('/t/:code', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send(TRACK_PAGE));

  app.get('/api/track/:code', async (request, reply) => {
    const { code } = parse(codeParamSchema, request.params);
    reply.header('cache-control', 'no-store');
    return track.view(code);
  });

  app.post('/api/track/:code/rating', async (request, reply) => {
    const { code } = parse(codeParamSchema, request.params);
    const body = parse(ratingBodySchema, request.body);
    await track.rate(code, body);
    return reply.code(201).send({ ok: true });
  });
}
