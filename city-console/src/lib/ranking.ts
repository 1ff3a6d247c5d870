import { LEVELS } from './levels';
import type { HallFigures, Level, RankingRow, RankingWeights } from './types';

/** The weights a new city starts with (percent, summing to 100); the admin sets the city's own. */
export const DEFAULT_WEIGHTS: RankingWeights = { satisfaction: 30, followUpRate: 15, onTimeRate: 15, serviceLevel: 20, noShowRate: 10, coverage: 10 };
export const INDICATORS = Object.keys(DEFAULT_WEIGHTS) as (keyof RankingWeights)[];

/** An indicator as 0–100 points: satisfaction maps 1–5 onto 0–100; for the no-show rate, fewer is better. */
export function points(indicator: keyof RankingWeights, value: number | null): number | null {
  if (value === null) return null;
  if (indicator === 'satisfaction') return ((value - 1) / 4) * 100;
  if (indicator === 'noShowRate') return (1 - value) * 100;
  return value * 100;
}

/**
 * 综合得分: the weighted mean of the indicators a hall has (an indicator without data leaves the
 * weighting, so a quiet village room is not punished for what it could not measure).
 */
export function compositeScore(row: Omit<RankingRow, 'rank' | 'score'>, weights: RankingWeights): number | null {
  let sum = 0;
  let weight = 0;
  for (const indicator of INDICATORS) {
    const p = points(indicator, row[indicator]);
    if (p === null || weights[indicator] <= 0) continue;
    sum += p * weights[indicator];
    weight += weights[indicator];
  }
  return weight === 0 ? null : Math.round((sum / weight) * 100) / 100;
}

/** Ranks within each level only (a township station is never ranked against the city hall); ties share a rank (1, 2, 2, 4). */
export function rankWithinLevels(rows: readonly Omit<RankingRow, 'rank'>[]): RankingRow[] {
  const out: RankingRow[] = [];
  for (const level of LEVELS) {
    const of = rows.filter((r) => r.level === level).toSorted((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'zh'));
    let previous: number | null = null;
    let rank = 0;
    of.forEach((row, i) => {
      if (row.score === null) return void out.push({ ...row, rank: null });
      if (row.score !== previous) rank = i + 1;
      previous = row.score;
      out.push({ ...row, rank });
    });
  }
  return out;
}

/**
 * A month's ranking from the halls' figures alone (satisfaction, service level, no-show rate), for
 * when the city server offers no ranking yet: follow-up and coverage figures stay empty.
 */
export function rankingFromFigures(halls: readonly HallFigures[], weights: RankingWeights): RankingRow[] {
  return rankWithinLevels(halls.map((h) => {
    const row = {
      hallId: h.hallId, name: h.name, level: h.level as Level, areaCode: h.areaCode,
      satisfaction: h.satisfaction.average, followUpRate: null, onTimeRate: null, serviceLevel: h.serviceLevel,
      noShowRate: h.issued === 0 ? null : h.noShowRate, coverage: null,
    };
    return { ...row, score: h.issued === 0 && h.satisfaction.count === 0 ? null : compositeScore(row, weights) };
  }));
}

/** First and last day of a month (YYYY-MM). */
export function monthRange(month: string): { from: string; to: string } {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
