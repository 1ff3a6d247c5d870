import { z } from 'zod';
import { counterStateSchema, deviceKindSchema, printerStateSchema, prioritySchema, roleSchema, ticketStateSchema } from './common';

export const loginBodySchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const sessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  role: roleSchema,
  displayName: z.string(),
  staffNo: z.string(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginResponseSchema = z.object({ token: z.string(), user: sessionUserSchema });

/** GET /api/services: one row per service with live waiting figures. */
export const serviceViewSchema = z.object({
  code: z.string(),
  prefix: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string(),
  descriptionEn: z.string(),
  waiting: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  open: z.boolean(),
  /** Why a visitor cannot take a number now: null when open. */
  closedReason: z.enum(['closed', 'quota-full', 'not-yet-open', 'after-hours']).nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  targetWaitMinutes: z.number().int(),
  warnQueueLength: z.number().int(),
  dailyQuota: z.number().int().nullable(),
  issuedToday: z.number().int(),
  ticketNotes: z.string(),
});
export type ServiceView = z.infer<typeof serviceViewSchema>;

export const counterViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  services: z.array(z.string()),
  state: counterStateSchema,
});
export type CounterView = z.infer<typeof counterViewSchema>;

export const onDutyStaffSchema = z.object({ id: z.number().int(), displayName: z.string(), staffNo: z.string() });

export const currentTicketSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  serviceCode: z.string(),
  state: ticketStateSchema,
  priority: prioritySchema,
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  /** Issue 12: the slot start of a booking checked in at the kiosk (the terminal marks it 预约). */
  bookedSlot: z.string().optional(),
});

export const snapshotCounterSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  state: counterStateSchema,
  services: z.array(z.string()),
  current: currentTicketSchema.nullable(),
  staff: onDutyStaffSchema.nullable(),
});
export type SnapshotCounter = z.infer<typeof snapshotCounterSchema>;

export const recentCallSchema = z.object({
  ticketId: z.number().int(),
  number: z.string(),
  serviceCode: z.string(),
  counterId: z.number().int(),
  counterName: z.string(),
  calledAt: z.string(),
});
export type RecentCall = z.infer<typeof recentCallSchema>;

export const snapshotServiceSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  waiting: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  open: z.boolean(),
  /** Why it takes no numbers now (null when open): a quota-full service still serves its queue. Additive. */
  closedReason: serviceViewSchema.shape.closedReason.optional(),
});

/** queue:snapshot and GET /api/queue. Fields beyond the design's list are additive. */
export const queueSnapshotSchema = z.object({
  seq: z.number().int(),
  hallName: z.string(),
  hallDay: z.string(),
  /** The hall's time zone: wall clocks on screens show hall time, whatever the PC is set to. */
  timeZone: z.string(),
  serverTime: z.string(),
  notice: z.string(),
  services: z.array(snapshotServiceSchema),
  counters: z.array(snapshotCounterSchema),
  recentCalls: z.array(recentCallSchema),
});
export type QueueSnapshot = z.infer<typeof queueSnapshotSchema>;

/** GET /api/counters/:id/queue: what a counter terminal lists beside the current ticket. */
export const counterQueueSchema = z.object({
  counter: snapshotCounterSchema,
  waiting: z.array(z.object({
    id: z.number().int(), number: z.string(), serviceCode: z.string(), priority: prioritySchema, issuedAt: z.string(),
    bookedSlot: z.string().optional(),
  })),
  parked: z.array(z.object({ id: z.number().int(), number: z.string(), serviceCode: z.string(), parkedAt: z.string() })),
  noShows: z.array(z.object({ id: z.number().int(), number: z.string(), serviceCode: z.string(), at: z.string() })),
  waitingByService: z.record(z.string(), z.number().int()),
  recallLimit: z.number().int(),
  /** The counter's day so far (additive, issue 13.8): 今日已办, 平均用时, and whether the last visitor rated. */
  today: z.object({
    served: z.number().int(),
    avgServiceSeconds: z.number().int().nullable(),
    last: z.object({ number: z.string(), finishedAt: z.string(), rated: z.boolean() }).nullable(),
  }),
});
export type CounterQueue = z.infer<typeof counterQueueSchema>;

/** POST /api/devices/status: a kiosk reports its printer (added to contract v1, issue 3). */
export const deviceStatusBodySchema = z.object({
  printer: z.object({ state: printerStateSchema, message: z.string().max(300).optional() }),
});
export type DeviceStatusBody = z.infer<typeof deviceStatusBodySchema>;

export const deviceViewSchema = z.object({
  id: z.number().int(),
  kind: deviceKindSchema,
  name: z.string(),
  counterId: z.number().int().nullable(),
  online: z.boolean(),
  lastSeenAt: z.string().nullable(),
  disconnects: z.number().int(),
  printerState: printerStateSchema.nullable(),
  printerMessage: z.string().nullable(),
  printerChangedAt: z.string().nullable(),
  revoked: z.boolean(),
});
export type DeviceView = z.infer<typeof deviceViewSchema>;

/** GET /api/me for a device token: what a screen needs to know about itself. */
export const deviceSelfSchema = z.object({
  id: z.number().int(),
  kind: deviceKindSchema,
  name: z.string(),
  counterId: z.number().int().nullable(),
  hallName: z.string(),
});
export type DeviceSelf = z.infer<typeof deviceSelfSchema>;
