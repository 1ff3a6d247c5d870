import { z } from 'zod';
import { hallDaySchema } from './common';

export const reportRangeQuerySchema = z
  .object({ from: hallDaySchema, to: hallDaySchema })
  .refine((range) => range.from <= range.to, { message: 'from must not be after to' });
export type ReportRange = z.infer<typeof reportRangeQuerySchema>;
