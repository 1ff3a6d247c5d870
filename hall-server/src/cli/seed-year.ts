import { hallDayOf, nextHallDay } from '@hall/shared';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database';
import { addWorkingDays, isWorkingDay } from '../queue/working-days';
import { createReportService } from '../reports/report-service';
import { createReportsRepo } from '../repos/reports-repo';
import { createYearSeedRepo } from '../repos/year-seed-repo';
import { createHallContext } from '../server';
import { createHallServices } from '../services/hall-services';
import { initHall, isInitialised, seedDemo, writeCredentials } from './seed';
import { generateDay, seededRandom, type YearHall } from './year-generator';

const USAGE = `npm run seed:year -- --data-dir <dir> [--days 365] [--per-day 3900] [--seed 12348] [--no-events]

Fills a hall data dir with one realistic year of past tickets (~1 M by default: weekday peaks
9–11 and 14–16, service mixes, no-shows, ratings with bad ones and their follow-ups), ending
yesterday, then builds the report rollups. A fresh dir is initialised as the demo city hall.`;

export interface SeedYearResult {
  tickets: number;
  days: number;
  seedSeconds: number;
  rollupSeconds: number;
}

/** Seeds a year into a data dir; one transaction per day with prepared statements. */
export function seedYear(options: { dataDir: string; days: number; perDay: number; seed: number; events: boolean; timeZone?: string; log?: (line: string) => void }): SeedYearResult {
  const log = options.log ?? (() => {});
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const db = openDatabase(join(options.dataDir, 'hall.db'));
  try {
    // Generated data can be regenerated: trade the power-cut guarantee for speed while seeding.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const ctx = createHallContext(db, { timeZone });
    const services = createHallServices(ctx);
    if (!isInitialised(services)) {
      initHall(services, { hallName: '郑州市公共法律服务大厅', level: 'city', enforceOpeningHours: false });
      writeCredentials(options.dataDir, seedDemo(services, process.env.DEMO_PASSWORD));
    }
    const repo = createYearSeedRepo(db);
    if (repo.ticketCount() > 0) throw new Error(`${options.dataDir} already holds ${repo.ticketCount()} tickets; use a fresh data dir`);

    const staffIds = ctx.people.users().filter((u) => u.role === 'staff' && !u.disabled).map((u) => u.id);
    const hall: YearHall = {
      services: ctx.hall.services().map((s) => ({ code: s.code, prefix: s.prefix })),
      counters: ctx.hall.counters().map((c) => ({ id: c.id, services: c.services, staffId: c.staffId })),
      staffIds,
      managerId: ctx.people.users().find((u) => u.role === 'manager')?.id ?? null,
    };
    const kioskId = ctx.people.devices().find((d) => d.kind === 'kiosk')?.id ?? null;
    const calendar = services.ratings.calendar();
    const followUpDays = Number(ctx.hall.setting('follow_up_working_days') ?? '5');
    const today = hallDayOf(Date.now(), timeZone);
    const rng = seededRandom(options.seed);
    let codes = Buffer.alloc(0);
    let codeOffset = 0;
    const randomCode = () => {
      if (codeOffset + 12 > codes.length) {
        codes = randomBytes(12 * 8192);
        codeOffset = 0;
      }
      codeOffset += 12;
      return codes.subarray(codeOffset - 12, codeOffset).toString('base64url');
    };

    const start = Date.now();
    let day = new Date(Date.parse(`${today}T00:00:00Z`) - options.days * 86_400_000).toISOString().slice(0, 10);
    let tickets = 0;
    let days = 0;
    const insertDay = db.transaction((rows: ReturnType<typeof generateDay>) => {
      for (const { ticket, rating } of rows) repo.insert(ticket, rating, options.events, kioskId);
    });
    for (; day < today; day = nextHallDay(day)) {
      if (!isWorkingDay(day, calendar)) continue;
      const rows = generateDay(day, hall, rng, { perDay: options.perDay, timeZone, today, dueDay: (d) => addWorkingDays(d, followUpDays, calendar) }, randomCode);
      insertDay.immediate(rows);
      tickets += rows.length;
      days += 1;
      if (days % 50 === 0) log(`  ${day}: ${tickets.toLocaleString('en')} tickets so far`);
    }
    const seedSeconds = (Date.now() - start) / 1000;
    const rollupStart = Date.now();
    createReportService(ctx, createReportsRepo(db)).warm();
    const rollupSeconds = (Date.now() - rollupStart) / 1000;
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { tickets, days, seedSeconds, rollupSeconds };
  } finally {
    db.close();
  }
}

function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' }, days: { type: 'string', default: '365' }, 'per-day': { type: 'string', default: '3900' },
      seed: { type: 'string', default: '12348' }, 'no-events': { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values['data-dir']) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const dataDir = resolve(values['data-dir']);
  console.log(`seeding one year into ${dataDir} …`);
  const result = seedYear({
    dataDir, days: Number(values.days), perDay: Number(values['per-day']), seed: Number(values.seed), events: !values['no-events'], log: console.log,
  });
  console.log(
    `${result.tickets.toLocaleString('en')} tickets over ${result.days} working days in ${result.seedSeconds.toFixed(1)} s; ` +
      `report rollups built in ${result.rollupSeconds.toFixed(1)} s`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
