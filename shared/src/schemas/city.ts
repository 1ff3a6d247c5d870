import { z } from 'zod';
import type { BookingFigures } from './bookings';
import type { Figures, LabelledGroup } from './report-views';
import { hallDaySchema, isoTimeSchema } from './common';
import { areaCodeSchema, hallLevelSchema, syncLiveSchema } from './sync';

/**
 * The city queries (DESIGN.md "City network" → City queries): every body the city console sends and
 * every response the city server answers, for admins and supervisors (`Authorization: Bearer <token>`).
 * Every route is scoped by area: a supervisor outside the area asked for gets 403, no token 401.
 */

export const cityRoleSchema = z.enum(['admin', 'supervisor']);
export type CityRole = z.infer<typeof cityRoleSchema>;

/** `YYYY-MM`. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month is YYYY-MM');

const optionalArea = areaCodeSchema.optional();

// ---- session ----

/** POST /api/auth/login → */
export const cityUserSchema = z.object({ id: z.number().int(), username: z.string(), role: cityRoleSchema, areaCode: areaCodeSchema });
export type CityUser = z.infer<typeof cityUserSchema>;
export const cityLoginResponseSchema = z.object({ token: z.string(), user: cityUserSchema });
export type CityLoginResponse = z.infer<typeof cityLoginResponseSchema>;

// ---- areas and halls ----

/** GET /api/city/areas: the tree from the user's own area down (every root for an admin). */
export interface CityAreaNode {
  code: string;
  name: string;
  level: z.infer<typeof hallLevelSchema>;
  children: CityAreaNode[];
}
export const cityAreaNodeSchema: z.ZodType<CityAreaNode> = z.lazy(() =>
  z.object({ code: areaCodeSchema, name: z.string(), level: hallLevelSchema, children: z.array(cityAreaNodeSchema) }),
);

/** The hall's live state as it pushed it last (the push's `live` without the phone views). */
export const hallLiveSchema = syncLiveSchema.omit({ tickets: true });
export type HallLive = z.infer<typeof hallLiveSchema>;

/** GET /api/city/halls?area= (one row a hall); also the payload of the socket event `hall-live`. */
export const cityHallViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  level: hallLevelSchema,
  areaCode: areaCodeSchema,
  enrolled: z.boolean(),
  revoked: z.boolean(),
  /** Pushed within the last minute (a hall pushes at least every 15 s). */
  online: z.boolean(),
  lastSeenAt: isoTimeSchema.nullable(),
  ackSeq: z.number().int(),
  live: hallLiveSchema.nullable(),
  /**
   * The service furthest past (or nearest to) its own target wait: the highest longest-wait / target
   * ratio of the hall's last live push, with the target the hall set (hall_services). Null without a
   * live push or from an older hall that sends no per-service waits (optional: an older city omits it).
   */
  worstWait: z.object({ serviceCode: z.string(), name: z.string(), seconds: z.number().int().min(0), targetMinutes: z.number().int().min(0) }).nullable().optional(),
  /** Online and a wait past its target (an older hall without per-service waits: the longest wait past LIVE_DEFAULT_TARGET_MINUTES). */
  overTarget: z.boolean().optional(),
});
export type CityHallView = z.infer<typeof cityHallViewSchema>;
export type CityWorstWait = NonNullable<CityHallView['worstWait']>;
/** The target a hall's longest wait is held to when the hall sends no per-service waits (the catalogue's usual target). */
export const LIVE_DEFAULT_TARGET_MINUTES = 20;

export const cityHallsQuerySchema = z.object({ area: optionalArea });

// ---- 统计分析 ----

