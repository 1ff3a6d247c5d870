import { z } from 'zod';
import { deviceKindSchema, hallDaySchema, roleSchema, serviceCodeSchema } from './common';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');
const text = (max: number) => z.string().trim().max(max);

/** PUT /api/admin/services/:code — every editable field of a service (业务). */
export const serviceBodySchema = z
  .object({
    prefix: z.string().regex(/^[A-Z]{1,2}$/, 'prefix is one or two capital letters'),
    nameZh: text(40).min(1),
    nameEn: text(80).default(''),
    descriptionZh: text(200).default(''),
    descriptionEn: text(300).default(''),
    targetWaitMinutes: z.number().int().min(1).max(480),
    warnQueueLength: z.number().int().min(1).max(1000),
    dailyQuota: z.number().int().min(1).max(100_000).nullable(),
    opensAt: clockTime,
    closesAt: clockTime,
    ticketNotes: text(200).default(''),
    isOpen: z.boolean(),
    sortOrder: z.number().int().min(0).max(1000).optional(),
  })
  .refine((s) => s.opensAt < s.closesAt, { message: 'opensAt must be before closesAt', path: ['closesAt'] });
export type ServiceBody = z.infer<typeof serviceBodySchema>;

/** POST /api/admin/services — a new service: its code is fixed for life (tickets refer to it). */
export const serviceCreateBodySchema = z
  .object({ code: serviceCodeSchema })
  .and(serviceBodySchema);
export type ServiceCreateBody = z.infer<typeof serviceCreateBodySchema>;
export const serviceCodeParamSchema = z.object({ code: serviceCodeSchema });

/** POST /api/admin/counters and PUT /api/admin/counters/:id — name and services in order of preference. */
export const counterBodySchema = z.object({
  name: text(40).min(1),
  services: z.array(serviceCodeSchema).min(1).max(20).refine((codes) => new Set(codes).size === codes.length, 'a service is listed twice'),
  sortOrder: z.number().int().min(0).max(1000).optional(),
  /** 'closed' takes a counter out of the hall (no calls); open/paused are set by staff at the counter. */
  closed: z.boolean().optional(),
});
export type CounterBody = z.infer<typeof counterBodySchema>;

const password = z.string().min(8, 'at least 8 characters').max(200);

/** POST /api/admin/users — password optional: a random one is generated and shown once. */
export const userCreateBodySchema = z.object({
  username: z.string().regex(/^[a-zA-Z0-9_.-]{2,32}$/, '2–32 letters, digits, _ . -'),
  displayName: text(40).min(1),
  staffNo: text(20).default(''),
  role: roleSchema,
  password: password.optional(),
});
export type UserCreateBody = z.infer<typeof userCreateBodySchema>;

/** PUT /api/admin/users/:id */
export const userUpdateBodySchema = z.object({
  displayName: text(40).min(1),
  staffNo: text(20),
  role: roleSchema,
  disabled: z.boolean(),
});
export type UserUpdateBody = z.infer<typeof userUpdateBodySchema>;

/** POST /api/admin/users/:id/password — omitted: a random password is generated and shown once. */
export const passwordResetBodySchema = z.object({ password: password.optional() });

/** POST /api/admin/devices — pair a kiosk, board, terminal or pad; the token is shown once. */
export const deviceCreateBodySchema = z.object({
  kind: deviceKindSchema,
  name: text(40).min(1),
  counterId: z.number().int().positive().nullable().optional(),
});
export type DeviceCreateBody = z.infer<typeof deviceCreateBodySchema>;

/** PUT /api/holidays/:day — a public holiday (休) or a weekend made a workday (调休 班). */
export const holidayBodySchema = z.object({ kind: z.enum(['holiday', 'workday']), name: text(40).default('') });
export const holidayDayParamSchema = z.object({ day: hallDaySchema });

/** PUT /api/admin/notice — the scrolling line on the hall board. */
export const noticeBodySchema = z.object({ notice: text(500) });

/** PUT /api/admin/settings — any subset. */
export const settingsBodySchema = z.object({
  hallName: text(60).min(1).optional(),
  followUpWorkingDays: z.number().int().min(1).max(30).optional(),
  recallLimit: z.number().int().min(0).max(10).optional(),
});
export type SettingsBody = z.infer<typeof settingsBodySchema>;

export const auditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

/** GET /api/reports/ranking?month=2026-11 — 月度排名 of counters and staff by satisfaction. */
export const rankingQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM'),
  minRatings: z.coerce.number().int().min(1).max(1000).default(10),
});

/** GET /api/ratings?from&to&maxScore&excluded — ratings to review (申诉复核). */
export const ratingListQuerySchema = z
  .object({
    from: hallDaySchema,
    to: hallDaySchema,
    maxScore: z.coerce.number().int().min(1).max(5).default(5),
    excluded: z.enum(['any', 'only', 'none']).default('any'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to' });
