import { BAD_RATING_MAX_SCORE, contactPhoneSchema, type RatingBody, type RatingDimension, type Score } from '@hall/shared';

/** What the visitor has chosen so far. Only the overall score is required. */
export interface RatingDraft {
  score: Score | null;
  dimensions: Partial<Record<RatingDimension, number>>;
  comment: string;
  /** A phone for the follow-up call, offered after a bad score where the app asks for it. */
  contact?: string;
}

/** Every word the form shows, from the app's own i18n table. */
export interface RatingFormText {
  ask: string;
  scores: Record<Score, string>;
  /** Marks the chosen face, so it reads as chosen without colour. */
  chosen: string;
  dimensionsTitle: string;
  dimensions: Record<RatingDimension, string>;
  starsOf: (dimension: string, stars: number) => string;
  commentLabel: string;
  /** Quick-comment chips, the same on kiosk, phone and pad. */
  chips: readonly string[];
  submit: string;
  submitting: string;
  chooseScoreFirst: string;
  /** Present where the form may ask for a phone after a bad score (pad, phone page): its label and its error. */
  contact?: { label: string; invalid: string };
}

export type RatingLayout = 'kiosk' | 'phone' | 'pad';

export const emptyDraft = (): RatingDraft => ({ score: null, dimensions: {}, comment: '' });

/** The body of POST /api/tickets/:id/rating without the proof (the app adds its own); null until a score is chosen. */
export function ratingBody(draft: RatingDraft): RatingBody | null {
  if (draft.score === null) return null;
  const body: RatingBody = { score: draft.score };
  for (const [dimension, value] of Object.entries(draft.dimensions)) {
    if (value !== undefined && value >= 1 && value <= 5) body[dimension as RatingDimension] = value;
  }
  const comment = draft.comment.trim().slice(0, 500);
  if (comment) body.comment = comment;
  const contact = draft.contact?.trim() ?? '';
  if (contact && draft.score <= BAD_RATING_MAX_SCORE) body.contactPhone = contact;
  return body;
}

/** Whether a typed phone will be refused: empty is fine (it is optional). */
export const contactInvalid = (contact: string | undefined) => (contact?.trim() ?? '') !== '' && !contactPhoneSchema.safeParse(contact).success;

/** A quick-comment chip adds its phrase once; tapping it again takes it out. */
export function toggleChip(comment: string, phrase: string): string {
  const phrases = comment.split('；').map((p) => p.trim()).filter(Boolean);
  const next = phrases.includes(phrase) ? phrases.filter((p) => p !== phrase) : [...phrases, phrase];
  return next.join('；');
}

/** Whether a chip's phrase is in the comment now. */
export const chipOn = (comment: string, phrase: string) => comment.split('；').map((p) => p.trim()).includes(phrase);

/**
 * The line that says whose service is being rated: 1号窗口 张伟（工号 0101）. Parts that are not
 * known are left out; null when nothing is known.
 */
export function servedByText(parts: { counterName: string | null; staffName: string | null; staffNo: string | null }, staffNoLabel: string): string | null {
  const staff = parts.staffName ? `${parts.staffName}${parts.staffNo ? `（${staffNoLabel} ${parts.staffNo}）` : ''}` : null;
  const text = [parts.counterName, staff].filter(Boolean).join(' ');
  return text === '' ? null : text;
}
