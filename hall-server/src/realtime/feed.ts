import type { ClientToServerEvents, QueueSnapshot, ServerToClientEvents } from '@hall/shared';
import type { Server } from 'socket.io';
import type { FeedMessage, HallEvents, RevokedCredentials } from '../services/events';
import { deliveriesOf, snapshotFor, type Audience } from './audience';

export interface Feed extends HallEvents {
  /** The last seq sent to an audience; its snapshot carries it so a client can tell later events from earlier ones. */
  seq(audience: Audience | null): number;
  /** The snapshot an audience may see, stamped with that audience's seq. */
  snapshot(audience: Audience | null, build: (seq: number) => QueueSnapshot): QueueSnapshot;
  attach(io: Server<ClientToServerEvents, ServerToClientEvents>, onTicketsChanged: () => void, onRevoked: (who: RevokedCredentials) => void): void;
}

/**
 * The hall feed: routes every domain event through the audience table, stamps each audience's
 * next `seq` (one gap-free counter per audience room, so a socket sees 1, 2, 3… of its own
 * stream) and emits to that room. Before socket.io is attached (CLI, tests) events only advance seq.
 */
export function createFeed(): Feed {
  const seqs = new Map<Audience, number>();
  let io: Server<ClientToServerEvents, ServerToClientEvents> | null = null;
  let ticketsChanged: () => void = () => {};
  let revoked: (who: RevokedCredentials) => void = () => {};
  const seqOf = (audience: Audience | null) => (audience === null ? 0 : (seqs.get(audience) ?? 0));
  return {
    seq: seqOf,
    snapshot: (audience, build) => snapshotFor(audience, build(seqOf(audience))),
    attach(server, onTicketsChanged, onRevoked) {
      io = server;
      ticketsChanged = onTicketsChanged;
      revoked = onRevoked;
    },
    publish(name, payload) {
      // HallEvents checks the payload against its name; FeedMessage is that same pairing.
      for (const delivery of deliveriesOf({ name, payload } as FeedMessage)) {
        const seq = seqOf(delivery.audience) + 1;
        seqs.set(delivery.audience, seq);
        const room = io?.to(delivery.audience);
        // The room's typed emit cannot take a name chosen at run time; the table already matched payload to name.
        (room?.emit as ((event: string, data: unknown) => boolean) | undefined)?.call(room, name, { ...delivery.payload, seq });
      }
    },
    ticketsChanged: () => ticketsChanged(),
    revoked: (who) => revoked(who),
  };
}
