import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DemoCredentials } from '../../hall-server/src/cli/seed';

export const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'reliability/server-process.ts');

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
  /** Everything the process wrote to stderr (shown when a test fails). */
  stderr(): string;
  kill(signal?: NodeJS.Signals): Promise<string>;
}

/**
 * Starts reliability/server-process.ts as `node --import tsx …`, so the pid is the server itself:
 * `npx tsx` would put a wrapper process in between, and SIGKILL would hit the wrapper only.
 */
export async function startServerProcess(options: { dataDir: string; port?: number; loginLimit?: 'default' | 'relaxed' }): Promise<ServerProcess> {
  const args = ['--import', 'tsx', ENTRY, '--data-dir', options.dataDir, '--port', String(options.port ?? 0)];
  if (options.loginLimit) args.push('--login-limit', options.loginLimit);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<string>((done) => child.once('exit', (code, signal) => done(signal ?? String(code))));
  const ready = await new Promise<{ url: string; port: number; pid: number }>((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server process not ready within 30 s\n${errors}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\{.*\})/.exec(out);
      if (match) {
        clearTimeout(timer);
        done(JSON.parse(match[1]!));
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      fail(new Error(`server process exited (${how}) before it was ready\n${errors}`));
    });
  });
  // Keep draining stdout so a chatty child never blocks on a full pipe.
  child.stdout!.resume();
  return {
    ...ready, child, exited,
    stderr: () => errors,
    kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export function readCredentials(dataDir: string): DemoCredentials {
  return JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
}

export function deviceToken(credentials: DemoCredentials, kind: string, counterId?: number): string {
  const device = credentials.devices.find((d) => d.kind === kind && (counterId === undefined || d.counterId === counterId));
  if (!device) throw new Error(`no ${kind} device`);
  return device.token;
}

/** Resident set size of a process in kB, from /proc/<pid>/status (VmRSS). */
export function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]);
}

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat; after the ") " split they sit at 11 and 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