/** GET /api/city/summary?from&to&area=&hall= (with `hall`, the summary of that one hall: 403 outside the user's area, 404 unknown). */
export const citySummaryQuerySchema = z.object({ from: hallDaySchema, to: hallDaySchema, area: optionalArea, hall: z.coerce.number().int().min(1).max(2 ** 31 - 1).optional() });
export type CityPeopleGroup = LabelledGroup<number> & { hallId: number; id: number };
/** The hall summary's figures over every hall under the area (exactly their sum; p90 over every wait). */
export interface CitySummary extends Figures {
  from: string;
  to: string;
  area: string;
  byService: LabelledGroup<string>[];
  byCounter: CityPeopleGroup[];
  byStaff: CityPeopleGroup[];
  byHour: LabelledGroup<number>[];
  byDay: LabelledGroup<string>[];
  byHall: (Figures & { hallId: number; name: string; level: z.infer<typeof hallLevelSchema>; areaCode: string })[];
  byArea: (Figures & { areaCode: string; name: string })[];
  /** Figures over the halls of each level in scope (exact, p90 included), city → village; only levels with halls in scope. */
  byLevel: (Figures & { level: z.infer<typeof hallLevelSchema>; halls: number })[];
  /** 预约: bookings at the halls in scope and booked vs walk-in wait (optional: older clients go without). */
  bookings?: BookingFigures;
}

// ---- 考评 (assessment) and ranking ----

/** The six quantified indicators of the monthly 考评; each 0–1, higher is better except noShowRate. */
export const ASSESSMENT_INDICATORS = ['satisfaction', 'followUpRate', 'onTimeRate', 'serviceLevel', 'noShowRate', 'coverage'] as const;
export type AssessmentIndicator = (typeof ASSESSMENT_INDICATORS)[number];

const weight = z.number().min(0).max(100);
/**
 * GET/PUT /api/city/assessment-weights (PUT: admin only). Relative weights (any scale; the score
 * divides by their sum over the indicators a hall has figures for); at least one above 0.
 */
export const assessmentWeightsSchema = z
  .object({ satisfaction: weight, followUpRate: weight, onTimeRate: weight, serviceLevel: weight, noShowRate: weight, coverage: weight })
  .refine((w) => Object.values(w).some((v) => v > 0), 'at least one weight above 0');
export type AssessmentWeights = z.infer<typeof assessmentWeightsSchema>;

/** GET /api/city/ranking?month=YYYY-MM&level=&area= */
export const cityRankingQuerySchema = z.object({ month: monthSchema, level: hallLevelSchema.optional(), area: optionalArea });

const rate = z.number().min(0).max(1).nullable();
export const assessmentValuesSchema = z.object({
  /** 满意度: share of 满意 and 非常满意 (4–5) of the month's ratings (appeal-excluded ones left out). */
  satisfaction: rate,
  /** 差评回访率: follow-ups closed ÷ follow-ups opened for the month's bad ratings. */
  followUpRate: rate,
  /** 按期办结率: closed by their due day ÷ closed. */
  onTimeRate: rate,
  /** Share of called tickets called within their service's target wait. */
  serviceLevel: rate,
  /** No-shows ÷ called tickets (lower is better; the score uses 1 − it). */
  noShowRate: rate,
  /** Opening-hours coverage: working days of the month (city calendar) on which the hall issued tickets ÷ working days. */
  coverage: rate,
});
export type AssessmentValues = z.infer<typeof assessmentValuesSchema>;

export const cityRankingRowSchema = z.object({
  hallId: z.number().int(),
  name: z.string(),
  level: hallLevelSchema,
  areaCode: areaCodeSchema,
  /** 1-based within the hall's level (never across levels); ties share a rank (1, 2, 2, 4); null when not ranked. */
  rank: z.number().int().nullable(),
  /** Halls of this level ranked in the result. */
  rankedInLevel: z.number().int(),
  /** 0–100, two decimals; null when not ranked. */
  score: z.number().nullable(),
  /** Why a hall is not ranked: no ticket issued in the month. */
  unranked: z.enum(['no-activity']).nullable(),
  values: assessmentValuesSchema,
  /** The counts behind the values. */
  counts: z.object({
    issued: z.number().int(),
    served: z.number().int(),
    ratings: z.number().int(),
    followUpsOpened: z.number().int(),
    followUpsClosed: z.number().int(),
    followUpsClosedOnTime: z.number().int(),
    workingDays: z.number().int(),
    openDays: z.number().int(),
  }),
});
export type CityRankingRow = z.infer<typeof cityRankingRowSchema>;

