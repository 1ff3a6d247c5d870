import { issuedTicketSchema, type DeviceStatusBody, type IssuedTicket } from '@hall/shared';

/**
 * What the kiosk prints: the printable fields of the ticket POST /api/tickets returned.
 * Picked from the shared schema so the printer can never drift from the server's contract.
 */
export type PrintableTicket = Pick<
  IssuedTicket,
  'hallName' | 'serviceName' | 'number' | 'waitingAhead' | 'estimatedWaitMinutes' | 'issuedAt' | 'trackingUrl' | 'ticketNotes' | 'priority'
>;

/** Validates a ticket arriving over IPC from the renderer (the renderer is not trusted to send well-formed data). */
export const printableTicketSchema = issuedTicketSchema.pick({
  hallName: true,
  serviceName: true,
  number: true,
  waitingAhead: true,
  estimatedWaitMinutes: true,
  issuedAt: true,
  trackingUrl: true,
  ticketNotes: true,
  priority: true,
});

/** The printer's state exactly as POST /api/devices/status accepts it: ok | offline | paper-out | error. */
export type PrinterStatus = DeviceStatusBody['printer'];

/** Outcome of one print: a fault carries the status to show and to report; the ticket itself is never lost. */
export type PrintResult = { ok: true } | { ok: false; fault: PrinterStatus };
