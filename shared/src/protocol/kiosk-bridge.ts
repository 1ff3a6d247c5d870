import type { z } from 'zod';
import type { DeviceStatusBody } from '../schemas/hall';
import type { printableTicketSchema } from '../schemas/printable-ticket';

/**
 * The contract between the kiosk page (kiosk/src) and the Electron shell it runs in (kiosk/electron):
 * the preload exposes `window.kioskBridge` (checked with `satisfies KioskBridge`), the main process
 * answers on the KIOSK_IPC channels and hands the ticket to the printer. It lives here, not with the
 * printer, so the page depends on the contract only. A browser without the shell (development,
 * Playwright) may install a stand-in with the same shape.
 *
 * Types and channel names only: the sandboxed preload imports it as `@hall/shared/kiosk-bridge`
 * and bundles nothing else (no zod, no schemas).
 */

/** A ticket as the page hands it to the printer; validated again by the main process with printableTicketSchema. */
export type PrintableTicket = z.infer<typeof printableTicketSchema>;

/** The printer's state exactly as POST /api/devices/status accepts it: ok | offline | paper-out | error. */
export type PrinterStatus = DeviceStatusBody['printer'];

/** Outcome of one print: a fault carries the status to show and to report; the ticket itself is never lost. */
export type PrintResult = { ok: true } | { ok: false; fault: PrinterStatus };

/** Everything the kiosk page may ask of the machine it runs on. */
export interface KioskBridge {
  /** Prints a ticket; resolves `{ ok: false, fault }` on any printer trouble, never rejects for it. */
  print(ticket: PrintableTicket): Promise<PrintResult>;
  printerStatus(): Promise<PrinterStatus>;
}

/** IPC channel names shared by the preload and the main process. */
export const KIOSK_IPC = {
  print: 'kiosk:print',
  printerStatus: 'kiosk:printer-status',
} as const;
