import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An HTTP server for a test on a free loopback port. `stop` drops the open connections before it
 * closes, so a request the test left hanging does not hold the run up.
 */
export async function startHttpStandIn(handler: http.RequestListener): Promise<{ url: string; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = http.createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
