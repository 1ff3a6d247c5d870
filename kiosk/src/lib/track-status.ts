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
  /** Called: the counter to walk to, the biggest thing on the phone (请到 1号窗口). */
  goTo: string | null;
  /** Show what to bring (the service's ticket notes) while there is still time to fetch it. */
  showNotes: boolean;
}

/** What the visitor's phone says for the ticket's state. */
export function trackStatus(view: TrackView, lang: Lang): TrackStatus {
  const counter = view.counterName ?? '';
  const quiet = { showQueue: false, showRating: false, goTo: null, showNotes: false };
  switch (view.state) {
    case 'waiting':
      return { ...quiet, headline: t(lang, 'trackWaiting'), tone: 'waiting', showQueue: true, showNotes: true };
    case 'called':
      return view.counterName
        ? { ...quiet, headline: t(lang, 'trackCalledNow'), tone: 'called', goTo: view.counterName, showNotes: true }
        : { ...quiet, headline: t(lang, 'trackCalled', { counter }), tone: 'called', showNotes: true };
    case 'serving':
      return { ...quiet, headline: t(lang, 'trackServing', { counter }), tone: 'serving' };
    case 'parked':
      return { ...quiet, headline: t(lang, 'trackParked'), tone: 'problem' };
    case 'no_show':
      return { ...quiet, headline: t(lang, 'trackNoShow'), tone: 'problem' };
    case 'cancelled':
      return { ...quiet, headline: t(lang, 'trackCancelled'), tone: 'problem' };
    case 'done':
      return { ...quiet, headline: view.rated ? t(lang, 'trackRated') : t(lang, 'trackDone'), tone: 'done', showRating: view.canRate };
  }
}

/** The tracking code of the phone page's own address, /t/<code>. */
export function trackingCodeFromPath(pathname: string): string | null {
  const match = /\/t\/([A-Za-z0-9_-]{10,64})\/?$/.exec(pathname);
  return match ? match[1]! : null;
}
