import { ASSESSMENT_INDICATORS, type AssessmentIndicator } from '@hall/shared';
import type { AssessmentWeights } from './types';

export const INDICATORS: readonly AssessmentIndicator[] = ASSESSMENT_INDICATORS;

/** A weight as its share of all weights, in whole percent (the city's weights are relative). */
export function weightShare(weights: AssessmentWeights, indicator: AssessmentIndicator): number {
  const sum = INDICATORS.reduce((n, key) => n + weights[key], 0);
  return sum === 0 ? 0 : Math.round((weights[indicator] / sum) * 100);
}
