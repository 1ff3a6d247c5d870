import { hallDayOf, type SyncLive } from '@hall/shared';
import type { Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import type { HallServices } from '../services/hall-services';
import type { SyncRepo } from './sync-repo';

/** How long after service a finished, unrated ticket's view stays at the city (its phone may still rate). */
const RECENTLY_FINISHED_MS = 30 * 60_000;

/** sha256 hex of a tracking code: the city finds a view by it without ever holding the code. */
export const trackingCodeHash = (code: string) => createHash('sha256').update(code).digest('hex');

const oldestByServiceStatements = new WeakMap<Db, Statement>();
/** Issue time of the oldest waiting ticket of each service with anyone waiting (the partial index tickets_waiting_by_day serves it). */
function oldestWaitingByService(db: Db, hallDay: string): { code: string; at: number }[] {
  let statement = oldestByServiceStatements.get(db);
  if (!statement) {
    statement = db.prepare("SELECT service_code AS code, MIN(issued_at) AS at FROM tickets WHERE hall_day = ? AND state = 'waiting' GROUP BY service_code");
    oldestByServiceStatements.set(db, statement);
  }
  return statement.all(hallDay) as { code: string; at: number }[];
}

const waitSeconds = (now: number, issuedAt: number) => Math.max(0, Math.round((now - issuedAt) / 1000));

/**
 * The hall's live state for the city: waiting per service, longest wait (the hall's and each
 * service's, so the city can hold every service to its own target), and each watched ticket's phone view.
 */
export function buildLive(services: HallServices, repo: SyncRepo, now: number): SyncLive {
  const { ctx } = services;
  const hallDay = hallDayOf(now, ctx.timeZone);
  const waitingByService: Record<string, number> = {};
  for (const service of services.queue.views.snapshotServices()) waitingByService[service.code] = service.waiting;
  const oldest = repo.oldestWaitingIssuedAt(hallDay);
  // Every service the hall shows, 0 when nobody waits for it (a ticket moved to a service no longer listed still counts).
  const longestWaitByService: Record<string, number> = Object.fromEntries(Object.keys(waitingByService).map((code) => [code, 0]));
  for (const row of oldestWaitingByService(ctx.db, hallDay)) longestWaitByService[row.code] = waitSeconds(now, row.at);
  const tickets = [];
  for (const id of repo.liveTicketIds(hallDay, now - RECENTLY_FINISHED_MS)) {
    const ticket = ctx.tickets.get(id);
    if (ticket) tickets.push({ trackingCodeHash: trackingCodeHash(ticket.trackingCode), ticketId: ticket.id, view: services.queue.views.trackView(ticket) });
  }
  return {
    at: new Date(now).toISOString(),
    waitingByService,
    longestWaitSeconds: oldest === null ? 0 : waitSeconds(now, oldest),
    longestWaitByService,
    countersOpen: ctx.hall.counters().filter((counter) => counter.state === 'open').length,
    printerFaults: repo.printerFaults(),
    tickets: tickets.slice(0, 5000),
  };
}