export const cityRankingSchema = z.object({
  month: monthSchema,
  from: hallDaySchema,
  to: hallDaySchema,
  area: z.string(),
  weights: assessmentWeightsSchema,
  /** Rows ordered by level (city, county, township, village), then rank (unranked last), then hall id. */
  rows: z.array(cityRankingRowSchema),
});
export type CityRanking = z.infer<typeof cityRankingSchema>;

// ---- 督办 of bad ratings ----

/** GET /api/city/follow-ups?area=&overdue=true|false (true: only overdue ones) */
export const cityFollowUpsQuerySchema = z.object({
  area: optionalArea,
  overdue: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
});

/** POST /api/city/follow-ups/:id/supervise */
export const superviseBodySchema = z.object({ message: z.string().trim().min(1, 'message is required').max(500) });
export type SuperviseBody = z.infer<typeof superviseBodySchema>;

/** One 督办 reminder as the city logged it (and as the hall acknowledged it). */
export const citySupervisionSchema = z.object({
  id: z.number().int(),
  /** The city-wide follow-up id (CityFollowUp.id). */
  followUpId: z.number().int(),
  hallId: z.number().int(),
  message: z.string(),
  by: z.string(),
  at: isoTimeSchema,
  /** When the hall pulled it (null until then) and when its manager marked it read. */
  receivedAt: isoTimeSchema.nullable(),
  acknowledgedAt: isoTimeSchema.nullable(),
});
export type CitySupervision = z.infer<typeof citySupervisionSchema>;

/** One open follow-up of a bad rating, of any hall under the area; the list puts overdue ones first. */
export const cityFollowUpSchema = z.object({
  /** City-wide id (hall follow-up ids repeat from hall to hall): the :id of supervise. */
  id: z.number().int(),
  hallId: z.number().int(),
  hallName: z.string(),
  hallLevel: hallLevelSchema,
  areaCode: areaCodeSchema,
  /** The hall's own follow-up id. */
  hallFollowUpId: z.number().int(),
  ticketNumber: z.string().nullable(),
  hallDay: hallDaySchema.nullable(),
  serviceCode: z.string().nullable(),
  score: z.number().int().nullable(),
  comment: z.string().nullable(),
  openedAt: isoTimeSchema,
  dueDay: hallDaySchema,
  overdue: z.boolean(),
  /** Working days past the due day (city holiday calendar), 0 when not overdue. */
  daysOverdue: z.number().int(),
  /** Working days left to the due day, 0 when due today or overdue. */
  workingDaysLeft: z.number().int(),
  supervisions: z.array(citySupervisionSchema),
});
export type CityFollowUp = z.infer<typeof cityFollowUpSchema>;

// ---- 好差评 export (GB/T 39046-2020 Table 9) ----

/** GET /api/city/exports/evaluations.csv|.jsonl?from&to&area= */
export const evaluationsExportQuerySchema = z.object({ from: hallDaySchema, to: hallDaySchema, area: optionalArea });

/** Channel names of Table 9 for the hall's rating channels. */
export const EVALUATION_CHANNEL_NAMES = { pad: '政务大厅平板电脑', kiosk: '政务大厅其他终端', qr: '二维码' } as const;

/**
 * One evaluation: a JSON line of evaluations.jsonl. The CSV has the same fields in this order under
 * the Chinese headers 办件编号,评价渠道,评价人,评价时间,评价次数,满意度代码,文字评价,行政区划.
 */
export const evaluationExportRowSchema = z.object({
  /** 办件编号: the one staff typed at finish, else `<area code>-<hall id>-<hall day YYYYMMDD>-<ticket number>`. */
  caseNumber: z.string(),
  /** 评价渠道 (EVALUATION_CHANNEL_NAMES). */
  channel: z.string(),
  /** 评价人: 匿名 (no visitor names in v1). */
  evaluator: z.string(),
  /** 评价时间 YYYYMMDDThhmmss in the hall's time zone. */
  evaluatedAt: z.string().regex(/^\d{8}T\d{6}$/),
  /** 评价次数. */
  count: z.number().int(),
  /** 满意度代码: 1 非常满意, 2 满意, 3 基本满意, 4 不满意, 5 非常不满意 (= 6 − the 1–5 score). */
  satisfactionCode: z.number().int().min(1).max(5),
  /** 文字评价. */
  comment: z.string(),
  /** 行政区划: the hall's area code. */
  areaCode: areaCodeSchema,
});
export type EvaluationExportRow = z.infer<typeof evaluationExportRowSchema>;
export const EVALUATION_CSV_HEADERS = ['办件编号', '评价渠道', '评价人', '评价时间', '评价次数', '满意度代码', '文字评价', '行政区划'] as const;

