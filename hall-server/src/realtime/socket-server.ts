import { handshakeAuthSchema, type ClientToServerEvents, type ServerToClientEvents } from '@hall/shared';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Principal } from '../auth/auth-service';
import { hashToken } from '../auth/passwords';
import { guarded } from '../services/errors';
import type { RevokedCredentials } from '../services/events';
import type { HallServices } from '../services/hall-services';
import { audienceOf } from './audience';
import type { Feed } from './feed';

interface SocketData {
  principal: Principal;
  trackedTicketId: number | null;
  tokenHash: string | null;
}

type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
const TRACK_PREFIX = 'track:';

/**
 * socket.io on the hall server: auth once at the handshake, a snapshot on every connect (clients
 * wipe their copy and take it whole), then the events of the socket's audience, each audience with its
 * own seq (realtime/audience.ts). Phones get only their own ticket.
 */
export function attachRealtime(httpServer: HttpServer, services: HallServices, feed: Feed) {
  const { auth, queue, devices, ctx } = services;
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });

  io.use((socket, next) => {
    const parsed = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(new Error('unauthorized'));
    if ('trackingCode' in parsed.data) {
      const ticket = ctx.tickets.getByTrackingCode(parsed.data.trackingCode);
      if (!ticket) return next(new Error('unauthorized'));
      socket.data.principal = { kind: 'anonymous' };
      socket.data.trackedTicketId = ticket.id;
      socket.data.tokenHash = null;
      return next();
    }
    const principal = auth.principal(parsed.data.token);
    if (principal.kind === 'anonymous') return next(new Error('unauthorized'));
    socket.data.principal = principal;
    socket.data.trackedTicketId = null;
    socket.data.tokenHash = hashToken(parsed.data.token);
    next();
  });

  function sendTrack(socket: HallSocket | ReturnType<typeof io.to>, ticketId: number) {
    const ticket = ctx.tickets.get(ticketId);
    if (ticket) socket.emit('track:updated', queue.views.trackView(ticket));
  }

  io.on('connection', (socket: HallSocket) => {
    const { principal, trackedTicketId } = socket.data;
    if (trackedTicketId !== null) {
      void socket.join(`${TRACK_PREFIX}${trackedTicketId}`);
      sendTrack(socket, trackedTicketId);
      socket.on('track:refresh', () => sendTrack(socket, trackedTicketId));
      return;
    }
    // One audience, one room, one seq: the snapshot and every event carry that room's seq only.
    const audience = audienceOf(principal);
    if (audience !== null) void socket.join(audience);
    const sendSnapshot = () => socket.emit('queue:snapshot', feed.snapshot(audience, (seq) => queue.views.snapshot(seq)));
    sendSnapshot();
    socket.on('queue:snapshot', sendSnapshot);
    if (principal.kind === 'device') {
      const deviceId = principal.device.id;
      // Presence is best-effort: a full disk or a held lock must not take the hall down with it.
      guarded('device presence', () => devices.connected(deviceId));
      socket.on('disconnect', () => guarded('device presence', () => devices.disconnected(deviceId)));
    }
  });

  // Phone pages learn of any change that may move their ticket; coalesced to one pass per tick.
  let trackPending = false;
  const refreshTracked = () => {
    if (trackPending) return;
    trackPending = true;
    setImmediate(() => {
      trackPending = false;
      for (const room of io.of('/').adapter.rooms.keys()) {
        if (room.startsWith(TRACK_PREFIX)) sendTrack(io.to(room), Number(room.slice(TRACK_PREFIX.length)));
      }
    });
  };

  // A revoked device, a disabled user or a logged-out session loses its live feed at once.
  const disconnectRevoked = (who: RevokedCredentials) => {
    for (const socket of io.of('/').sockets.values()) {
      const { principal, tokenHash } = socket.data;
      const matches = 'deviceId' in who
        ? principal.kind === 'device' && principal.device.id === who.deviceId
        : 'userId' in who
          ? principal.kind === 'staff' && principal.user.id === who.userId
          : tokenHash === who.tokenHash;
      if (matches) socket.disconnect(true);
    }
  };

  feed.attach(io, refreshTracked, disconnectRevoked);
  return io;
}
