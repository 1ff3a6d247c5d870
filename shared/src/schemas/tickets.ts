import { z } from 'zod';
import {
  hallDaySchema, isoTimeSchema, outcomeSchema, prioritySchema, priorityReasonSchema, serviceCodeSchema, ticketStateSchema,
} from './common';

/** POST /api/tickets: the kiosk sends a fresh requestId per tap; a retry with the same id gets the same ticket. */
export const issueTicketBodySchema = z.object({
  serviceCode: serviceCodeSchema,
  priority: prioritySchema.optional(),
  priorityReason: priorityReasonSchema.optional(),
  requestId: z.string().min(8).max(100),
});
export type IssueTicketBody = z.infer<typeof issueTicketBodySchema>;

/** 验证码 printed beside a ticket's number: exactly four digits. */
export const checkCodeSchema = z.string().regex(/^\d{4}$/);

export const issuedTicketSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  serviceCode: z.string(),
  priority: prioritySchema,
  waitingAhead: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  issuedAt: isoTimeSchema,
  trackingCode: z.string(),
  /** 验证码: four digits printed beside the number; a kiosk rating by number needs them. Null only for tickets issued before it existed. */
  checkCode: checkCodeSchema.nullable(),
  hallName: z.string(),
  serviceName: z.string(),
  ticketNotes: z.string(),
  trackingUrl: z.string(),
  /** Issue 12: a booking checked in at the kiosk (预约签到) carries its slot; printed and shown as 预约. */
  booking: z.object({ slotStart: isoTimeSchema, slotEnd: isoTimeSchema }).optional(),
});
export type IssuedTicket = z.infer<typeof issuedTicketSchema>;

/** A ticket as staff screens see it. */
export const ticketSchema = z.object({
  id: z.number().int(),
  hallDay: hallDaySchema,
  number: z.string(),
  serviceCode: z.string(),
  originalServiceCode: z.string(),
  priority: prioritySchema,
  state: ticketStateSchema,
  issuedAt: isoTimeSchema,
  calledAt: isoTimeSchema.nullable(),
  startedAt: isoTimeSchema.nullable(),
  finishedAt: isoTimeSchema.nullable(),
  counterId: z.number().int().nullable(),
  staffId: z.number().int().nullable(),
  recallCount: z.number().int(),
  outcome: outcomeSchema.nullable(),
  note: z.string().nullable(),
  rated: z.boolean(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const finishBodySchema = z.object({
  outcome: outcomeSchema.optional(),
  note: z.string().max(500).optional(),
  /** Issue 11: the 办件编号 of the matter handled (optional; blank means none: the city export then generates one). */
  caseNumber: z.string().trim().max(64).regex(/^[^\u0000-\u001f\u007f]*$/, 'caseNumber: no control characters').optional(),
});
export type FinishBody = z.infer<typeof finishBodySchema>;

export const transferBodySchema = z.object({ serviceCode: serviceCodeSchema });
export const callChosenBodySchema = z.object({ ticketId: z.number().int().positive() });

/** GET /api/track/:trackingCode: the visitor's own ticket, nothing else. */
export const trackViewSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  state: ticketStateSchema,
  waitingAhead: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  counterName: z.string().nullable(),
  issuedAt: isoTimeSchema,
  calledAt: isoTimeSchema.nullable(),
  canRate: z.boolean(),
  rated: z.boolean(),
  hallName: z.string(),
  checkCode: checkCodeSchema.nullable(),
  /** Who served the visitor, shown while rating (您正在评价：1号窗口 张伟 工号 0103). */
  staffName: z.string().nullable(),
  staffNo: z.string().nullable(),
  /** What to bring (请携带…), the service's ticket notes; '' from a hall that predates the field. */
  ticketNotes: z.string().default(''),
});
export type TrackView = z.infer<typeof trackViewSchema>;

/**
 * GET /api/tickets/lookup?number=A012&checkCode=1234: the kiosk's 评价服务 finds today's ticket by its
 * number; with `checkCode` the code is checked too (wrong codes count against the guess limits).
 */
export const ticketLookupQuerySchema = z.object({ number: z.string().min(2).max(10), checkCode: checkCodeSchema.optional() });
export const ticketLookupSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  state: ticketStateSchema,
  canRate: z.boolean(),
  rated: z.boolean(),
  counterName: z.string().nullable(),
  staffName: z.string().nullable(),
  staffNo: z.string().nullable(),
});
export type TicketLookup = z.infer<typeof ticketLookupSchema>;