// ---- administration (admin only) ----

/** GET /api/city/admin/users */
export const cityAdminUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  role: cityRoleSchema,
  areaCode: areaCodeSchema,
  disabled: z.boolean(),
  createdAt: isoTimeSchema,
});
export type CityAdminUser = z.infer<typeof cityAdminUserSchema>;

const usernameSchema = z.string().regex(/^[A-Za-z0-9_.-]{2,40}$/, 'username: 2–40 letters, digits, _ . -');
const passwordSchema = z.string().min(8, 'password: at least 8 characters').max(200);

/** POST /api/city/admin/users → 201 CityAdminUser (409 username-taken). */
export const cityAddUserBodySchema = z.object({ username: usernameSchema, password: passwordSchema, role: cityRoleSchema, areaCode: areaCodeSchema });
export type CityAddUserBody = z.infer<typeof cityAddUserBodySchema>;

/** PATCH /api/city/admin/users/:id → CityAdminUser. Disabling ends the user's sessions at once. */
export const cityUpdateUserBodySchema = z
  .object({ role: cityRoleSchema.optional(), areaCode: areaCodeSchema.optional(), disabled: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.areaCode !== undefined || b.disabled !== undefined, 'nothing to change');
export type CityUpdateUserBody = z.infer<typeof cityUpdateUserBodySchema>;

/** POST /api/city/admin/users/:id/password → 204; the user's sessions end. */
export const cityResetPasswordBodySchema = z.object({ password: passwordSchema });

/** POST /api/city/admin/areas → 201 `{ code }`. */
export const cityAddAreaBodySchema = z.object({
  code: areaCodeSchema,
  name: z.string().trim().min(1).max(100),
  level: hallLevelSchema,
  parentCode: areaCodeSchema.nullable(),
});
export type CityAddAreaBody = z.infer<typeof cityAddAreaBodySchema>;

/** GET /api/city/admin/halls: every hall with its enrollment state. */
export const cityAdminHallSchema = cityHallViewSchema.pick({ id: true, name: true, level: true, areaCode: true, enrolled: true, revoked: true, lastSeenAt: true, ackSeq: true }).extend({
  /** An unused, unexpired enrollment code is waiting (its expiry), else null. */
  pendingCodeExpiresAt: isoTimeSchema.nullable(),
});
export type CityAdminHall = z.infer<typeof cityAdminHallSchema>;

/** POST /api/city/admin/halls → 201 CityEnrollmentCode. */
export const cityAddHallBodySchema = z.object({ name: z.string().trim().min(1).max(100), level: hallLevelSchema, areaCode: areaCodeSchema });
export type CityAddHallBody = z.infer<typeof cityAddHallBodySchema>;

/** POST /api/city/admin/halls (201), /:id/rekey (200): the one-time code, shown once, valid 7 days. */
export const cityEnrollmentCodeSchema = z.object({ hallId: z.number().int(), enrollmentCode: z.string(), expiresAt: isoTimeSchema });
export type CityEnrollmentCode = z.infer<typeof cityEnrollmentCodeSchema>;
// POST /api/city/admin/halls/:id/revoke → 204.

// ---- live (socket.io on the city server, default path) ----

/**
 * Socket: connect with `auth: { token }` (the bearer token); emit `subscribe` `{ area? }` (ack
 * `{ ok: true }` or `{ ok: false, error: { code, message } }`, 403 `forbidden` outside the user's area);
 * the server emits `hall-live` (CityHallView) whenever a hall under that area pushes.
 */
export const CITY_SOCKET_EVENTS = { subscribe: 'subscribe', hallLive: 'hall-live' } as const;
export const citySubscribeSchema = z.object({ area: optionalArea });
export type CitySubscribe = z.infer<typeof citySubscribeSchema>;
// The 督办 reminders a hall pulls: pullSupervisionSchema in sync.ts.
