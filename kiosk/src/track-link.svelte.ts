import {
  ApiError, createApiClient, type ClientToServerEvents, type RatingBody, type ServerToClientEvents, type TrackView,
} from '@hall/shared';
import { io, type Socket } from 'socket.io-client';

/** The phone falls back to asking every 5 s while its socket is down. */
export const POLL_MS = 5000;

/**
 * One visitor's ticket on their phone: pushed by socket.io (auth { trackingCode }, `track:updated`),
 * polled over HTTP while the socket is down. No login, and nothing but this one ticket.
 */
export class TrackLink {
  view = $state<TrackView | null>(null);
  missing = $state(false);
  live = $state(false);
  /** When the page last heard from the hall (a view, a poll, or the socket's heartbeat): 更新于 hh:mm:ss. */
  updatedAt = $state<number | null>(null);

  private readonly api = createApiClient({ token: () => null, timeoutMs: 8000 });
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private poller: ReturnType<typeof setInterval> | undefined;

  constructor(readonly trackingCode: string) {}

  start(): void {
    void this.refresh();
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      auth: { trackingCode: this.trackingCode }, reconnectionDelay: 1000, reconnectionDelayMax: 5000,
    });
    this.socket = socket;
    socket.on('track:updated', (view) => {
      this.view = view;
      this.missing = false;
      this.heard();
    });
    // socket.io's heartbeat (every 25 s): the view shown is still the hall's, even when nothing changed.
    socket.io.on('ping', () => this.heard());
    socket.on('connect', () => {
      this.live = true;
      this.heard();
      clearInterval(this.poller);
      this.poller = undefined;
    });
    socket.on('disconnect', (reason) => {
      this.fallBack();
      // A server that shuts down closes its sockets itself, and socket.io does not retry those.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 2000);
    });
    socket.on('connect_error', () => {
      this.fallBack();
      // A refused handshake is not retried by socket.io; keep polling and try the socket again later.
      if (!socket.active) setTimeout(() => socket.connect(), 15_000);
    });
  }

  stop(): void {
    this.socket?.disconnect();
    clearInterval(this.poller);
  }

  async refresh(): Promise<void> {
    try {
      this.view = await this.api.get<TrackView>(`/api/track/${encodeURIComponent(this.trackingCode)}`);
      this.missing = false;
      this.heard();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not-found') this.missing = true;
    }
  }

  /** Rates with the tracking code as proof; null when taken, else the error code. */
  async rate(body: RatingBody): Promise<string | null> {
    const ticketId = this.view?.id;
    if (ticketId === undefined) return 'not-found';
    try {
      await this.api.post(`/api/tickets/${ticketId}/rating`, { ...body, trackingCode: this.trackingCode });
      await this.refresh();
      return null;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'already-rated') await this.refresh();
      return error instanceof ApiError ? error.code : 'internal';
    }
  }

  private heard(): void {
    this.updatedAt = Date.now();
  }

  private fallBack(): void {
    this.live = false;
    if (this.poller === undefined) this.poller = setInterval(() => void this.refresh(), POLL_MS);
  }
}
