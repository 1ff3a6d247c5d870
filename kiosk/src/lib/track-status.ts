import type { TrackView } from '@hall/shared';
import { t, type Lang } from '../i18n';

export type TrackTone = 'waiting' | 'called' | 'serving' | 'done' | 'problem';

export interface TrackStatus {
  headline: string;
  tone: TrackTone;
  /** Show people ahead and the estimate (only while waiting). */
  showQueue: boolean;
  /** Show the rating form. */
  showRating: boolean;
}

/** What the visitor's phone says for the ticket's state. */
export function trackStatus(view: TrackView, lang: Lang): TrackStatus {
  const counter = view.counterName ?? '';
  switch (view.state) {
    case 'waiting':
      return { headline: t(lang, 'trackWaiting'), tone: 'waiting', showQueue: true, showRating: false };
    case 'called':
      return { headline: t(lang, 'trackCalled', { counter }), tone: 'called', showQueue: false, showRating: false };
    case 'serving':
      return { headline: t(lang, 'trackServing', { counter }), tone: 'serving', showQueue: false, showRating: false };
    case 'parked':
      return { headline: t(lang, 'trackParked'), tone: 'problem', showQueue: false, showRating: false };
    case 'no_show':
      return { headline: t(lang, 'trackNoShow'), tone: 'problem', showQueue: false, showRating: false };
    case 'cancelled':
      return { headline: t(lang, 'trackCancelled'), tone: 'problem', showQueue: false, showRating: false };
    case 'done':
      return {
        headline: view.rated ? t(lang, 'trackRated') : t(lang, 'trackDone'),
        tone: 'done', showQueue: false, showRating: view.canRate,
      };
  }
}

/** The tracking code of the phone page's own address, /t/<code>. */
export function trackingCodeFromPath(pathname: string): string | null {
  const match = /\/t\/([A-Za-z0-9_-]{10,64})\/?$/.exec(pathname);
  return match ? match[1]! : null;
}
