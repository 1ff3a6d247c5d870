import { z } from 'zod';
import { HALL_LEVELS } from '../domain/enums';
import {
  counterStateSchema, hallDaySchema, isoTimeSchema, outcomeSchema, prioritySchema, ticketStateSchema,
} from './common';
import { trackViewSchema } from './tickets';
import { pullBookingSchema } from './bookings';

/**
 * The sync contract between a hall and the city (DESIGN.md "City network"). Only the hall opens
 * connections: it enrolls once, then pushes its outbox and pulls what the city sends down.
 */

export const hallLevelSchema = z.enum(HALL_LEVELS);
export type HallLevelName = z.infer<typeof hallLevelSchema>;

/** 行政区划 code: 12 digits (市 → 县/区 → 乡镇/街道 → 村/社区). */
export const areaCodeSchema = z.string().regex(/^\d{12}$/, 'area code is 12 digits');

/** Largest batch a push may carry. */
export const SYNC_MAX_BATCH = 5000;

/** Header scheme of a hall credential: `Authorization: Hall <credential>`. */
export const HALL_AUTH_SCHEME = 'Hall';

const dimension = z.number().int().min(1).max(5).nullable();
const seqSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const rowId = z.number().int().min(1).max(2 ** 31 - 1);

/** POST /api/sync/enroll */
export const enrollBodySchema = z.object({
  code: z.string().trim().min(6).max(64),
  hallName: z.string().trim().min(1).max(100).optional(),
  softwareVersion: z.string().max(50).optional(),
  /** Refinement: the hall's IANA time zone (default Asia/Shanghai); the city needs it for figures by hour of issue. */
  timeZone: z.string().max(64).optional(),
});
export type EnrollBody = z.infer<typeof enrollBodySchema>;

