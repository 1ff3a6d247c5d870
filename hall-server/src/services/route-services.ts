import { createHallBookingService } from '../bookings/booking-service';
import { createReportService } from '../reports/report-service';
import { createAdminRepo } from '../repos/admin-repo';
import { createReportsRepo } from '../repos/reports-repo';
import { createAdminService } from './admin-service';
import type { HallServices } from './hall-services';
import { createIssueBatcher } from './issue-batcher';
import { createManagerConsole } from './manager-console';
import { createTicketLookup } from './ticket-lookup';

export type RouteServices = ReturnType<typeof createRouteServices>;

/**
 * Everything the HTTP routes call, built once here so that routes never build a repo or a
 * service themselves (route → service → repo): the hall's services, administration, reports,
 * the manager console's exports, ticket finds and the kiosk's issue batcher.
 */
export function createRouteServices(services: HallServices) {
  const reports = createReportService(services.ctx, createReportsRepo(services.ctx.db));
  return {
    ...services,
    admin: createAdminService(services, createAdminRepo(services.ctx.db)),
    reports,
    manager: createManagerConsole(services, reports),
    lookup: createTicketLookup(services.ctx),
    issuer: createIssueBatcher(services.queue),
    /** 预约: check-in, today's list, the figures of the summary (and the no-show sweep in server.ts). */
    bookings: createHallBookingService(services, undefined, reports.calledWaits),
  };
}
