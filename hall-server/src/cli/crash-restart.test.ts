import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir } from '../../../e2e/harness';

const ROOT = resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'hall-crash-'));
let child: ChildProcess | null = null;

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/** Starts the real CLI (`start --demo`) as a child process and waits until it answers. */
async function startCli(port: number): Promise<ChildProcess> {
  // One process (node --import tsx), so SIGKILL hits the server itself, not a wrapper.
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'hall-server/src/cli/main.ts'), 'start', '--demo'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_PASSWORD: 'crash-test-pw' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout?.on('data', (chunk) => (output += chunk));
  proc.stderr?.on('data', (chunk) => (output += chunk));
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return proc;
    } catch {
      // not listening yet
    }
    if (proc.exitCode !== null) throw new Error(`hall server exited: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`hall server did not start: ${output}`);
}

afterAll(() => {
  child?.kill('SIGKILL');
  removeDir(dataDir);
});

describe('a hall server killed with SIGKILL', () => {
  it('keeps every acknowledged ticket with its number, and numbering continues after restart', async () => {
    const port = await freePort();
    child = await startCli(port);
    const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as { devices: { kind: string; token: string }[] };
    expect(statSync(join(dataDir, 'demo-credentials.json')).mode & 0o777).toBe(0o600);
    // Both demo kiosks in turn: each kiosk's issue rate limit (a burst of 30) stays out of the way.
    const kiosks = credentials.devices.filter((d) => d.kind === 'kiosk').map((d) => d.token);
    let calls = 0;
    const issue = (serviceCode: string, requestId: string) =>
      fetch(`http://127.0.0.1:${port}/api/tickets`, {
        method: 'POST', headers: { authorization: `Bearer ${kiosks[calls++ % kiosks.length]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ serviceCode, requestId }),
      });

    const acknowledged: { id: number; number: string; requestId: string }[] = [];
    let inFlight: Promise<unknown>[] = [];
    // Issue steadily, and kill the server while requests are in flight.
    for (let i = 0; i < 60; i += 1) {
      const requestId = `crash-${i.toString().padStart(4, '0')}`;
      inFlight.push(
        issue(i % 2 ? 'A' : 'F', requestId)
          .then(async (response) => {
            if (response.status === 201) acknowledged.push({ ...(await response.json()), requestId });
          })
          .catch(() => undefined),
      );
      if (i === 40) child.kill('SIGKILL');
      if (i % 8 === 7) {
        await Promise.all(inFlight);
        inFlight = [];
      }
    }
    await Promise.all(inFlight);
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child!.once('exit', r));
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    child = await startCli(port);
    for (const ticket of acknowledged) {
      const again = await issue(ticket.number.startsWith('A') ? 'A' : 'F', ticket.requestId);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ id: ticket.id, number: ticket.number });
    }
    const numbers = acknowledged.map((t) => t.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const next = await (await issue('A', 'crash-after-restart')).json();
    const highestA = Math.max(...numbers.filter((n) => n.startsWith('A')).map((n) => Number(n.slice(1))));
    expect(Number(next.number.slice(1))).toBeGreaterThan(highestA);
    child.kill('SIGTERM');
  }, 120_000);
});
