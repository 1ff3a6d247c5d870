import type { ClientToServerEvents, FeedEventName, ServerToClientEvents } from '@hall/shared';
import type { Server } from 'socket.io';
import type { HallEvents, RevokedCredentials } from '../services/events';

export const FEED_ROOM = 'feed';

export interface Feed extends HallEvents {
  /** The last seq sent; a snapshot carries it so a client can tell later events from earlier ones. */
  seq(): number;
  attach(io: Server<ClientToServerEvents, ServerToClientEvents>, onTicketsChanged: () => void, onRevoked: (who: RevokedCredentials) => void): void;
}

/**
 * The hall feed: stamps every domain event with the next `seq` and sends it to every
 * authenticated socket. Before socket.io is attached (CLI, tests) events only advance seq.
 */
export function createFeed(): Feed {
  let seq = 0;
  let io: Server<ClientToServerEvents, ServerToClientEvents> | null = null;
  let ticketsChanged: () => void = () => {};
  let revoked: (who: RevokedCredentials) => void = () => {};
  return {
    seq: () => seq,
    attach(server, onTicketsChanged, onRevoked) {
      io = server;
      ticketsChanged = onTicketsChanged;
      revoked = onRevoked;
    },
    publish(name: FeedEventName, payload: object) {
      seq += 1;
      // The payload type is checked at publish() by HallEvents; the cast only adds seq.
      (io?.to(FEED_ROOM).emit as ((event: string, data: unknown) => void) | undefined)?.call(io?.to(FEED_ROOM), name, { ...payload, seq });
    },
    ticketsChanged: () => ticketsChanged(),
    revoked: (who) => revoked(who),
  };
}
