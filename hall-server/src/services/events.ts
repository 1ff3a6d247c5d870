import type { ServerToClientEvents, FeedEventName } from '@hall/shared';

/** What a service publishes for event E: the event without `seq`, which the feed stamps per audience. */
export type PayloadOf<E extends FeedEventName> = Omit<Parameters<ServerToClientEvents[E]>[0], 'seq'>;

/** One published event, its name narrowing its payload. */
export type FeedMessage = { [E in FeedEventName]: { name: E; payload: PayloadOf<E> } }[FeedEventName];

/**
 * Where services publish domain events. The realtime layer routes each to the audiences that may
 * see it (realtime/audience.ts) and stamps each audience's own `seq`; services never import socket.io.
 * `ticketsChanged` tells phone pages that their own ticket view may differ.
 */
export interface HallEvents {
  publish<E extends FeedEventName>(name: E, payload: PayloadOf<E>): void;
  ticketsChanged(): void;
  /** Credentials stopped being valid: open sockets authenticated with them must close at once. */
  revoked(who: RevokedCredentials): void;
}

/** A revoked device, every session of a user, or one session token (by its hash). */
export type RevokedCredentials = { deviceId: number } | { userId: number } | { tokenHash: string };

/** A sink that records events in memory: for tests of services without a socket server. */
export function createRecordingEvents(): HallEvents & { published: { name: FeedEventName; payload: unknown }[] } {
  const published: { name: FeedEventName; payload: unknown }[] = [];
  return {
    published,
    publish: (name, payload) => {
      published.push({ name, payload });
    },
    ticketsChanged: () => {},
    revoked: () => {},
  };
}
