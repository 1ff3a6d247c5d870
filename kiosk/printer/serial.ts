import { SerialPort } from 'serialport';
import { formatPrinterTarget } from './printer-uri';
import { askStatus, DEFAULT_TIMEOUTS, PrinterFault, silentStatus, StatusInbox, withDeadline, type PrinterTransport, type TransportTimeouts } from './transport';
import type { PrinterStatus } from './types';

/**
 * A serial (RS-232 or USB-serial) printer. The port stays open between jobs because opening it
 * toggles DTR, which resets some printers; after any fault it is closed and reopened next time.
 */
export function createSerialTransport(path: string, baudRate: number, timeouts: TransportTimeouts = DEFAULT_TIMEOUTS): PrinterTransport {
  const label = formatPrinterTarget({ kind: 'serial', path, baudRate });
  const inbox = new StatusInbox();
  let port: SerialPort | undefined;
  let answeredBefore = false;

  async function open(timeoutMs: number): Promise<SerialPort> {
    if (port?.isOpen) return port;
    const candidate = new SerialPort({ path, baudRate, autoOpen: false });
    candidate.on('data', (chunk: Buffer) => inbox.push(chunk));
    // A cut link surfaces as 'close' with a disconnect error, or as 'error': either way, reopen next time.
    candidate.on('error', () => discard(candidate));
    candidate.on('close', () => discard(candidate));
    const opened = new Promise<SerialPort>((resolve, reject) => {
      candidate.open((error) => {
        if (error) reject(new PrinterFault('unreachable', { state: 'offline', message: `cannot open ${label}: ${error.message.replace(/^Error: /, '')}` }));
        else resolve(candidate);
      });
    });
    port = await withDeadline(timeoutMs, () => {
      discard(candidate);
      return new PrinterFault('timeout', { state: 'offline', message: `${label} did not open within ${timeoutMs} ms` });
    }, opened);
    return port;
  }

  function discard(candidate: SerialPort): void {
    if (port === candidate) port = undefined;
    if (candidate.isOpen) candidate.close(() => undefined);
  }

  return {
    async write(bytes) {
      const started = Date.now();
      const current = await open(timeouts.writeTimeoutMs);
      const remaining = Math.max(1, timeouts.writeTimeoutMs - (Date.now() - started));
      let onClose: ((error?: Error | null) => void) | undefined;
      const sent = new Promise<void>((resolve, reject) => {
        const fail = (error: Error) => reject(new PrinterFault('io', { state: 'offline', message: `${label} link failed mid-ticket: ${error.message}` }));
        onClose = (error) => fail(error ?? new Error('port closed'));
        current.once('close', onClose);
        current.write(Buffer.from(bytes), (error) => {
          if (error) return fail(error);
          // drain = every byte left the UART (tcdrain), not merely queued in the OS.
          current.drain((drainError) => (drainError ? fail(drainError) : resolve()));
        });
      });
      try {
        await withDeadline(remaining, () => new PrinterFault('timeout', {
          state: 'error',
          message: `${label} did not take a ${bytes.length}-byte job within ${timeouts.writeTimeoutMs} ms (stalled, or flow control holding)`,
        }), sent, () => onClose && current.off('close', onClose));
      } catch (error) {
        discard(current);
        throw error;
      }
    },

    async status(): Promise<PrinterStatus> {
      let current: SerialPort;
      try {
        current = await open(timeouts.writeTimeoutMs);
      } catch (error) {
        return error instanceof PrinterFault ? error.status : { state: 'offline', message: String(error) };
      }
      const send = async (query: Buffer) => {
        current.write(query);
      };
      const answer = await askStatus(send, inbox, timeouts.statusTimeoutMs);
      if (answer !== undefined) answeredBefore = true;
      return answer ?? silentStatus(answeredBefore);
    },

    async close() {
      const current = port;
      port = undefined;
      if (current?.isOpen) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
}
