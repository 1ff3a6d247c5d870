import { localParts } from '@hall/shared';
import type { ReportsRepo, TicketReportRow } from '../repos/reports-repo';
import type { HallContext } from '../services/context';
import { summarize, type RatingFact, type TicketFact } from './summary';

export type ReportService = ReturnType<typeof createReportService>;

const seconds = (from: number | null, to: number | null) => (from === null || to === null ? null : Math.round((to - from) / 1000));

/** Loads report facts for a range and computes the contract's summary. */
export function createReportService(ctx: HallContext, repo: ReportsRepo) {
  function fact(row: TicketReportRow): TicketFact {
    return {
      serviceCode: row.service_code, counterId: row.counter_id, staffId: row.staff_id, state: row.state, hallDay: row.hall_day,
      issuedHour: localParts(row.issued_at, ctx.timeZone).hour, waitSeconds: seconds(row.issued_at, row.first_called_at),
      serviceSeconds: row.state === 'done' ? seconds(row.started_at, row.finished_at) : null,
      targetWaitSeconds: row.target_wait_minutes * 60,
    };
  }

  return {
    summary(from: string, to: string) {
      const ratings: RatingFact[] = repo.ratings(from, to).map((row) => ({
        serviceCode: row.service_code, counterId: row.counter_id, staffId: row.staff_id, hallDay: row.hall_day, score: row.score,
        attitude: row.attitude, efficiency: row.efficiency, policy: row.policy, competence: row.competence,
      }));
      return { from, to, ...summarize(repo.tickets(from, to).map(fact), ratings) };
    },
    ticketRows: (from: string, to: string) => repo.iterateTickets(from, to),
  };
}
