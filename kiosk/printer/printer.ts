import { parsePrinterUri, type PrinterTarget } from './printer-uri';
import { createSerialTransport } from './serial';
import { createTcpTransport } from './tcp';
import { encodeTicket, type TicketLayoutOptions } from './ticket-layout';
import { DEFAULT_TIMEOUTS, PrinterFault, type PrinterTransport, type TransportTimeouts } from './transport';
import type { PrintableTicket, PrinterStatus, PrintResult } from './types';

export interface PrinterOptions {
  layout?: TicketLayoutOptions;
  timeouts?: Partial<TransportTimeouts>;
  /**
   * Ask DLE EOT before each ticket (default true). A paper-out printer would otherwise hold the
   * job and print it whenever paper is loaded, long after the visitor took the number off the screen.
   */
  checkBeforePrint?: boolean;
  /** Every status observed (prints and queries), so the caller can report recoveries as well as faults. */
  onStatus?: (status: PrinterStatus) => void;
  /** Only the faults: offline, paper-out, error. */
  onFault?: (fault: PrinterStatus) => void;
  /** Use this transport instead of opening one for the URI. */
  transport?: PrinterTransport;
}

export interface Printer {
  /** Prints one ticket. Never rejects: a failure resolves as `{ ok: false, fault }`. */
  print(ticket: PrintableTicket): Promise<PrintResult>;
  status(): Promise<PrinterStatus>;
  close(): Promise<void>;
}

/** Opens the transport a parsed printer URI names. */
export function openTransport(target: PrinterTarget, timeouts: TransportTimeouts = DEFAULT_TIMEOUTS): PrinterTransport {
  return target.kind === 'tcp'
    ? createTcpTransport(target.host, target.port, timeouts)
    : createSerialTransport(target.path, target.baudRate, timeouts);
}

/**
 * A kiosk's printer: `tcp://host:9100` or `serial:/dev/ttyUSB0?baud=9600`. Throws PrinterUriError
 * for a bad URI (a configuration mistake, found at start-up); after that nothing it does throws.
 * Jobs and status queries run one at a time, because a printer serves one conversation at a time.
 */
export function createPrinter(uri: string, options: PrinterOptions = {}): Printer {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const transport = options.transport ?? openTransport(parsePrinterUri(uri), timeouts);
  const checkBeforePrint = options.checkBeforePrint ?? true;
  let queue: Promise<unknown> = Promise.resolve();

  function serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  function observe(status: PrinterStatus): PrinterStatus {
    // A throwing callback must not turn a printed ticket into a failed one.
    try {
      options.onStatus?.(status);
      if (status.state !== 'ok') options.onFault?.(status);
    } catch {
      // Reporting is best effort; the print result stands.
    }
    return status;
  }

  async function printNow(ticket: PrintableTicket): Promise<PrintResult> {
    try {
      const bytes = encodeTicket(ticket, options.layout);
      let healthy: PrinterStatus = { state: 'ok' };
      if (checkBeforePrint) {
        healthy = await transport.status();
        if (healthy.state !== 'ok') return { ok: false, fault: observe(healthy) };
      }
      await transport.write(bytes);
      observe(healthy);
      return { ok: true };
    } catch (error) {
      const fault: PrinterStatus = error instanceof PrinterFault
        ? error.status
        : { state: 'error', message: `cannot print: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) };
      return { ok: false, fault: observe(fault) };
    }
  }

  return {
    print: (ticket) => serialize(() => printNow(ticket)),
    status: () => serialize(async () => observe(await transport.status())),
    close: () => serialize(() => transport.close()),
  };
}
