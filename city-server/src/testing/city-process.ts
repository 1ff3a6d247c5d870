import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = join(ROOT, 'city-server/src/cli/main.ts');

export interface CityProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
  /** What the process wrote (the last 20 kB), for a failing test's message. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<string>;
}

export interface CityProcessOptions {
  dataDir: string;
  databaseUrl?: string;
  /** A fixed port, so a restarted city keeps the URL its halls push to. */
  port: number;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

/**
 * `npm run city -- start` as `node --import tsx …`, so the pid is the server itself (SIGKILL hits
 * it, not a wrapper). Resolves once /healthz answers. A fresh database gets the demo city.
 */
export async function startCityProcess(options: CityProcessOptions): Promise<CityProcess> {
  const env: Record<string, string> = {
    ...process.env as Record<string, string>, DATA_DIR: options.dataDir, PORT: String(options.port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<string>((done) => child.once('exit', (code, signal) => done(signal ?? String(code))));
  const url = `http://127.0.0.1:${options.port}`;
  const end = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`city process exited before it was ready:\n${text}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`city process not ready within the timeout:\n${text}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url, pid: child.pid!, child, exited,
    output: () => text,
    kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
