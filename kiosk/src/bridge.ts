import type { IssuedTicket } from '@hall/shared';
import type { PrintableTicket, PrinterStatus, PrintResult } from '../printer/types';

/**
 * What the page needs from the Electron preload (window.kioskBridge). In a plain browser there is
 * no bridge and no printer; Playwright wires one to the real printer module.
 */
export interface KioskPrintBridge {
  print(ticket: PrintableTicket): Promise<PrintResult>;
  printerStatus(): Promise<PrinterStatus>;
}

declare global {
  interface Window {
    kioskBridge?: KioskPrintBridge;
  }
}

export function findBridge(win: Window = window): KioskPrintBridge | null {
  return win.kioskBridge ?? null;
}

/** Only the printable fields cross to the main process (it validates them again). */
export function printableOf(ticket: IssuedTicket): PrintableTicket {
  const { hallName, serviceName, number, waitingAhead, estimatedWaitMinutes, issuedAt, trackingUrl, ticketNotes, priority } = ticket;
  return { hallName, serviceName, number, waitingAhead, estimatedWaitMinutes, issuedAt, trackingUrl, ticketNotes, priority };
}

/** Prints through the bridge; a bridge that throws is a fault like any other, never a lost ticket. */
export async function printThrough(bridge: KioskPrintBridge, ticket: IssuedTicket): Promise<PrintResult> {
  try {
    return await bridge.print(printableOf(ticket));
  } catch (error) {
    return { ok: false, fault: { state: 'error', message: `print bridge failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) } };
  }
}
