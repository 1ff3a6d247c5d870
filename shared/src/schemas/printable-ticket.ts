import { checkCodeSchema, issuedTicketSchema } from './tickets';

/**
 * What the kiosk prints: the printable fields of the ticket POST /api/tickets returned. The kiosk's
 * main process validates every ticket the page sends over the bridge with it (the page is not trusted).
 */
export const printableTicketSchema = issuedTicketSchema
  .pick({
    hallName: true,
    serviceName: true,
    number: true,
    waitingAhead: true,
    estimatedWaitMinutes: true,
    issuedAt: true,
    trackingUrl: true,
    ticketNotes: true,
    priority: true,
    booking: true,
  })
  .extend({
    /** The 4 digits a visitor types at the kiosk to rate the service; a ticket without them (null or absent) still prints. */
    checkCode: checkCodeSchema.nullish(),
  });
