import type { HallLevelName, HallLive } from '@hall/shared';
import { bookingFiguresOf } from '../bookings/bookings-service';
import { hashPassword, newEnrollmentCode, newSecret, normalizeEnrollmentCode, sha256Hex, verifyPassword } from '../auth/secrets';
import { createLoginLimiter } from '../auth/login-limiter';
import type { Db } from '../db/database';
import { isOverTarget, serviceTargetsOf, worstWaitOf, type ServiceTarget } from '../live/worst-wait';
import { hallsRepo, type AreaRow, type HallRow } from '../repos/halls-repo';
import { pullRepo } from '../repos/pull-repo';
import { usersRepo, type CityRole } from '../repos/users-repo';
import { badRequest, CityError, forbidden, notFound, unauthorized } from './errors';
import type { ReportService } from './report-service';

export type CityService = ReturnType<typeof createCityService>;

/** A signed-in city user: admin (everything) or supervisor (one area and below). */
export interface UserPrincipal {
  id: number;
  username: string;
  role: CityRole;
  areaCode: string;
  /** Area codes of halls this user may see start with this. */
  prefix: string;
}

export interface AreaNode {
  code: string;
  name: string;
  level: HallLevelName;
  children: AreaNode[];
}

const ENROLLMENT_DAYS = 7;
const SESSION_HOURS = 12;
const LEVELS: HallLevelName[] = ['city', 'county', 'township', 'village'];
// A login for an unknown name still costs one scrypt, so timing does not tell which names exist.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Areas, halls and users: administration (CLI, seed) and the area-scoped city queries. */
export function createCityService(db: Db, reports: ReportService, clock: () => number = Date.now) {
  const limiter = createLoginLimiter(clock);
  const halls = hallsRepo(db);
  const users = usersRepo(db);

  async function areaOrFail(code: string): Promise<AreaRow> {
    const area = await halls.area(code);
    if (!area) throw notFound(`area ${code}`);
    return area;
  }

  /** The area asked for, checked against the user's scope (403 outside it); the user's own area by default. */
  async function scopedArea(user: UserPrincipal, code: string | undefined): Promise<AreaRow> {
    const area = await areaOrFail(code ?? user.areaCode);
    if (!area.prefix.startsWith(user.prefix)) throw forbidden(`area ${area.code} is outside your area ${user.areaCode}`);
    return area;
  }

  async function issueCode(hallId: number): Promise<string> {
    const code = newEnrollmentCode();
    await halls.addEnrollmentCode(hallId, sha256Hex(normalizeEnrollmentCode(code)), ENROLLMENT_DAYS);
    return code;
  }

  return {
    async addArea(area: { code: string; name: string; level: HallLevelName; parentCode: string | null }) {
      if (!/^\d{12}$/.test(area.code)) throw badRequest('area code is 12 digits');
      if (area.parentCode) {
        const parent = await areaOrFail(area.parentCode);
        if (LEVELS.indexOf(parent.level) >= LEVELS.indexOf(area.level) || !area.code.startsWith(parent.prefix)) {
          throw badRequest(`area ${area.code} (${area.level}) cannot sit under ${parent.code} (${parent.level})`);
        }
      }
      await halls.addArea(area);
    },

    /** Adds a hall and prints its one-time enrollment code (valid 7 days). */
    async addHall(hall: { name: string; level: HallLevelName; areaCode: string }): Promise<{ hallId: number; enrollmentCode: string }> {
      await areaOrFail(hall.areaCode);
      const hallId = await halls.addHall(hall);
      return { hallId, enrollmentCode: await issueCode(hallId) };
    },

    /** Revokes a hall: its credential gets 401 at once and its pending codes stop working. */
    async revokeHall(hallId: number) {
      if (!(await halls.hall(hallId))) throw notFound(`hall ${hallId}`);
      await db.transaction(async (tx) => {
        await hallsRepo(tx).dropCredential(hallId, true);
        await hallsRepo(tx).expireCodesOf(hallId);
      });
    },

    /** Re-keys a hall: the old credential gets 401 at once; the hall enrolls again with the new code and keeps its data. */
    async rekeyHall(hallId: number): Promise<string> {
      if (!(await halls.hall(hallId))) throw notFound(`hall ${hallId}`);
      await db.transaction(async (tx) => {
        await hallsRepo(tx).dropCredential(hallId, false);
        await hallsRepo(tx).expireCodesOf(hallId);
      });
      return issueCode(hallId);
    },

    async addUser(user: { username: string; password: string; role: CityRole; areaCode: string }) {
      if (!/^[A-Za-z0-9_.-]{2,40}$/.test(user.username)) throw badRequest('username: 2–40 letters, digits, _ . -');
      if (user.password.length < 8) throw badRequest('password: at least 8 characters');
      await areaOrFail(user.areaCode);
      return users.add({ username: user.username, passwordHash: await hashPassword(user.password), role: user.role, areaCode: user.areaCode });
    },

    userCount: () => users.count(),

    /** A city holiday (or a working weekend day, 调休) for every hall's working-day count; flows down in pull. */
    async addHoliday(day: string, name: string, workday: boolean) {
      if (!isDay(day)) throw badRequest('day is YYYY-MM-DD');
      await db.transaction(async (tx) => pullRepo(tx).addHoliday(day, name, workday, await pullRepo(tx).nextVersion()));
    },

    /** A city-wide notice shown by every hall from `from` to `to`; flows down in pull. */
    async addNotice(text: string, from: string, to: string) {
      if (!isDay(from) || !isDay(to) || from > to) throw badRequest('from and to are days (YYYY-MM-DD), from first');
      if (text.trim().length === 0 || text.length > 500) throw badRequest('notice text: 1–500 characters');
      await db.transaction(async (tx) => pullRepo(tx).addNotice(text.trim(), from, to, await pullRepo(tx).nextVersion()));
    },

    async login(username: string, password: string) {
      const wait = limiter.retryAfterSeconds(username);
      if (wait > 0) throw new CityError('too-many-attempts', `too many failed logins; try again in ${wait} s`, 429, { retryAfterSeconds: wait });
      const user = await users.byUsername(username);
      const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok) {
        limiter.failed(username);
        throw new CityError('bad-credentials', 'wrong username or password', 401);
      }
      limiter.succeeded(username);
      const token = newSecret();
      await users.addSession(sha256Hex(token), user.id, SESSION_HOURS);
      return { token, user: { id: user.id, username: user.username, role: user.role, areaCode: user.area_code } };
    },

    /** `Authorization: Bearer <token>` → the user, with the prefix of their area. */
    async principal(header: string | undefined): Promise<UserPrincipal> {
      const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header ?? '');
      if (!match) throw unauthorized();
      const user = await users.userOfSession(sha256Hex(match[1]!));
      if (!user) throw unauthorized('session expired; sign in again');
      const area = await areaOrFail(user.area_code);
      // An admin sees every hall whatever area it is filed under.
      return { id: user.id, username: user.username, role: user.role, areaCode: user.area_code, prefix: user.role === 'admin' ? '' : area.prefix };
    },

    /** The area tree the user may see, from their own area down (every root for an admin). */
    async areaTree(user: UserPrincipal): Promise<AreaNode[]> {
      const all = await halls.areas();
      const nodes = new Map(all.map((a) => [a.code, { code: a.code, name: a.name, level: a.level, children: [] as AreaNode[] }]));
      const roots: AreaNode[] = [];
      for (const area of all) {
        const node = nodes.get(area.code)!;
        const parent = area.parent_code ? nodes.get(area.parent_code) : undefined;
        if (parent) parent.children.push(node);
        if (user.role === 'admin' ? !parent : area.code === user.areaCode) roots.push(node);
      }
      return roots;
    },

    async halls(user: UserPrincipal, areaCode: string | undefined, now: number) {
      const prefix = areaCode === undefined && user.role === 'admin' ? '' : (await scopedArea(user, areaCode)).prefix;
      const rows = await halls.hallsUnder(prefix);
      const targets = await serviceTargetsOf(db, rows.map((h) => h.id));
      return rows.map((h) => hallView(h, now, targets.get(h.id)));
    },

    /** The summary over the halls under the area, or (with `hallId`) over that one hall; 403 outside the user's area. */
    async summary(user: UserPrincipal, from: string, to: string, areaCode: string | undefined, hallId?: number) {
      if (from > to) throw badRequest('from is after to');
      let inScope: HallRow[];
      let children: { code: string; name: string; prefix: string }[] = [];
      let area: AreaRow | null = null;
      if (hallId !== undefined) {
        const hall = await halls.hall(hallId);
        if (!hall) throw notFound(`hall ${hallId}`);
        await scopedArea(user, hall.area_code);
        // An area given with the hall must hold it.
        if (areaCode !== undefined && !hall.area_code.startsWith((await scopedArea(user, areaCode)).prefix)) throw notFound(`hall ${hallId} in area ${areaCode}`);
        inScope = [hall];
      } else {
        area = areaCode === undefined && user.role === 'admin' ? null : await scopedArea(user, areaCode);
        inScope = await halls.hallsUnder(area?.prefix ?? '');
        const areas = await halls.areas();
        children = areas.filter((a) => (area ? a.parent_code === area.code : a.parent_code === null));
      }
      // The bookings block is read alongside the summary, not after it.
      const [summary, { block }] = await Promise.all([
        reports.summary(inScope, from, to, hallId !== undefined ? inScope[0]!.area_code : area?.code ?? '', children),
        bookingFiguresOf(db, inScope.map((h) => h.id), from, to),
      ]);
      return { ...summary, bookings: block };
    },

    /** Time zones of every hall, for the background rollup builder. */
    async hallZones(): Promise<Map<number, string>> {
      return new Map((await halls.hallsUnder('')).map((h) => [h.id, h.time_zone]));
    },
  };
}

const isDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

// A hall counts as online when it pushed within the last minute (it pushes at least every 15 s).
const ONLINE_MS = 60_000;

/** One hall of 实时总览; `services` (hall_services) give its worst wait against each service's own target. */
export function hallView(hall: HallRow, now: number, services?: ReadonlyMap<string, ServiceTarget>) {
  const lastSeen = hall.last_seen_at ? Date.parse(hall.last_seen_at) : null;
  const online = lastSeen !== null && now - lastSeen < ONLINE_MS;
  const live = (hall.live ?? null) as HallLive | null;
  const worstWait = worstWaitOf(live, services);
  return {
    id: hall.id, name: hall.name, level: hall.level, areaCode: hall.area_code, enrolled: hall.enrolled, revoked: hall.revoked,
    online, lastSeenAt: hall.last_seen_at, ackSeq: hall.ack_seq, live,
    worstWait, overTarget: isOverTarget(online, live, worstWait),
  };
}
