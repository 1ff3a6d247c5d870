import { SYNC_MAX_BATCH, hallDayOf, type PullResponse, type SyncStatus } from '@hall/shared';
import type { HallServices } from '../services/hall-services';
import { HallError } from '../services/errors';
import { createHallBookingsRepo } from '../bookings/bookings-repo';
import { backoffDelay, BACKOFF_MAX_MS, previousHallDay } from './backoff';
import { CityError, type CityClient } from './city-client';
import { buildLive } from './live';
import type { OutboxRow, SyncRepo } from './sync-repo';

export interface SyncLoopOptions {
  services: HallServices;
  repo: SyncRepo;
  client: CityClient;
  /** Shortest time between two pushes while changes keep coming (DESIGN.md: ~1 s after a change). */
  pushIntervalMs?: number;
  /** A push with the live state at least this often, changes or not. */
  heartbeatMs?: number;
  pullIntervalMs?: number;
  maxBackoffMs?: number;
  /** How often the loop looks for new outbox rows (one indexed read). */
  pollMs?: number;
  random?: () => number;
  log?: (line: string) => void;
}

export interface SyncLoop {
  status(): SyncStatus;
  /** Try now, even while backing off (after enrollment, from tests). */
  kick(): void;
  stop(): Promise<void>;
}

const PRUNE_AFTER_MS = 24 * 3600_000;
/** 督办 reminders the status carries: every unread one first, then the newest read ones, up to this many. */
const SUPERVISIONS_SHOWN = 20;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The push body as JSON text: outbox `data` is already JSON, so records are concatenated, not re-encoded. */
export function pushBodyJson(fromSeq: number, rows: readonly OutboxRow[], live: unknown): string {
  const records = rows.map((row) => `{"seq":${row.seq},"kind":${JSON.stringify(row.kind)},"at":"${new Date(row.at).toISOString()}","data":${row.data}}`);
  return `{"fromSeq":${fromSeq},"records":[${records.join(',')}]${live === undefined ? '' : `,"live":${JSON.stringify(live)}`}}`;
}

/**
 * The hall's link to the city: pushes the outbox (~1 s after a change, every 15 s with the live
 * state), pulls holidays, notices and phone ratings every 15 s, backs off while the city is away.
 * Every step is guarded: a sync failure is recorded and retried, never thrown into the hall.
 */
