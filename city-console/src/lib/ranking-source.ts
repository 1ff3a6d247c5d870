import { ApiError } from '@hall/shared';
import type { CityApi } from './api';
import { DEFAULT_WEIGHTS, monthRange, rankingFromFigures } from './ranking';
import type { CityRanking } from './types';

const WEIGHTS_KEY = 'city.rankingWeights';

/** Weights kept in this browser until the city server stores them. */
export function storedWeights(): typeof DEFAULT_WEIGHTS {
  try {
    return { ...DEFAULT_WEIGHTS, ...(JSON.parse(localStorage.getItem(WEIGHTS_KEY) ?? '{}') as Partial<typeof DEFAULT_WEIGHTS>) };
  } catch {
    return DEFAULT_WEIGHTS;
  }
}

export function storeWeights(weights: typeof DEFAULT_WEIGHTS): void {
  localStorage.setItem(WEIGHTS_KEY, JSON.stringify(weights));
}

/**
 * The month's ranking: the city server's (GET /api/city/ranking) when it has one, else computed
 * here from the month's summary (`provisional`: follow-up and coverage indicators missing).
 */
export async function loadRanking(api: CityApi, month: string, area: string | undefined): Promise<CityRanking & { provisional: boolean }> {
  try {
    return { ...(await api.ranking(month, undefined, area)), provisional: false };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404 && error.code === 'not-found')) throw error;
  }
  const { from, to } = monthRange(month);
  const summary = await api.summary(from, to, area);
  const weights = storedWeights();
  return { month, weights, rows: rankingFromFigures(summary.byHall, weights), provisional: true };
}
