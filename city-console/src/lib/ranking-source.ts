import { ApiError, ASSESSMENT_INDICATORS, type AssessmentIndicator } from '@hall/shared';
import { DEFAULT_ASSESSMENT_WEIGHTS, monthRange, rankHalls } from '@hall/shared/reports';
import type { CityApi } from './api';
import type { AssessmentWeights, CityRanking } from './types';

export const INDICATORS: readonly AssessmentIndicator[] = ASSESSMENT_INDICATORS;

/** A weight as its share of all weights, in whole percent (weights are relative). */
export function weightShare(weights: AssessmentWeights, indicator: AssessmentIndicator): number {
  const sum = INDICATORS.reduce((n, key) => n + weights[key], 0);
  return sum === 0 ? 0 : Math.round((weights[indicator] / sum) * 100);
}

/**
 * The month's ranking from GET /api/city/ranking. A city server without the route yet (404) gets
 * the month's summary ranked by the shared 考评 functions over the indicators the summary has
 * (满意度, service level, no-show rate): `provisional`.
 */
export async function loadRanking(api: CityApi, month: string, area: string | undefined): Promise<CityRanking & { provisional: boolean }> {
  try {
    return { ...(await api.ranking(month, area)), provisional: false };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404 && error.code === 'not-found')) throw error;
  }
  const { from, to } = monthRange(month);
  const summary = await api.summary(from, to, area);
  const weights = DEFAULT_ASSESSMENT_WEIGHTS;
  const inputs = summary.byHall.map((h) => ({
    hallId: h.hallId, level: h.level, issued: h.issued,
    values: { satisfaction: h.satisfaction.satisfiedRate, followUpRate: null, onTimeRate: null, serviceLevel: h.serviceLevel, noShowRate: h.noShowRate, coverage: null },
  }));
  const byId = new Map(summary.byHall.map((h) => [h.hallId, h]));
  const values = new Map(inputs.map((i) => [i.hallId, i.values]));
  const rows = rankHalls(inputs, weights).map((result) => {
    const hall = byId.get(result.hallId)!;
    return {
      ...result, name: hall.name, areaCode: hall.areaCode, values: values.get(result.hallId)!,
      counts: { issued: hall.issued, served: hall.served, ratings: hall.satisfaction.count, followUpsOpened: 0, followUpsClosed: 0, followUpsClosedOnTime: 0, workingDays: 0, openDays: 0 },
    };
  });
  return { month, from, to, area: summary.area, weights, rows, provisional: true };
}
