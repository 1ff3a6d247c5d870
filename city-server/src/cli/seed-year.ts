import { hallDayOf, type HallLevelName, type HallLive } from '@hall/shared';
import { buildRollupRows, packDay, type RatingFact, type TicketFact } from '@hall/shared/reports';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword, newPassword, newSecret, sha256Hex } from '../auth/secrets';
import type { Db } from '../db/database';
import { hallsRepo } from '../repos/halls-repo';
import { createPartitioner, monthOf } from '../repos/partitions';
import { pullRepo } from '../repos/pull-repo';
import { toBytes } from '../repos/reports-repo';
import { ratingFact, ticketFact } from '../services/report-service';

/**
 * `npm run city -- seed:year --halls 200`: a realistic year for a city of halls of all four levels,
 * written straight into the fact tables and the daily rollups (built, so reports find them ready):
 * the city hall sees thousands of visitors a working day, a county centre a couple of hundred, a
 * township station a few dozen, a village room a handful. Deterministic for a given seed.
 */

export interface SeedYearOptions {
  halls: number;
  seed?: number;
  /** The last seeded day is the day before this one (default: today in Beijing). */
  today?: string;
  /** How many days back from today (default 365: a year). */
  days?: number;
  /** The instant of the halls' live state ("now", default the clock's): see seedLiveState. */
  now?: number;
  dataDir: string;
  log?: (line: string) => void;
}

export interface SeedYearResult {
  halls: number;
  tickets: number;
  ratings: number;
  followUps: number;
  days: number;
  users: { username: string; password: string; role: 'admin' | 'supervisor'; areaCode: string }[];
}

const SERVICES: Record<string, { name: string; target: number }> = {
  A: { name: '法律援助', target: 15 }, B: { name: '公证服务', target: 20 }, C: { name: '人民调解', target: 20 },
  D: { name: '司法鉴定', target: 30 }, E: { name: '法考事务', target: 15 }, F: { name: '法律咨询', target: 10 },
};

interface LevelProfile {
  services: string[];
  counters: number;
  /** Visitors on a working day: [min, max]. */
  perDay: [number, number];
  meanWaitMinutes: number;
  meanServiceMinutes: number;
  rated: number;
  /** Share of working days the room stays shut (village rooms open when their mediator is in). */
  closedDays: number;
}

const PROFILES: Record<HallLevelName, LevelProfile> = {
  city: { services: ['A', 'B', 'C', 'D', 'E', 'F'], counters: 12, perDay: [1800, 3200], meanWaitMinutes: 14, meanServiceMinutes: 12, rated: 0.4, closedDays: 0 },
  county: { services: ['A', 'C', 'B', 'F'], counters: 4, perDay: [100, 300], meanWaitMinutes: 8, meanServiceMinutes: 14, rated: 0.5, closedDays: 0 },
  township: { services: ['C', 'F', 'A'], counters: 2, perDay: [8, 40], meanWaitMinutes: 4, meanServiceMinutes: 16, rated: 0.55, closedDays: 0.02 },
  village: { services: ['F', 'C'], counters: 1, perDay: [0, 8], meanWaitMinutes: 2, meanServiceMinutes: 18, rated: 0.6, closedDays: 0.15 },
};

// 2025–2026 national holidays (and 调休 working weekend days), as the 司法局 would enter them.
const HOLIDAYS: [string, string][] = [
  ['2025-10-01', '国庆节'], ['2025-10-02', '国庆节'], ['2025-10-03', '国庆节'], ['2025-10-06', '中秋节'], ['2025-10-07', '国庆节'], ['2025-10-08', '国庆节'],
  ['2026-01-01', '元旦'], ['2026-01-02', '元旦'], ['2026-02-16', '春节'], ['2026-02-17', '春节'], ['2026-02-18', '春节'], ['2026-02-19', '春节'],
  ['2026-02-20', '春节'], ['2026-02-23', '春节'], ['2026-04-06', '清明节'], ['2026-05-01', '劳动节'], ['2026-05-04', '劳动节'], ['2026-05-05', '劳动节'],
  ['2026-06-19', '端午节'], ['2026-09-25', '中秋节'], ['2026-10-01', '国庆节'], ['2026-10-02', '国庆节'], ['2026-10-05', '国庆节'], ['2026-10-06', '国庆节'],
  ['2026-10-07', '国庆节'],
];
const WORKDAYS: [string, string][] = [['2025-09-28', '国庆调休'], ['2025-10-11', '国庆调休'], ['2026-02-14', '春节调休'], ['2026-02-28', '春节调休'], ['2026-10-10', '国庆调休']];

