import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { initHall, seedDemo, writeCredentials, type DemoCredentials } from '../hall-server/src/cli/seed';
import { createHallServer, type HallServer } from '../hall-server/src/server';
import type { IssueLimit } from '../hall-server/src/services/issue-limiter';

const ROOT = resolve(import.meta.dirname, '..');

/** Builds the web apps once per test run when their output is missing. */
export function ensureBuilt() {
  const outputs = ['kiosk/dist/index.html', 'counter-display/dist/board/index.html'];
  if (outputs.every((file) => existsSync(join(ROOT, file)))) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

export interface DemoHall {
  server: HallServer;
  url: string;
  dataDir: string;
  credentials: DemoCredentials;
  token(kind: 'kiosk' | 'board' | 'pad', counterId?: number): string;
  password: string;
  close(): Promise<void>;
}

export const DEMO_PASSWORD = 'demo-pass-123';

/**
 * A real hall server on a random port with a temp data dir, seeded as the demo hall (city level,
 * opening hours not enforced so tests pass at any hour). `dataDir` may be reused to restart.
 */
export async function startDemoHall(options: { dataDir?: string; port?: number; clock?: () => number; issueLimit?: IssueLimit } = {}): Promise<DemoHall> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hall-e2e-'));
  const server = await createHallServer({
    dataDir, port: options.port ?? 0, clock: options.clock,
    authLimits: { maxFailures: 1000, windowMs: 60_000 },
    // Tests issue hundreds of numbers from one kiosk token; the per-kiosk limit is on only when asked for.
    issueLimit: options.issueLimit ?? null,
    setup: (services) => {
      if (services.ctx.hall.services().length === 0) {
        initHall(services, { hallName: '郑州市公共法律服务大厅', level: 'city', enforceOpeningHours: false });
        writeCredentials(dataDir, seedDemo(services, DEMO_PASSWORD));
      }
    },
  });
  const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
  return {
    server, url: server.url, dataDir, credentials, password: DEMO_PASSWORD,
    token(kind, counterId) {
      const device = credentials.devices.find((d) => d.kind === kind && (counterId === undefined || d.counterId === counterId));
      if (!device) throw new Error(`no demo ${kind} device${counterId ? ` for counter ${counterId}` : ''}`);
      return device.token;
    },
    async close() {
      await server.close();
    },
  };
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync('/usr/bin/chromium')) throw new Error('Debian chromium is missing: run `npm test` as root (it installs it) or `apt-get install chromium`');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Where screenshots go; look at them. */
export const SCREENSHOT_DIR = join(ROOT, 'screenshots');
