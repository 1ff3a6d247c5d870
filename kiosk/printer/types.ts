/** The printer speaks the kiosk bridge contract's types (shared/src/protocol/kiosk-bridge.ts). */
export type { PrintableTicket, PrinterStatus, PrintResult } from '@hall/shared';
