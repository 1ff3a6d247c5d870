/**
 * The kiosk page's only door to the machine. Runs sandboxed with context isolation, so it can
 * reach nothing but `electron`'s renderer half; it forwards exactly two calls to the main process.
 */
import { KIOSK_IPC, type KioskBridge, type PrintableTicket, type PrinterStatus, type PrintResult } from '@hall/shared/kiosk-bridge';
import { contextBridge, ipcRenderer } from 'electron';

const kioskBridge = {
  print: (ticket: PrintableTicket) => ipcRenderer.invoke(KIOSK_IPC.print, ticket) as Promise<PrintResult>,
  printerStatus: () => ipcRenderer.invoke(KIOSK_IPC.printerStatus) as Promise<PrinterStatus>,
} satisfies KioskBridge;

contextBridge.exposeInMainWorld('kioskBridge', kioskBridge);
