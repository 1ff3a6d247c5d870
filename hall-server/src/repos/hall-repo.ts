import type { CounterState, ServiceRecord } from '@hall/shared';
import type { Db } from '../db/database';

export type { ServiceRecord } from '@hall/shared';

export interface CounterRecord {
  id: number;
  name: string;
  state: CounterState;
  staffId: number | null;
  sortOrder: number;
  /** Service codes in order of preference. */
  services: string[];
}

interface ServiceRow {
  code: string; prefix: string; name_zh: string; name_en: string; description_zh: string; description_en: string;
  target_wait_minutes: number; warn_queue_length: number; daily_quota: number | null; opens_at: string; closes_at: string;
  ticket_notes: string; is_open: number; sort_order: number;
}

const toService = (row: ServiceRow): ServiceRecord => ({
  code: row.code, prefix: row.prefix, nameZh: row.name_zh, nameEn: row.name_en, descriptionZh: row.description_zh,
  descriptionEn: row.description_en, targetWaitMinutes: row.target_wait_minutes, warnQueueLength: row.warn_queue_length,
  dailyQuota: row.daily_quota, opensAt: row.opens_at, closesAt: row.closes_at, ticketNotes: row.ticket_notes,
  isOpen: row.is_open === 1, sortOrder: row.sort_order,
});

export type HallRepo = ReturnType<typeof createHallRepo>;

/** SQL for the hall's configuration: settings, services, counters. */
export function createHallRepo(db: Db) {
  const getSetting = db.prepare('SELECT value FROM hall_settings WHERE key = ?');
  const putSetting = db.prepare(
    'INSERT INTO hall_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const allServices = db.prepare('SELECT * FROM services ORDER BY sort_order, code');
  const insertService = db.prepare(
    `INSERT INTO services (code, prefix, name_zh, name_en, description_zh, description_en, target_wait_minutes,
       warn_queue_length, daily_quota, opens_at, closes_at, ticket_notes, is_open, sort_order)
     VALUES (@code, @prefix, @nameZh, @nameEn, @descriptionZh, @descriptionEn, @targetWaitMinutes,
       @warnQueueLength, @dailyQuota, @opensAt, @closesAt, @ticketNotes, @isOpen, @sortOrder)`,
  );
  const updateService = db.prepare(
    `UPDATE services SET prefix = @prefix, name_zh = @nameZh, name_en = @nameEn, description_zh = @descriptionZh,
       description_en = @descriptionEn, target_wait_minutes = @targetWaitMinutes, warn_queue_length = @warnQueueLength,
       daily_quota = @dailyQuota, opens_at = @opensAt, closes_at = @closesAt, ticket_notes = @ticketNotes,
       is_open = @isOpen, sort_order = @sortOrder WHERE code = @code`,
  );
  const allCounters = db.prepare('SELECT * FROM counters ORDER BY sort_order, id');
  const allCounterServices = db.prepare('SELECT * FROM counter_services ORDER BY counter_id, preference');
  const insertCounter = db.prepare('INSERT INTO counters (name, state, sort_order) VALUES (?, ?, ?)');
  const updateCounter = db.prepare('UPDATE counters SET name = ?, sort_order = ? WHERE id = ?');
  const setCounterState = db.prepare('UPDATE counters SET state = ? WHERE id = ?');
  const setCounterStaff = db.prepare('UPDATE counters SET staff_id = ? WHERE id = ?');
  const clearStaffElsewhere = db.prepare('UPDATE counters SET staff_id = NULL WHERE staff_id = ? AND id != ?');
  const clearCounterServices = db.prepare('DELETE FROM counter_services WHERE counter_id = ?');
  const insertCounterService = db.prepare('INSERT INTO counter_services (counter_id, service_code, preference) VALUES (?, ?, ?)');

  // Services and counters change a few times a year but are read on every request: cache them.
  let servicesCache: ServiceRecord[] | null = null;
  const settingsCache = new Map<string, string | null>();
  let countersCache: CounterRecord[] | null = null;

  const loadCounters = (): CounterRecord[] => {
    const links = allCounterServices.all() as { counter_id: number; service_code: string }[];
    return (allCounters.all() as { id: number; name: string; state: CounterState; staff_id: number | null; sort_order: number }[]).map(
      (row) => ({
        id: row.id, name: row.name, state: row.state, staffId: row.staff_id, sortOrder: row.sort_order,
        services: links.filter((link) => link.counter_id === row.id).map((link) => link.service_code),
      }),
    );
  };

  return {
    setting: (key: string): string | null => {
      if (!settingsCache.has(key)) settingsCache.set(key, (getSetting.get(key) as { value: string } | undefined)?.value ?? null);
      return settingsCache.get(key)!;
    },
    putSetting: (key: string, value: string) => {
      putSetting.run(key, value);
      settingsCache.delete(key);
    },
    services: (): ServiceRecord[] => (servicesCache ??= (allServices.all() as ServiceRow[]).map(toService)),
    service: (code: string) => (servicesCache ??= (allServices.all() as ServiceRow[]).map(toService)).find((s) => s.code === code) ?? null,
    insertService: (service: ServiceRecord) => {
      insertService.run({ ...service, isOpen: service.isOpen ? 1 : 0 });
      servicesCache = null;
    },
    updateService: (service: ServiceRecord) => {
      updateService.run({ ...service, isOpen: service.isOpen ? 1 : 0 });
      servicesCache = null;
    },
    counters: (): CounterRecord[] => (countersCache ??= loadCounters()),
    counter: (id: number) => (countersCache ??= loadCounters()).find((counter) => counter.id === id) ?? null,
    insertCounter: (name: string, services: string[], sortOrder: number): number => {
      const id = Number(insertCounter.run(name, 'open', sortOrder).lastInsertRowid);
      services.forEach((code, index) => insertCounterService.run(id, code, index + 1));
      countersCache = null;
      return id;
    },
    updateCounter: (id: number, name: string, services: string[], sortOrder: number) => {
      updateCounter.run(name, sortOrder, id);
      clearCounterServices.run(id);
      services.forEach((code, index) => insertCounterService.run(id, code, index + 1));
      countersCache = null;
    },
    setCounterState: (id: number, state: CounterState) => {
      setCounterState.run(state, id);
      countersCache = null;
    },
    /** Marks who is on duty at a counter; one person is on duty at one counter at a time. */
    setCounterStaff: (id: number, staffId: number | null) => {
      if (staffId !== null) clearStaffElsewhere.run(staffId, id);
      setCounterStaff.run(staffId, id);
      countersCache = null;
    },
    /** Drops the caches after a rollback, so no half-written change stays cached. */
    invalidate: () => {
      servicesCache = null;
      countersCache = null;
      settingsCache.clear();
    },
  };
}
