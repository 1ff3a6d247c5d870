/**
 * A real city server and real hall servers as separate processes, started through their own CLIs
 * (`npm run city -- start`, `npm run hall -- enroll` / `start --demo`), for the city-sync tests and
 * bench/sync-lag.ts. Each process is `node --import tsx …` so SIGKILL hits the server itself.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../..');
const CITY_CLI = join(ROOT, 'city-server/src/cli/main.ts');
const HALL_CLI = join(ROOT, 'hall-server/src/cli/main.ts');
export const CITY_PASSWORD = 'city-sync-pass-1';
export const HALL_PASSWORD = 'hall-sync-pass-1';

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Proc {
  url: string;
  pid: number;
  child: ChildProcess;
  exited: Promise<string>;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<string>;
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`process exited before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${url} not ready within ${timeoutMs} ms:\n${output()}`);
    await new Promise((done) => setTimeout(done, 150));
  }
}

function launch(cli: string, args: string[], env: Record<string, string>, port: number): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
  });
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<string>((done) => child.once('exit', (code, signal) => done(signal ?? String(code))));
  const url = `http://127.0.0.1:${port}`;
  const proc: Proc = {
    url, pid: child.pid!, child, exited, output: () => text,
    kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  return waitHealthy(url, child, proc.output, 120_000).then(() => proc);
}

export interface CityOptions {
  dataDir: string;
  port: number;
  databaseUrl?: string;
}

/** `npm run city -- start` on a fixed port (a restart keeps the URL the halls know). */
export function startCity(options: CityOptions): Promise<Proc> {
  return launch(CITY_CLI, ['start'], {
    DATA_DIR: options.dataDir, DEMO_PASSWORD: CITY_PASSWORD, LOG_LEVEL: 'warn', PUBLIC_URL: `http://127.0.0.1:${options.port}`,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  }, options.port);
}

export interface CityCredentials {
  users: { username: string; password: string; role: string; areaCode: string }[];
  halls: { name: string; level: string; areaCode: string; enrollmentCode: string }[];
}

export const cityCredentials = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as CityCredentials;

/** `npm run hall -- enroll <cityUrl> <code>` on a hall data dir. */
export async function enrollHall(dataDir: string, cityUrl: string, code: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', HALL_CLI, 'enroll', cityUrl, code], {
    cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir },
  });
  return stdout;
}

/** `npm run hall -- start --demo`: the demo hall (opening hours off), its sync back-off capped for tests. */
export function startHall(options: { dataDir: string; port: number; level?: string; name?: string; maxBackoffMs?: number }): Promise<Proc> {
  return launch(HALL_CLI, ['start', '--demo'], {
    DATA_DIR: options.dataDir, DEMO_PASSWORD: HALL_PASSWORD, HALL_LEVEL: options.level ?? 'city', LOG_LEVEL: 'warn',
    ...(options.name ? { HALL_NAME: options.name } : {}),
    SYNC_MAX_BACKOFF_MS: String(options.maxBackoffMs ?? 2000),
  }, options.port);
}

export interface Api {
  get<T = any>(path: string, token?: string): Promise<{ status: number; body: T }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  post<T = any>(path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  login(username: string, password: string): Promise<string>;
}

/** JSON over fetch with a Bearer token (CSRF header included, as the apps send it). */
export function api(baseUrl: () => string): Api {
  async function call(method: string, path: string, token?: string, body?: unknown) {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json', 'x-requested-with': 'hall' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // an HTML page
    }
    return { status: response.status, body: parsed as never };
  }
  return {
    get: (path, token) => call('GET', path, token),
    post: (path, token, body) => call('POST', path, token, body ?? {}),
    async login(username, password) {
      const response = await call('POST', '/api/auth/login', undefined, { username, password });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
      return (response.body as { token: string }).token;
    },
  };
}

export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000, everyMs = 100): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, everyMs));
  }
  return Date.now() - start;
}

/**
 * A TCP proxy between halls and city instances: round-robin over `targets` per connection, can
 * refuse every connection (the network down), and tells when a large request (a push batch) is
 * under way, so a test can SIGKILL a process exactly mid-push.
 */
export interface CityProxy {
  url: string;
  targets: number[];
  refuse: boolean;
  /** Called once per connection chunk of at least `minBytes` sent towards the city. */
  onLargeRequest: ((bytes: number) => void) | null;
  close(): Promise<void>;
}

export async function startProxy(targets: number[], minBytes = 20_000): Promise<CityProxy> {
  const { createServer: createTcpServer, connect } = await import('node:net');
  const sockets = new Set<import('node:net').Socket>();
  let next = 0;
  const proxy: CityProxy = {
    url: '', targets, refuse: false, onLargeRequest: null,
    close: () => new Promise((done) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => done());
    }),
  };
  const server = createTcpServer((client) => {
    if (proxy.refuse || proxy.targets.length === 0) return client.destroy();
    const port = proxy.targets[next++ % proxy.targets.length]!;
    const upstream = connect(port, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let pending = 0;
    client.on('data', (chunk: Buffer) => {
      if (proxy.refuse) {
        client.destroy();
        upstream.destroy();
        return;
      }
      pending += chunk.length;
      if (pending >= minBytes && proxy.onLargeRequest) {
        const hook = proxy.onLargeRequest;
        proxy.onLargeRequest = null;
        hook(pending);
      }
    });
    upstream.on('data', () => {
      pending = 0;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  proxy.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return proxy;
}
