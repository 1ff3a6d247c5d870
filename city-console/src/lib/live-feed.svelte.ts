import type { CityApi } from './api';
import type { HallView } from './types';

/** How the 实时总览 gets its halls: polling now; a socket.io transport can take its place behind the same shape. */
export interface HallTransport {
  /** Starts delivering the halls under `area`; returns the stop function. */
  start(area: string | undefined, deliver: (halls: HallView[]) => void, fail: (error: unknown) => void): () => void;
  readonly kind: 'poll' | 'socket';
}

export const POLL_MS = 5000;

/** GET /api/city/halls every 5 s (the city server has no console socket yet). */
export function pollingTransport(api: CityApi, everyMs = POLL_MS): HallTransport {
  return {
    kind: 'poll',
    start(area, deliver, fail) {
      let stopped = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const tick = async () => {
        try {
          const halls = await api.halls(area);
          if (!stopped) deliver(halls);
        } catch (error) {
          if (!stopped) fail(error);
        }
        if (!stopped) timer = setTimeout(() => void tick(), everyMs);
      };
      void tick();
      return () => {
        stopped = true;
        clearTimeout(timer);
      };
    },
  };
}

/** The halls under the chosen area as they are now, with when they last arrived and whether the feed is up. */
export class LiveHalls {
  halls = $state<HallView[]>([]);
  loaded = $state(false);
  error = $state<unknown>(null);
  receivedAt = $state(0);
  #stop: (() => void) | null = null;

  constructor(private readonly transport: HallTransport) {}

  get kind() {
    return this.transport.kind;
  }

  /** Follows one area (the user's own when undefined); a new call replaces the old feed. */
  follow(area: string | undefined): void {
    this.stop();
    this.loaded = false;
    this.#stop = this.transport.start(
      area,
      (halls) => {
        this.halls = halls;
        this.loaded = true;
        this.error = null;
        this.receivedAt = Date.now();
      },
      (error) => {
        this.error = error;
      },
    );
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }
}
