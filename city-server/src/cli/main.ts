import { HALL_LEVELS, type HallLevel } from '@hall/shared';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../db/database';
import type { LogLevel } from '../http/app';
import { createCityServer } from '../server';
import { createCityService } from '../services/city-service';
import { CityError } from '../services/errors';
import { createReportService } from '../services/report-service';
import { seedDemoCity } from './seed';
import { seedDemoTemplates } from '../bookings/bookings-service';
import { seedCityYear, seedLiveState } from './seed-year';

const USAGE = `city server CLI (npm run city -- <command>)

  start                                  run the city server (the default); a fresh database gets the demo city
  init [--demo]                          create or migrate the database (and seed the demo city)
  area add --code 410100000000 --name 名称 --level city|county|township|village [--parent CODE]
  hall add --name 名称 --level city|county|township|village --area CODE
                                         add a hall; prints its one-time enrollment code (valid 7 days)
  hall revoke --id N                     the hall's credential gets 401 at once
  hall rekey --id N                      drop the credential; prints a new enrollment code for the same hall
  user add --username U --role admin|supervisor --area CODE [--password …]
  holiday add --day 2027-02-06 --name 春节 [--workday]     a city holiday (or 调休 working day), sent to every hall
  notice add --text 通知内容 --from 2027-01-01 --to 2027-01-31
  seed:year --halls 200 [--seed 1]       a realistic year for N halls of all four levels on a fresh database
                                         (logins in DATA_DIR/year-credentials.json) and their live state now
  seed:year --live-only [--seed 1]       bring the seeded halls' live state (实时总览) back to now

Environment: PORT (8090), HOST (0.0.0.0), DATA_DIR (./city-data, PGlite lives here), DATABASE_URL
(postgres://… to use PostgreSQL instead), PUBLIC_URL (base of the ticket QR codes), LOG_LEVEL (info),
DEMO_PASSWORD.`;

const env = process.env;
const dataDir = resolve(env.DATA_DIR ?? './city-data');
const SUBCOMMANDS = new Set(['hall', 'user', 'area', 'holiday', 'notice']);
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function level(value: string | undefined): HallLevel {
  if (!value || !(HALL_LEVELS as readonly string[]).includes(value)) fail(`--level must be one of ${HALL_LEVELS.join(', ')}`);
  return value as HallLevel;
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') fail(`--${name} is required`);
  return value;
}

async function offline<T>(fn: (city: ReturnType<typeof createCityService>, db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir, databaseUrl: env.DATABASE_URL });
  try {
    return await fn(createCityService(db, createReportService(db)), db);
  } finally {
    await db.close();
  }
}