const COMMENTS_BAD = ['等候时间太长', '窗口人员态度一般', '材料要求没有一次讲清楚', '排队秩序乱', '办理太慢'];
const COMMENTS_GOOD = ['服务很好', '解答耐心', '效率高，谢谢', '工作人员很专业'];

function rng(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface AreaSpec { code: string; name: string; level: HallLevelName; parent: string | null }
interface HallSpec { name: string; level: HallLevelName; areaCode: string }

/** The area tree and the halls: one city hall, county centres, township stations, village rooms (`count` in all). */
export function planCity(count: number): { areas: AreaSpec[]; halls: HallSpec[] } {
  if (count < 4) throw new Error('--halls: at least 4 (one of each level)');
  const counties = Math.max(1, Math.round(count * 0.06));
  const townships = Math.max(1, Math.round(count * 0.3));
  const villages = count - 1 - counties - townships;
  const areas: AreaSpec[] = [{ code: '410100000000', name: '郑州市', level: 'city', parent: null }];
  const halls: HallSpec[] = [{ name: '郑州市公共法律服务中心', level: 'city', areaCode: '410100000000' }];
  const countyCodes: string[] = [];
  for (let i = 0; i < counties; i += 1) {
    const code = `4101${String(2 + i).padStart(2, '0')}000000`;
    countyCodes.push(code);
    areas.push({ code, name: `第${i + 1}区`, level: 'county', parent: '410100000000' });
    halls.push({ name: `第${i + 1}区公共法律服务中心`, level: 'county', areaCode: code });
  }
  const townshipCodes: string[] = [];
  const townshipNames: string[] = [];
  for (let i = 0; i < townships; i += 1) {
    const county = countyCodes[i % counties]!;
    const code = `${county.slice(0, 6)}${String(101 + Math.floor(i / counties)).padStart(3, '0')}000`;
    const name = `第${(i % counties) + 1}区${Math.floor(i / counties) + 1}镇`;
    townshipCodes.push(code);
    townshipNames.push(name);
    areas.push({ code, name, level: 'township', parent: county });
    halls.push({ name: `${name}公共法律服务工作站`, level: 'township', areaCode: code });
  }
  for (let i = 0; i < villages; i += 1) {
    const township = townshipCodes[i % townships]!;
    const code = `${township.slice(0, 9)}${String(201 + Math.floor(i / townships)).padStart(3, '0')}`;
    // Named after its township (第2区1镇3村): every county has a 1镇, so "101镇3村" alone would repeat.
    const name = `${townshipNames[i % townships]!}${Math.floor(i / townships) + 1}村`;
    areas.push({ code, name, level: 'village', parent: township });
    halls.push({ name: `${name}公共法律服务室`, level: 'village', areaCode: code });
  }
  return { areas, halls };
}

const isWorking = (day: string, holidays: Set<string>, workdays: Set<string>) => {
  if (workdays.has(day)) return true;
  if (holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

const BATCH = 20_000;
// Beijing time is UTC+8 all year: the hour of an instant without Intl.
const hourOf = (ms: number) => Math.floor(((ms + 8 * 3600_000) % 86_400_000) / 3600_000);

/** Writes the year. Refuses a database that already has tickets. */
export async function seedCityYear(db: Db, options: SeedYearOptions): Promise<SeedYearResult> {
  const log = options.log ?? (() => undefined);
  const random = rng(options.seed ?? 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const exp = (mean: number) => -mean * Math.log(1 - random());
  const existing = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT 1 FROM tickets LIMIT 1) t')).rows[0]!.n;
  if (existing > 0) throw new Error('this database already has tickets: seed:year needs a fresh one');

  const today = options.today ?? hallDayOf(Date.now(), 'Asia/Shanghai');
  const first = addDays(today, -(options.days ?? 365));
  const plan = planCity(options.halls);
  const repo = hallsRepo(db);
  for (const area of plan.areas) await repo.addArea({ code: area.code, name: area.name, level: area.level, parentCode: area.parent });
  const holidays = new Set(HOLIDAYS.map(([d]) => d));
  const workdays = new Set(WORKDAYS.map(([d]) => d));
  await db.transaction(async (tx) => {
    const pull = pullRepo(tx);
    const version = await pull.nextVersion();
    for (const [day, name] of HOLIDAYS) await pull.addHoliday(day, name, false, version);
    for (const [day, name] of WORKDAYS) await pull.addHoliday(day, name, true, version);
  });

  // Users: the admin and one supervisor per county.
  const users: SeedYearResult['users'] = [];
  const addUser = async (username: string, role: 'admin' | 'supervisor', areaCode: string) => {
    const password = process.env.DEMO_PASSWORD ?? newPassword();
    await db.query(
      `INSERT INTO users (username, password_hash, role, area_code) VALUES ($1, $2, $3, $4)
       ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, area_code = excluded.area_code`,
      [username, await hashPassword(password), role, areaCode]);
    users.push({ username, password, role, areaCode });
  };
  await addUser('admin', 'admin', '410100000000');
  for (const area of plan.areas.filter((a) => a.level === 'county')) await addUser(`sup${area.code.slice(4, 6)}`, 'supervisor', area.code);
  const file = join(options.dataDir, 'year-credentials.json');
  writeFileSync(file, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);

  const ensureMonths = createPartitioner(db);
  const months = new Set<string>();
  for (let day = first; day < today; day = addDays(day, 1)) months.add(monthOf(day));
  await ensureMonths('tickets', months);

  let tickets = 0;
  let ratings = 0;
  let followUps = 0;
  let days = 0;
  const t0 = Date.now();
  const ticketCols: unknown[][] = Array.from({ length: 20 }, () => []);
  const ratingCols: unknown[][] = Array.from({ length: 15 }, () => []);
  const followCols: unknown[][] = Array.from({ length: 10 }, () => []);
  // hall, day, pack, and the bookings block's called walk-ins and their summed wait in ms (every seeded ticket is a called walk-in).
  const rollupCols: unknown[][] = [[], [], [], [], []];

  async function flush(force = false) {
    if (ticketCols[0]!.length >= BATCH || (force && ticketCols[0]!.length > 0)) {
      await db.query(
        `INSERT INTO tickets (hall_id, hall_day, id, seq, number, service_code, original_service_code, priority, source, state, issued_at,
           called_at, started_at, finished_at, counter_id, staff_id, recall_count, outcome, estimated_wait_seconds, case_number)
         SELECT * FROM unnest($1::int[], $2::date[], $3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
           $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[], $15::int[], $16::int[], $17::int[], $18::text[], $19::int[], $20::text[])`,
        ticketCols);
      for (const col of ticketCols) col.length = 0;
    }
    if (ratingCols[0]!.length >= BATCH || (force && ratingCols[0]!.length > 0)) {
      await db.query(
        `INSERT INTO ratings (hall_id, id, seq, ticket_id, hall_day, score, attitude, efficiency, policy, competence, comment, channel, created_at, excluded, excluded_reason)
         SELECT * FROM unnest($1::int[], $2::int[], $3::bigint[], $4::int[], $5::date[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[],
           $11::text[], $12::text[], $13::bigint[], $14::boolean[], $15::text[])`,
        ratingCols);
      for (const col of ratingCols) col.length = 0;
    }
    if (followCols[0]!.length >= BATCH / 4 || (force && followCols[0]!.length > 0)) {
      await db.query(
        `INSERT INTO follow_ups (hall_id, id, seq, rating_id, ticket_id, state, opened_at, due_day, closed_at, outcome)
         SELECT * FROM unnest($1::int[], $2::int[], $3::bigint[], $4::int[], $5::int[], $6::text[], $7::bigint[], $8::date[], $9::bigint[], $10::text[])`,
        followCols);
      for (const col of followCols) col.length = 0;
    }
    if (rollupCols[0]!.length >= 2000 || (force && rollupCols[0]!.length > 0)) {
      await db.query(
        `INSERT INTO day_rollups (hall_id, hall_day, version, built_version, packed)
         SELECT u.hall_id, u.hall_day, 1, 1, decode(u.packed, 'base64') FROM unnest($1::int[], $2::date[], $3::text[]) AS u(hall_id, hall_day, packed)`,
        rollupCols.slice(0, 3));
      await db.query(
        `INSERT INTO day_called (hall_id, hall_day, booked_called, booked_wait_ms, walk_in_called, walk_in_wait_ms)
         SELECT u.hall_id, u.hall_day, 0, 0, u.called, u.wait_ms FROM unnest($1::int[], $2::date[], $3::int[], $4::bigint[]) AS u(hall_id, hall_day, called, wait_ms)`,
        [rollupCols[0], rollupCols[1], rollupCols[3], rollupCols[4]]);
      for (const col of rollupCols) col.length = 0;
    }
  }

  for (const spec of plan.halls) {
    const profile = PROFILES[spec.level];
    const hallId = await repo.addHall(spec);
    for (const code of profile.services) {
      await db.query('INSERT INTO hall_services (hall_id, code, seq, name, target_wait_minutes, daily_quota) VALUES ($1, $2, 0, $3, $4, NULL)',
        [hallId, code, SERVICES[code]!.name, SERVICES[code]!.target]);
    }
    const counterGid = new Map<number, number>();
    const staffGid = new Map<number, number>();
    for (let c = 1; c <= profile.counters; c += 1) {
      const services = profile.services;
      counterGid.set(c, (await db.query<{ gid: number }>(
        `INSERT INTO hall_counters (hall_id, id, name, services, state, staff_id) VALUES ($1, $2, $3, $4::jsonb, 'closed', $2) RETURNING gid`,
        [hallId, c, `${c}号窗口`, JSON.stringify(services)])).rows[0]!.gid);
      staffGid.set(c, (await db.query<{ gid: number }>(
        'INSERT INTO hall_staff (hall_id, id, name, staff_no) VALUES ($1, $2, $3, $4) RETURNING gid',
        [hallId, c, `工作人员${c}`, String(100 + c).padStart(4, '0')])).rows[0]!.gid);
    }
    const targets = new Map(profile.services.map((code) => [code, SERVICES[code]!.target * 60]));
    let ticketId = 0;
    let ratingId = 0;
    let followUpId = 0;
    let seq = 0;
    for (let day = first; day < today; day = addDays(day, 1)) {
      if (!isWorking(day, holidays, workdays) || random() < profile.closedDays) continue;
      const [lo, hi] = profile.perDay;
      // Mondays are busier, Fridays quieter.
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const factor = weekday === 1 ? 1.15 : weekday === 5 ? 0.85 : 1;
      const count = Math.round((lo + random() * (hi - lo)) * factor);
      if (count === 0) continue;
      const open = Date.parse(`${day}T01:00:00.000Z`);
      const issued = Array.from({ length: count }, () => open + Math.floor(random() * 8 * 3600_000)).sort((a, b) => a - b);
      const numbers = new Map<string, number>();
      const dayTickets: TicketFact[] = [];
      const dayRatings: RatingFact[] = [];
      let dayWaitMs = 0;
      for (const issuedAt of issued) {
        ticketId += 1;
        seq += 1;
        const service = pick(profile.services);
        const n = (numbers.get(service) ?? 0) + 1;
        numbers.set(service, n);
        const counter = 1 + Math.floor(random() * profile.counters);
        const wait = Math.min(4 * 3600, Math.round(exp(profile.meanWaitMinutes * 60)));
        const calledAt = issuedAt + wait * 1000;
        const noShow = random() < 0.05;
        const startedAt = noShow ? null : calledAt + Math.floor((20 + random() * 70) * 1000);
        const finishedAt = noShow ? calledAt + 180_000 : startedAt! + Math.round(Math.max(60, exp(profile.meanServiceMinutes * 60)) * 1000);
        const estimate = Math.round(wait * (0.6 + random() * 0.8));
        const caseNumber = !noShow && random() < 0.2 ? `（${day.slice(0, 4)}）法援字第${hallId}${String(ticketId).padStart(5, '0')}号` : null;
        const number = `${service}${String(n).padStart(3, '0')}`;
        const row = [hallId, day, ticketId, seq, number, service, service, 'normal', 'walk-in', noShow ? 'no_show' : 'done', issuedAt,
          calledAt, startedAt, finishedAt, counter, counter, noShow ? 2 : 0, noShow ? null : 'resolved', estimate, caseNumber];
        row.forEach((value, i) => ticketCols[i]!.push(value));
        const factRow = {
          hall_id: hallId, hall_day: day, service_code: service, counter_gid: counterGid.get(counter)!, staff_gid: staffGid.get(counter)!,
          state: noShow ? 'no_show' : 'done', issued_at: issuedAt, called_at: calledAt, started_at: startedAt, finished_at: finishedAt, estimated_wait_seconds: estimate,
        };
        dayTickets.push(ticketFact(factRow, day, hourOf));
        dayWaitMs += calledAt - issuedAt;
        tickets += 1;
        if (noShow || random() >= profile.rated) continue;
        // Scores: mostly 非常满意; a long wait makes a bad rating likelier.
        const u = random() - (wait > (targets.get(service) ?? 900) ? 0.06 : 0);
        const score = u < 0.02 ? 1 : u < 0.05 ? 2 : u < 0.12 ? 3 : u < 0.3 ? 4 : 5;
        const dim = () => Math.max(1, Math.min(5, score + (random() < 0.2 ? (random() < 0.5 ? -1 : 1) : 0)));
        const createdAt = finishedAt + Math.floor((10 + random() * 120) * 1000);
        const channelDraw = random();
        const channel = channelDraw < 0.7 ? 'pad' : channelDraw < 0.85 ? 'kiosk' : 'qr';
        const comment = score <= 2 ? pick(COMMENTS_BAD) : score === 5 && random() < 0.1 ? pick(COMMENTS_GOOD) : null;
        ratingId += 1;
        seq += 1;
        const [attitude, efficiency, policy, competence] = [dim(), dim(), dim(), dim()];
        [hallId, ratingId, seq, ticketId, day, score, attitude, efficiency, policy, competence, comment, channel, createdAt, false, null].forEach((value, i) => ratingCols[i]!.push(value));
        dayRatings.push(ratingFact({ ...factRow, score, attitude, efficiency, policy, competence }, day, hourOf));
        ratings += 1;
        if (score > 2) continue;
        // A follow-up within 5 working days; older ones are mostly closed (some late), recent ones still open.
        followUpId += 1;
        seq += 1;
        let due = day;
        for (let left = 5; left > 0;) {
          due = addDays(due, 1);
          if (isWorking(due, holidays, workdays)) left -= 1;
        }
        const age = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000;
        const closed = age > 12 ? random() < 0.97 : age > 3 && random() < 0.5;
        const closedAt = closed ? createdAt + Math.floor((0.5 + random() * (random() < 0.85 ? 6 : 12)) * 86_400_000) : null;
        [hallId, followUpId, seq, ratingId, ticketId, closed ? 'closed' : 'open', createdAt, due, closedAt, closed ? '已电话回访' : null].forEach((value, i) => followCols[i]!.push(value));
        followUps += 1;
      }
      // The day's rollup exactly as the city's builder packs it from these rows.
      rollupCols[0]!.push(hallId);
      rollupCols[1]!.push(day);
      rollupCols[2]!.push(toBytes(packDay(buildRollupRows(dayTickets, dayRatings))).toString('base64'));
      rollupCols[3]!.push(issued.length);
      rollupCols[4]!.push(dayWaitMs);
      days += 1;
      await flush();
    }
    await db.query('UPDATE halls SET ack_seq = $2 WHERE id = $1', [hallId, seq]);
    if (hallId % 20 === 0 || spec.level === 'city') log(`  hall ${hallId} (${spec.level}) done: ${tickets} tickets so far, ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  await flush(true);
  const live = await seedLiveState(db, { now: options.now ?? Date.now(), seed: options.seed ?? 1 });
  log(`  live state: ${live.online} halls online, ${live.silent} silent for an hour, ${live.printerFaults} with a printer fault`);
  await db.query('ANALYZE');
  return { halls: plan.halls.length, tickets, ratings, followUps, days, users };
}

/**
 * The credential "hash" of a hall seed:year enrolled: never a sha256 hex, so no credential matches it
 * (held by nobody: re-key the hall to enroll a real one), and seedLiveState knows its own halls by it.
 */
export const SEEDED_CREDENTIAL_PREFIX = 'seed:year:';
const MINUTE = 60_000;

/** Waiting per service at a busy moment by level: [most, chance a service has anyone at all]. */
const LIVE_QUEUES: Record<HallLevelName, { most: number; busy: number; counters: [number, number] }> = {
  city: { most: 16, busy: 1, counters: [8, 12] },
  county: { most: 7, busy: 0.8, counters: [2, 4] },
  township: { most: 3, busy: 0.5, counters: [1, 2] },
  village: { most: 1, busy: 0.3, counters: [0, 1] },
};

export interface LiveSeedResult {
  online: number;
  silent: number;
  printerFaults: number;
}

/**
 * A plausible "now" for every seeded hall, so 实时总览 is alive after seeding: enrolled, last seen a
 * few seconds before `now` (a hall pushes every 15 s), a few halls (1 in 40, at least one; never the
 * city hall) silent for an hour, two halls or 1 in 100 with a printer fault. Within opening hours
 * (Beijing, working days 08:30–17:30) queues by level (the city hall dozens, a village room none or
 * one) with each service's longest wait; outside them, nobody waiting and every counter closed.
 * The halls are written as pushes would: live, live_at and last_seen_at (and the first time an
 * enrollment no credential matches). Run again (`seed:year --live-only`) to bring a seeded database
 * back to "now": only halls never enrolled or still on that seeded enrollment are touched.
 * Deterministic for a seed and `now`.
 */
export async function seedLiveState(db: Db, options: { now: number; seed: number }): Promise<LiveSeedResult> {
  const random = rng((options.seed ^ 0x1f2e3d) >>> 0);
  const { rows: halls } = await db.query<{ id: number; level: HallLevelName }>(
    `SELECT id, level FROM halls
     WHERE revoked_at IS NULL AND (credential_hash IS NULL AND enrolled_at IS NULL OR starts_with(credential_hash, $1)) ORDER BY id`, [SEEDED_CREDENTIAL_PREFIX]);
  const { rows: serviceRows } = await db.query<{ hall_id: number; code: string }>('SELECT hall_id, code FROM hall_services ORDER BY hall_id, code');
  const servicesOf = new Map<number, string[]>();
  for (const row of serviceRows) servicesOf.set(row.hall_id, [...(servicesOf.get(row.hall_id) ?? []), row.code]);

  // Which halls are silent and which have a printer fault: a deterministic shuffle, the city hall never silent.
  const order = halls.map((h) => ({ id: h.id, key: random() })).sort((a, b) => a.key - b.key).map((x) => x.id);
  const notCity = order.filter((id) => halls.find((h) => h.id === id)!.level !== 'city');
  const silent = new Set(notCity.slice(0, Math.max(1, Math.round(halls.length / 40))));
  const faulty = new Set(order.filter((id) => !silent.has(id)).slice(0, Math.max(2, Math.round(halls.length / 100))));

  let online = 0;
  for (const hall of halls) {
    const lastSeen = silent.has(hall.id) ? options.now - (60 * MINUTE + Math.floor(random() * 15 * MINUTE)) : options.now - Math.floor((1 + random() * 13) * 1000);
    const open = withinOpeningHours(lastSeen);
    const queue = LIVE_QUEUES[hall.level];
    const waitingByService: Record<string, number> = {};
    const longestWaitByService: Record<string, number> = {};
    for (const code of servicesOf.get(hall.id) ?? []) {
      const waiting = open && random() < queue.busy ? Math.round(random() * queue.most) : 0;
      waitingByService[code] = waiting;
      // The oldest waiter came in a minute or two per person ahead of the newest, give or take.
      longestWaitByService[code] = waiting === 0 ? 0 : Math.round(60 + random() * waiting * 150);
    }
    const [fewest, most] = queue.counters;
    const live: Omit<HallLive, 'tickets'> = {
      at: new Date(lastSeen).toISOString(),
      waitingByService,
      longestWaitSeconds: Math.max(0, ...Object.values(longestWaitByService)),
      longestWaitByService,
      countersOpen: open ? fewest + Math.floor(random() * (most - fewest + 1)) : 0,
      printerFaults: faulty.has(hall.id) ? 1 : 0,
    };
    await db.query(
      `UPDATE halls SET live = $2::jsonb, live_at = $3::bigint, last_seen_at = to_timestamp($3::bigint / 1000.0),
         credential_hash = coalesce(credential_hash, $4), enrolled_at = coalesce(enrolled_at, to_timestamp($3::bigint / 1000.0))
       WHERE id = $1`,
      [hall.id, JSON.stringify(live), lastSeen, `${SEEDED_CREDENTIAL_PREFIX}${sha256Hex(newSecret())}`]);
    if (!silent.has(hall.id)) online += 1;
  }
  return { online, silent: silent.size, printerFaults: faulty.size };
}

/** Working days (the seeded calendar) 08:30–17:30 in Beijing. */
function withinOpeningHours(at: number): boolean {
  const beijing = at + 8 * 3600_000;
  const day = new Date(beijing).toISOString().slice(0, 10);
  const minute = Math.floor((beijing % 86_400_000) / MINUTE);
  return isWorking(day, new Set(HOLIDAYS.map(([d]) => d)), new Set(WORKDAYS.map(([d]) => d))) && minute >= 8 * 60 + 30 && minute < 17 * 60 + 30;
}

