import { hallDayOf, type SyncLive } from '@hall/shared';
import { createHash } from 'node:crypto';
import type { HallServices } from '../services/hall-services';
import type { SyncRepo } from './sync-repo';

/** How long after service a finished, unrated ticket's view stays at the city (its phone may still rate). */
const RECENTLY_FINISHED_MS = 30 * 60_000;

/** sha256 hex of a tracking code: the city finds a view by it without ever holding the code. */
export const trackingCodeHash = (code: string) => createHash('sha256').update(code).digest('hex');

/** The hall's live state for the city: waiting per service, longest wait, and each watched ticket's phone view. */
export function buildLive(services: HallServices, repo: SyncRepo, now: number): SyncLive {
  const { ctx } = services;
  const hallDay = hallDayOf(now, ctx.timeZone);
  const waitingByService: Record<string, number> = {};
  for (const service of services.queue.views.snapshotServices()) waitingByService[service.code] = service.waiting;
  const oldest = repo.oldestWaitingIssuedAt(hallDay);
  const tickets = [];
  for (const id of repo.liveTicketIds(hallDay, now - RECENTLY_FINISHED_MS)) {
    const ticket = ctx.tickets.get(id);
    if (ticket) tickets.push({ trackingCodeHash: trackingCodeHash(ticket.trackingCode), ticketId: ticket.id, view: services.queue.views.trackView(ticket) });
  }
  return {
    at: new Date(now).toISOString(),
    waitingByService,
    longestWaitSeconds: oldest === null ? 0 : Math.max(0, Math.round((now - oldest) / 1000)),
    countersOpen: ctx.hall.counters().filter((counter) => counter.state === 'open').length,
    printerFaults: repo.printerFaults(),
    tickets: tickets.slice(0, 5000),
  };
}
