import type {
  CityAddAreaBody, CityAddHallBody, CityAddUserBody, CityAdminHall, CityAdminUser, CityEnrollmentCode, CityUpdateUserBody, HallLevelName,
} from '@hall/shared';
import { hashPassword } from '../auth/secrets';
import type { Db } from '../db/database';
import { adminRepo, type AdminUserRow } from '../repos/admin-repo';
import { hallsRepo } from '../repos/halls-repo';
import type { CityService, UserPrincipal } from './city-service';
import { CityError, forbidden, notFound } from './errors';

export type AdminService = ReturnType<typeof createAdminService>;

const userView = (row: AdminUserRow): CityAdminUser => ({
  id: row.id, username: row.username, role: row.role, areaCode: row.area_code, disabled: row.disabled, createdAt: row.created_at,
});

/** The console's 系统管理: users, areas and halls. Admins only (a supervisor gets 403 on every call). */
export function createAdminService(db: Db, city: CityService) {
  const repo = adminRepo(db);

  function adminOnly(user: UserPrincipal) {
    if (user.role !== 'admin') throw forbidden('administration is for admins');
  }
  async function areaOrFail(code: string) {
    if (!(await hallsRepo(db).area(code))) throw notFound(`area ${code}`);
  }
  async function userOrFail(id: number) {
    const row = await repo.user(id);
    if (!row) throw notFound(`user ${id}`);
    return row;
  }
  async function hallOrFail(id: number) {
    if (!(await hallsRepo(db).hall(id))) throw notFound(`hall ${id}`);
  }
  const codeView = async (hallId: number, enrollmentCode: string): Promise<CityEnrollmentCode> => ({ hallId, enrollmentCode, expiresAt: await repo.codeExpiry(hallId) });

  return {
    async users(user: UserPrincipal): Promise<CityAdminUser[]> {
      adminOnly(user);
      return (await repo.users()).map(userView);
    },

    async addUser(user: UserPrincipal, body: CityAddUserBody): Promise<CityAdminUser> {
      adminOnly(user);
      await areaOrFail(body.areaCode);
      const row = await repo.addUser({ username: body.username, passwordHash: await hashPassword(body.password), role: body.role, areaCode: body.areaCode });
      if (!row) throw new CityError('username-taken', `username ${body.username} is taken`, 409);
      return userView(row);
    },

    /** Role, area, disabled; disabling (or changing role or area) ends the user's sessions at once. */
    async updateUser(user: UserPrincipal, id: number, change: CityUpdateUserBody): Promise<CityAdminUser> {
      adminOnly(user);
      await userOrFail(id);
      if (id === user.id && (change.disabled === true || (change.role !== undefined && change.role !== 'admin'))) {
        throw new CityError('cannot-demote-self', 'an admin cannot disable or demote their own account', 409);
      }
      if (change.areaCode) await areaOrFail(change.areaCode);
      await db.transaction(async (tx) => {
        await adminRepo(tx).updateUser(id, change);
        if (change.disabled === true || change.role !== undefined || change.areaCode !== undefined) await adminRepo(tx).endSessions(id);
      });
      return userView(await userOrFail(id));
    },

    async resetPassword(user: UserPrincipal, id: number, password: string) {
      adminOnly(user);
      await userOrFail(id);
      const hash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await adminRepo(tx).setPassword(id, hash);
        await adminRepo(tx).endSessions(id);
      });
    },

    async addArea(user: UserPrincipal, body: CityAddAreaBody) {
      adminOnly(user);
      if (await hallsRepo(db).area(body.code)) throw new CityError('area-exists', `area ${body.code} exists`, 409);
      await city.addArea(body);
      return { code: body.code };
    },

    async halls(user: UserPrincipal): Promise<CityAdminHall[]> {
      adminOnly(user);
      return (await repo.halls()).map((h) => ({
        id: h.id, name: h.name, level: h.level as HallLevelName, areaCode: h.area_code, enrolled: h.enrolled, revoked: h.revoked,
        lastSeenAt: h.last_seen_at, ackSeq: h.ack_seq, pendingCodeExpiresAt: h.pending,
      }));
    },

    async addHall(user: UserPrincipal, body: CityAddHallBody): Promise<CityEnrollmentCode> {
      adminOnly(user);
      const { hallId, enrollmentCode } = await city.addHall(body);
      return codeView(hallId, enrollmentCode);
    },

    async revokeHall(user: UserPrincipal, id: number) {
      adminOnly(user);
      await hallOrFail(id);
      await city.revokeHall(id);
    },

    async rekeyHall(user: UserPrincipal, id: number): Promise<CityEnrollmentCode> {
      adminOnly(user);
      await hallOrFail(id);
      return codeView(id, await city.rekeyHall(id));
    },
  };
}
