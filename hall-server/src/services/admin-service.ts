import type {
  AdminUser, ReviewRating, CounterBody, DeviceCreateBody, DeviceKind, DeviceView, ServiceBody, ServiceCreateBody, SettingsBody, UserCreateBody, UserUpdateBody,
} from '@hall/shared';
import { hashPassword, newToken } from '../auth/passwords';
import type { AdminRepo } from '../repos/admin-repo';
import type { ServiceRecord } from '../repos/hall-repo';
import type { UserRecord } from '../repos/people-repo';
import type { Actor } from './context';
import { hallSettings } from './context';
import { HallError } from './errors';
import type { HallServices } from './hall-services';

export type AdminService = ReturnType<typeof createAdminService>;

/** Where a paired device opens its screen; the token goes in ?device= once. */
const SCREEN_PATH: Record<DeviceKind, string> = { kiosk: '/kiosk/', board: '/board/', terminal: '/counter/', pad: '/rate/' };

const adminUser = (user: UserRecord): AdminUser => ({
  id: user.id, username: user.username, displayName: user.displayName, staffNo: user.staffNo, role: user.role, disabled: user.disabled,
});

/**
 * Hall administration: services, counters, staff, devices, the calendar, the board notice and
 * settings. Every change is audited (who, when, what) and screens are told through the feed.
 */
