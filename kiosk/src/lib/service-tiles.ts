import type { ServicesUpdatedEvent, ServiceView } from '@hall/shared';
import { t, type Lang } from '../i18n';

/** Why a tile is greyed, as the visitor reads it; null when the service takes numbers. */
export function closedText(view: Pick<ServiceView, 'open' | 'closedReason' | 'opensAt'>, lang: Lang): string | null {
  if (view.open && view.closedReason === null) return null;
  switch (view.closedReason) {
    case 'quota-full':
      return t(lang, 'closedQuota');
    case 'not-yet-open':
      return t(lang, 'closedNotYet', { time: view.opensAt });
    case 'after-hours':
      return t(lang, 'closedAfterHours');
    default:
      return t(lang, 'closedPaused');
  }
}

/**
 * Services that take numbers first, closed ones after, each group in the hall's order: a visitor never
 * pages through greyed tiles to find an open one (elderly mode shows three a page).
 */
export function closedLast<T extends Pick<ServiceView, 'open' | 'closedReason'>>(views: readonly T[]): T[] {
  const closed = (view: T) => closedText({ ...view, opensAt: '' }, 'zh') !== null;
  return [...views.filter((view) => !closed(view)), ...views.filter(closed)];
}

/** "等候 5 人 · 约 15 分钟", or a plain "nobody waiting" so an empty queue does not read as "约 0 分钟". */
export function waitingText(view: Pick<ServiceView, 'waiting' | 'estimatedWaitMinutes'>, lang: Lang): string {
  if (view.waiting === 0) return t(lang, 'waitingNone');
  return t(lang, 'waitingLine', { n: view.waiting, m: Math.max(1, view.estimatedWaitMinutes) });
}

/**
 * Folds a services:updated event (live counts, no descriptions) into the full views from
 * GET /api/services. A service whose open flag flipped needs its closedReason, which only
 * the HTTP view carries: the caller then fetches the list again.
 */
export function mergeLiveCounts(views: ServiceView[], live: ServicesUpdatedEvent['services']): { views: ServiceView[]; needsRefresh: boolean } {
  let needsRefresh = live.length !== views.length;
  const merged = views.map((view) => {
    const update = live.find((s) => s.code === view.code);
    if (!update) {
      needsRefresh = true;
      return view;
    }
    if (update.open !== view.open) needsRefresh = true;
    return { ...view, waiting: update.waiting, estimatedWaitMinutes: update.estimatedWaitMinutes, open: update.open };
  });
  return { views: merged, needsRefresh };
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

/** One page of tiles; the page number is clamped so a shrinking list never leaves an empty page. */
export function paginate<T>(items: readonly T[], page: number, perPage: number): Page<T> {
  const size = Math.max(1, perPage);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(current * size, current * size + size), page: current, pages };
}

/** Elderly mode shows fewer, larger tiles: three per page, stacked in portrait, side by side in landscape. */
export function tilesPerPage(orientation: 'portrait' | 'landscape', elderly: boolean): number {
  if (!elderly) return orientation === 'portrait' ? 8 : 6;
  return 3;
}
