import { CITY_SOCKET_EVENTS, citySubscribeSchema, type CityHallView } from '@hall/shared';
import type { Server as HttpServer } from 'node:http';
import pg from 'pg';
import { Server, type Socket } from 'socket.io';
import type { Db } from '../db/database';
import { hallsRepo } from '../repos/halls-repo';
import { hallView, type CityService, type UserPrincipal } from '../services/city-service';
import { CityError } from '../services/errors';
import type { SupervisionService } from '../services/supervision-service';
import { serviceTargetsOf } from './worst-wait';

/** PostgreSQL channel on which every instance announces the halls whose push it applied. */
export const LIVE_CHANNEL = 'city_live';
/** Pushes of one hall within this window reach consoles as one `hall-live` (a hall pushes ~1 s after a change). */
const COALESCE_MS = 250;
/** Prefix lengths of the area levels (市 4, 县/区 6, 乡镇/街道 9, 村/社区 12) and '' for an admin's whole city. */
const PREFIX_LENGTHS = [0, 4, 6, 9, 12];

type Ack = (answer: { ok: true } | { ok: false; error: { code: string; message: string } }) => void;
interface SocketData {
  token: string;
  user: UserPrincipal;
}

export interface LiveHub {
  /** A push of this hall was applied here: every instance tells its consoles. */
  hallChanged(hallId: number): void;
  close(): Promise<void>;
}

/**
 * The city console's live view: socket.io on the city server. A console authenticates with its
 * bearer token, subscribes to one area (checked against the user's scope, like every route), and
 * gets `hall-live` whenever a hall at or below it pushes. With several instances on one PostgreSQL,
 * the instance that applied a push sends `NOTIFY city_live '<hallId>'`; every instance LISTENs and
 * emits to its own sockets (PGlite runs one instance: a local call does it).
 */
export async function attachLiveHub(httpServer: HttpServer, db: Db, city: CityService, supervision: SupervisionService, options: { databaseUrl?: string; clock: () => number }): Promise<LiveHub> {
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(httpServer, {
    serveClient: false, pingInterval: 10_000, pingTimeout: 8_000,
  });

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string') return next(new Error('unauthorized'));
    city.principal(`Bearer ${token}`).then((user) => {
      socket.data = { token, user };
      next();
    }, () => next(new Error('unauthorized')));
  });

  io.on('connection', (socket: Socket) => {
    socket.on(CITY_SOCKET_EVENTS.subscribe, async (raw: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === 'function' ? ack : () => undefined;
      try {
        // The session is checked again: a disabled user or an expired session stops here.
        const user = await city.principal(`Bearer ${(socket.data as SocketData).token}`);
        const parsed = citySubscribeSchema.safeParse(raw ?? {});
        if (!parsed.success) throw new CityError('bad-request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 400);
        const { area } = await supervision.scope(user, parsed.data.area);
        for (const room of socket.rooms) if (room.startsWith('area:')) await socket.leave(room);
        await socket.join(`area:${area?.prefix ?? ''}`);
        reply({ ok: true });
      } catch (error) {
        const e = error instanceof CityError ? error : new CityError('internal', 'subscribe failed', 500);
        reply({ ok: false, error: { code: e.code, message: e.message } });
        if (e.code === 'unauthorized') socket.disconnect(true);
      }
    });
  });

  const pending = new Set<number>();
  let flushTimer: NodeJS.Timeout | null = null;
  const halls = hallsRepo(db);

  async function emit(ids: number[]) {
    for (const id of ids) {
      const row = await halls.hall(id);
      if (!row) continue;
      const view: CityHallView = hallView(row, options.clock(), (await serviceTargetsOf(db, [id])).get(id));
      const rooms = PREFIX_LENGTHS.map((n) => `area:${row.area_code.slice(0, n)}`);
      io.to(rooms).emit(CITY_SOCKET_EVENTS.hallLive, view);
    }
  }

  function schedule(hallId: number) {
    pending.add(hallId);
    if (flushTimer) return;
    flushTimer = setTimeout(() => {
      flushTimer = null;
      const ids = [...pending];
      pending.clear();
      emit(ids).catch(() => undefined);
    }, COALESCE_MS);
    flushTimer.unref();
  }

  let listener: pg.Client | null = null;
  let closed = false;
  async function listen() {
    if (!options.databaseUrl || closed) return;
    const client = new pg.Client({ connectionString: options.databaseUrl });
    client.on('notification', (message) => {
      const id = Number(message.payload);
      if (Number.isInteger(id)) schedule(id);
    });
    // A lost connection (PostgreSQL restarted) is re-opened; consoles meanwhile keep their polling fallback.
    client.on('error', () => {
      if (listener === client) listener = null;
      client.end().catch(() => undefined);
      setTimeout(() => void listen().catch(() => undefined), 2000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    listener = client;
  }
  await listen();

  return {
    hallChanged(hallId: number) {
      if (!options.databaseUrl) return schedule(hallId);
      db.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, String(hallId)]).catch(() => undefined);
    },
    async close() {
      closed = true;
      if (flushTimer) clearTimeout(flushTimer);
      // Not io.close(): that would close the HTTP server, which the server's own close() does.
      io.disconnectSockets(true);
      io.engine.close();
      await listener?.end().catch(() => undefined);
    },
  };
}
