import type { RatingBody, RatingDimension, Score } from '@hall/shared';
import type { StringKey } from '../i18n';

export interface RatingDraft {
  score: Score | null;
  dimensions: Partial<Record<RatingDimension, number>>;
  comment: string;
}

export const emptyDraft = (): RatingDraft => ({ score: null, dimensions: {}, comment: '' });

export const SCORE_LABELS: Record<Score, StringKey> = { 5: 'score5', 4: 'score4', 3: 'score3', 2: 'score2', 1: 'score1' };

/** The body of POST /api/tickets/:id/rating; null until the visitor picked the overall score (the only required part). */
export function ratingBody(draft: RatingDraft, trackingCode?: string): RatingBody | null {
  if (draft.score === null) return null;
  const body: RatingBody = { score: draft.score };
  for (const [dimension, value] of Object.entries(draft.dimensions)) {
    if (value !== undefined && value >= 1 && value <= 5) body[dimension as RatingDimension] = value;
  }
  const comment = draft.comment.trim().slice(0, 500);
  if (comment) body.comment = comment;
  if (trackingCode) body.trackingCode = trackingCode;
  return body;
}

/** A quick-comment chip adds its phrase once; tapping it again takes it out. */
export function toggleChip(comment: string, phrase: string): string {
  const phrases = comment.split('；').map((p) => p.trim()).filter(Boolean);
  const next = phrases.includes(phrase) ? phrases.filter((p) => p !== phrase) : [...phrases, phrase];
  return next.join('；');
}
