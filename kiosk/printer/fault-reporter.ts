import { deviceStatusBodySchema, type DeviceStatusBody } from '@hall/shared';
import type { PrinterStatus } from './types';

export interface FaultReporterOptions {
  /** The hall server, e.g. http://192.168.1.10:8080 */
  serverUrl: string;
  /** This kiosk's device token, sent as `Authorization: Bearer <token>`. */
  deviceToken: string;
  /** Give up on one report after this long; the next status change retries. */
  timeoutMs?: number;
}

export type ReportOutcome =
  | { sent: true }
  | { sent: false; reason: 'unchanged' }
  | { sent: false; reason: 'failed'; detail: string };

export interface FaultReporter {
  /** Sends the status unless the server already has exactly this one. Never rejects. */
  report(status: PrinterStatus): Promise<ReportOutcome>;
}

/** The server rejects longer messages (deviceStatusBodySchema caps them at 300). */
const MAX_MESSAGE = 300;

/**
 * Tells the hall server how this kiosk's printer is (POST /api/devices/status), so a fault reaches
 * the manager console. Only changes are sent: a kiosk reporting "ok" after every ticket would
 * bury the one report that matters. A failed report is not remembered, so the next call retries it.
 */
export function createFaultReporter({ serverUrl, deviceToken, timeoutMs = 5000 }: FaultReporterOptions): FaultReporter {
  const endpoint = new URL('/api/devices/status', serverUrl).toString();
  let lastAccepted: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function send(status: PrinterStatus): Promise<ReportOutcome> {
    const body: DeviceStatusBody = deviceStatusBodySchema.parse({
      printer: status.message === undefined ? { state: status.state } : { state: status.state, message: status.message.slice(0, MAX_MESSAGE) },
    });
    const key = JSON.stringify(body);
    if (key === lastAccepted) return { sent: false, reason: 'unchanged' };
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` },
        body: key,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) return { sent: false, reason: 'failed', detail: `${endpoint} answered HTTP ${response.status}` };
      lastAccepted = key;
      return { sent: true };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return { sent: false, reason: 'failed', detail: `${endpoint} unreachable (${error instanceof Error ? error.message : String(error)}${cause})` };
    }
  }

  return {
    report(status) {
      // One at a time, so the server sees changes in the order they happened.
      const run = queue.then(() => send(status));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
