import {
  SCREEN_RECONNECT, SERVER_CLOSED_RETRY_MS,
  ApiError, createApiClient, seqStep, type ApiClient, type ClientToServerEvents, type QueueSnapshotEvent, type ServerToClientEvents,
  type ServicesUpdatedEvent, type ServiceView,
} from '@hall/shared';
import { io, type Socket } from 'socket.io-client';
import { mergeLiveCounts } from './lib/service-tiles';

export type LinkState = 'connecting' | 'online' | 'offline' | 'unpaired';

/** A dropped socket is shown as offline only after this long, so a blip does not flash the notice. */
const OFFLINE_GRACE_MS = 1500;
/** Opening hours change without any event (08:30 开始取号): refresh the tiles now and then. */
const REFRESH_EVERY_MS = 60_000;
const HTTP_RETRY_MS = 3000;

/**
 * The kiosk's link to the hall server: socket.io for live waiting counts, HTTP for the full service
 * views. socket.io reconnects by itself; while the server is gone the kiosk says so and keeps trying.
 */
export class HallLink {
  services = $state<ServiceView[]>([]);
  hallName = $state('');
  /** The hall's time zone from the snapshot: the clock shows hall time whatever the kiosk PC is set to. */
  timeZone = $state('Asia/Shanghai');
  state = $state<LinkState>('connecting');

  readonly api: ApiClient;
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private socketUp = false;
  /** The kiosk audience's seq last taken (snapshot or event); null until the first snapshot. */
  private seq: number | null = null;
  private httpUp = true;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private httpRetryTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly token: string | null) {
    this.api = createApiClient({ token: () => token, timeoutMs: 5000 });
  }

  start(): void {
    if (!this.token) {
      this.state = 'unpaired';
      return;
    }
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      auth: { token: this.token }, ...SCREEN_RECONNECT, timeout: 5000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.socketUp = true;
      void this.refresh();
    });
    socket.on('disconnect', (reason) => {
      this.socketDown();
      // A server that shuts down closes its sockets itself, and socket.io does not retry those.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), SERVER_CLOSED_RETRY_MS);
    });
    socket.on('connect_error', () => {
      this.socketDown();
      // A refused handshake (revoked token) is not retried by socket.io itself; try again later.
      if (!socket.active) setTimeout(() => socket.connect(), 10_000);
    });
    socket.on('queue:snapshot', (snapshot: QueueSnapshotEvent) => {
      this.seq = snapshot.seq;
      this.hallName = snapshot.hallName;
      this.timeZone = snapshot.timeZone;
      this.applyLive(snapshot.services);
    });
    socket.on('services:updated', (event: ServicesUpdatedEvent) => {
      const step = seqStep(this.seq, event.seq);
      if (step === 'stale') return;
      // Each update carries every service whole, so it is applied even after a gap; the snapshot
      // asked for then brings what else was missed (hall name, time zone).
      if (step === 'gap') socket.emit('queue:snapshot');
      this.seq = event.seq;
      this.applyLive(event.services);
    });
    this.refreshTimer = setInterval(() => void this.refresh(), REFRESH_EVERY_MS);
  }

  stop(): void {
    this.socket?.disconnect();
    clearTimeout(this.graceTimer);
    clearTimeout(this.httpRetryTimer);
    clearInterval(this.refreshTimer);
  }

  /** Fetches the full service views; a failure marks the link down and retries until it works. */
  async refresh(): Promise<void> {
    try {
      const [services, me] = await Promise.all([
        this.api.get<ServiceView[]>('/api/services'),
        this.hallName ? Promise.resolve(null) : this.api.get<{ device?: { hallName: string } }>('/api/me'),
      ]);
      this.services = services;
      if (me?.device?.hallName) this.hallName = me.device.hallName;
      this.httpUp = true;
      clearTimeout(this.httpRetryTimer);
      this.update();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        this.state = 'unpaired';
        return;
      }
      this.httpFailed();
    }
  }

  /** Called by screens whose own request could not reach the server. */
  httpFailed(): void {
    this.httpUp = false;
    this.update();
    clearTimeout(this.httpRetryTimer);
    this.httpRetryTimer = setTimeout(() => void this.refresh(), HTTP_RETRY_MS);
  }

  private applyLive(live: ServicesUpdatedEvent['services']): void {
    if (this.services.length === 0) return;
    const { views, needsRefresh } = mergeLiveCounts(this.services, live);
    this.services = views;
    if (needsRefresh) void this.refresh();
  }

  private socketDown(): void {
    this.socketUp = false;
    // The first failure starts the grace period; reconnect attempts inside it (every ~1 s) must
    // not push it back, or a kiosk whose server is gone would never say so.
    this.graceTimer ??= setTimeout(() => {
      this.graceTimer = undefined;
      this.update();
    }, OFFLINE_GRACE_MS);
  }

  private update(): void {
    if (this.socketUp && this.httpUp) this.state = 'online';
    else if (this.state !== 'unpaired') this.state = 'offline';
  }
}
