import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { hallSettings } from '../services/context';
import type { HallServices } from '../services/hall-services';
import { allow } from './guards';
import { parse } from './parse';
import { isLoopback, landingPage, type DemoLinks } from './landing-page';

export interface StaticDirs {
  kioskDist: string;
  displayDist: string;
  voicePack: string;
  dataDir: string;
}

const MEDIA_KINDS: Record<string, 'image' | 'video'> = {
  '.jpg': 'image', '.jpeg': 'image', '.png': 'image', '.webp': 'image', '.gif': 'image', '.mp4': 'video', '.webm': 'video',
};
const clipParamSchema = z.object({ name: z.string().regex(/^[a-z0-9-]{1,40}\.wav$/) });
const DISPLAY_APPS = ['board', 'counter', 'rate', 'manage'] as const;

/** The built web apps, the voice pack (a hall's recorded clips override the default), media, the landing page. */
export async function registerStaticRoutes(app: FastifyInstance, services: HallServices, dirs: StaticDirs, demo: DemoLinks | null) {
  const mediaDir = join(dirs.dataDir, 'media');
  const hallVoiceDir = join(dirs.dataDir, 'voice');

  // Device tokens only to a client on this machine (request.ip: the socket's address, no proxy trusted).
  app.get('/', async (request, reply) => {
    const links = isLoopback(request.ip) ? demo : null;
    const page = landingPage(hallSettings(services.ctx).hallName, links, existsSync(join(dirs.kioskDist, 'index.html')), demo !== null);
    return reply.type('text/html; charset=utf-8').send(page);
  });

  await app.register(fastifyStatic, { root: resolve(dirs.kioskDist), prefix: '/kiosk/', decorateReply: true, wildcard: true });
  for (const name of DISPLAY_APPS) {
    await app.register(fastifyStatic, { root: resolve(dirs.displayDist, name), prefix: `/${name}/`, decorateReply: false });
  }
  await app.register(fastifyStatic, { root: resolve(dirs.displayDist, 'assets'), prefix: '/assets/', decorateReply: false });
  await app.register(fastifyStatic, { root: resolve(mediaDir), prefix: '/media/', decorateReply: false });

  app.get('/t/:trackingCode', async (_request, reply) => reply.sendFile('track.html', resolve(dirs.kioskDist)));

  app.get('/voice/:name', async (request, reply) => {
    const { name } = parse(clipParamSchema, request.params);
    const dir = existsSync(join(hallVoiceDir, name)) ? hallVoiceDir : dirs.voicePack;
    return reply.header('cache-control', 'public, max-age=3600').sendFile(name, resolve(dir));
  });

  app.get('/api/media', { preHandler: allow({ role: 'staff', devices: ['board', 'kiosk'] }) }, async () => {
    if (!existsSync(mediaDir)) return [];
    return readdirSync(mediaDir)
      .filter((file) => MEDIA_KINDS[file.slice(file.lastIndexOf('.')).toLowerCase()])
      .sort()
      .map((file) => ({ name: file, url: `/media/${encodeURIComponent(file)}`, kind: MEDIA_KINDS[file.slice(file.lastIndexOf('.')).toLowerCase()] }));
  });

  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
}
