import type { DeviceKind, Role, SessionUser } from '@hall/shared';
import type { DeviceRecord, UserRecord } from '../repos/people-repo';
import type { HallContext } from '../services/context';
import type { RevokedCredentials } from '../services/events';
import { HallError } from '../services/errors';
import { createLoginThrottle, DEFAULT_LOGIN_LIMITS, type LoginLimits } from './login-limiter';
import { DUMMY_PASSWORD_HASH, hashPassword, hashToken, newToken, verifyPassword } from './passwords';

const SESSION_MS = 12 * 3600 * 1000;

/** Who is calling: a signed-in staff member, a paired device, or nobody. */
export type Principal =
  | { kind: 'staff'; user: UserRecord }
  | { kind: 'device'; device: DeviceRecord }
  | { kind: 'anonymous' };

export type AuthService = ReturnType<typeof createAuthService>;

export function toSessionUser(user: UserRecord): SessionUser {
  return { id: user.id, username: user.username, role: user.role, displayName: user.displayName, staffNo: user.staffNo };
}

/** Staff login and device pairing; tokens random, stored only as SHA-256 hashes. */
export function createAuthService(ctx: HallContext, limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
  const throttle = createLoginThrottle(limits);
  // Every request resolves its token; a kiosk rush would otherwise pay two lookups per ticket.
  // Entries live a few seconds and are dropped at once when credentials are revoked or changed.
  const principals = new Map<string, { principal: Principal; until: number }>();
  const PRINCIPAL_TTL_MS = 5000;

  return {
    /** Signs a staff member in; failures are throttled per (username, client address), see login-limiter. */
    login(username: string, password: string, clientAddress: string): { token: string; user: SessionUser } {
      const now = ctx.clock();
      throttle.check(username, clientAddress, now);
      const user = ctx.people.userByName(username);
      // Verify against a dummy hash for unknown users so timing does not reveal which names exist.
      const valid = verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH) && user !== null && !user.disabled;
      if (!valid || !user) {
        throttle.fail(username, clientAddress, now);
        throw new HallError('bad-credentials', 'wrong username or password');
      }
      throttle.succeed(username, clientAddress);
      const token = newToken();
      ctx.people.insertSession(hashToken(token), user.id, now, now + SESSION_MS);
      return { token, user: toSessionUser(user) };
    },

    logout(token: string) {
      ctx.people.deleteSession(hashToken(token));
      ctx.events.revoked({ tokenHash: hashToken(token) });
    },

    /** Resolves a bearer token to a staff member or a device. */
    principal(token: string | undefined): Principal {
      if (!token || token.length > 200) return { kind: 'anonymous' };
      const tokenHash = hashToken(token);
      const now = ctx.clock();
      const cached = principals.get(tokenHash);
      if (cached && cached.until > now) return cached.principal;
      const user = ctx.people.sessionUser(tokenHash, now);
      const device = user ? null : ctx.people.deviceByTokenHash(tokenHash);
      const principal: Principal = user ? { kind: 'staff', user } : device ? { kind: 'device', device } : { kind: 'anonymous' };
      // Unknown tokens are not cached: a flood of random tokens must not grow the map.
      if (principal.kind !== 'anonymous') {
        if (principals.size > 10_000) principals.clear();
        principals.set(tokenHash, { principal, until: now + PRINCIPAL_TTL_MS });
      }
      return principal;
    },

    /** Drops cached principals of revoked or changed credentials. */
    forget(who: RevokedCredentials) {
      if ('tokenHash' in who) {
        principals.delete(who.tokenHash);
        return;
      }
      for (const [tokenHash, { principal }] of principals) {
        const matches = 'deviceId' in who
          ? principal.kind === 'device' && principal.device.id === who.deviceId
          : principal.kind === 'staff' && principal.user.id === who.userId;
        if (matches) principals.delete(tokenHash);
      }
    },

    createUser(fields: { username: string; displayName: string; staffNo: string; role: Role; password: string }): number {
      if (ctx.people.userByName(fields.username)) throw new HallError('conflict', `user ${fields.username} already exists`);
      return ctx.people.insertUser({ ...fields, passwordHash: hashPassword(fields.password) }, ctx.clock());
    },

    /** Pairs a device; the token is returned once and only its hash is kept. */
    createDevice(kind: DeviceKind, name: string, counterId: number | null): { id: number; token: string } {
      const token = newToken();
      const id = ctx.people.insertDevice(kind, name, counterId, hashToken(token), ctx.clock());
      return { id, token };
    },
  };
}