export const enrollResponseSchema = z.object({
  hallId: z.number().int(),
  credential: z.string(),
  hallName: z.string(),
  level: hallLevelSchema,
  areaCode: areaCodeSchema,
  /** The city's public base URL; an enrolled hall prints QR codes to `${publicUrl}/t/<trackingCode>`. */
  publicUrl: z.string(),
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

// ---- record kinds: `data` is the full current row after the change; a later seq for the same id replaces it ----

export const syncServiceDataSchema = z.object({
  code: z.string().min(1).max(4),
  name: z.string().max(100),
  targetWaitMinutes: z.number().int().min(0).max(1440),
  dailyQuota: z.number().int().min(0).max(1_000_000).nullable(),
});

export const syncCounterDataSchema = z.object({
  id: rowId,
  name: z.string().max(100),
  services: z.array(z.string().max(4)).max(50),
  state: counterStateSchema,
  staffId: rowId.nullable(),
});

/** Staff names only (the city's by-staff figures); never passwords. */
export const syncStaffDataSchema = z.object({
  id: rowId,
  name: z.string().max(100),
  staffNo: z.string().max(50),
});

/** A ticket as it stands after the change: NEVER the finish note or any visitor personal data. */
export const syncTicketDataSchema = z.object({
  id: rowId,
  hallDay: hallDaySchema,
  number: z.string().max(12),
  serviceCode: z.string().max(4),
  originalServiceCode: z.string().max(4),
  priority: prioritySchema,
  source: z.enum(['walk-in', 'booking']),
  state: ticketStateSchema,
  issuedAt: isoTimeSchema,
  /** The FIRST call (the hall's first_called_at): reports measure the wait up to it, recalls do not move it. */
  calledAt: isoTimeSchema.nullable(),
  startedAt: isoTimeSchema.nullable(),
  finishedAt: isoTimeSchema.nullable(),
  counterId: rowId.nullable(),
  staffId: rowId.nullable(),
  recallCount: z.number().int().min(0).max(1000),
  outcome: outcomeSchema.nullable(),
  estimatedWaitSeconds: z.number().int().min(0).max(10_000_000).nullable(),
  caseNumber: z.string().max(64).nullable(),
});

export const RATING_CHANNELS = ['pad', 'kiosk', 'qr'] as const;
export const ratingChannelSchema = z.enum(RATING_CHANNELS);

export const syncRatingDataSchema = z.object({
  id: rowId,
  ticketId: rowId,
  score: z.number().int().min(1).max(5),
  attitude: dimension,
  efficiency: dimension,
  policy: dimension,
  competence: dimension,
  comment: z.string().max(500).nullable(),
  channel: ratingChannelSchema,
  createdAt: isoTimeSchema,
  excluded: z.boolean(),
  excludedReason: z.string().max(500).nullable(),
});

export const syncFollowUpDataSchema = z.object({
  id: rowId,
  ratingId: rowId,
  ticketId: rowId,
  state: z.enum(['open', 'closed']),
  openedAt: isoTimeSchema,
  dueDay: hallDaySchema,
  closedAt: isoTimeSchema.nullable(),
  outcome: z.string().max(2000).nullable(),
});

export const syncDayClosedDataSchema = z.object({ hallDay: hallDaySchema });

/** Issue 12: the hall's word on a booking it pulled: checked in at the kiosk (with the ticket) or a no-show. */
export const syncBookingDataSchema = z.object({
  id: rowId,
  state: z.enum(['booked', 'cancelled', 'checked_in', 'no_show']),
  at: isoTimeSchema,
  ticketId: rowId.nullable(),
});

/** Issue 11: the hall's word on a 督办 reminder it pulled: when it arrived and when its manager read it. */
export const syncSupervisionDataSchema = z.object({
  id: rowId,
  receivedAt: isoTimeSchema,
  acknowledgedAt: isoTimeSchema.nullable(),
});
export type SyncSupervisionData = z.infer<typeof syncSupervisionDataSchema>;

const recordBase = { seq: seqSchema, at: isoTimeSchema };

/** One outbox record; `kind` tells what `data` holds. */
export const syncRecordSchema = z.discriminatedUnion('kind', [
  z.object({ ...recordBase, kind: z.literal('service'), data: syncServiceDataSchema }),
  z.object({ ...recordBase, kind: z.literal('counter'), data: syncCounterDataSchema }),
  z.object({ ...recordBase, kind: z.literal('staff'), data: syncStaffDataSchema }),
  z.object({ ...recordBase, kind: z.literal('ticket'), data: syncTicketDataSchema }),
  z.object({ ...recordBase, kind: z.literal('rating'), data: syncRatingDataSchema }),
  z.object({ ...recordBase, kind: z.literal('follow-up'), data: syncFollowUpDataSchema }),
  z.object({ ...recordBase, kind: z.literal('day-closed'), data: syncDayClosedDataSchema }),
  z.object({ ...recordBase, kind: z.literal('booking'), data: syncBookingDataSchema }),
  z.object({ ...recordBase, kind: z.literal('supervision'), data: syncSupervisionDataSchema }),
]);
export type SyncRecord = z.infer<typeof syncRecordSchema>;
export type SyncRecordKind = SyncRecord['kind'];
export type SyncTicketData = z.infer<typeof syncTicketDataSchema>;
export type SyncRatingData = z.infer<typeof syncRatingDataSchema>;
export type SyncFollowUpData = z.infer<typeof syncFollowUpDataSchema>;
export type SyncServiceData = z.infer<typeof syncServiceDataSchema>;
export type SyncCounterData = z.infer<typeof syncCounterDataSchema>;
export type SyncStaffData = z.infer<typeof syncStaffDataSchema>;

/** One open or just-finished, not-yet-rated ticket's phone view, found by the hash of its tracking code. */
export const liveTicketSchema = z.object({
  /** sha256 hex of the 128-bit tracking code: the city never learns the code itself from the hall. */
  trackingCodeHash: z.string().regex(/^[0-9a-f]{64}$/),
  ticketId: rowId,
  view: trackViewSchema,
});
export type LiveTicket = z.infer<typeof liveTicketSchema>;

/** The hall's live state (not stored as records; the latest wins). */
export const syncLiveSchema = z.object({
  at: isoTimeSchema,
  waitingByService: z.record(z.string().max(4), z.number().int().min(0)),
  longestWaitSeconds: z.number().int().min(0),
  /**
   * Seconds the oldest waiting ticket of each service has waited (0 when none waits). Additive:
   * a hall older than this field omits it, and the city then holds the hall-wide longest wait to a default target.
   */
  longestWaitByService: z.record(z.string().max(4), z.number().int().min(0)).optional(),
  countersOpen: z.number().int().min(0),
  printerFaults: z.number().int().min(0),
  tickets: z.array(liveTicketSchema).max(5000),
});
export type SyncLive = z.infer<typeof syncLiveSchema>;

/** POST /api/sync/push (gzip allowed). Records must be consecutive seqs starting at fromSeq. */
export const pushBodySchema = z.object({
  fromSeq: seqSchema,
  records: z.array(syncRecordSchema).max(SYNC_MAX_BATCH),
  live: syncLiveSchema.optional(),
});
export type PushBody = z.infer<typeof pushBodySchema>;

/** 200 `{ ackSeq }`: the highest contiguous seq the city holds for this hall (0 = none). */
export const pushResponseSchema = z.object({ ackSeq: z.number().int().min(0) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** 409 body of a push that starts past ackSeq + 1. */
export const seqGapErrorSchema = z.object({
  error: z.object({ code: z.literal('seq-gap'), message: z.string(), expectedSeq: z.number().int() }),
});
export type SeqGapError = z.infer<typeof seqGapErrorSchema>;

/** GET /api/sync/pull?since=<version> */
export const pullQuerySchema = z.object({ since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0) });

export const pullHolidaySchema = z.object({ day: hallDaySchema, name: z.string(), workday: z.boolean() });
export const pullNoticeSchema = z.object({ id: z.number().int(), text: z.string(), from: hallDaySchema, to: hallDaySchema });
/** A rating given on the city's /t/ page; the hall applies it idempotently as channel 'qr'. */
export const pullRatingSchema = z.object({
  id: z.number().int(),
  ticketId: z.number().int(),
  score: z.number().int().min(1).max(5),
  attitude: dimension,
  efficiency: dimension,
  policy: dimension,
  competence: dimension,
  comment: z.string().nullable(),
  createdAt: isoTimeSchema,
});

/** Issue 11: a 督办 reminder from a city supervisor about the hall's open follow-up `followUpId` (the hall's own id). */
export const pullSupervisionSchema = z.object({
  id: z.number().int(),
  followUpId: z.number().int(),
  message: z.string(),
  by: z.string(),
  at: isoTimeSchema,
});
export type PullSupervision = z.infer<typeof pullSupervisionSchema>;

/** Later issues add `supervisions` and `bookings`: a hall must ignore unknown keys (zod objects strip them). */
export const pullResponseSchema = z.object({
  version: z.number().int().min(0),
  holidays: z.array(pullHolidaySchema),
  notices: z.array(pullNoticeSchema),
  ratings: z.array(pullRatingSchema),
  /** Issue 12: bookings for this hall created or cancelled since `since` (masked; see schemas/bookings.ts). */
  bookings: z.array(pullBookingSchema).optional(),
  /** Issue 11: 督办 reminders for this hall sent since `since`. */
  supervisions: z.array(pullSupervisionSchema).optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
export type PullRating = z.infer<typeof pullRatingSchema>;

/** Issue 11: a 督办 reminder as the hall's manager console shows it (GET /api/sync/status `supervisions`). */
export const hallSupervisionSchema = z.object({
  id: z.number().int(),
  followUpId: z.number().int(),
  /** The rated ticket's number and hall day, when the follow-up is known here. */
  ticketNumber: z.string().nullable(),
  hallDay: hallDaySchema.nullable(),
  message: z.string(),
  by: z.string(),
  sentAt: isoTimeSchema,
  receivedAt: isoTimeSchema,
  acknowledgedAt: isoTimeSchema.nullable(),
});
export type HallSupervision = z.infer<typeof hallSupervisionSchema>;

/** GET /api/sync/status (hall, manager): the hall's link to the city as the manager console shows it. */
export const syncStatusSchema = z.object({
  enrolled: z.boolean(),
  running: z.boolean(),
  cityUrl: z.string().nullable(),
  hallId: z.number().int().nullable(),
  publicUrl: z.string().nullable(),
  /** Highest seq the city acknowledged, highest seq written, and the difference (records not yet at the city). */
  ackSeq: z.number().int(),
  lastSeq: z.number().int(),
  backlog: z.number().int(),
  lastSuccessAt: isoTimeSchema.nullable(),
  lastPullAt: isoTimeSchema.nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: isoTimeSchema.nullable(),
  /** Failed attempts in a row; the next attempt waits (back-off) until `nextAttemptAt`. */
  failures: z.number().int(),
  nextAttemptAt: isoTimeSchema.nullable(),
  notices: z.array(pullNoticeSchema),
  /** Issue 11: 督办 reminders from the city, unread first, then the last read ones (POST /api/sync/supervisions/:id/read marks one read). */
  supervisions: z.array(hallSupervisionSchema).optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
