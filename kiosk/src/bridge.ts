import type { IssuedTicket, KioskBridge, PrintableTicket, PrintResult } from '@hall/shared';

/**
 * The Electron preload's `window.kioskBridge` (shared/src/protocol/kiosk-bridge.ts). In a plain browser there
 * is no bridge and no printer; Playwright installs a stand-in wired to the real printer module.
 */
export function findBridge(win: Window & { kioskBridge?: KioskBridge } = window): KioskBridge | null {
  return win.kioskBridge ?? null;
}

/** Only the printable fields cross to the main process (it validates them again). */
export function printableOf(ticket: IssuedTicket): PrintableTicket {
  const { hallName, serviceName, number, waitingAhead, estimatedWaitMinutes, issuedAt, trackingUrl, ticketNotes, priority, checkCode, booking } = ticket;
  // A checked-in booking's slot goes to the paper too (预约 + 预约时段), as on the screen.
  return { hallName, serviceName, number, waitingAhead, estimatedWaitMinutes, issuedAt, trackingUrl, ticketNotes, priority, checkCode, ...(booking ? { booking } : {}) };
}

/** Prints through the bridge; a bridge that throws is a fault like any other, never a lost ticket. */
export async function printThrough(bridge: KioskBridge, ticket: IssuedTicket): Promise<PrintResult> {
  try {
    return await bridge.print(printableOf(ticket));
  } catch (error) {
    return { ok: false, fault: { state: 'error', message: `print bridge failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) } };
  }
}
