import {
  assessmentWeightsSchema, hallDayOf,
  type AssessmentWeights, type CityFollowUp, type CityRanking, type CitySupervision, type HallLevelName,
} from '@hall/shared';
import {
  DEFAULT_ASSESSMENT_WEIGHTS, monthRange, rankHalls, workingDayCounter, workingDaysIn, type WorkCalendar,
} from '@hall/shared/reports';
import type { Db } from '../db/database';
import { hallsRepo, type AreaRow, type HallRow } from '../repos/halls-repo';
import { pullRepo } from '../repos/pull-repo';
import { evaluationChunks, supervisionRepo, type SupervisionRow } from '../repos/supervision-repo';
import type { UserPrincipal } from './city-service';
import { badRequest, CityError, forbidden, notFound } from './errors';
import type { ReportService } from './report-service';

export type SupervisionService = ReturnType<typeof createSupervisionService>;

const WEIGHTS_KEY = 'assessment-weights';
const addDaysIso = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Calendar of the city's holidays and 调休 workdays. */
function calendarOf(rows: { day: string; workday: boolean }[]): WorkCalendar {
  return {
    holidays: new Set(rows.filter((r) => !r.workday).map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.workday).map((r) => r.day)),
  };
}

export function supervisionView(row: SupervisionRow): CitySupervision {
  return {
    id: row.id, followUpId: row.follow_up_gid, hallId: row.hall_id, message: row.message, by: row.by_username, at: iso(row.created_at)!,
    receivedAt: iso(row.received_at), acknowledgedAt: iso(row.acknowledged_at),
  };
}

/** 满意度代码 of GB/T 39046-2020: 1 非常满意 … 5 非常不满意, from the hall's 1–5 score (5 best). */
export const satisfactionCode = (score: number) => 6 - score;

/** One evaluation as an RFC 4180 CSV line (fields with a comma, quote or line break quoted). */
export function csvLine(fields: readonly (string | number)[]): string {
  return `${fields.map((field) => {
    const text = String(field);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',')}\r\n`;
}

