import type { PrintableTicket, PrinterStatus, PrintResult } from './types';

export type { PrintableTicket, PrinterStatus, PrintResult } from './types';

/**
 * Everything the kiosk page may ask of the machine it runs on, exposed as `window.kioskBridge` by
 * the Electron preload (checked with `satisfies KioskBridge`). A browser without it (development,
 * Playwright) can install a stand-in with the same shape. The page's `Window` typing lives with the
 * page (kiosk/src/bridge.ts), so the global is declared once.
 */
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
