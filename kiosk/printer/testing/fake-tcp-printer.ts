import net from 'node:net';

export type FakePrinterBehaviour =
  /** Reads everything; answers DLE EOT queries with the given bytes (none → stays silent). */
  | { kind: 'capture'; printerStatus?: number; paperStatus?: number; offlineCause?: number }
  /** Reads `afterBytes` bytes, then destroys the connection. */
  | { kind: 'hang-up'; afterBytes: number }
  /** Accepts connections and never reads from them. */
  | { kind: 'stall' };

export interface FakeTcpPrinter {
  port: number;
  uri: string;
  /** Every byte received, in order, across all connections. */
  received(): Buffer;
  connections(): number;
  /** From now on, ignore DLE EOT queries (a printer that has stopped processing input). */
  fallSilent(): void;
  /** Resolves once `count` bytes have arrived. */
  waitForBytes(count: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** A loopback stand-in for a port-9100 printer, on port 0; its sockets are destroyed before close. */
export async function startFakeTcpPrinter(behaviour: FakePrinterBehaviour): Promise<FakeTcpPrinter> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const byteWaiters: Array<{ count: number; resolve: (bytes: Buffer) => void }> = [];
  let connectionCount = 0;
  let silent = false;
  const received = () => Buffer.concat(chunks);

  const server = net.createServer({ pauseOnConnect: behaviour.kind === 'stall' }, (socket) => {
    connectionCount += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (behaviour.kind === 'stall') return;
    let connectionBytes = 0;
    socket.on('data', (chunk: Buffer) => {
      connectionBytes += chunk.length;
      chunks.push(chunk);
      const total = received();
      for (const waiter of [...byteWaiters]) {
        if (total.length >= waiter.count) {
          byteWaiters.splice(byteWaiters.indexOf(waiter), 1);
          waiter.resolve(total);
        }
      }
      if (behaviour.kind === 'hang-up' && connectionBytes >= behaviour.afterBytes) {
        socket.destroy();
        return;
      }
      if (behaviour.kind === 'capture' && !silent) answerStatusQueries(socket, chunk, behaviour);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    uri: `tcp://127.0.0.1:${port}`,
    received,
    connections: () => connectionCount,
    fallSilent: () => {
      silent = true;
    },
    waitForBytes(count) {
      const total = received();
      if (total.length >= count) return Promise.resolve(total);
      return new Promise((resolve) => byteWaiters.push({ count, resolve }));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answerStatusQueries(socket: net.Socket, chunk: Buffer, status: { printerStatus?: number; paperStatus?: number; offlineCause?: number }): void {
  for (let at = chunk.indexOf(Buffer.from([0x10, 0x04])); at !== -1; at = chunk.indexOf(Buffer.from([0x10, 0x04]), at + 2)) {
    const answer = { 1: status.printerStatus, 2: status.offlineCause, 4: status.paperStatus }[chunk[at + 2] ?? 0];
    if (answer !== undefined) socket.write(Buffer.from([answer]));
  }
}

/** A port on loopback that nothing listens on: bind, note the port, close. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