export function startSyncLoop(options: SyncLoopOptions): SyncLoop {
  const { services, repo, client } = options;
  const { ctx } = services;
  const pushIntervalMs = options.pushIntervalMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const pullIntervalMs = options.pullIntervalMs ?? 15_000;
  const maxBackoffMs = options.maxBackoffMs ?? BACKOFF_MAX_MS;
  const pollMs = options.pollMs ?? 200;
  const random = options.random ?? Math.random;
  const log = options.log ?? ((line: string) => console.error(line));

  let ackSeq = repo.state().ackSeq;
  let lastPushAt = 0;
  let lastPullAt = 0;
  let lastPruneAt = 0;
  let failures = 0;
  let nextAttemptAt = 0;
  let inFlight: Promise<void> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  function closeDayIfDue(now: number) {
    const yesterday = previousHallDay(hallDayOf(now, ctx.timeZone));
    const closed = repo.state().lastDayClosed;
    if (closed !== null && closed >= yesterday) return;
    if (ctx.tickets.openBefore(hallDayOf(now, ctx.timeZone)).length > 0) return;
    repo.closeDay(yesterday, now);
  }

  async function pushAll(withLive: boolean) {
    let from = ackSeq + 1;
    let live = withLive ? buildLive(services, repo, ctx.clock()) : undefined;
    let gaps = 0;
    for (;;) {
      const rows = repo.pending(from, SYNC_MAX_BATCH);
      if (rows.length === 0 && live === undefined) return;
      const fromSeq = rows[0]?.seq ?? from;
      const result = await client.push(pushBodyJson(fromSeq, rows, live));
      lastPushAt = Date.now();
      live = undefined;
      if (!result.ok) {
        // The city holds less (restored from backup) or more (re-sent batch) than we thought: resume there.
        gaps += 1;
        const oldest = repo.pending(result.expectedSeq, 1)[0];
        if (gaps > 3 || result.expectedSeq > repo.lastSeq() + 1 || (result.expectedSeq <= repo.lastSeq() && oldest?.seq !== result.expectedSeq)) {
          throw new CityError(409, 'seq-gap', `city expects seq ${result.expectedSeq}, which this hall cannot send (outbox holds up to ${repo.lastSeq()})`);
        }
        ackSeq = result.expectedSeq - 1;
        from = result.expectedSeq;
        continue;
      }
      ackSeq = result.ackSeq;
      repo.acknowledge(ackSeq, ctx.clock());
      const sentUpTo = rows.at(-1)?.seq ?? ackSeq;
      if (ackSeq < sentUpTo && ++gaps > 3) throw new CityError(200, 'not-acknowledged', `city acknowledged ${ackSeq} of ${sentUpTo}`);
      if (rows.length < SYNC_MAX_BATCH && ackSeq >= sentUpTo) return;
      from = ackSeq + 1;
    }
  }

  function applyPull(pulled: PullResponse) {
    for (const holiday of pulled.holidays) ctx.ratings.putHoliday(holiday.day, holiday.workday ? 'workday' : 'holiday', holiday.name);
    for (const notice of pulled.notices) repo.putNotice(notice);
    repo.putSupervisions(pulled.supervisions ?? [], ctx.clock());
    createHallBookingsRepo(ctx.db).apply(pulled.bookings ?? [], ctx.clock());
    for (const rating of pulled.ratings) {
      const ticket = ctx.tickets.get(rating.ticketId);
      if (!ticket || ctx.ratings.byTicket(ticket.id)) continue;
      try {
        // Given on the city's /t/ page by the holder of the tracking code: the hall's phone channel.
        services.ratings.rate(ticket.id, {
          score: rating.score, attitude: rating.attitude ?? undefined, efficiency: rating.efficiency ?? undefined,
          policy: rating.policy ?? undefined, competence: rating.competence ?? undefined,
          comment: rating.comment ?? undefined, trackingCode: ticket.trackingCode,
        }, { kind: 'phone' });
      } catch (error) {
        if (!(error instanceof HallError)) throw error;
        log(`sync: city rating ${rating.id} for ticket ${ticket.id} not applied: ${error.code}`);
      }
    }
    repo.pulled(pulled.version, ctx.clock());
  }

  async function step() {
    const now = Date.now();
    closeDayIfDue(ctx.clock());
    const backlog = repo.lastSeq() > ackSeq;
    const heartbeat = now - lastPushAt >= heartbeatMs;
    if ((backlog && now - lastPushAt >= pushIntervalMs) || heartbeat) await pushAll(true);
    if (now - lastPullAt >= pullIntervalMs) {
      applyPull(await client.pull(repo.state().pullVersion));
      lastPullAt = Date.now();
    }
    if (now - lastPruneAt >= 60_000) {
      repo.prune(ackSeq, Date.now() - PRUNE_AFTER_MS);
      lastPruneAt = now;
    }
  }

  function tick() {
    timer = null;
    if (stopped) return;
    if (inFlight || Date.now() < nextAttemptAt) return schedule();
    inFlight = step()
      .then(() => {
        failures = 0;
        nextAttemptAt = 0;
      })
      .catch((error: unknown) => {
        failures += 1;
        nextAttemptAt = Date.now() + backoffDelay(failures, random(), maxBackoffMs);
        const message = error instanceof Error ? error.message : String(error);
        try {
          repo.failed(message, ctx.clock());
        } catch {
          // The disk refused even this: the next attempt records it.
        }
        if (failures === 1 || failures % 10 === 0) log(`sync: ${message} (attempt ${failures}; next in ${Math.round((nextAttemptAt - Date.now()) / 1000)} s)`);
      })
      .finally(() => {
        inFlight = null;
        schedule();
      });
  }

  function schedule() {
    if (!stopped && timer === null) {
      timer = setTimeout(tick, pollMs);
      timer.unref();
    }
  }

  schedule();

  return {
    status(): SyncStatus {
      const state = repo.state();
      const lastSeq = repo.lastSeq();
      return {
        enrolled: state.enrolled, running: !stopped, cityUrl: state.cityUrl, hallId: state.hallId, publicUrl: state.publicUrl,
        ackSeq: state.ackSeq, lastSeq, backlog: Math.max(0, lastSeq - state.ackSeq), lastSuccessAt: iso(state.lastSuccessAt),
        lastPullAt: iso(state.lastPullAt), lastError: state.lastError, lastErrorAt: iso(state.lastErrorAt), failures,
        nextAttemptAt: nextAttemptAt > Date.now() ? iso(nextAttemptAt) : null,
        notices: repo.currentNotices(hallDayOf(ctx.clock(), ctx.timeZone)),
        supervisions: repo.supervisions(SUPERVISIONS_SHOWN),
      };
    },
    kick() {
      nextAttemptAt = 0;
      lastPushAt = 0;
      lastPullAt = 0;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}

/** The status of a hall that is not enrolled (no loop running). */
export function idleStatus(repo: SyncRepo, services: HallServices): SyncStatus {
  const state = repo.state();
  const lastSeq = repo.lastSeq();
  return {
    enrolled: state.enrolled, running: false, cityUrl: state.cityUrl, hallId: state.hallId, publicUrl: state.publicUrl,
    ackSeq: state.ackSeq, lastSeq, backlog: Math.max(0, lastSeq - state.ackSeq), lastSuccessAt: iso(state.lastSuccessAt),
    lastPullAt: iso(state.lastPullAt), lastError: state.enrolled ? (state.lastError ?? 'enrolled, but the credential file is missing') : null,
    lastErrorAt: iso(state.lastErrorAt), failures: 0, nextAttemptAt: null,
    notices: repo.currentNotices(hallDayOf(services.ctx.clock(), services.ctx.timeZone)),
    supervisions: repo.supervisions(SUPERVISIONS_SHOWN),
  };
}
