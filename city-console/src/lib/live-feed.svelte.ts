import { CITY_SOCKET_EVENTS } from '@hall/shared';
import { io } from 'socket.io-client';
import type { CityApi } from './api';
import type { HallView } from './types';

export type FeedKind = 'poll' | 'socket';

/** How the 实时总览 gets its halls; the one place that knows about polling and the socket. */
export interface HallTransport {
  /** Starts delivering the halls under `area`; returns the stop function. */
  start(area: string | undefined, feed: { deliver: (halls: HallView[]) => void; update: (hall: HallView) => void; fail: (error: unknown) => void; mode: (kind: FeedKind) => void }): () => void;
}

export const POLL_MS = 5000;
/**
 * With the socket up, the list is still fetched now and then: a hall that falls silent pushes
 * nothing, so only a fresh list turns it offline.
 */
export const SOCKET_POLL_MS = 30_000;

/**
 * GET /api/city/halls for the list, then the city's socket (`subscribe` → `hall-live`) for each
 * hall's pushes as they arrive. While the socket is down (or the server has none) the list is
 * polled every 5 s instead: the page goes on quietly, only slower.
 */
export function cityTransport(api: CityApi, token: () => string | null): HallTransport {
  return {
    start(area, feed) {
      let stopped = false;
      let live = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const tick = async () => {
        clearTimeout(timer);
        try {
          const halls = await api.halls(area);
          if (!stopped) feed.deliver(halls);
        } catch (error) {
          if (!stopped) feed.fail(error);
        }
        if (!stopped) timer = setTimeout(() => void tick(), live ? SOCKET_POLL_MS : POLL_MS);
      };
      const socket = io({ auth: { token: token() }, transports: ['websocket'], reconnectionDelayMax: 10_000 });
      const setLive = (next: boolean) => {
        live = next;
        feed.mode(next ? 'socket' : 'poll');
      };
      socket.on('connect', () => {
        socket.emit(CITY_SOCKET_EVENTS.subscribe, { area }, (ack: { ok: boolean; error?: { code: string; message: string } }) => {
          if (stopped) return;
          setLive(ack?.ok === true);
          // Anything pushed before the subscription took hold: one fresh list.
          if (ack?.ok) void tick();
        });
      });
      socket.on('disconnect', () => {
        setLive(false);
        void tick();
      });
      socket.on(CITY_SOCKET_EVENTS.hallLive, (hall: HallView) => {
        if (!stopped) feed.update(hall);
      });
      void tick();
      return () => {
        stopped = true;
        clearTimeout(timer);
        socket.disconnect();
      };
    },
  };
}

/** The halls under the chosen area as they are now, with when they last arrived and how. */
export class LiveHalls {
  halls = $state<HallView[]>([]);
  loaded = $state(false);
  error = $state<unknown>(null);
  receivedAt = $state(0);
  kind = $state<FeedKind>('poll');
  #stop: (() => void) | null = null;

  constructor(private readonly transport: HallTransport) {}

  /** Follows one area (the user's own when undefined); a new call replaces the old feed. */
  follow(area: string | undefined): void {
    this.stop();
    this.loaded = false;
    this.#stop = this.transport.start(area, {
      deliver: (halls) => {
        this.halls = halls;
        this.loaded = true;
        this.error = null;
        this.receivedAt = Date.now();
      },
      update: (hall) => {
        const at = this.halls.findIndex((h) => h.id === hall.id);
        this.halls = at < 0 ? [...this.halls, hall] : this.halls.with(at, hall);
        this.receivedAt = Date.now();
      },
      fail: (error) => {
        this.error = error;
      },
      mode: (kind) => {
        this.kind = kind;
      },
    });
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }
}
