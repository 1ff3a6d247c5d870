import { formatTicketNumber } from '@hall/shared';
import { localMidnight } from '../reports/local-time';
import type { SeedRating, SeedTicket } from '../repos/year-seed-repo';

/** What the generator needs to know about the hall. */
export interface YearHall {
  services: { code: string; prefix: string }[];
  counters: { id: number; services: string[]; staffId: number | null }[];
  staffIds: number[];
  managerId: number | null;
}

export interface DayOptions {
  /** Mean tickets per working day before weekday and season factors. */
  perDay: number;
  timeZone: string;
  /** Follow-up deadline for a bad rating given on a day. */
  dueDay: (day: string) => string;
  /** Now: decides which follow-ups are still open. */
  today: string;
}

/** A small fast seeded PRNG (mulberry32): the same seed gives the same year. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Arrivals per half hour from 08:30 to 17:30: peaks 9–11 and 14–16, a lunch dip.
const SLOT_WEIGHTS = [6, 10, 12, 12, 11, 9, 6, 3, 2, 3, 5, 9, 11, 11, 9, 6, 4, 2];
const SLOT_TOTAL = SLOT_WEIGHTS.reduce((a, b) => a + b, 0);
const SLOT_MAX = Math.max(...SLOT_WEIGHTS);
const SERVICE_MIX: Record<string, number> = { A: 18, B: 22, C: 12, D: 6, E: 8, F: 34 };
// Mean service minutes per service and how much each service's queue suffers at peaks.
const SERVICE_MINUTES: Record<string, number> = { A: 16, B: 13, C: 24, D: 11, E: 8, F: 12 };
const PEAK_FACTOR: Record<string, number> = { A: 1, B: 1.3, C: 1.1, D: 0.8, E: 0.7, F: 0.9 };
const WEEKDAY_FACTOR = [0, 1.15, 1.05, 1, 0.95, 0.85, 0];
const BAD_COMMENTS = ['等待时间太长', '工作人员态度不好', '材料要求没有一次说清楚', '窗口经常没人', '办理太慢'];
const FOLLOW_UP_OUTCOMES = ['已电话回访，向群众致歉并说明情况', '已回访，整改：高峰期增开窗口', '已回访，一次性告知材料清单已张贴', '已回访，群众表示理解'];

const pickWeighted = (rng: () => number, weights: readonly number[], total: number) => {
  let r = rng() * total;
  for (let i = 0; i < weights.length; i += 1) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
};
const exponential = (rng: () => number, mean: number) => -Math.log(1 - rng()) * mean;
const clampScore = (n: number) => Math.min(5, Math.max(1, Math.round(n)));

/** One realistic working day of tickets with ratings and follow-ups, in issue order. */
export function generateDay(day: string, hall: YearHall, rng: () => number, options: DayOptions, randomCode: () => string) {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const month = Number(day.slice(5, 7));
  const season = month === 1 || month === 2 ? 0.8 : month === 7 || month === 8 ? 0.9 : 1.05;
  const count = Math.round(options.perDay * (WEEKDAY_FACTOR[weekday] ?? 1) * season * (0.9 + rng() * 0.2));
  const midnight = localMidnight(day, options.timeZone);
  const open = midnight + 8.5 * 3_600_000;
  const close = midnight + 17.5 * 3_600_000;
  const codes = hall.services.map((s) => s.code);
  const mix = codes.map((code) => SERVICE_MIX[code] ?? 10);
  const mixTotal = mix.reduce((a, b) => a + b, 0);
  const countersOf = new Map(codes.map((code) => [code, hall.counters.filter((c) => c.services.includes(code))]));

  const drafts: { code: string; issuedAt: number; slot: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    const slot = pickWeighted(rng, SLOT_WEIGHTS, SLOT_TOTAL);
    drafts.push({ code: codes[pickWeighted(rng, mix, mixTotal)]!, issuedAt: open + slot * 1_800_000 + Math.floor(rng() * 1_800_000), slot });
  }
  drafts.sort((a, b) => a.issuedAt - b.issuedAt);

  const sequences = new Map<string, number>();
  const out: { ticket: SeedTicket; rating: SeedRating | null }[] = [];
  for (const draft of drafts) {
    const service = hall.services.find((s) => s.code === draft.code)!;
    const seq = (sequences.get(service.prefix) ?? 0) + 1;
    sequences.set(service.prefix, seq);
    const load = (SLOT_WEIGHTS[draft.slot]! / SLOT_MAX) ** 2;
    const waitSeconds = Math.min(3 * 3600, Math.round(exponential(rng, 180 + 1500 * load * (PEAK_FACTOR[draft.code] ?? 1))));
    const cancelled = rng() < 0.01 || draft.issuedAt + waitSeconds * 1000 > close + 1_800_000;
    const counters = countersOf.get(draft.code) ?? [];
    const counter = counters.length === 0 ? null : counters[Math.floor(rng() * counters.length)]!;
    const staffId = counter === null ? null : rng() < 0.08 || counter.staffId === null ? (hall.staffIds[Math.floor(rng() * hall.staffIds.length)] ?? null) : counter.staffId;
    // The kiosk's promise: right on average, off by up to half either way.
    const estimatedWaitSeconds = Math.round((waitSeconds * (0.55 + rng() * 0.9)) / 60) * 60;
    const base = {
      hallDay: day, number: formatTicketNumber(service.prefix, seq), serviceCode: draft.code,
      priority: (rng() < 0.05 ? 'priority' : 'normal') as SeedTicket['priority'], issuedAt: draft.issuedAt,
      trackingCode: randomCode(), estimatedWaitSeconds,
    };
    if (cancelled || counter === null) {
      out.push({ ticket: { ...base, state: 'cancelled', calledAt: null, startedAt: null, finishedAt: close, counterId: null, staffId: null, recallCount: 0, outcome: null }, rating: null });
      continue;
    }
    const calledAt = draft.issuedAt + waitSeconds * 1000 + Math.floor(rng() * 1000);
    if (rng() < 0.04) {
      out.push({ ticket: { ...base, state: 'no_show', calledAt, startedAt: null, finishedAt: calledAt + 180_000, counterId: counter.id, staffId, recallCount: 2, outcome: null }, rating: null });
      continue;
    }
    const startedAt = calledAt + 20_000 + Math.floor(rng() * 70_000);
    const finishedAt = startedAt + Math.round(exponential(rng, (SERVICE_MINUTES[draft.code] ?? 12) * 60_000) * 0.7 + 90_000);
    const outcome = (rng() < 0.86 ? 'resolved' : rng() < 0.7 ? 'pending' : 'referred') as SeedTicket['outcome'];
    const ticket: SeedTicket = { ...base, state: 'done', calledAt, startedAt, finishedAt, counterId: counter.id, staffId, recallCount: rng() < 0.1 ? 1 : 0, outcome };
    out.push({ ticket, rating: rng() < 0.45 ? rating(rng, ticket, waitSeconds, options, hall) : null });
  }
  return out;
}

