/**
 * A hall server in its own process, for tests that SIGKILL it mid-load and for the RSS benchmark.
 * Usage: node --import tsx reliability/server-process.ts --data-dir DIR [--port N] [--login-limit default|relaxed]
 * Prints one line `READY {"url","port","pid"}` once listening. SIGTERM closes it the way the CLI does.
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { initHall, seedDemo, writeCredentials } from '../hall-server/src/cli/seed';
import { createHallServer } from '../hall-server/src/server';
import { RELIABILITY_PASSWORD } from './lib/constants';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    'login-limit': { type: 'string', default: 'relaxed' },
  },
});
const dataDir = values['data-dir'];
if (!dataDir) {
  console.error('--data-dir is required');
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true });

const server = await createHallServer({
  dataDir,
  port: Number(values.port),
  authLimits: values['login-limit'] === 'default' ? undefined : { maxFailures: 1000, windowMs: 60_000 },
  // Load and crash tests issue thousands of numbers a second from a few kiosk tokens.
  issueLimit: null,
  setup: (services) => {
    // Same demo hall as e2e/harness.ts: seeded once per data dir, opening hours off so tests run at any hour.
    if (services.ctx.hall.services().length === 0) {
      initHall(services, { hallName: '郑州市公共法律服务大厅', level: 'city', enforceOpeningHours: false });
      writeCredentials(dataDir, seedDemo(services, RELIABILITY_PASSWORD));
    }
  },
});
if (process.env.HALL_LOOP_STATS) {
  // Diagnostics: the event loop's worst delay each second, on stderr.
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  setInterval(() => {
    console.error(`loop max ${(histogram.max / 1e6).toFixed(0)} ms p50 ${(histogram.percentile(50) / 1e6).toFixed(0)} ms`);
    histogram.reset();
  }, 1000).unref();
}
console.log(`READY ${JSON.stringify({ url: server.url, port: server.port, pid: process.pid })}`);

// The CLI's own shutdown path (hall-server/src/cli/main.ts): close, then exit.
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
