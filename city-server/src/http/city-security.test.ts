/**
 * Security of the city queries over the server's full route list: every /api/city route is in the
 * table below (an unclassified or vanished route fails), and each is called by every kind of caller
 * against an area: no token 401; a supervisor outside the area (another county, or a township
 * asking for its county) 403; the admin and the area's own supervisor admitted.
 */
import type { SyncRecord } from '@hall/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityServer } from '../server';
import { client, startTestCity, testDatabase, type TestDatabase } from '../testing/city-test';

const ZHONGMOU = '410122000000';
const DENGFENG = '410185000000';

type Access =
  /** Any signed-in city user (the answer itself is scoped to their area). */
  | { kind: 'user' }
  /** Admins only. */
  | { kind: 'admin' }
  /** Scoped: the route targets an area (query `area`), or a follow-up of a hall in that area. */
  | { kind: 'area'; path: (area: string, followUp: number) => string };

const month = '2026-11';
const TABLE: Record<string, Access> = {
  'GET /api/city/areas': { kind: 'user' },
  'GET /api/city/halls': { kind: 'area', path: (a) => `/api/city/halls?area=${a}` },
  'GET /api/city/summary': { kind: 'area', path: (a) => `/api/city/summary?from=2026-11-01&to=2026-11-30&area=${a}` },
  'GET /api/city/ranking': { kind: 'area', path: (a) => `/api/city/ranking?month=${month}&area=${a}` },
  'GET /api/city/assessment-weights': { kind: 'user' },
  'PUT /api/city/assessment-weights': { kind: 'admin' },
  'GET /api/city/follow-ups': { kind: 'area', path: (a) => `/api/city/follow-ups?area=${a}` },
  'POST /api/city/follow-ups/:id/supervise': { kind: 'area', path: (_a, f) => `/api/city/follow-ups/${f}/supervise` },
  'GET /api/city/exports/evaluations.csv': { kind: 'area', path: (a) => `/api/city/exports/evaluations.csv?from=2026-11-01&to=2026-11-30&area=${a}` },
  'GET /api/city/exports/evaluations.jsonl': { kind: 'area', path: (a) => `/api/city/exports/evaluations.jsonl?from=2026-11-01&to=2026-11-30&area=${a}` },
  'GET /api/city/admin/users': { kind: 'admin' },
  'POST /api/city/admin/users': { kind: 'admin' },
  'PATCH /api/city/admin/users/:id': { kind: 'admin' },
  'POST /api/city/admin/users/:id/password': { kind: 'admin' },
  'POST /api/city/admin/areas': { kind: 'admin' },
  'GET /api/city/admin/halls': { kind: 'admin' },
  'POST /api/city/admin/halls': { kind: 'admin' },
  'POST /api/city/admin/halls/:id/revoke': { kind: 'admin' },
  'POST /api/city/admin/halls/:id/rekey': { kind: 'admin' },
};
/** City routes of issue 12 (appointments), checked here for 401 without a token only; their own tests cover roles. */
const OTHERS = ['POST /api/city/integration-tokens', 'POST /api/city/integration-tokens/:id/revoke', 'GET /api/city/bookings/summary'];

const BODIES: Record<string, unknown> = {
  'PUT /api/city/assessment-weights': { satisfaction: 30, followUpRate: 15, onTimeRate: 15, serviceLevel: 20, noShowRate: 10, coverage: 10 },
  'POST /api/city/follow-ups/:id/supervise': { message: '安全测试督办' },
};

interface Caller {
  name: string;
  token?: string;
  role?: 'admin' | 'supervisor';
  /** Areas (as prefixes) the caller may see. */
  prefix?: string;
}

/** One bad rating with its open follow-up, as a hall's outbox sends it. */
function badRating(day: string): SyncRecord[] {
  const at = `${day}T02:00:00.000Z`;
  return [
    { seq: 1, kind: 'service', at, data: { code: 'A', name: '法律咨询', targetWaitMinutes: 15, dailyQuota: null } },
    {
      seq: 2, kind: 'ticket', at, data: {
        id: 1, hallDay: day, number: 'A001', serviceCode: 'A', originalServiceCode: 'A', priority: 'normal', source: 'walk-in', state: 'done',
        issuedAt: `${day}T01:00:00.000Z`, calledAt: `${day}T01:10:00.000Z`, startedAt: `${day}T01:11:00.000Z`, finishedAt: `${day}T01:30:00.000Z`,
        counterId: 1, staffId: null, recallCount: 0, outcome: 'resolved', estimatedWaitSeconds: null, caseNumber: null,
      },
    },
    { seq: 3, kind: 'rating', at, data: { id: 1, ticketId: 1, score: 1, attitude: null, efficiency: null, policy: null, competence: null, comment: '差', channel: 'pad', createdAt: at, excluded: false, excludedReason: null } },
    { seq: 4, kind: 'follow-up', at, data: { id: 1, ratingId: 1, ticketId: 1, state: 'open', openedAt: at, dueDay: '2026-11-10', closedAt: null, outcome: null } },
  ];
}

