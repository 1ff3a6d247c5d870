import net from 'node:net';
import { formatPrinterTarget } from './printer-uri';
import { askStatus, DEFAULT_TIMEOUTS, PrinterFault, silentStatus, StatusInbox, withDeadline, type PrinterTransport, type TransportTimeouts } from './transport';
import type { PrinterStatus } from './types';

/** How long a finished job's socket may linger waiting for the printer to close its side. */
const LINGER_MS = 10_000;

/**
 * Raw printing to port 9100 (AppSocket/JetDirect), one connection per job or status query:
 * network printers often accept a single client at a time, and a fresh connection survives
 * printer reboots and DHCP changes without reconnect logic.
 */
export function createTcpTransport(host: string, port: number, timeouts: TransportTimeouts = DEFAULT_TIMEOUTS): PrinterTransport {
  const label = formatPrinterTarget({ kind: 'tcp', host, port });
  const lingering = new Set<net.Socket>();
  let answeredBefore = false;

  function connect(timeoutMs: number): Promise<net.Socket> {
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    const connected = new Promise<net.Socket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('error', (error: NodeJS.ErrnoException) => reject(connectFault(error)));
    });
    return withDeadline(timeoutMs, () => {
      socket.destroy();
      return new PrinterFault('timeout', { state: 'offline', message: `no connection to ${label} within ${timeoutMs} ms` });
    }, connected);
  }

  function connectFault(error: NodeJS.ErrnoException): PrinterFault {
    const refused = error.code === 'ECONNREFUSED';
    return new PrinterFault(refused ? 'refused' : 'unreachable', {
      state: 'offline',
      message: `${refused ? 'connection refused by' : 'cannot reach'} ${label} (${error.code ?? error.message})`,
    });
  }

  /** Keeps reading until the printer closes, so unread replies never turn our close into a RST that drops the job's tail. */
  function letLinger(socket: net.Socket): void {
    lingering.add(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => lingering.delete(socket));
    socket.setTimeout(LINGER_MS, () => socket.destroy());
    socket.resume();
  }

  return {
    async write(bytes) {
      const started = Date.now();
      const socket = await connect(timeouts.writeTimeoutMs);
      const remaining = Math.max(1, timeouts.writeTimeoutMs - (Date.now() - started));
      let settled = false;
      const sent = new Promise<void>((resolve, reject) => {
        const closedEarly = (detail: string) => {
          if (!settled) reject(new PrinterFault('closed', { state: 'error', message: `${label} closed the connection mid-ticket (${detail})` }));
        };
        socket.on('error', (error: NodeJS.ErrnoException) => closedEarly(error.code ?? error.message));
        socket.once('end', () => closedEarly('printer hung up'));
        socket.once('close', () => closedEarly('connection closed'));
        // Reading while we write is what notices a hang-up; anything the printer says here is discarded.
        socket.resume();
        // 'finish' fires once every byte is in the kernel's send buffer; the kernel then delivers them.
        socket.end(bytes, () => {
          settled = true;
          resolve();
        });
      });
      try {
        await withDeadline(remaining, () => new PrinterFault('timeout', {
          state: 'error',
          message: `${label} accepted the connection but did not take a ${bytes.length}-byte job within ${timeouts.writeTimeoutMs} ms (stalled)`,
        }), sent);
        letLinger(socket);
      } catch (error) {
        settled = true;
        socket.destroy();
        throw error;
      }
    },

    async status(): Promise<PrinterStatus> {
      let socket: net.Socket;
      try {
        socket = await connect(timeouts.writeTimeoutMs);
      } catch (error) {
        return error instanceof PrinterFault ? error.status : { state: 'offline', message: String(error) };
      }
      const inbox = new StatusInbox();
      socket.on('data', (chunk: Buffer) => inbox.push(chunk));
      socket.on('error', () => undefined);
      try {
        // Not waiting for the write callback: a stalled printer never drains it, and the answer timeout covers that.
        const send = async (query: Buffer) => {
          socket.write(query);
        };
        const answer = await askStatus(send, inbox, timeouts.statusTimeoutMs);
        if (answer !== undefined) answeredBefore = true;
        return answer ?? silentStatus(answeredBefore);
      } finally {
        socket.destroy();
      }
    },

    async close() {
      for (const socket of lingering) socket.destroy();
      lingering.clear();
    },
  };
}
