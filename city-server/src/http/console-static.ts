import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Where `npm run -w @hall/city-console build` writes the console. */
const CONSOLE_DIST = resolve(import.meta.dirname, '../../../city-console/dist');
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml', png: 'image/png', woff2: 'font/woff2' };
// vite's hashed asset names only: no path separators, so nothing outside assets/ can be named.
const ASSET = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(js|css|svg|png|woff2)$/;

/** The city console (Svelte, built) at `/`, its hashed assets at `/assets/*`; 404 with a hint when it is not built. */
export function registerConsoleStatic(app: FastifyInstance, dist = CONSOLE_DIST) {
  app.get('/', async (_request, reply) => {
    const html = await readFile(join(dist, 'index.html'), 'utf8').catch(() => null);
    if (html === null) return reply.code(404).send({ error: { code: 'not-found', message: 'the city console is not built: npm run -w @hall/city-console build' } });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
  app.get('/assets/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    const match = ASSET.exec(file);
    const body = match ? await readFile(join(dist, 'assets', file)).catch(() => null) : null;
    if (!match || body === null) return reply.code(404).send({ error: { code: 'not-found', message: `no asset ${file}` } });
    return reply.type(TYPES[match[1]!]!).header('cache-control', 'public, max-age=31536000, immutable').send(body);
  });
}