describe('city route table × role × area', () => {
  let db: TestDatabase;
  let server: CityServer;
  let api: ReturnType<typeof client>;
  const callers: Caller[] = [{ name: 'anonymous' }];
  /** City-wide follow-up id of a hall in each county. */
  const followUpIn = new Map<string, number>();
  /** The enrolled hall in each county: its id and area code. */
  const hallIn = new Map<string, { hallId: number; areaCode: string }>();

  beforeAll(async () => {
    db = await testDatabase('pglite');
    server = await startTestCity(db, { seedDemo: true });
    api = client(server.url);
    const codes = server.demo!.halls;
    for (const area of [ZHONGMOU, '410185103000']) {
      const hall = (await api.enroll(codes.find((h) => h.areaCode === area)!.enrollmentCode)).body as { credential: string; hallId: number };
      expect((await api.push(hall.credential, 1, badRating('2026-11-03'))).status).toBe(200);
      hallIn.set(area.startsWith('410122') ? ZHONGMOU : DENGFENG, { hallId: hall.hallId, areaCode: area });
    }
    const [adminUser, zhongmou] = server.demo!.users;
    await server.city.addUser({ username: 'chengguan', password: 'chengguan-pass', role: 'supervisor', areaCode: '410122100000' });
    await server.city.addUser({ username: 'dengfeng', password: 'dengfeng-pass', role: 'supervisor', areaCode: DENGFENG });
    callers.push({ name: 'admin', token: await api.login(adminUser!.username, adminUser!.password), role: 'admin', prefix: '' });
    callers.push({ name: 'zhongmou (county)', token: await api.login(zhongmou!.username, zhongmou!.password), role: 'supervisor', prefix: '410122' });
    callers.push({ name: 'chengguan (township of 中牟)', token: await api.login('chengguan', 'chengguan-pass'), role: 'supervisor', prefix: '410122100' });
    callers.push({ name: 'dengfeng (another county)', token: await api.login('dengfeng', 'dengfeng-pass'), role: 'supervisor', prefix: '410185' });
    const admin = callers[1]!.token!;
    for (const area of [ZHONGMOU, DENGFENG]) {
      const list = (await api.get(`/api/city/follow-ups?area=${area}`, admin)).body as { id: number }[];
      expect(list).toHaveLength(1);
      followUpIn.set(area, list[0]!.id);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    db?.dispose();
  });

  it('classifies every /api/city route the server has, and no route it lacks', () => {
    const keys = server.routes.map((r) => `${r.method} ${r.url}`).filter((key) => key.split(' ')[1]!.startsWith('/api/city/'));
    expect(keys.filter((key) => !(key in TABLE) && !OTHERS.includes(key)), 'unclassified /api/city routes').toEqual([]);
    expect(Object.keys(TABLE).filter((key) => !keys.includes(key)), 'routes in the table the server lacks').toEqual([]);
  });

  it('refuses and admits exactly as the table says, for every caller and both counties', async () => {
    const mismatches: string[] = [];
    let checks = 0;
    for (const [key, access] of Object.entries(TABLE)) {
      const [method, pattern] = key.split(' ') as [string, string];
      const targets = access.kind === 'area' ? [ZHONGMOU, DENGFENG] : [null];
      for (const target of targets) {
        const path = access.kind === 'area' ? access.path(target!, followUpIn.get(target!)!) : pattern.replace(':id', '999999');
        for (const caller of callers) {
          const expected = !caller.token ? 401
            : access.kind === 'user' ? 'admit'
              : access.kind === 'admin' ? (caller.role === 'admin' ? 'admit' : 403)
                : target!.startsWith(caller.prefix!) ? 'admit' : 403;
          const body = method === 'GET' ? undefined : (BODIES[key] ?? {});
          const response = await api.request(method, path, { body, headers: caller.token ? { authorization: `Bearer ${caller.token}` } : {} });
          checks += 1;
          const ok = expected === 'admit' ? response.status < 500 && response.status !== 401 && response.status !== 403 : response.status === expected;
          if (response.status >= 500 || !ok) mismatches.push(`${method} ${path} as ${caller.name}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body).slice(0, 120)}`);
        }
      }
    }
    for (const key of OTHERS) {
      const [method, path] = key.split(' ') as [string, string];
      const response = await api.request(method, path, { body: method === 'GET' ? undefined : {} });
      checks += 1;
      if (response.status !== 401) mismatches.push(`${key} anonymous: expected 401, got ${response.status}`);
    }
    expect(mismatches).toEqual([]);
    expect(checks).toBeGreaterThan(120);
  }, 120_000);

  it('the one-hall summary (hall=) is scoped as its area: another county\'s hall is 403, an unknown hall 404', async () => {
    const mismatches: string[] = [];
    for (const county of [ZHONGMOU, DENGFENG]) {
      const { hallId, areaCode } = hallIn.get(county)!;
      const path = `/api/city/summary?from=2026-11-01&to=2026-11-30&hall=${hallId}`;
      for (const caller of callers) {
        const expected = !caller.token ? 401 : areaCode.startsWith(caller.prefix!) ? 200 : 403;
        const response = await api.request('GET', path, { headers: caller.token ? { authorization: `Bearer ${caller.token}` } : {} });
        if (response.status !== expected) mismatches.push(`${path} as ${caller.name}: expected ${expected}, got ${response.status}`);
        if (expected === 200 && (response.body as { byHall: { hallId: number }[] }).byHall.map((h) => h.hallId).join() !== String(hallId)) mismatches.push(`${path} as ${caller.name}: not that hall alone`);
      }
    }
    // 中牟's supervisor asking for 登封's hall, even naming 中牟 as the area: 403 (not 404), so scope is checked first.
    const zhongmou = callers.find((c) => c.name.startsWith('zhongmou'))!.token!;
    const other = hallIn.get(DENGFENG)!.hallId;
    const named = await api.request('GET', `/api/city/summary?from=2026-11-01&to=2026-11-30&area=${ZHONGMOU}&hall=${other}`, { headers: { authorization: `Bearer ${zhongmou}` } });
    expect(named.status).toBe(403);
    const admin = callers.find((c) => c.name === 'admin')!.token!;
    expect((await api.request('GET', '/api/city/summary?from=2026-11-01&to=2026-11-30&hall=999999', { headers: { authorization: `Bearer ${admin}` } })).status).toBe(404);
    expect(mismatches).toEqual([]);
  });
});
