import type { CityHallView, SyncRecord } from '@hall/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityServer } from '../server';
import { client, PG_SKIP_REASON, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';

const ZHONGMOU = '410122000000';
const DENGFENG = '410185000000';
const live = (n: number) => ({ at: new Date().toISOString(), waitingByService: { A: n }, longestWaitSeconds: 60 * n, countersOpen: 2, printerFaults: 0, tickets: [] });

function socketOf(url: string, token: string | undefined): Promise<Socket> {
  return new Promise((done, fail) => {
    const socket = connect(url, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
    socket.once('connect', () => done(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      fail(error);
    });
  });
}
const subscribe = (socket: Socket, area?: string) => socket.emitWithAck('subscribe', area ? { area } : {}) as Promise<{ ok: boolean; error?: { code: string } }>;
const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** Enrolls the demo halls of 中牟县 (county centre) and 登封 (大金店镇) and signs in the admin and the 中牟 supervisor. */
async function setUp(server: CityServer) {
  const api = client(server.url);
  const codes = server.demo!.halls;
  const zhongmouHall = (await api.enroll(codes.find((h) => h.areaCode === ZHONGMOU)!.enrollmentCode)).body as { credential: string; hallId: number };
  const dengfengHall = (await api.enroll(codes.find((h) => h.areaCode === '410185103000')!.enrollmentCode)).body as { credential: string; hallId: number };
  const [adminUser, supervisorUser] = server.demo!.users;
  return {
    api, zhongmouHall, dengfengHall,
    admin: await api.login(adminUser!.username, adminUser!.password),
    supervisor: await api.login(supervisorUser!.username, supervisorUser!.password),
  };
}

describe('city console live view (socket.io), one instance on PGlite', () => {
  let db: TestDatabase;
  let server: CityServer;
  let ctx: Awaited<ReturnType<typeof setUp>>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await testDatabase('pglite');
    server = await startTestCity(db, { seedDemo: true });
    ctx = await setUp(server);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    db?.dispose();
  });

  it('refuses a socket without a valid token', async () => {
    await expect(socketOf(server.url, undefined)).rejects.toThrow('unauthorized');
    await expect(socketOf(server.url, 'x'.repeat(43))).rejects.toThrow('unauthorized');
  });

  it('a supervisor subscribes to their own area only and sees only its halls push', async () => {
    const socket = await socketOf(server.url, ctx.supervisor);
    sockets.push(socket);
    expect(await subscribe(socket, DENGFENG)).toEqual({ ok: false, error: { code: 'forbidden', message: `area ${DENGFENG} is outside your area ${ZHONGMOU}` } });
    expect(await subscribe(socket, 'nonsense')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await subscribe(socket, ZHONGMOU)).toEqual({ ok: true });
    const admin = await socketOf(server.url, ctx.admin);
    sockets.push(admin);
    expect(await subscribe(admin)).toEqual({ ok: true });
    const seen: CityHallView[] = [];
    const seenByAdmin: CityHallView[] = [];
    socket.on('hall-live', (view: CityHallView) => seen.push(view));
    admin.on('hall-live', (view: CityHallView) => seenByAdmin.push(view));

    expect((await ctx.api.push(ctx.dengfengHall.credential, 1, [], { live: live(5) })).status).toBe(200);
    expect((await ctx.api.push(ctx.zhongmouHall.credential, 1, [], { live: live(3) })).status).toBe(200);
    await until(() => seen.length >= 1 && seenByAdmin.length >= 2);
    await new Promise((r) => setTimeout(r, 400));
    expect(seen.map((v) => [v.id, v.online, v.live?.waitingByService])).toEqual([[ctx.zhongmouHall.hallId, true, { A: 3 }]]);
    expect(seenByAdmin.map((v) => v.id).sort()).toEqual([ctx.zhongmouHall.hallId, ctx.dengfengHall.hallId].sort());
  });

  it('holds each service to its own target: the worst wait is the one furthest past its target, not the longest', async () => {
    const socket = await socketOf(server.url, ctx.supervisor);
    sockets.push(socket);
    expect(await subscribe(socket, ZHONGMOU)).toEqual({ ok: true });
    const seen: CityHallView[] = [];
    socket.on('hall-live', (view: CityHallView) => seen.push(view));
    const at = new Date().toISOString();
    // The hall's services as it synced them: 法律援助 with a 10-minute target, 法律咨询 with 30 minutes.
    const services: SyncRecord[] = [
      { seq: 1, kind: 'service', at, data: { code: 'A', name: '法律援助', targetWaitMinutes: 10, dailyQuota: null } },
      { seq: 2, kind: 'service', at, data: { code: 'F', name: '法律咨询', targetWaitMinutes: 30, dailyQuota: null } },
    ];
    const perService = (a: number, f: number) => ({ ...live(2), longestWaitSeconds: Math.max(a, f), longestWaitByService: { A: a, F: f } });
    const views = async () => (await ctx.api.get(`/api/city/halls?area=${ZHONGMOU}`, ctx.supervisor)).body as CityHallView[];
    const zhongmou = async () => (await views()).find((v) => v.id === ctx.zhongmouHall.hallId)!;

    // A has waited 12 minutes against 10; F 25 minutes against 30: A is the worst and past its target.
    expect((await ctx.api.push(ctx.zhongmouHall.credential, 1, services, { live: perService(12 * 60, 25 * 60) })).status).toBe(200);
    await until(() => seen.some((v) => v.live?.longestWaitByService?.A === 720));
    const pushedView = seen.find((v) => v.live?.longestWaitByService?.A === 720)!;
    expect(pushedView).toMatchObject({ worstWait: { serviceCode: 'A', name: '法律援助', seconds: 720, targetMinutes: 10 }, overTarget: true });
    expect(await zhongmou()).toMatchObject({ worstWait: { serviceCode: 'A', name: '法律援助', seconds: 720, targetMinutes: 10 }, overTarget: true });

    // A 8 minutes of 10 (0.8), F 25 of 30 (0.83): F is the worst, and nothing is past its target.
    expect((await ctx.api.push(ctx.zhongmouHall.credential, 3, [], { live: perService(8 * 60, 25 * 60) })).status).toBe(200);
    expect(await zhongmou()).toMatchObject({ worstWait: { serviceCode: 'F', name: '法律咨询', seconds: 1500, targetMinutes: 30 }, overTarget: false });

    // Exactly the target is not past it.
    expect((await ctx.api.push(ctx.zhongmouHall.credential, 3, [], { live: perService(10 * 60, 0) })).status).toBe(200);
    expect(await zhongmou()).toMatchObject({ worstWait: { serviceCode: 'A', seconds: 600, targetMinutes: 10 }, overTarget: false });
  });

  it('holds an older hall without per-service waits to the default 20 minutes', async () => {
    const dengfeng = async () => ((await ctx.api.get('/api/city/halls', ctx.admin)).body as CityHallView[]).find((v) => v.id === ctx.dengfengHall.hallId)!;
    const old = (seconds: number) => ({ at: new Date().toISOString(), waitingByService: { A: 4 }, longestWaitSeconds: seconds, countersOpen: 1, printerFaults: 0, tickets: [] });
    expect((await ctx.api.push(ctx.dengfengHall.credential, 1, [], { live: old(21 * 60) })).status).toBe(200);
    expect(await dengfeng()).toMatchObject({ worstWait: null, overTarget: true });
    expect((await ctx.api.push(ctx.dengfengHall.credential, 1, [], { live: old(20 * 60) })).status).toBe(200);
    expect(await dengfeng()).toMatchObject({ worstWait: null, overTarget: false });
  });
});

