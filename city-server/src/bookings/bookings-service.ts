import { bookingFigures, hallDayOf, hallProfile, type AvailableSlot, type Booking, type BookingBody, type SlotTemplate } from '@hall/shared';
import { createHmac, randomInt } from 'node:crypto';
import { newSecret, sha256Hex } from '../auth/secrets';
import type { Db } from '../db/database';
import { hallsRepo, type HallRow } from '../repos/halls-repo';
import { pullRepo } from '../repos/pull-repo';
import { CityError, notFound } from '../services/errors';
import { bookingsRepo, type BookingRow } from './bookings-repo';
import { DEFAULT_NO_SHOW_RULES, maskName, type NoShowRules } from './sync-bookings';
import { bookingWindowRefusal, daysBetween, isoWithOffset, slotsOfDay } from './slots';

export type BookingService = ReturnType<typeof createBookingService>;

// A hall seen this recently takes same-day bookings (it pulls every 15 s).
const ONLINE_MS = 2 * 60_000;

/** Appointments at the city: templates, availability, booking (capacity-safe, idempotent on externalId), cancel, blocks. */
export function createBookingService(db: Db, options: { clock: () => number; publicUrl: () => string; rules?: NoShowRules }) {
  const { clock } = options;
  const rules = options.rules ?? DEFAULT_NO_SHOW_RULES;
  let secret: string | null = null;
  const keyedHash = async (kind: string, value: string) => {
    secret ??= await bookingsRepo(db).secret();
    return createHmac('sha256', secret).update(`${kind}:${value}`).digest('hex');
  };

  async function hallOrFail(hallId: number): Promise<HallRow> {
    const hall = await hallsRepo(db).hall(hallId);
    if (!hall || hall.revoked) throw new CityError('unknown-hall', `no hall ${hallId}`, 404);
    return hall;
  }

  async function templateOrFail(hallId: number, serviceCode: string): Promise<SlotTemplate> {
    const template = await bookingsRepo(db).template(hallId, serviceCode);
    if (!template) throw new CityError('no-booking-for-service', `hall ${hallId} takes no bookings for service ${serviceCode}`, 404);
    return template;
  }

  const online = (hall: HallRow, now: number) => hall.last_seen_at !== null && now - Date.parse(hall.last_seen_at) < ONLINE_MS;

  function view(row: BookingRow, hall: HallRow): Booking {
    return {
      id: row.id, code: row.code, hallId: row.hall_id, hallName: hall.name, serviceCode: row.service_code,
      slotStart: isoWithOffset(row.slot_start, hall.time_zone), slotEnd: isoWithOffset(row.slot_end, hall.time_zone), state: row.state,
      externalId: row.external_id, confirmationUrl: `${options.publicUrl()}/b/${row.code}?hall=${row.hall_id}`,
    };
  }

  return {
    maskName,

    async putTemplate(template: SlotTemplate) {
      await hallOrFail(template.hallId);
      await bookingsRepo(db).putTemplate(template);
    },

    async templates(hallId: number) {
      await hallOrFail(hallId);
      return bookingsRepo(db).templates(hallId);
    },

    /** The slots of a hall's service between two hall days, with their capacity and how many are booked. */
    async availability(hallId: number, serviceCode: string, from: string, to: string): Promise<AvailableSlot[]> {
      if (from > to) throw new CityError('bad-request', 'from is after to', 400);
      const hall = await hallOrFail(hallId);
      const template = await templateOrFail(hallId, serviceCode);
      const repo = bookingsRepo(db);
      const now = clock();
      const holidays = await repo.holidays(from, to);
      const slots = daysBetween(from, to, 15).flatMap((day) => slotsOfDay(template, day, hall.time_zone, holidays.has(day)))
        .filter((slot) => bookingWindowRefusal(slot.start, now, hall.time_zone, template.daysAhead, online(hall, now)) === null);
      if (slots.length === 0) return [];
      const booked = await repo.bookedCounts(hallId, serviceCode, slots[0]!.start, slots.at(-1)!.start + 1);
      return slots.map((slot) => ({
        start: isoWithOffset(slot.start, hall.time_zone), end: isoWithOffset(slot.end, hall.time_zone), capacity: template.capacity, booked: booked.get(slot.start) ?? 0,
      }));
    },

    /**
     * Books a slot. The same externalId again returns the first booking (created: false); with other
     * details it is refused. Every refusal writes nothing.
     */
    async book(body: BookingBody): Promise<{ created: boolean; booking: Booking }> {
      const phoneHash = await keyedHash('phone', body.phone);
      const idHash = body.idNumber ? await keyedHash('id', body.idNumber) : null;
      const replay = async () => {
        const existing = await bookingsRepo(db).byExternalId(body.externalId);
        if (!existing) return null;
        const same = existing.hall_id === body.hallId && existing.service_code === body.serviceCode
          && existing.slot_start === Date.parse(body.slotStart) && existing.phone_hash === phoneHash;
        if (!same) throw new CityError('external-id-conflict', `externalId ${body.externalId} was used for another booking (${existing.id})`, 409);
        return { created: false, booking: view(existing, await hallOrFail(existing.hall_id)) };
      };
      const replayed = await replay();
      if (replayed) return replayed;

      const hall = await hallOrFail(body.hallId);
      const template = await templateOrFail(body.hallId, body.serviceCode);
      const now = clock();
      const slotStart = Date.parse(body.slotStart);
      const day = hallDayOf(slotStart, hall.time_zone);
      const repo = bookingsRepo(db);
      if ((await repo.holidays(day, day)).has(day)) throw new CityError('slot-holiday', `${day} is a holiday; the hall takes no bookings that day`, 409);
      const slot = slotsOfDay(template, day, hall.time_zone, false).find((s) => s.start === slotStart);
      if (!slot) throw new CityError('not-a-slot', `${body.slotStart} is not a slot of this hall's ${body.serviceCode} timetable`, 400);
      const refusal = bookingWindowRefusal(slotStart, now, hall.time_zone, template.daysAhead, online(hall, now));
      if (refusal === 'slot-past') throw new CityError(refusal, `the slot ${body.slotStart} has already started`, 400);
      if (refusal === 'slot-too-far') throw new CityError(refusal, `bookings open ${template.daysAhead} days ahead`, 400);
      if (refusal) throw new CityError(refusal, 'same-day bookings need the hall online; this hall is not reachable now', 409);
      const block = await repo.activeBlock(idHash ? [phoneHash, idHash] : [phoneHash], now);
      if (block) {
        const until = hallDayOf(block.blocked_until, hall.time_zone);
        throw new CityError('booking-blocked', `该号码 ${rules.windowDays} 天内 ${rules.limit} 次预约未到，暂停预约至 ${until}`, 403, { blockedUntil: until, blockId: block.id });
      }

      let id: number;
      try {
        id = await db.transaction(async (tx) => {
          const txRepo = bookingsRepo(tx);
          if (!(await txRepo.takePlace(hall.id, body.serviceCode, slot.start, slot.end, template.capacity))) {
            throw new CityError('slot-full', `the slot ${body.slotStart} is fully booked`, 409);
          }
          // Last, so the pull counter's row lock is held for as short a time as possible.
          const version = await pullRepo(tx).nextVersion();
          for (let attempt = 0; attempt < 50; attempt += 1) {
            const inserted = await txRepo.insert({
              hallId: hall.id, serviceCode: body.serviceCode, slotStart: slot.start, slotEnd: slot.end, hallDay: day,
              code: String(randomInt(0, 1_000_000)).padStart(6, '0'), name: body.name, phone: body.phone, phoneHash, idHash,
              channel: body.channel, externalId: body.externalId, createdAt: now, version,
            });
            if (inserted !== null) return inserted;
          }
          throw new Error('no free booking code after 50 draws');
        });
      } catch (error) {
        // The same externalId sent twice at once: the second waits for the first and then finds it.
        if ((error as { code?: string }).code === '23505') {
          const again = await replay();
          if (again) return again;
        }
        throw error;
      }
      return { created: true, booking: view((await repo.byId(id))!, hall) };
    },

    async get(id: number): Promise<Booking> {
      const row = await bookingsRepo(db).byId(id);
      if (!row) throw notFound(`booking ${id}`);
      return view(row, await hallOrFail(row.hall_id));
    },

    /** Cancels a booking still to come: its place goes back to the slot, and the hall learns it on its next pull. */
    async cancel(id: number): Promise<Booking> {
      const row = await db.transaction(async (tx) => {
        const repo = bookingsRepo(tx);
        const booking = await repo.byId(id, true);
        if (!booking) throw notFound(`booking ${id}`);
        if (booking.state === 'cancelled') return booking;
        if (booking.state !== 'booked') throw new CityError('booking-not-cancellable', `booking ${id} is ${booking.state}`, 409);
        await repo.givePlaceBack(booking.hall_id, booking.service_code, booking.slot_start);
        await repo.setState(id, 'cancelled', clock(), await pullRepo(tx).nextVersion());
        return (await repo.byId(id))!;
      });
      return view(row, await hallOrFail(row.hall_id));
    },

    blocks: () => bookingsRepo(db).blocks(clock()),

    /** Lifts a block (audited: who, when, why). */
    async liftBlock(blockId: number, userId: number, reason: string) {
      if (!(await bookingsRepo(db).liftBlock(blockId, userId, reason, clock()))) throw notFound(`active block ${blockId}`);
    },

    /** A new integration token for the 12348 web/hotline; shown once, kept as a hash. */
    async addIntegrationToken(name: string): Promise<{ id: number; token: string }> {
      const token = `itk_${newSecret()}`;
      return { id: await bookingsRepo(db).addToken(name, sha256Hex(token)), token };
    },

    /** Revokes an integration token: its next request gets 401. */
    async revokeIntegrationToken(id: number) {
      if (!(await bookingsRepo(db).revokeToken(id))) throw notFound(`active integration token ${id}`);
    },

    /** The integration's name for `Authorization: Bearer itk_…`, or null. */
    async integration(header: string | undefined): Promise<string | null> {
      const match = /^Bearer (itk_[A-Za-z0-9_-]{20,100})$/.exec(header ?? '');
      return match ? bookingsRepo(db).tokenName(sha256Hex(match[1]!)) : null;
    },

    /** Public confirmation lookup (/b/<code>): bookings with that code not yet over. */
    async byCode(code: string, hallId: number | null) {
      const rows = await bookingsRepo(db).byCode(code, hallId, clock());
      const out = [];
      for (const row of rows) {
        const hall = await hallOrFail(row.hall_id);
        out.push({ ...view(row, hall), maskedName: maskName(row.name), timeZone: hall.time_zone });
      }
      return out;
    },

    /** Booking figures per hall and the wait of booked visitors against walk-ins. */
    async figures(hallIds: number[], from: string, to: string) {
      const { byHall, block } = await bookingFiguresOf(db, hallIds, from, to);
      const { avgWaitBookedSeconds, avgWaitWalkInSeconds, ...counts } = block;
      return {
        ...counts,
        avgWaitSecondsBooked: avgWaitBookedSeconds,
        avgWaitSecondsWalkIn: avgWaitWalkInSeconds,
        byHall: byHall.map((h) => ({ hallId: h.hall_id, booked: h.booked, checkedIn: h.checked_in, noShow: h.no_show, cancelled: h.cancelled })),
      };
    },
  };
}

