#!/usr/bin/env node
// npm run demo:network — a city server and three enrolled halls (a city hall, a county centre, a
// township station) on local ports, each with simulated visitors and counters, so live figures
// arrive at the city within seconds. Data in ./network-data (NETWORK_DATA_DIR); Ctrl-C stops all.
//
// Environment: NETWORK_DATA_DIR (./network-data), CITY_PORT (8090), HALL_PORT (8081: halls on
// 8081, 8082, 8083), DEMO_SPEED (10: ten times a real hall's pace), DATABASE_URL (city on PostgreSQL).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { simulateHall } from './demo-sim.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataRoot = resolve(process.env.NETWORK_DATA_DIR ?? join(root, 'network-data'));
const cityPort = Number(process.env.CITY_PORT ?? 8090);
const hallPort = Number(process.env.HALL_PORT ?? 8081);
const speed = Number(process.env.DEMO_SPEED ?? 10);
const HALL_LEVELS = ['city', 'county', 'township'];
const children = [];
const abort = new AbortController();

function run(cli, args, env) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, cli), ...args], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-10_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!abort.signal.aborted) console.error(`\n${cli} ${args.join(' ')} stopped (${signal ?? code}):\n${output}`);
  });
  return { child, output: () => output };
}

async function healthy(url, proc, timeoutMs = 180_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${url} exited before it was ready:\n${proc.output()}`);
    try {
      if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not yet listening
    }
    if (Date.now() > end) throw new Error(`${url} not ready within ${timeoutMs / 1000} s:\n${proc.output()}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

function stopAll(code = 0) {
  abort.abort();
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function main() {
  const cityDir = join(dataRoot, 'city');
  mkdirSync(cityDir, { recursive: true });
  const cityUrl = `http://localhost:${cityPort}`;
  console.log(`starting the city server (data in ${cityDir}; the first start seeds the demo city)…`);
  const city = run('city-server/src/cli/main.ts', ['start'], { DATA_DIR: cityDir, PORT: String(cityPort), PUBLIC_URL: cityUrl });
  await healthy(cityUrl, city);
  const cityCredentialsFile = join(cityDir, 'demo-credentials.json');
  const cityCredentials = JSON.parse(readFileSync(cityCredentialsFile, 'utf8'));

  const halls = [];
  for (const [index, level] of HALL_LEVELS.entries()) {
    const demo = cityCredentials.halls.find((hall) => hall.level === level);
    if (!demo) throw new Error(`the demo city has no ${level} hall`);
    const dataDir = join(dataRoot, `hall-${level}`);
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(join(dataDir, 'city-sync.json'))) {
      console.log(`enrolling ${demo.name} with code ${demo.enrollmentCode}…`);
      await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'hall-server/src/cli/main.ts'), 'enroll', cityUrl, demo.enrollmentCode], {
        cwd: root, env: { ...process.env, DATA_DIR: dataDir },
      });
    }
    const port = hallPort + index;
    const url = `http://localhost:${port}`;
    const proc = run('hall-server/src/cli/main.ts', ['start', '--demo'], {
      DATA_DIR: dataDir, PORT: String(port), HALL_LEVEL: level, HALL_NAME: demo.name, PUBLIC_URL: url, SYNC_MAX_BACKOFF_MS: '10000',
    });
    halls.push({ demo, level, dataDir, url, proc });
  }
  for (const hall of halls) await healthy(hall.url, hall.proc);

  for (const hall of halls) {
    const credentials = JSON.parse(readFileSync(join(hall.dataDir, 'demo-credentials.json'), 'utf8'));
    void simulateHall({
      url: hall.url, credentials, level: hall.level, speed, signal: abort.signal,
      log: (line) => console.log(`  [${hall.demo.name}] ${line}`),
    }).catch((error) => console.error(`  [${hall.demo.name}] simulator stopped: ${error.message}`));
  }

  const admin = cityCredentials.users.find((user) => user.role === 'admin');
  const supervisor = cityCredentials.users.find((user) => user.role === 'supervisor');
  console.log(`
City network demo (speed ×${speed}; data in ${dataRoot}; Ctrl-C stops everything)

  City console       ${cityUrl}/            (实时总览: every hall live; 统计分析: figures by area and hall)
    API              ${cityUrl}/api/city/halls · ${cityUrl}/api/city/summary?from=YYYY-MM-DD&to=YYYY-MM-DD
    logins           ${cityCredentialsFile}
                     admin ${admin?.username} / ${admin?.password} · supervisor ${supervisor?.username} / ${supervisor?.password} (${supervisor?.areaCode})
`);
  for (const hall of halls) {
    console.log(`  ${hall.demo.name} (${hall.level}, ${hall.demo.areaCode})
    screens          ${hall.url}/            manager console ${hall.url}/manage/  (city link on 今日概况)
    logins           ${join(hall.dataDir, 'demo-credentials.json')}
`);
  }
  console.log('Ticket QR codes point at the city\'s public page: ' + `${cityUrl}/t/<trackingCode>`);
  console.log('Visitors and counters are simulated; the city shows their figures within a few seconds.');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
