import { syncBookingDataSchema, type PullBooking, type SyncRecord } from '@hall/shared';
import type { Queryable } from '../db/database';
import { bookingsRepo } from './bookings-repo';

/** Rules of no-shows (DESIGN.md defaults). */
export interface NoShowRules {
  /** No-shows within this many days … */
  windowDays: number;
  /** … that block the phone/ID hash from booking … */
  limit: number;
  /** … for this many days. */
  blockDays: number;
}

export const DEFAULT_NO_SHOW_RULES: NoShowRules = { windowDays: 30, limit: 2, blockDays: 60 };
const DAY = 86_400_000;

/** 张三 → 张*: the hall and the confirmation page show no more of the name. */
export const maskName = (name: string) => `${[...name.trim()][0] ?? ''}*`;

/** Bookings a hall pulls: masked (张*, the phone's last 4 and a keyed hash), never the number or ID. */
export async function bookingsForPull(db: Queryable, hallId: number, since: number, upTo: number): Promise<PullBooking[]> {
  const rows = await bookingsRepo(db).changedSince(hallId, since, upTo);
  return rows.map((row) => ({
    id: row.id, code: row.code, serviceCode: row.service_code, slotStart: new Date(row.slot_start).toISOString(),
    slotEnd: new Date(row.slot_end).toISOString(), hallDay: row.hall_day, state: row.state === 'cancelled' ? 'cancelled' : 'booked',
    maskedName: maskName(row.name), phoneLast4: row.phone.slice(-4), phoneHash: row.phone_hash.slice(0, 16),
  }));
}

/**
 * Applies the hall's word on its bookings (outbox records of kind `booking`): checked in or
 * no-show, once per seq. A further no-show of the same phone/ID within the window blocks it.
 */
export async function applyBookingRecords(tx: Queryable, hallId: number, records: readonly SyncRecord[], rules = DEFAULT_NO_SHOW_RULES): Promise<string[]> {
  const repo = bookingsRepo(tx);
  // Days whose booked tickets now have their booking (its slot start): their rollup's waits change.
  const linkedDays = new Set<string>();
  for (const record of records) {
    if (record.kind !== 'booking') continue;
    const data = syncBookingDataSchema.parse(record.data);
    if (data.state !== 'checked_in' && data.state !== 'no_show') continue;
    const at = Date.parse(data.at);
    const row = await repo.applyHallState(hallId, data.id, record.seq, data.state, at, data.ticketId);
    if (row && row.ticket_id !== null) linkedDays.add(row.hall_day);
    if (!row || data.state !== 'no_show') continue;
    for (const subject of [row.phone_hash, row.id_hash]) {
      if (subject === null) continue;
      const count = await repo.noShowsSince(subject, at - rules.windowDays * DAY);
      if (count >= rules.limit && !(await repo.activeBlock([subject], at))) {
        await repo.addBlock(subject, `${rules.limit} no-shows within ${rules.windowDays} days (last: booking ${row.id})`, at, at + rules.blockDays * DAY);
      }
    }
  }
  return [...linkedDays];
}