/** The `bookings` block of the city summary over the halls in scope (the shared pure bookingFigures), with the per-hall counts. */
export async function bookingFiguresOf(db: Db, hallIds: number[], from: string, to: string) {
  const repo = bookingsRepo(db);
  const byHall = await repo.figures(hallIds, from, to);
  const waits = await repo.waitsBySource(hallIds, from, to);
  const counts = byHall.reduce((sum, h) => ({ booked: sum.booked + h.booked, checkedIn: sum.checkedIn + h.checked_in, noShow: sum.noShow + h.no_show, cancelled: sum.cancelled + h.cancelled }),
    { booked: 0, checkedIn: 0, noShow: 0, cancelled: 0 });
  return { byHall, block: bookingFigures(counts, waits.map((w) => ({ source: w.source, avgWaitMs: w.avg_wait_ms }))) };
}

/** The demo city's timetable: Mon–Fri 09:00–11:30 and 14:00–16:30 in 30-minute slots, 4 places each, 7 days ahead. */
export const DEMO_TEMPLATE = {
  periods: [{ weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '11:30' }, { weekdays: [1, 2, 3, 4, 5], from: '14:00', to: '16:30' }],
  slotMinutes: 30,
  capacity: 4,
  daysAhead: 7,
};

/** Seeds the demo timetable for every service of every hall (services by the hall's level), so bookings work at once. */
export async function seedDemoTemplates(db: Db) {
  const halls = await hallsRepo(db).hallsUnder('');
  for (const hall of halls) {
    for (const service of hallProfile(hall.level).services) {
      await bookingsRepo(db).putTemplate({ hallId: hall.id, serviceCode: service.code, ...DEMO_TEMPLATE });
    }
  }
}