describe.skipIf(PG_SKIP_REASON !== null)('two city instances on one PostgreSQL', () => {
  let db: TestDatabase;
  let a: CityServer;
  let b: CityServer;
  let ctx: Awaited<ReturnType<typeof setUp>>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await testDatabase('postgres');
    a = await startTestCity(db, { seedDemo: true });
    b = await startTestCity(db);
    ctx = await setUp(a);
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await a?.close();
    await b?.close();
    db?.dispose();
  });

  it('a console on either instance sees a push applied by either instance (LISTEN/NOTIFY)', async () => {
    const onA = await socketOf(a.url, ctx.supervisor);
    const onB = await socketOf(b.url, ctx.supervisor);
    sockets.push(onA, onB);
    expect(await subscribe(onA, ZHONGMOU)).toEqual({ ok: true });
    expect(await subscribe(onB, ZHONGMOU)).toEqual({ ok: true });
    const seenA: number[] = [];
    const seenB: number[] = [];
    onA.on('hall-live', (view: CityHallView) => seenA.push(view.live?.waitingByService.A ?? -1));
    onB.on('hall-live', (view: CityHallView) => seenB.push(view.live?.waitingByService.A ?? -1));
    // Pushed to B: the console on A sees it too, and the other way round.
    expect((await client(b.url).push(ctx.zhongmouHall.credential, 1, [], { live: live(7) })).status).toBe(200);
    await until(() => seenA.includes(7) && seenB.includes(7));
    expect((await client(a.url).push(ctx.zhongmouHall.credential, 1, [], { live: live(8) })).status).toBe(200);
    await until(() => seenA.includes(8) && seenB.includes(8));
  });
});
