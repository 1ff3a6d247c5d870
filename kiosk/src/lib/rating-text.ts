import type { RatingFormText } from '@hall/ui/rating-form';
import { t, type Lang, type StringKey } from '../i18n';

const CHIPS: StringKey[] = ['commentChipGood', 'commentChipWait', 'commentChipGuide', 'commentChipPlace'];

/** The shared rating form's words in the visitor's language, from the kiosk's table (kiosk and phone page). */
export function ratingText(lang: Lang): RatingFormText {
  return {
    ask: t(lang, 'rateAsk'),
    scores: { 5: t(lang, 'score5'), 4: t(lang, 'score4'), 3: t(lang, 'score3'), 2: t(lang, 'score2'), 1: t(lang, 'score1') },
    chosen: t(lang, 'chosen'),
    dimensionsTitle: t(lang, 'dimensionsTitle'),
    dimensions: { attitude: t(lang, 'attitude'), efficiency: t(lang, 'efficiency'), policy: t(lang, 'policy'), competence: t(lang, 'competence') },
    starsOf: (dimension, stars) => t(lang, 'starsOf', { dimension, n: stars }),
    commentLabel: t(lang, 'commentLabel'),
    chips: CHIPS.map((chip) => t(lang, chip)),
    submit: t(lang, 'submitRating'),
    submitting: t(lang, 'submitting'),
    chooseScoreFirst: t(lang, 'chooseScoreFirst'),
  };
}
