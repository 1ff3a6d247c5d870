import { hallDayOf, parseTicketNumber } from '@hall/shared';
import type { StoredTicket } from '../repos/tickets-repo';
import type { HallContext } from './context';
import { HallError } from './errors';

export type TicketLookup = ReturnType<typeof createTicketLookup>;

/** Read-only finds for the routes: a ticket by id, by today's number or by tracking code; the counter list. */
export function createTicketLookup(ctx: HallContext) {
  return {
    /** A ticket and its event history (staff); not-found when there is none. */
    withEvents(id: number) {
      const ticket = ctx.tickets.get(id);
      if (!ticket) throw new HallError('not-found', `ticket ${id} does not exist`);
      return { ticket, events: ctx.tickets.events(id) };
    },

    /** Today's ticket with a number typed at a kiosk or pad (" f001 " finds F001; "F0001" too). */
    todayByNumber(number: string): StoredTicket {
      const parsed = parseTicketNumber(number);
      if (!parsed) throw new HallError('bad-request', `${number} is not a ticket number (e.g. A012)`, 400);
      const normalized = `${parsed.prefix}${String(parsed.sequence).padStart(3, '0')}`;
      const ticket = ctx.tickets.getByNumber(hallDayOf(ctx.clock(), ctx.timeZone), normalized);
      if (!ticket) throw new HallError('not-found', `no ticket ${normalized} today`);
      return ticket;
    },

    /** The ticket a visitor's phone follows. */
    byTrackingCode(trackingCode: string): StoredTicket {
      const ticket = ctx.tickets.getByTrackingCode(trackingCode);
      if (!ticket) throw new HallError('not-found', 'no ticket with this tracking code');
      return ticket;
    },

    /** Every counter: id, name, the services it serves, its state. */
    counters: () => ctx.hall.counters().map(({ id, name, services, state }) => ({ id, name, services, state })),
  };
}