function rating(rng: () => number, ticket: SeedTicket, waitSeconds: number, options: DayOptions, hall: YearHall): SeedRating {
  // Long waits make bad ratings likelier, as halls see.
  const penalty = waitSeconds > 2400 ? 0.06 : 0;
  const r = rng();
  const score = r < 0.015 + penalty / 2 ? 1 : r < 0.04 + penalty ? 2 : r < 0.1 + penalty ? 3 : r < 0.3 + penalty ? 4 : 5;
  const dims = rng() < 0.5;
  const near = () => (dims ? clampScore(score + (rng() - 0.5) * 1.6) : null);
  const createdAt = ticket.finishedAt + 10_000 + Math.floor(rng() * 50_000);
  let followUp: SeedRating['followUp'] = null;
  if (score <= 2) {
    const dueDay = options.dueDay(ticket.hallDay);
    const dueAt = Date.parse(`${dueDay}T09:00:00Z`);
    const pending = dueDay >= options.today && rng() < 0.5;
    const stillOpen = pending || rng() < 0.02;
    const late = !stillOpen && rng() < 0.05;
    const closedAtDrawn = stillOpen ? null : late ? dueAt + (1 + Math.floor(rng() * 4)) * 86_400_000 : createdAt + Math.floor(rng() * (dueAt - createdAt));
    // A follow-up is never closed later than now: one that would close in the future is still open.
    const closedAt = closedAtDrawn !== null && closedAtDrawn >= localMidnight(options.today, options.timeZone) ? null : closedAtDrawn;
    followUp = {
      dueDay, closedAt, closedBy: closedAt === null ? null : hall.managerId,
      outcome: closedAt === null ? null : FOLLOW_UP_OUTCOMES[Math.floor(rng() * FOLLOW_UP_OUTCOMES.length)]!,
    };
  }
  return {
    score, attitude: near(), efficiency: near(), policy: near(), competence: near(),
    comment: score <= 2 ? BAD_COMMENTS[Math.floor(rng() * BAD_COMMENTS.length)]! : null, createdAt, followUp,
  };
}
