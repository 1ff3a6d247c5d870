import { z } from 'zod';
import {
  COUNTER_STATES, DEVICE_KINDS, OUTCOMES, PRINTER_STATES, PRIORITIES, PRIORITY_REASONS, ROLES, TICKET_STATES,
} from '../domain/enums';
import { isHallDay } from '../domain/hall-day';

export const serviceCodeSchema = z.string().regex(/^[A-Z]{1,2}$/, 'service code is one or two capital letters');
export const ticketStateSchema = z.enum(TICKET_STATES);
export const prioritySchema = z.enum(PRIORITIES);
export const priorityReasonSchema = z.enum(PRIORITY_REASONS);
export const outcomeSchema = z.enum(OUTCOMES);
export const counterStateSchema = z.enum(COUNTER_STATES);
export const roleSchema = z.enum(ROLES);
export const deviceKindSchema = z.enum(DEVICE_KINDS);
export const printerStateSchema = z.enum(PRINTER_STATES);
export const hallDaySchema = z.string().refine(isHallDay, 'expected a date as YYYY-MM-DD');
export const idParamSchema = z.object({ id: z.coerce.number().int().positive().max(2 ** 31) });
export const isoTimeSchema = z.string();

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** A failed parse as the detail of a 400 `bad-request`: the first five issues, each `path: message`. */
export function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