export function createAdminService(services: HallServices, repo: AdminRepo) {
  const { ctx, auth, devices, queue } = services;
  const audit = (actor: Actor, action: string, detail: Record<string, unknown>) => ctx.ratings.audit(ctx.clock(), actor.userId, action, detail);
  /** Runs a change in one transaction; a rollback also drops the hall repo's caches. */
  const change = <T>(run: () => T): T => {
    try {
      return ctx.db.transaction(run).immediate();
    } catch (error) {
      ctx.hall.invalidate();
      throw error;
    }
  };
  const publishServices = () => ctx.events.publish('services:updated', { services: queue.views.snapshotServices() });
  const publishCounter = (id: number) => {
    const counter = queue.views.snapshotCounter(id);
    if (counter) ctx.events.publish('counter:updated', { counter });
  };

  function checkPrefix(prefix: string, code: string) {
    const clash = ctx.hall.services().find((s) => s.prefix === prefix && s.code !== code);
    if (clash) throw new HallError('conflict', `prefix ${prefix} is already used by service ${clash.code}`);
  }

  function checkServices(codes: readonly string[]) {
    for (const code of codes) if (!ctx.hall.service(code)) throw new HallError('unknown-service', `service ${code} does not exist`);
  }

  function checkCounterName(name: string, id: number | null) {
    const existing = repo.counterIdByName(name);
    if (existing !== null && existing !== id) throw new HallError('conflict', `a counter named ${name} exists`);
  }

  const deviceView = (id: number): DeviceView => devices.view(ctx.people.device(id)!);
  const settings = () => {
    const { hallName, hallLevel, notice, recallLimit, followUpWorkingDays } = hallSettings(ctx);
    return { hallName, hallLevel, notice, recallLimit, followUpWorkingDays };
  };
  const serviceRecord = (code: string, body: ServiceBody, sortOrder: number): ServiceRecord => ({
    code, prefix: body.prefix, nameZh: body.nameZh, nameEn: body.nameEn, descriptionZh: body.descriptionZh,
    descriptionEn: body.descriptionEn, targetWaitMinutes: body.targetWaitMinutes, warnQueueLength: body.warnQueueLength,
    dailyQuota: body.dailyQuota, opensAt: body.opensAt, closesAt: body.closesAt, ticketNotes: body.ticketNotes,
    isOpen: body.isOpen, sortOrder,
  });

  return {
    services: () => ctx.hall.services(),

    createService(body: ServiceCreateBody, actor: Actor): ServiceRecord {
      const created = change(() => {
        if (ctx.hall.service(body.code)) throw new HallError('conflict', `service ${body.code} exists`);
        checkPrefix(body.prefix, body.code);
        const record = serviceRecord(body.code, body, body.sortOrder ?? repo.nextServiceOrder());
        ctx.hall.insertService(record);
        audit(actor, 'service.create', { service: record });
        return ctx.hall.service(body.code)!;
      });
      publishServices();
      return created;
    },

    updateService(code: string, body: ServiceBody, actor: Actor): ServiceRecord {
      const updated = change(() => {
        const before = ctx.hall.service(code);
        if (!before) throw new HallError('unknown-service', `service ${code} does not exist`);
        checkPrefix(body.prefix, code);
        const after = serviceRecord(code, body, body.sortOrder ?? before.sortOrder);
        ctx.hall.updateService(after);
        audit(actor, 'service.update', { code, changes: diff(before, after) });
        return ctx.hall.service(code)!;
      });
      publishServices();
      return updated;
    },

    counters: () => ctx.hall.counters().map((counter) => queue.views.snapshotCounter(counter.id)!),

    createCounter(body: CounterBody, actor: Actor) {
      const id = change(() => {
        checkServices(body.services);
        checkCounterName(body.name, null);
        const newId = ctx.hall.insertCounter(body.name, body.services, body.sortOrder ?? repo.nextCounterOrder());
        if (body.closed) ctx.hall.setCounterState(newId, 'closed');
        audit(actor, 'counter.create', { id: newId, name: body.name, services: body.services });
        return newId;
      });
      publishCounter(id);
      publishServices();
      return queue.views.snapshotCounter(id)!;
    },

    updateCounter(id: number, body: CounterBody, actor: Actor) {
      change(() => {
        const before = ctx.hall.counter(id);
        if (!before) throw new HallError('not-found', `counter ${id} does not exist`);
        checkServices(body.services);
        checkCounterName(body.name, id);
        ctx.hall.updateCounter(id, body.name, body.services, body.sortOrder ?? before.sortOrder);
        if (body.closed === true && before.state !== 'closed') ctx.hall.setCounterState(id, 'closed');
        if (body.closed === false && before.state === 'closed') ctx.hall.setCounterState(id, 'open');
        const after = ctx.hall.counter(id)!;
        audit(actor, 'counter.update', { id, changes: diff(before, after) });
      });
      publishCounter(id);
      // Waits per service depend on how many open counters serve it.
      publishServices();
      return queue.views.snapshotCounter(id)!;
    },

    users: () => ctx.people.users().map(adminUser),

    createUser(body: UserCreateBody, actor: Actor): { user: AdminUser; password: string } {
      const password = body.password ?? newToken(9);
      const id = change(() => {
        const newId = auth.createUser({ username: body.username, displayName: body.displayName, staffNo: body.staffNo, role: body.role, password });
        audit(actor, 'user.create', { id: newId, username: body.username, role: body.role });
        return newId;
      });
      return { user: adminUser(ctx.people.user(id)!), password };
    },

    updateUser(id: number, body: UserUpdateBody, actor: Actor): AdminUser {
      const roleBefore = ctx.people.user(id)?.role;
      change(() => {
        const before = ctx.people.user(id);
        if (!before) throw new HallError('not-found', `user ${id} does not exist`);
        // An admin cannot lock themselves out of administration.
        if (id === actor.userId && (body.disabled || body.role !== before.role)) {
          throw new HallError('conflict', 'you cannot disable yourself or change your own role');
        }
        ctx.people.updateUser(id, body);
        if (body.disabled) for (const counter of ctx.hall.counters()) if (counter.staffId === id) ctx.hall.setCounterStaff(counter.id, null);
        audit(actor, 'user.update', { id, username: before.username, changes: diff(adminUser(before), adminUser(ctx.people.user(id)!)) });
      });
      const after = ctx.people.user(id)!;
      // Disabled or given another role: its sessions' sockets close (and rejoin with the new role).
      // Any other change (name, staff number) only refreshes what requests see.
      if (after.disabled || after.role !== roleBefore) ctx.events.revoked({ userId: id });
      else auth.forget({ userId: id });
      return adminUser(ctx.people.user(id)!);
    },

    resetPassword(id: number, password: string | undefined, actor: Actor): { user: AdminUser; password: string } {
      const chosen = password ?? newToken(9);
      change(() => {
        const user = ctx.people.user(id);
        if (!user) throw new HallError('not-found', `user ${id} does not exist`);
        ctx.people.setPassword(id, hashPassword(chosen));
        audit(actor, 'user.password-reset', { id, username: user.username });
      });
      // Resetting a password ends the user's sessions (setPassword deletes them): close their sockets too.
      ctx.events.revoked({ userId: id });
      return { user: adminUser(ctx.people.user(id)!), password: chosen };
    },

    devices: () => devices.list(),

    /** Pairs a device: its token and pairing URL are returned once; only the hash is stored. */
    createDevice(body: DeviceCreateBody, actor: Actor): { device: DeviceView; token: string; pairUrl: string } {
      const counterId = body.counterId ?? null;
      if (counterId !== null && !ctx.hall.counter(counterId)) throw new HallError('not-found', `counter ${counterId} does not exist`);
      if (body.kind === 'pad' && counterId === null) throw new HallError('bad-request', 'a rating pad belongs to a counter: give counterId', 400);
      const { id, token } = change(() => {
        const paired = auth.createDevice(body.kind, body.name, counterId);
        audit(actor, 'device.create', { id: paired.id, kind: body.kind, name: body.name, counterId });
        return paired;
      });
      return { device: deviceView(id), token, pairUrl: `${ctx.publicUrl()}${SCREEN_PATH[body.kind]}?device=${encodeURIComponent(token)}` };
    },

    revokeDevice(id: number, actor: Actor): DeviceView {
      change(() => {
        const device = ctx.people.device(id);
        if (!device) throw new HallError('not-found', `device ${id} does not exist`);
        if (!ctx.people.revokeDevice(id, ctx.clock())) throw new HallError('conflict', `device ${id} is already revoked`);
        audit(actor, 'device.revoke', { id, kind: device.kind, name: device.name });
      });
      ctx.events.revoked({ deviceId: id });
      return deviceView(id);
    },

    holidays: () => ctx.ratings.holidays(),

    putHoliday(day: string, kind: 'holiday' | 'workday', name: string, actor: Actor) {
      change(() => {
        ctx.ratings.putHoliday(day, kind, name);
        audit(actor, 'holiday.put', { day, kind, name });
      });
      return { day, kind, name };
    },

    deleteHoliday(day: string, actor: Actor) {
      change(() => {
        if (!ctx.ratings.deleteHoliday(day)) throw new HallError('not-found', `${day} is not in the calendar`);
        audit(actor, 'holiday.delete', { day });
      });
      return { ok: true };
    },

    settings,

    putSettings(body: SettingsBody, actor: Actor) {
      change(() => {
        if (body.hallName !== undefined) ctx.hall.putSetting('hall_name', body.hallName);
        if (body.followUpWorkingDays !== undefined) ctx.hall.putSetting('follow_up_working_days', String(body.followUpWorkingDays));
        if (body.recallLimit !== undefined) ctx.hall.putSetting('recall_limit', String(body.recallLimit));
        audit(actor, 'settings.update', { ...body });
      });
      return settings();
    },

    /** The board's scrolling line: stored, audited, and pushed to every screen at once. */
    putNotice(notice: string, actor: Actor) {
      change(() => {
        ctx.hall.putSetting('notice', notice);
        audit(actor, 'notice.update', { notice });
      });
      ctx.events.publish('notice:updated', { notice });
      return { notice };
    },

    audit: (limit: number) =>
      ctx.ratings.recentAudit(limit).map((row) => ({
        id: row.id, at: new Date(row.at).toISOString(), action: row.action, username: row.username, detail: JSON.parse(row.detail ?? 'null') as unknown,
      })),

    ratings(from: string, to: string, maxScore: number, excluded: 'any' | 'only' | 'none'): ReviewRating[] {
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      return repo.ratings(from, to, maxScore, excluded).map((r) => ({
        id: r.id, ticketId: r.ticket_id, ticketNumber: r.number, hallDay: r.hall_day, serviceCode: r.service_code,
        counterName: r.counter_name, staffName: r.staff_name, score: r.score, attitude: r.attitude, efficiency: r.efficiency,
        policy: r.policy, competence: r.competence, comment: r.comment, source: r.source, createdAt: iso(r.created_at)!,
        excludedAt: iso(r.excluded_at), excludedBy: r.excluded_by_name, excludeReason: r.exclude_reason, followUpId: r.follow_up_id,
      }));
    },
  };
}

/** Fields that changed between two records, for the audit line. */
function diff<T extends object>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}
