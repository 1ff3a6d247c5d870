import {
  HALL_LEVELS, deviceCreateBodySchema, hallDayOf, passwordResetBodySchema, userCreateBodySchema, type DeviceKind, type HallLevel,
} from '@hall/shared';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { openDatabase } from '../db/database';
import type { DemoLinks } from '../http/landing-page';
import { isLogLevel, LOG_LEVELS, type LogLevel } from '../http/logging';
import { createAdminRepo } from '../repos/admin-repo';
import { createHallContext, createHallServer } from '../server';
import { createAdminService } from '../services/admin-service';
import { HallError, isStorageFault, logStorageFault } from '../services/errors';
import { createHallServices } from '../services/hall-services';
import { enrollHall } from '../sync/enroll';
import { backupDatabase, pruneBackups } from './backup';
import { restoreBackup, RestoreRefused } from './restore';
import { initHall, isInitialised, seedDemo, writeCredentials, type DemoCredentials } from './seed';

const USAGE = `hall server CLI (npm run hall -- <command>)

  start [--demo]                         run the hall server (npm start runs it with --demo)
  init [--level city|county|township|village] [--name 名称]
                                         create services and counters for a new hall
  user add <username> --role staff|manager|admin --name 姓名 [--staff-no 0101] [--password …]
  user passwd <username> [--password …]  set a new password (random when not given)
  device add <kiosk|board|terminal|pad> <name> [--counter <id>]
                                         pair a device; prints its token once
  backup                                 online backup to DATA_DIR/backups now
  restore <backup-file> [--force]        restore a backup into DATA_DIR (the hall server must be stopped;
                                         --force replaces an existing database, kept as hall.db.replaced-…)
  enroll <cityUrl> <code>                link this hall to the city server with a one-time code
                                         (from \`npm run city -- hall add\`); restart the hall after

Environment: PORT (8080), HOST (0.0.0.0), DATA_DIR (./data), HALL_NAME, HALL_LEVEL (city),
TZ (Asia/Shanghai), PUBLIC_URL (address printed in ticket QR codes), DEMO_PASSWORD,
SYNC_MAX_BACKOFF_MS (longest wait between attempts while the city is unreachable, 60000),
LOG_LEVEL (info; or fatal, error, warn, debug, trace, silent): JSON log lines on stdout.`;

const env = process.env;
const dataDir = resolve(env.DATA_DIR ?? './data');
const timeZone = env.TZ && env.TZ !== 'UTC' && env.TZ !== ':/etc/localtime' ? env.TZ : 'Asia/Shanghai';

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function level(value: string | undefined): HallLevel {
  const chosen = value ?? env.HALL_LEVEL ?? 'city';
  if (!(HALL_LEVELS as readonly string[]).includes(chosen)) fail(`HALL_LEVEL must be one of ${HALL_LEVELS.join(', ')}, not "${chosen}"`);
  return chosen as HallLevel;
}

function offline() {
  const db = openDatabase(join(dataDir, 'hall.db'));
  const services = createHallServices(createHallContext(db, { timeZone }));
  return { db, services, admin: createAdminService(services, createAdminRepo(db)) };
}

/** The CLI flag behind each field of the admin API's bodies, for messages. */
const FLAG_OF: Record<string, string> = {
  username: 'username', displayName: '--name', staffNo: '--staff-no', role: '--role', password: '--password',
  kind: 'device kind', name: 'device name', counterId: '--counter',
};

/** Checks CLI input with the schema the admin API uses, so the CLI refuses what the API refuses. */
function checked<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  fail(result.error.issues.slice(0, 5).map((issue) => `${FLAG_OF[String(issue.path[0])] ?? issue.path.join('.')}: ${issue.message}`).join('; '));
}

/** The audit log's actor for CLI changes: nobody signed in, run on the hall's own machine. */
const CLI_ACTOR = { userId: null, deviceId: null };

/** The address phones on the hall's Wi-Fi use for ticket QR codes: PUBLIC_URL, else the first LAN address. */
function lanUrl(port: number): string | undefined {
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/$/, '');
  for (const addresses of Object.values(networkInterfaces())) {
    const lan = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (lan) return `http://${lan.address}:${port}`;
  }
  return undefined;
}

