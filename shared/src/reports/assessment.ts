import type { HallLevel } from '../domain/enums';
import type { AssessmentIndicator, AssessmentValues, AssessmentWeights } from '../schemas/city';

/**
 * The city's monthly 考评 of halls (pure): six quantified indicators, weights set by the admin, a
 * 0–100 score, and a rank within each level only (a township station is never ranked against the
 * city hall). Also the city's working-day calendar, for coverage and for days overdue.
 */

export const HALL_LEVEL_ORDER: readonly HallLevel[] = ['city', 'county', 'township', 'village'];

/** The weights a new city starts with (relative; they need not sum to 100). */
export const DEFAULT_ASSESSMENT_WEIGHTS: AssessmentWeights = {
  satisfaction: 30, followUpRate: 15, onTimeRate: 15, serviceLevel: 20, noShowRate: 10, coverage: 10,
};

export interface AssessmentInput {
  hallId: number;
  level: HallLevel;
  /** Tickets issued in the month: a hall with none is not ranked. */
  issued: number;
  values: AssessmentValues;
}

export interface AssessmentResult {
  hallId: number;
  level: HallLevel;
  /** 0–100 rounded to two decimals; null when not ranked. */
  score: number | null;
  /** 1-based within the level, ties (equal rounded score) share a rank (1, 2, 2, 4). */
  rank: number | null;
  rankedInLevel: number;
  unranked: 'no-activity' | null;
}

const INDICATORS: AssessmentIndicator[] = ['satisfaction', 'followUpRate', 'onTimeRate', 'serviceLevel', 'noShowRate', 'coverage'];

/**
 * A hall's score: Σ wᵢ·vᵢ ÷ Σ wᵢ × 100 over the indicators it has a value for (no bad rating in the
 * month means no 回访 figures: their weight goes to the others); the no-show rate counts as 1 − rate.
 * Null when no weighted indicator has a value.
 */
export function assessmentScore(values: AssessmentValues, weights: AssessmentWeights): number | null {
  let sum = 0;
  let weightSum = 0;
  for (const key of INDICATORS) {
    const value = values[key];
    const w = weights[key];
    if (value === null || w <= 0) continue;
    sum += w * (key === 'noShowRate' ? 1 - value : value);
    weightSum += w;
  }
  if (weightSum === 0) return null;
  return Math.round((sum / weightSum) * 10_000) / 100;
}

/** Scores every hall and ranks it among the halls of its own level. Order of the result: level, rank (unranked last), hall id. */
export function rankHalls(inputs: readonly AssessmentInput[], weights: AssessmentWeights): AssessmentResult[] {
  const results: AssessmentResult[] = [];
  for (const level of HALL_LEVEL_ORDER) {
    const scored = inputs
      .filter((input) => input.level === level)
      .map((input) => {
        const score = input.issued > 0 ? assessmentScore(input.values, weights) : null;
        return { hallId: input.hallId, level, score, unranked: score === null ? ('no-activity' as const) : null };
      });
    const ranked = scored.filter((s) => s.score !== null).sort((a, b) => b.score! - a.score! || a.hallId - b.hallId);
    const unranked = scored.filter((s) => s.score === null).sort((a, b) => a.hallId - b.hallId);
    ranked.forEach((entry, i) => {
      const rank = i > 0 && ranked[i - 1]!.score === entry.score ? results[results.length - 1]!.rank : i + 1;
      results.push({ ...entry, rank, rankedInLevel: ranked.length });
    });
    for (const entry of unranked) results.push({ ...entry, score: null, rank: null, rankedInLevel: ranked.length });
  }
  return results;
}

// ---- the city's calendar ----

/** The city's holiday calendar: public holidays off, weekend days made into workdays (调休). */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Monday–Friday unless a holiday, or a declared 调休 workday. */
export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days in [from, to], both included. */
export function workingDaysIn(from: string, to: string, calendar: WorkCalendar): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (isWorkingDay(day, calendar)) days.push(day);
  return days;
}

/**
 * Working days past the due day up to today (the due day itself is not late): due Friday, today the
 * next Tuesday → 2 (Monday, Tuesday). 0 when today is on or before the due day.
 */
export function workingDaysOverdue(dueDay: string, today: string, calendar: WorkCalendar): number {
  if (today <= dueDay) return 0;
  return workingDaysIn(addDays(dueDay, 1), today, calendar).length;
}

/** Working days from tomorrow up to the due day: due tomorrow 1, due today (or past) 0. */
export function workingDaysLeftTo(dueDay: string, today: string, calendar: WorkCalendar): number {
  if (today >= dueDay) return 0;
  return workingDaysIn(addDays(today, 1), dueDay, calendar).length;
}

/**
 * Working days between any two days of [from, to] in O(1) after one pass: `overdue(due, today)` and
 * `left(due, today)` give what workingDaysOverdue / workingDaysLeftTo give, for long lists.
 */
export function workingDayCounter(from: string, to: string, calendar: WorkCalendar) {
  const index = new Map<string, number>();
  let count = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(day, calendar)) count += 1;
    index.set(day, count);
  }
  /** Working days in (a, b] when both lie in the range; null otherwise. */
  const between = (a: string, b: string) => {
    const x = index.get(a);
    const y = index.get(b);
    return x === undefined || y === undefined ? null : y - x;
  };
  return {
    overdue: (dueDay: string, today: string) => (today <= dueDay ? 0 : between(dueDay, today) ?? workingDaysOverdue(dueDay, today, calendar)),
    left: (dueDay: string, today: string) => (today >= dueDay ? 0 : between(today, dueDay) ?? workingDaysLeftTo(dueDay, today, calendar)),
  };
}

/** First and last day of a `YYYY-MM` month. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from, to: `${month}-${String(last).padStart(2, '0')}` };
}
