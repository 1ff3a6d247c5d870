import {
  FEED_EVENTS, SCREEN_RECONNECT, SERVER_CLOSED_RETRY_MS, type ClientToServerEvents, type FeedEventName, type QueueSnapshot, type ServerToClientEvents,
} from '@hall/shared';
import { io, type Socket } from 'socket.io-client';
import { FeedCopy } from './feed-copy';

export type FeedEvent = { seq: number; [field: string]: unknown };
export type FeedListener = (name: FeedEventName, event: FeedEvent) => void;

export interface HallConnectionOptions {
  token: string;
  /** Server origin; the page's own by default (the hall server serves every screen). */
  url?: string;
}

// socket.io stops retrying by itself when the server closed the socket (a restart) or refused the
// handshake; a wall screen must keep trying without anyone touching it.
const MANUAL_RETRY_MS = SERVER_CLOSED_RETRY_MS;
const REFUSED_RETRY_MS = 5000;

const isFeedEvent = (name: string): name is FeedEventName => (FEED_EVENTS as readonly string[]).includes(name);

/**
 * The hall as one screen sees it: a socket to the hall server, the copy it keeps (wiped and
 * replaced by every `queue:snapshot`), whether it is online, and when it last heard from the server.
 * Shared by the board, the counter terminal, the rating pad and (read-only) the manager console.
 */
export class HallConnection {
  /**
   * The hall now, as this screen's audience may see it (a pad: its own counter only; a board:
   * counters without staff); null until the first snapshot. Replaced, never mutated.
   */
  snapshot = $state.raw<QueueSnapshot | null>(null);
  online = $state(false);
  /** The server refused the token (revoked device, expired session). */
  refused = $state(false);
  /** Client time (ms) of the last snapshot or event; what a stale screen shows. */
  lastUpdateAt = $state<number | null>(null);
  /** Server clock minus this page's clock, from the last snapshot, for clocks on the wall. */
  clockOffsetMs = $state(0);

  #copy = new FeedCopy();
  #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  // Listener registries, not screen state: nothing renders from them, so they need no reactivity.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #listeners = new Set<FeedListener>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #snapshotListeners = new Set<(snapshot: QueueSnapshot) => void>();
  #retry: ReturnType<typeof setTimeout> | null = null;

  readonly #options: HallConnectionOptions;

  constructor(options: HallConnectionOptions) {
    this.#options = options;
  }

  /** Opens the socket; it reconnects on its own from then on until `close()`. */
  open(): void {
    if (this.#socket) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.#options.url ?? '/', {
      auth: { token: this.#options.token },
      transports: ['websocket', 'polling'],
      ...SCREEN_RECONNECT,
    });
    this.#socket = socket;
    socket.on('connect', () => {
      this.online = true;
      this.refused = false;
    });
    socket.on('disconnect', () => {
      this.online = false;
      this.#copy.connectionLost();
      if (!socket.active) this.#retryLater(MANUAL_RETRY_MS);
    });
    socket.on('connect_error', (error) => {
      this.online = false;
      if (!socket.active) {
        this.refused = error.message === 'unauthorized';
        this.#retryLater(REFUSED_RETRY_MS);
      }
    });
    socket.on('queue:snapshot', (snapshot) => {
      this.#copy.replace(snapshot);
      this.#publishState();
      this.clockOffsetMs = Date.parse(snapshot.serverTime) - Date.now();
      for (const listener of this.#snapshotListeners) listener(snapshot);
    });
    socket.onAny((name: string, payload: unknown) => {
      if (!isFeedEvent(name) || typeof payload !== 'object' || payload === null) return;
      const event = payload as FeedEvent;
      const receipt = this.#copy.receive(name, event);
      if (receipt.kind === 'applied') this.#publishState();
      else if (receipt.kind === 'ask-snapshot') socket.emit('queue:snapshot');
      // Listeners hear every live event, applied or not: a call is a call even after a gap.
      if (receipt.kind !== 'stale') for (const listener of this.#listeners) listener(name, event);
    });
  }

  /** Hears every live feed event (not the snapshot). Returns the unsubscribe function. */
  onEvent(listener: FeedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Hears every snapshot: first connect, reconnects, resyncs. */
  onSnapshot(listener: (snapshot: QueueSnapshot) => void): () => void {
    this.#snapshotListeners.add(listener);
    return () => this.#snapshotListeners.delete(listener);
  }

  /** Asks for a fresh snapshot. */
  resync(): void {
    this.#socket?.emit('queue:snapshot');
  }

  close(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    this.#socket?.removeAllListeners();
    this.#socket?.offAny();
    this.#socket?.disconnect();
    this.#socket = null;
    this.online = false;
  }

  #publishState(): void {
    this.snapshot = this.#copy.state;
    this.lastUpdateAt = Date.now();
  }

  #retryLater(ms: number): void {
    if (this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (this.#socket && !this.#socket.connected) this.#socket.connect();
    }, ms);
  }
}
