import { interpretStatus, isStatusByte, STATUS_QUERY } from './status-bytes';
import type { PrinterStatus } from './types';

/** One way of moving bytes to a printer and asking it how it is. TCP and serial implement it. */
export interface PrinterTransport {
  /** Hands the bytes to the printer; rejects with a PrinterFault once `writeTimeoutMs` passes without completion. */
  write(bytes: Uint8Array): Promise<void>;
  /** Asks the printer (DLE EOT). Never rejects: an unreachable printer is a status, not an exception. */
  status(): Promise<PrinterStatus>;
  close(): Promise<void>;
}

export interface TransportTimeouts {
  /** Budget for one whole write, connecting included. A visitor is waiting at the kiosk. */
  writeTimeoutMs: number;
  /** How long to wait for each one-byte DLE EOT answer. Printers answer in well under 100 ms. */
  statusTimeoutMs: number;
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = { writeTimeoutMs: 3000, statusTimeoutMs: 500 };

/** Why a write failed: the link refused, timed out, was closed under us, or the OS reported an I/O error. */
export type FaultCode = 'refused' | 'unreachable' | 'timeout' | 'closed' | 'io';

/** A failed write, carrying the status to show and to report to the hall server. */
export class PrinterFault extends Error {
  constructor(
    readonly code: FaultCode,
    readonly status: PrinterStatus,
  ) {
    super(status.message ?? status.state);
    this.name = 'PrinterFault';
  }
}

/** Rejects with `onTimeout()` if `work` has not settled within `ms`; `cleanup` runs either way. */
export function withDeadline<T>(ms: number, onTimeout: () => Error, work: Promise<T>, cleanup?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
    cleanup?.();
  });
}

/**
 * Collects bytes a printer sends back and hands out DLE EOT answers one at a time, skipping bytes
 * that cannot be status answers (e.g. late echoes or Automatic Status Back noise).
 */
export class StatusInbox {
  private readonly pending: number[] = [];
  private waiter: ((value: number) => void) | undefined;

  push(chunk: Uint8Array): void {
    for (const value of chunk) {
      if (!isStatusByte(value)) continue;
      if (this.waiter) {
        const resolve = this.waiter;
        this.waiter = undefined;
        resolve(value);
      } else {
        this.pending.push(value);
      }
    }
  }

  clear(): void {
    this.pending.length = 0;
  }

  /** The next status byte, or undefined after `ms` of silence. */
  next(ms: number): Promise<number | undefined> {
    const ready = this.pending.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(undefined);
      }, ms);
      this.waiter = (value) => {
        clearTimeout(timer);
        resolve(value);
      };
    });
  }
}

/**
 * Runs the DLE EOT conversation over an open link: printer status (n=1), paper sensor (n=4), and
 * the offline cause (n=2) only when the printer says it is offline. Returns undefined when the
 * printer does not answer at all.
 */
export async function askStatus(send: (query: Buffer) => Promise<void>, inbox: StatusInbox, timeoutMs: number): Promise<PrinterStatus | undefined> {
  inbox.clear();
  await send(STATUS_QUERY.printer);
  const printer = await inbox.next(timeoutMs);
  if (printer === undefined) return undefined;
  await send(STATUS_QUERY.paperSensor);
  const paperSensor = await inbox.next(timeoutMs);
  if (paperSensor === undefined) return undefined;
  let offlineCause: number | undefined;
  if ((printer & 0x08) !== 0) {
    await send(STATUS_QUERY.offlineCause);
    offlineCause = await inbox.next(timeoutMs);
  }
  return interpretStatus({ printer, paperSensor, offlineCause });
}

/**
 * What silence means. Many cheap printers and one-way serial cables never answer DLE EOT, so a
 * printer that has never answered is assumed ok (the write path still catches refusals and stalls).
 * One that answered before and now stays silent has stopped reading: that is an error.
 */
export function silentStatus(answeredBefore: boolean): PrinterStatus {
  return answeredBefore
    ? { state: 'error', message: 'printer stopped answering status queries (stalled or jammed)' }
    : { state: 'ok', message: 'printer does not answer status queries (DLE EOT); assumed ok' };
}
