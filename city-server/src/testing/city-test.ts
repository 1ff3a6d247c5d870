import type { SyncRecord } from '@hall/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createCityServer, type CityServer, type CityServerOptions } from '../server';
import { pgUnavailableReason, startPgCluster, type PgCluster } from './pg-cluster';

export type Driver = 'pglite' | 'postgres';

/** Why the PostgreSQL half of the city suite is skipped here (printed once), or null. */
export const PG_SKIP_REASON = pgUnavailableReason();
if (PG_SKIP_REASON) console.warn(`city suite: PostgreSQL tests skipped: ${PG_SKIP_REASON}`);

export const DRIVERS: { driver: Driver; skip: boolean }[] = [
  { driver: 'pglite', skip: false },
  { driver: 'postgres', skip: PG_SKIP_REASON !== null },
];

/** A database for one test file: a PGlite dir, or a fresh database on a throwaway PostgreSQL cluster. */
export interface TestDatabase {
  dataDir: string;
  databaseUrl?: string;
  cluster?: PgCluster;
  /** Removes the data dir and stops the cluster. */
  dispose(): void;
}

export async function testDatabase(driver: Driver): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'city-test-'));
  const cluster = driver === 'postgres' ? await startPgCluster() : undefined;
  const databaseUrl = cluster ? await cluster.createDatabase('city') : undefined;
  return {
    dataDir, databaseUrl, cluster,
    dispose() {
      cluster?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function startTestCity(db: TestDatabase, options: Partial<CityServerOptions> = {}): Promise<CityServer> {
  return createCityServer({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, port: 0, log: false, rollupIntervalMs: 0, ...options });
}

export interface JsonResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
}

/** Small HTTP helpers against a real server. */
export function client(baseUrl: string) {
  async function request(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; gzip?: boolean; raw?: string | Buffer } = {}): Promise<JsonResponse> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | Buffer | undefined = options.raw;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (options.gzip && body !== undefined) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (the /t/ page)
    }
    return { status: response.status, body: parsed };
  }
  return {
    request,
    enroll: (code: string, extra: object = {}) => request('POST', '/api/sync/enroll', { body: { code, ...extra } }),
    push: (credential: string, fromSeq: number, records: SyncRecord[], extra: { live?: unknown; gzip?: boolean } = {}) =>
      request('POST', '/api/sync/push', { body: { fromSeq, records, ...(extra.live ? { live: extra.live } : {}) }, headers: { authorization: `Hall ${credential}` }, gzip: extra.gzip }),
    pull: (credential: string, since = 0) => request('GET', `/api/sync/pull?since=${since}`, { headers: { authorization: `Hall ${credential}` } }),
    async login(username: string, password: string): Promise<string> {
      const response = await request('POST', '/api/auth/login', { body: { username, password } });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },
    get: (path: string, token?: string) => request('GET', path, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
  };
}