/** LOG_LEVEL (default info): JSON log lines on stdout at that level and above; `silent` for none. */
function logLevel(): LogLevel {
  const chosen = env.LOG_LEVEL ?? 'info';
  if (!isLogLevel(chosen)) fail(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${chosen}"`);
  return chosen;
}

async function start(demo: boolean) {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${env.PORT}"`);
  // Last line of defence: a storage fault thrown where no handler catches it (a socket event, a
  // timer) is logged and the hall carries on, SQLite having rolled the statement back. Any other
  // uncaught error still stops the process, as Node would.
  process.on('uncaughtException', (error) => {
    if (isStorageFault(error)) return logStorageFault('an event handler', error);
    console.error(error);
    process.exit(1);
  });
  let credentials: DemoCredentials | null = null;
  let credentialsFile = '';
  const server = await createHallServer({
    dataDir, port, host: env.HOST ?? '0.0.0.0', timeZone, publicUrl: lanUrl(port), nightlyBackup: true, log: { level: logLevel() },
    sync: env.SYNC_MAX_BACKOFF_MS ? { maxBackoffMs: Number(env.SYNC_MAX_BACKOFF_MS) } : undefined,
    setup: (services): DemoLinks | null => {
      credentialsFile = join(dataDir, 'demo-credentials.json');
      if (!isInitialised(services)) {
        initHall(services, { hallName: env.HALL_NAME ?? (demo ? '郑州市公共法律服务大厅' : '公共法律服务大厅'), level: level(undefined), enforceOpeningHours: !demo });
        if (demo) writeCredentials(dataDir, seedDemo(services, env.DEMO_PASSWORD));
      }
      if (!demo || !existsSync(credentialsFile)) return null;
      credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as DemoCredentials;
      const token = (kind: DeviceKind) => credentials!.devices.find((d) => d.kind === kind)?.token ?? '';
      const counters = services.ctx.hall.counters();
      return {
        kiosk: token('kiosk'), board: token('board'), credentialsFile,
        pads: credentials.devices.filter((d) => d.kind === 'pad').map((d) => ({
          token: d.token, counterName: counters.find((c) => c.id === d.counterId)?.name ?? d.name,
        })),
      };
    },
  });
  const shown = `http://localhost:${server.port}`;
  server.log.info({ hallName: server.services.ctx.hall.setting('hall_name'), url: shown, dataDir }, 'hall server listening');
  const link = server.sync.status();
  if (link.running) console.log(`linked to the city at ${link.cityUrl} (hall ${link.hallId}); ${link.backlog} records to send`);
  if (credentials) {
    const creds = credentials as DemoCredentials;
    console.log(`demo credentials: ${credentialsFile}`);
    for (const user of creds.users) console.log(`  ${user.role.padEnd(8)} ${user.username.padEnd(10)} ${user.password}`);
    console.log(`every screen is linked from ${shown}/`);
  }
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' }, level: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' },
      'staff-no': { type: 'string' }, password: { type: 'string' }, counter: { type: 'string' }, help: { type: 'boolean' },
      force: { type: 'boolean' },
    },
  });
  // Everything the hall writes (database, WAL, backups, media, credentials) is its own user's only.
  process.umask(0o077);
  const [command = 'start', sub, ...rest] = positionals;
  if (values.help || command === 'help') return console.log(USAGE);
  if (command === 'start') return start(values.demo ?? false);
  if (command === 'restore') {
    const result = await restoreBackup(resolve(sub ?? fail('restore needs a backup file')), dataDir, { force: values.force ?? false, now: new Date() });
    if (result.replacedKeptAt) console.log(`the replaced database is kept at ${result.replacedKeptAt}`);
    return console.log(`restored ${result.file}: ${result.tickets} tickets, last hall day ${result.lastHallDay ?? '(none)'}`);
  }

  const { db, services, admin } = offline();
  try {
    if (command === 'init') {
      if (isInitialised(services)) fail(`the hall in ${dataDir} is already initialised`);
      const profile = initHall(services, { hallName: values.name ?? env.HALL_NAME ?? '公共法律服务大厅', level: level(values.level), enforceOpeningHours: true });
      console.log(`initialised a ${profile.level} hall: ${profile.services.length} services, ${profile.counters.length} counters`);
    } else if (command === 'user' && sub === 'add') {
      const username = rest[0] ?? fail('user add needs a username');
      const body = checked(userCreateBodySchema, {
        username, displayName: values.name ?? username, staffNo: values['staff-no'], role: values.role ?? 'staff', password: values.password,
      });
      const { user, password } = admin.createUser(body, CLI_ACTOR);
      console.log(`user ${user.username} (${user.role}) created; password: ${password}`);
    } else if (command === 'user' && sub === 'passwd') {
      const user = services.ctx.people.userByName(rest[0] ?? fail('user passwd needs a username')) ?? fail(`no user ${rest[0]}`);
      const { password } = admin.resetPassword(user.id, checked(passwordResetBodySchema, { password: values.password }).password, CLI_ACTOR);
      console.log(`password of ${user.username} set: ${password}`);
    } else if (command === 'device' && sub === 'add') {
      const body = checked(deviceCreateBodySchema, {
        kind: rest[0], name: rest[1] ?? rest[0], counterId: values.counter === undefined ? undefined : Number(values.counter),
      });
      const { device, token } = admin.createDevice(body, CLI_ACTOR);
      console.log(`device ${device.id} paired. Its token (shown once): ${token}`);
    } else if (command === 'enroll') {
      const cityUrl = sub ?? fail('enroll needs the city server URL and a code');
      const code = rest[0] ?? fail('enroll needs a one-time enrollment code');
      const enrolled = await enrollHall(services, dataDir, cityUrl, code);
      console.log(`enrolled at ${cityUrl} as hall ${enrolled.hallId} (${enrolled.hallName}, ${enrolled.level}, ${enrolled.areaCode});`);
      console.log(`${enrolled.queued} records queued for the city; ticket QR codes now point at ${enrolled.publicUrl}/t/…`);
      console.log('restart the hall server (npm run hall -- start) to start sending');
    } else if (command === 'backup') {
      const day = hallDayOf(Date.now(), timeZone);
      const file = await backupDatabase(db, dataDir, day, `-${new Date().toISOString().slice(11, 19).replace(/:/g, '')}`);
      pruneBackups(dataDir, day);
      console.log(`backup written: ${file}`);
    } else {
      fail(`unknown command "${positionals.join(' ')}"`);
    }
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  // A refusal (the admin API's rules, a restore that is not safe) is said plainly, without a stack.
  if (error instanceof HallError) console.error(`error: ${error.message} (${error.code})`);
  else if (error instanceof RestoreRefused) console.error(`error: ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