/** Supervision queries over the halls under an area: 考评 ranking, follow-ups and 督办, the 好差评 export. */
export function createSupervisionService(db: Db, reports: ReportService, clock: () => number = Date.now) {
  const halls = hallsRepo(db);
  const repo = supervisionRepo(db);

  /** The area asked for, checked against the user's scope (403 outside it); an admin without an area sees every hall. */
  async function scope(user: UserPrincipal, code: string | undefined): Promise<{ area: AreaRow | null; halls: HallRow[] }> {
    if (code === undefined && user.role === 'admin') return { area: null, halls: await halls.hallsUnder('') };
    const area = await halls.area(code ?? user.areaCode);
    if (!area) throw notFound(`area ${code}`);
    if (!area.prefix.startsWith(user.prefix)) throw forbidden(`area ${area.code} is outside your area ${user.areaCode}`);
    return { area, halls: await halls.hallsUnder(area.prefix) };
  }

  /** Each hall's own figures over [from, to] (its own service targets), as byHall of the summary, without merging halls. */
  async function hallFigures(list: HallRow[], from: string, to: string) {
    const figures = await reports.hallFigures(list, from, to);
    return new Map(list.map((hall) => {
      const s = figures.get(hall.id)!;
      return [hall.id, { issued: s.issued, served: s.served, satisfiedRate: s.satisfaction.satisfiedRate, ratings: s.satisfaction.count, serviceLevel: s.serviceLevel, noShowRate: s.noShowRate }];
    }));
  }

  async function weights(): Promise<AssessmentWeights> {
    const stored = assessmentWeightsSchema.safeParse(await repo.setting(WEIGHTS_KEY));
    return stored.success ? stored.data : DEFAULT_ASSESSMENT_WEIGHTS;
  }

  return {
    scope,
    weights,

    async setWeights(user: UserPrincipal, next: AssessmentWeights): Promise<AssessmentWeights> {
      if (user.role !== 'admin') throw forbidden('only an admin sets the assessment weights');
      await repo.putSetting(WEIGHTS_KEY, JSON.stringify(next), user.username);
      return next;
    },

    /** The month's 考评: every hall under the area scored on the six indicators and ranked within its level. */
    async ranking(user: UserPrincipal, month: string, level: HallLevelName | undefined, areaCode: string | undefined): Promise<CityRanking> {
      const { area, halls: inScope } = await scope(user, areaCode);
      const { from, to } = monthRange(month);
      const selected = level ? inScope.filter((h) => h.level === level) : inScope;
      const ids = selected.map((h) => h.id);
      const [figures, followUps, active, holidays, w] = await Promise.all([
        hallFigures(selected, from, to),
        ids.length ? repo.followUpCounts(ids, from, to) : [],
        ids.length ? repo.activeDays(ids, from, to) : [],
        repo.holidays(),
        weights(),
      ]);
      const calendar = calendarOf(holidays);
      // The current month counts its working days up to today; a future month has none.
      const today = hallDayOf(clock(), 'Asia/Shanghai');
      const last = to < today ? to : today;
      const workingDays = new Set(last >= from ? workingDaysIn(from, last, calendar) : []);
      const counts = new Map(followUps.map((c) => [c.hall_id, c]));
      const openDays = new Map<number, number>();
      for (const day of active) if (workingDays.has(day.hall_day)) openDays.set(day.hall_id, (openDays.get(day.hall_id) ?? 0) + 1);
      const rate = (n: number, d: number) => (d > 0 ? n / d : null);
      const inputs = selected.map((hall) => {
        const f = figures.get(hall.id)!;
        const c = counts.get(hall.id) ?? { opened: 0, closed: 0, on_time: 0 };
        const open = openDays.get(hall.id) ?? 0;
        return {
          hall,
          input: {
            hallId: hall.id, level: hall.level, issued: f.issued,
            values: {
              satisfaction: f.satisfiedRate, followUpRate: rate(c.closed, c.opened), onTimeRate: rate(c.on_time, c.closed),
              serviceLevel: f.serviceLevel, noShowRate: f.noShowRate, coverage: rate(open, workingDays.size),
            },
          },
          counts: {
            issued: f.issued, served: f.served, ratings: f.ratings, followUpsOpened: c.opened, followUpsClosed: c.closed,
            followUpsClosedOnTime: c.on_time, workingDays: workingDays.size, openDays: open,
          },
        };
      });
      const byId = new Map(inputs.map((i) => [i.hall.id, i]));
      const rows = rankHalls(inputs.map((i) => i.input), w).map((result) => {
        const { hall, input, counts: n } = byId.get(result.hallId)!;
        return {
          hallId: hall.id, name: hall.name, level: hall.level, areaCode: hall.area_code, rank: result.rank, rankedInLevel: result.rankedInLevel,
          score: result.score, unranked: result.unranked, values: input.values, counts: n,
        };
      });
      return { month, from, to, area: area?.code ?? '', weights: w, rows };
    },

    /** Every open follow-up of every hall under the area, overdue first (most working days late first). */
    async followUps(user: UserPrincipal, areaCode: string | undefined, overdueOnly: boolean): Promise<CityFollowUp[]> {
      const { halls: inScope } = await scope(user, areaCode);
      if (inScope.length === 0) return [];
      const [rows, holidays] = await Promise.all([repo.openFollowUps(inScope.map((h) => h.id)), repo.holidays()]);
      const calendar = calendarOf(holidays);
      const hallOf = new Map(inScope.map((h) => [h.id, h]));
      const earliest = rows.reduce((min, r) => (r.due_day < min ? r.due_day : min), hallDayOf(clock(), 'Asia/Shanghai'));
      const counter = workingDayCounter(earliest, addDaysIso(hallDayOf(clock(), 'Asia/Shanghai'), 60), calendar);
      const todayOf = new Map<string, string>();
      const now = clock();
      const today = (zone: string) => {
        let day = todayOf.get(zone);
        if (!day) todayOf.set(zone, (day = hallDayOf(now, zone)));
        return day;
      };
      const list = rows.map((row) => {
        const hall = hallOf.get(row.hall_id)!;
        const day = today(hall.time_zone);
        const daysOverdue = counter.overdue(row.due_day, day);
        return {
          id: row.gid, hallId: hall.id, hallName: hall.name, hallLevel: hall.level, areaCode: hall.area_code, hallFollowUpId: row.id,
          ticketNumber: row.number, hallDay: row.hall_day, serviceCode: row.service_code, score: row.score, comment: row.comment,
          openedAt: iso(row.opened_at)!, dueDay: row.due_day, overdue: day > row.due_day, daysOverdue,
          workingDaysLeft: counter.left(row.due_day, day), supervisions: [] as CitySupervision[],
        };
      }).filter((f) => !overdueOnly || f.overdue);
      list.sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.daysOverdue - a.daysOverdue || a.dueDay.localeCompare(b.dueDay) || a.id - b.id);
      const byGid = new Map(list.map((f) => [f.id, f]));
      for (const s of await repo.supervisionsOf(list.map((f) => f.id))) byGid.get(s.follow_up_gid)?.supervisions.push(supervisionView(s));
      return list;
    },

    /** 督办: a reminder logged at the city and sent down to the hall in its next pull. */
    async supervise(user: UserPrincipal, gid: number, message: string): Promise<CitySupervision> {
      const followUp = await repo.followUpByGid(gid);
      if (!followUp) throw notFound(`follow-up ${gid}`);
      const area = await halls.area(followUp.area_code);
      if (!(area?.prefix ?? followUp.area_code).startsWith(user.prefix)) throw forbidden(`follow-up ${gid} is of a hall outside your area ${user.areaCode}`);
      if (followUp.state !== 'open') throw new CityError('follow-up-closed', `follow-up ${gid} is already closed`, 409);
      const row = await db.transaction(async (tx) => supervisionRepo(tx).addSupervision({
        hallId: followUp.hall_id, followUpId: followUp.id, followUpGid: gid, message, userId: user.id, username: user.username,
        at: clock(), version: await pullRepo(tx).nextVersion(),
      }));
      return supervisionView(row);
    },

    /**
     * The 好差评 export (GB/T 39046-2020 Table 9) of the halls under the area as CSV or JSON lines,
     * formatted by PostgreSQL and streamed through a cursor (see evaluationChunks), so memory stays
     * flat however long the range.
     */
    async *evaluations(user: UserPrincipal, from: string, to: string, areaCode: string | undefined, format: 'csv' | 'jsonl'): AsyncGenerator<string> {
      if (from > to) throw badRequest('from is after to');
      const { halls: inScope } = await scope(user, areaCode);
      yield* evaluationChunks(db, inScope, from, to, format);
    },
  };
}