async function start() {
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) fail(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const server = await createCityServer({
    dataDir, databaseUrl: env.DATABASE_URL, port: Number(env.PORT ?? 8090), host: env.HOST ?? '0.0.0.0',
    publicUrl: env.PUBLIC_URL?.replace(/\/$/, ''), log: logLevel, seedDemo: true,
  });
  console.log(`city server on ${server.url} (${env.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${join(dataDir, 'pglite')}`})`);
  if (server.demo) {
    console.log(`demo city seeded: logins and hall enrollment codes in ${join(dataDir, 'demo-credentials.json')}`);
    for (const user of server.demo.users) console.log(`  ${user.role.padEnd(10)} ${user.username} / ${user.password}`);
    for (const hall of server.demo.halls) console.log(`  ${hall.enrollmentCode}  ${hall.name}`);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(argv: string[]) {
  const [command = 'start', sub, ...rest] = argv;
  const args = SUBCOMMANDS.has(command) ? rest : [sub, ...rest].filter((a): a is string => a !== undefined);
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' }, level: { type: 'string' }, area: { type: 'string' }, id: { type: 'string' }, code: { type: 'string' },
      parent: { type: 'string' }, username: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, demo: { type: 'boolean' },
      day: { type: 'string' }, workday: { type: 'boolean' }, text: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
      halls: { type: 'string' }, seed: { type: 'string' }, 'live-only': { type: 'boolean' },
    },
    allowPositionals: false,
  });
  const hallId = () => {
    const id = Number(required(values, 'id'));
    if (!Number.isInteger(id) || id < 1) fail('--id is a hall number');
    return id;
  };
  switch (`${command}${SUBCOMMANDS.has(command) ? ` ${sub ?? ''}` : ''}`) {
    case 'seed:year': {
      if (values['live-only']) {
        const db = await openDatabase({ dataDir, databaseUrl: env.DATABASE_URL });
        try {
          const live = await seedLiveState(db, { now: Date.now(), seed: Number(values.seed ?? 1) });
          console.log(`live state now: ${live.online} halls online, ${live.silent} silent for an hour, ${live.printerFaults} with a printer fault`);
        } finally {
          await db.close();
        }
        return;
      }
      const halls = Number(values.halls ?? 200);
      if (!Number.isInteger(halls) || halls < 4 || halls > 5000) fail('--halls is a number from 4 to 5000');
      const db = await openDatabase({ dataDir, databaseUrl: env.DATABASE_URL });
      try {
        const started = Date.now();
        const result = await seedCityYear(db, { halls, seed: Number(values.seed ?? 1), dataDir, log: (line) => console.log(line) });
        console.log(`seeded ${result.halls} halls, ${result.days} hall days: ${result.tickets} tickets, ${result.ratings} ratings, ${result.followUps} follow-ups in ${Math.round((Date.now() - started) / 1000)} s`);
        console.log(`logins (admin and one supervisor per county) in ${join(dataDir, 'year-credentials.json')}`);
      } finally {
        await db.close();
      }
      return;
    }
    case 'start':
      return start();
    case 'init':
      return offline(async (city, db) => {
        if (values.demo && (await city.userCount()) === 0) {
          await seedDemoCity(city, dataDir);
          await seedDemoTemplates(db);
        }
        console.log(`database ready${values.demo ? `; demo city in ${join(dataDir, 'demo-credentials.json')}` : ''}`);
      });
    case 'area add':
      return offline(async (city) => {
        await city.addArea({ code: required(values, 'code'), name: required(values, 'name'), level: level(values.level), parentCode: values.parent ?? null });
        console.log(`area ${values.code} added`);
      });
    case 'hall add':
      return offline(async (city) => {
        const hall = await city.addHall({ name: required(values, 'name'), level: level(values.level), areaCode: required(values, 'area') });
        console.log(`hall ${hall.hallId} added; enrollment code (valid 7 days, once): ${hall.enrollmentCode}`);
        console.log(`on the hall: npm run hall -- enroll <city URL> ${hall.enrollmentCode}`);
      });
    case 'hall revoke':
      return offline(async (city) => {
        await city.revokeHall(hallId());
        console.log(`hall ${values.id} revoked`);
      });
    case 'hall rekey':
      return offline(async (city) => {
        const code = await city.rekeyHall(hallId());
        console.log(`hall ${values.id}: old credential dropped; new enrollment code (valid 7 days, once): ${code}`);
      });
    case 'user add':
      return offline(async (city) => {
        const role = required(values, 'role');
        if (role !== 'admin' && role !== 'supervisor') fail('--role must be admin or supervisor');
        const password = values.password ?? (await import('../auth/secrets')).newPassword();
        await city.addUser({ username: required(values, 'username'), password, role, areaCode: required(values, 'area') });
        console.log(`user ${values.username} (${role}) saved${values.password ? '' : `; password: ${password}`}`);
      });
    case 'holiday add':
      return offline(async (city) => {
        await city.addHoliday(required(values, 'day'), required(values, 'name'), values.workday === true);
        console.log(`${values.day} ${values.name} saved; halls get it on their next pull`);
      });
    case 'notice add':
      return offline(async (city) => {
        await city.addNotice(required(values, 'text'), required(values, 'from'), required(values, 'to'));
        console.log('notice saved; halls get it on their next pull');
      });
    default:
      fail(`unknown command "${argv.join(' ')}"`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CityError) fail(error.message);
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
