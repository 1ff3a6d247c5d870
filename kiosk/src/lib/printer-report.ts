import type { DeviceStatusBody } from '@hall/shared';

export type PrinterReport = DeviceStatusBody['printer'];

/**
 * What the page tells the hall server after a print: a fault whenever one happens, and the
 * recovery once, so the manager's view does not stay red after paper is loaded.
 */
export function reportAfterPrint(lastReported: PrinterReport['state'] | null, result: { ok: boolean; fault?: PrinterReport }): PrinterReport | null {
  if (!result.ok) {
    const fault = result.fault ?? { state: 'error' as const };
    return { state: fault.state === 'ok' ? 'error' : fault.state, ...(fault.message ? { message: fault.message.slice(0, 300) } : {}) };
  }
  return lastReported !== null && lastReported !== 'ok' ? { state: 'ok' } : null;
}
