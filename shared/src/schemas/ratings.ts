import { z } from 'zod';

const dimensionScore = z.number().int().min(1).max(5);

/** A mainland mobile or a landline with its area code; spaces and dashes typed between digits are dropped. */
export const contactPhoneSchema = z
  .string()
  .max(20)
  .transform((text) => text.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}\d{7,8})$/, 'a mobile (11 digits) or a landline with its area code'));

/**
 * POST /api/tickets/:id/rating. A phone (no device token) proves itself with the ticket's trackingCode;
 * a kiosk with the scanned trackingCode or the 4-digit checkCode printed beside the number.
 */
export const ratingBodySchema = z.object({
  score: z.number().int().min(1).max(5),
  attitude: dimensionScore.optional(),
  efficiency: dimensionScore.optional(),
  policy: dimensionScore.optional(),
  competence: dimensionScore.optional(),
  comment: z.string().max(500).optional(),
  trackingCode: z.string().max(64).optional(),
  checkCode: z.string().regex(/^\d{4}$/).optional(),
  /**
   * A phone number the visitor leaves for the follow-up call (optional, issue 13.3): a mobile
   * (13812345678) or a landline with area code (0371-12345678). Personal data: kept in the hall only.
   */
  contactPhone: contactPhoneSchema.optional(),
});
export type RatingBody = z.infer<typeof ratingBodySchema>;

export const ratingSchema = z.object({
  id: z.number().int(),
  ticketId: z.number().int(),
  score: z.number().int(),
  attitude: z.number().int().nullable(),
  efficiency: z.number().int().nullable(),
  policy: z.number().int().nullable(),
  competence: z.number().int().nullable(),
  comment: z.string().nullable(),
  createdAt: z.string(),
  excluded: z.boolean(),
  followUpId: z.number().int().nullable(),
});
export type Rating = z.infer<typeof ratingSchema>;
/** What a visitor gave: the score, the four dimensions (null when not asked or skipped) and the comment. */
export type RatingValues = Pick<Rating, 'score' | 'attitude' | 'efficiency' | 'policy' | 'competence' | 'comment'>;

export const excludeRatingBodySchema = z.object({ reason: z.string().trim().min(2).max(500) });
export const closeFollowUpBodySchema = z.object({ outcome: z.string().trim().min(2).max(2000) });

export const followUpSchema = z.object({
  id: z.number().int(),
  ratingId: z.number().int(),
  ticketId: z.number().int(),
  ticketNumber: z.string(),
  hallDay: z.string(),
  serviceCode: z.string(),
  counterName: z.string().nullable(),
  staffName: z.string().nullable(),
  score: z.number().int(),
  comment: z.string().nullable(),
  /** The phone the visitor left for the call back, or null. */
  contactPhone: z.string().nullable(),
  openedAt: z.string(),
  dueDay: z.string(),
  overdue: z.boolean(),
  /** Working days to the deadline (超期 when negative), from the hall calendar; null once closed. */
  workingDaysLeft: z.number().int().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  outcome: z.string().nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;
