import { z } from 'zod';
import { hallDaySchema, isoTimeSchema, serviceCodeSchema } from './common';

/**
 * Appointments (DESIGN.md "Appointments"): slot templates and bookings at the city, the masked
 * copy the hall pulls, and check-in at the kiosk.
 */

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time of day as HH:MM');
const rowId = z.coerce.number().int().min(1).max(2 ** 31 - 1);

/** One opening of a weekly template: weekdays 1 (Mon) … 7 (Sun), from–to cut into slots. */
export const slotPeriodSchema = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  from: timeOfDay,
  to: timeOfDay,
}).refine((p) => p.from < p.to, 'a period ends after it starts');

/** PUT /api/bookings/templates (admin): a hall's weekly slot pattern for one service. */
export const slotTemplateSchema = z.object({
  hallId: rowId,
  serviceCode: serviceCodeSchema,
  periods: z.array(slotPeriodSchema).min(1).max(14),
  slotMinutes: z.number().int().min(5).max(240),
  capacity: z.number().int().min(1).max(500),
  /** Bookable from tomorrow up to this many days ahead (1–14). */
  daysAhead: z.number().int().min(1).max(14),
});
export type SlotTemplate = z.infer<typeof slotTemplateSchema>;

/** GET /api/availability?hallId&serviceCode&from&to (hall days, inclusive). */
export const availabilityQuerySchema = z.object({ hallId: rowId, serviceCode: serviceCodeSchema, from: hallDaySchema, to: hallDaySchema });
export const availableSlotSchema = z.object({ start: isoTimeSchema, end: isoTimeSchema, capacity: z.number().int(), booked: z.number().int() });
export type AvailableSlot = z.infer<typeof availableSlotSchema>;

export const BOOKING_CHANNELS = ['web', 'hotline', 'console'] as const;
/** Mainland mobile or a landline with area code; spaces and dashes are dropped. */
export const phoneSchema = z.string().transform((s) => s.replace(/[\s-]/g, '')).pipe(z.string().regex(/^(1\d{10}|0\d{9,11})$/, 'a mobile (11 digits) or landline number with area code'));
/** 18-character resident ID (last character may be X). */
export const idNumberSchema = z.string().trim().toUpperCase().pipe(z.string().regex(/^\d{17}[\dX]$/, 'an 18-character ID number'));

/** POST /api/bookings (integration token or city console user). */
export const bookingBodySchema = z.object({
  hallId: z.number().int().min(1).max(2 ** 31 - 1),
  serviceCode: serviceCodeSchema,
  slotStart: z.string().datetime({ offset: true }),
  name: z.string().trim().min(1).max(50),
  phone: phoneSchema,
  idNumber: idNumberSchema.optional(),
  channel: z.enum(BOOKING_CHANNELS),
  /** The caller's own id for this booking: the same externalId again returns the same booking. */
  externalId: z.string().trim().min(1).max(100),
});
export type BookingBody = z.infer<typeof bookingBodySchema>;

export const BOOKING_STATES = ['booked', 'cancelled', 'checked_in', 'no_show'] as const;
export const bookingStateSchema = z.enum(BOOKING_STATES);
export type BookingState = z.infer<typeof bookingStateSchema>;

/** 201 of POST /api/bookings, and GET /api/bookings/:id. */
export const bookingSchema = z.object({
  id: z.number().int(),
  code: z.string().regex(/^\d{6}$/),
  hallId: z.number().int(),
  hallName: z.string(),
  serviceCode: z.string(),
  slotStart: isoTimeSchema,
  slotEnd: isoTimeSchema,
  state: bookingStateSchema,
  externalId: z.string(),
  /** The confirmation page the web or an SMS can link to. */
  confirmationUrl: z.string(),
});
export type Booking = z.infer<typeof bookingSchema>;

/** A booking as the hall pulls it: name masked (张*), phone's last 4 and a hash, never the full phone or ID. */
export const pullBookingSchema = z.object({
  id: z.number().int(),
  code: z.string().regex(/^\d{6}$/),
  serviceCode: z.string(),
  slotStart: isoTimeSchema,
  slotEnd: isoTimeSchema,
  hallDay: hallDaySchema,
  state: bookingStateSchema,
  maskedName: z.string(),
  phoneLast4: z.string(),
  phoneHash: z.string(),
});
export type PullBooking = z.infer<typeof pullBookingSchema>;

/** POST /api/bookings/check-in (kiosk): the 6-digit code typed, or the booking QR's content. */
export const checkInBodySchema = z.object({ code: z.string().trim().min(6).max(300) });
export type CheckInBody = z.infer<typeof checkInBodySchema>;

/** GET /api/bookings?day= at the hall (manager). */
export const hallBookingSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  serviceCode: z.string(),
  slotStart: isoTimeSchema,
  slotEnd: isoTimeSchema,
  state: bookingStateSchema,
  maskedName: z.string(),
  phoneLast4: z.string(),
  ticketNumber: z.string().nullable(),
  checkedInAt: isoTimeSchema.nullable(),
});
export type HallBooking = z.infer<typeof hallBookingSchema>;

/** Booking QR content: `BK:<hallId>:<code>` (the /b/<code> page shows it). */
export const bookingQrContent = (hallId: number, code: string) => `BK:${hallId}:${code}`;

/** The 6-digit code out of a typed code or a scanned booking QR; null when it is neither. */
export function bookingCodeFrom(input: string): { code: string; hallId: number | null } | null {
  const text = input.trim();
  if (/^\d{6}$/.test(text)) return { code: text, hallId: null };
  const qr = /^BK:(\d{1,10}):(\d{6})$/.exec(text) ?? /\/b\/(\d{6})(?:[/?#]|$)/.exec(text);
  if (!qr) return null;
  return qr.length === 3 ? { code: qr[2]!, hallId: Number(qr[1]) } : { code: qr[1]!, hallId: null };
}

export const hallDayQuerySchema = z.object({ day: hallDaySchema.optional() });

/**
 * The `bookings` block of GET /api/reports/summary (hall) and GET /api/city/summary (city):
 * bookings not cancelled, checked in, no-shows, cancelled; rates of the booked (null when none);
 * mean wait to the first call of booked visitors (from the later of check-in and slot start) and
 * of walk-ins, in seconds (null when nobody was called). Optional in both summaries: older halls
 * and clients go without it.
 */
export const bookingFiguresSchema = z.object({
  booked: z.number().int().min(0),
  checkedIn: z.number().int().min(0),
  noShow: z.number().int().min(0),
  cancelled: z.number().int().min(0),
  checkInRate: z.number().min(0).max(1).nullable(),
  noShowRate: z.number().min(0).max(1).nullable(),
  avgWaitBookedSeconds: z.number().int().min(0).nullable(),
  avgWaitWalkInSeconds: z.number().int().min(0).nullable(),
});
export type BookingFigures = z.infer<typeof bookingFiguresSchema>;
