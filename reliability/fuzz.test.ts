/**
 * Fuzzing: ≥ 10,000 random and malformed requests against every route of server.routes (params
 * filled with junk and with real ids, random bodies, content types, headers, tokens, query
 * strings) and random socket events and handshakes. Zero 5xx, no stack trace or SQL in any error
 * body, the server still answers /healthz, and the database keeps its invariants afterwards.
 * Reproducible: the seed is printed; RELIABILITY_SEED=<seed> repeats the run.
 */
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoHall, type DemoHall } from '../e2e/harness';
import { leakIn } from './lib/constants';
import { keepAliveAgent, login, request, sleep } from './lib/http';
import { checkInvariants } from './lib/invariants';
import { makeRandom, type Random } from './lib/random';

const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
const HTTP_CASES = 10_000;
const SOCKET_EVENTS = 1_500;
const CONCURRENCY = 12;

const JUNK_SEGMENTS = [
  '0', '-1', '1.5', '1e999', '9999999999999', '2147483648', 'abc', 'null', 'undefined', '%00', '%ZZ', '..', '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f', "'%20OR%201=1--", '%E2%80%AE', '%F0%9F%98%80', 'A001', '😀', 'ZZ', 'a'.repeat(300), '1;DROP TABLE tickets',
  '__proto__', 'constructor', '2026-02-30', '2026-13-01', 'index.html', '.env', 'hall.db',
];
const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
  'application/octet-stream', 'application/json; charset=latin1', '', 'application/jsonx', '*/*',
];
const MALFORMED_BODIES = [
  '{', '}', '{"a":', '[', 'null', 'true', '0', '""', '"x"', '[]', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}',
  '\u0000', '\uFEFF{}', '{"score":5,"score":1}', `{"note":"${'x'.repeat(70_000)}"}`, '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  '{"requestId":{"$gt":""}}', '%7B%7D', 'username=admin&password=x',
];
const QUERY_BITS = [
  'from=2026-01-01&to=2026-12-31', 'from=2026-13-45&to=x', 'from=&to=', 'from=a&from=b', 'number=A001', 'number=%ZZ', 'number=', 'number=A' + '9'.repeat(50),
  '__proto__[x]=1', 'constructor[prototype][x]=1', 'limit=-1', 'limit=1e9', 'limit=abc', 'year=2026&month=13', 'x=' + 'y'.repeat(2000), 'a[b][c][d][e]=1',
];

interface Target { method: string; url: string }

/** Junk as it travels on the wire: raw bytes that a client cannot put in a request line get percent-encoded. */
const wire = (segment: string) => segment.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));

describe('fuzzing every route and the socket', () => {
  let hall: DemoHall;
  const validIds: Record<string, string[]> = { id: [], trackingCode: [], code: ['A', 'B', 'F'], day: ['2026-10-01'], name: ['a.wav'] };
  let tokens: string[] = [];

  beforeAll(async () => {
    hall = await startDemoHall();
    const staff = await login(hall.url, 'zhangwei', hall.password);
    const manager = await login(hall.url, 'manager', hall.password);
    const admin = await login(hall.url, 'admin', hall.password);
    // Real tickets in several states, so fuzzed ids hit live rows as well as missing ones.
    for (let i = 0; i < 25; i += 1) {
      const res = await request(hall.url, '/api/tickets', { method: 'POST', token: hall.token('kiosk'), body: { serviceCode: 'ACF'[i % 3], requestId: `fuzz-seed-${i}-${SEED}` } });
      validIds.id!.push(String(res.json.id));
      validIds.trackingCode!.push(res.json.trackingCode);
    }
    for (let counter = 1; counter <= 3; counter += 1) {
      const called = await request(hall.url, `/api/counters/${counter}/call-next`, { method: 'POST', token: staff });
      if (called.status === 200 && counter < 3) await request(hall.url, `/api/tickets/${called.json.ticket.id}/finish`, { method: 'POST', token: staff, body: {} });
    }
    validIds.id!.push('1', '2', '3', '4', '5', '6');
    tokens = [staff, manager, admin, hall.token('kiosk'), hall.token('board'), hall.token('pad', 1)];
  });

  afterAll(async () => {
    await hall?.close();
    if (hall) rmSync(hall.dataDir, { recursive: true, force: true });
  });

  function fillPath(random: Random, url: string): string {
    let path = url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      if (random.chance(0.5) && validIds[name]?.length) return encodeURIComponent(random.pick(validIds[name]!));
      return wire(random.pick(JUNK_SEGMENTS));
    });
    path = path.replace('*', () => (random.chance(0.5) ? random.pick(['index.html', 'x.js', 'assets/x.css', '']) : wire(random.pick(JUNK_SEGMENTS))));
    if (random.chance(0.3)) path += `?${wire(random.pick(QUERY_BITS))}${random.chance(0.3) ? `&${random.pick(QUERY_BITS)}` : ''}`;
    if (random.chance(0.03)) path = path.replace(/\//g, random.pick(['//', '/./', '/%2F']));
    return path;
  }

  function randomBody(random: Random, json: unknown[]): { raw?: string; contentType?: string } {
    const roll = random.next();
    if (roll < 0.15) return {};
    const contentType = random.chance(0.75) ? 'application/json' : random.pick(CONTENT_TYPES);
    if (roll < 0.35) return { raw: random.pick(MALFORMED_BODIES), contentType };
    // Near-valid bodies: real field names with random values, the shapes most likely to reach deep code.
    if (roll < 0.7) {
      const fields = ['serviceCode', 'requestId', 'priority', 'priorityReason', 'ticketId', 'score', 'attitude', 'comment', 'trackingCode', 'outcome',
        'note', 'username', 'password', 'printer', 'reason', 'notice', 'name', 'role', 'counterId', 'services', 'dailyQuota', 'kind', 'state', 'message'];
      const body: Record<string, unknown> = {};
      for (let i = random.int(5); i >= 0; i -= 1) body[random.pick(fields)] = json[random.int(json.length)];
      return { raw: JSON.stringify(body), contentType };
    }
    return { raw: JSON.stringify(json[random.int(json.length)]) ?? 'null', contentType };
  }

  function randomHeaders(random: Random): { token?: string; headers: Record<string, string> } {
    const headers: Record<string, string> = {};
    let token: string | undefined;
    const roll = random.next();
    if (roll < 0.55) token = random.pick(tokens);
    else if (roll < 0.65) token = random.pick(['', 'x', 'null', 'a'.repeat(250), 'Bearer', '\t', '"; DROP TABLE sessions; --', tokens[0]!.slice(0, -1)]);
    else if (roll < 0.72) headers.authorization = random.pick(['Basic YWRtaW46YWRtaW4=', 'Bearer', 'bearer x', 'Bearer  ', `Token ${tokens[0]}`, 'x'.repeat(1000)]);
    else if (roll < 0.8) headers.cookie = random.pick(['hall_session=junk', `hall_session=${tokens[0]}`, 'hall_session=', 'a=b; hall_session="x"', '%%%']);
    if (random.chance(0.1)) headers['x-forwarded-for'] = '1.2.3.4';
    if (random.chance(0.05)) headers.accept = '*/*;q=abc';
    if (random.chance(0.05)) headers['accept-encoding'] = 'gzip, br, zstd, x';
    return { token, headers };
  }

  it(`answers ${HTTP_CASES} random and malformed requests without a 5xx or a leak`, async () => {
    console.log(`[fuzz] seed ${SEED} (RELIABILITY_SEED=${SEED} repeats this run)`);
    const random = makeRandom(SEED);
    const json = fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 500, seed: SEED });
    const routes: Target[] = hall.server.routes;
    expect(routes.length).toBeGreaterThan(50);
    const agent = keepAliveAgent(CONCURRENCY);
    const failures: string[] = [];
    const statusCounts = new Map<number, number>();
    const perRoute = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < HTTP_CASES) {
        const index = next++;
        const route = routes[index % routes.length]!;
        const method = random.chance(0.05) ? random.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) : route.method;
        const path = fillPath(random, route.url);
        const { raw, contentType } = method === 'GET' || method === 'OPTIONS' ? {} : randomBody(random, json);
        const { token: picked, headers } = randomHeaders(random);
        // Logging a real session out would turn the rest of the run into anonymous noise.
        const token = route.url === '/api/auth/logout' && picked && tokens.includes(picked) ? undefined : picked;
        if (contentType !== undefined && contentType !== '') headers['content-type'] = contentType;
        try {
          const res = await request(hall.url, path, { method, token, headers, rawBody: raw, agent, timeoutMs: 15_000 });
          statusCounts.set(res.status, (statusCounts.get(res.status) ?? 0) + 1);
          perRoute.set(`${route.method} ${route.url}`, (perRoute.get(`${route.method} ${route.url}`) ?? 0) + 1);
          if (res.status >= 500) failures.push(`#${index} ${method} ${path} → ${res.status} ${res.text.slice(0, 200)}`);
          if (res.status >= 400) {
            const leak = leakIn(res.text);
            if (leak) failures.push(`#${index} ${method} ${path} → ${res.status} leaks ${leak}: ${res.text.slice(0, 300)}`);
          }
        } catch (error) {
          failures.push(`#${index} ${method} ${path} → no answer: ${String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();
    console.log(`[fuzz] ${HTTP_CASES} requests over ${perRoute.size} routes; statuses ${[...statusCounts].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    if (failures.length) console.log(`[fuzz] first failures:\n${failures.slice(0, 20).join('\n')}`);
    expect(failures).toEqual([]);
    expect(perRoute.size).toBe(routes.length);
    expect((await request(hall.url, '/healthz')).json).toEqual({ ok: true });
  });

  it(`survives ${SOCKET_EVENTS} random socket events and bad handshakes`, async () => {
    const random = makeRandom(SEED + 1);
    const payloads = fc.sample(fc.anything({ maxDepth: 3 }), { numRuns: 300, seed: SEED + 1 });
    // Bad handshakes: every one is refused, none crashes the server.
    const badAuths: unknown[] = [
      undefined, null, {}, { token: '' }, { token: 'x'.repeat(5000) }, { token: 42 }, { token: ['a'] }, { trackingCode: 'nope' },
      { trackingCode: 'x'.repeat(64) }, { token: tokens[0]!.slice(1) }, { token: { $ne: null } }, 'token', { __proto__: { token: tokens[0] } },
      ...payloads.slice(0, 20),
    ];
    let refused = 0;
    const handshakeProblems: string[] = [];
    for (const auth of badAuths) {
      const socket = connect(hall.url, { auth: auth as Record<string, unknown>, transports: ['websocket'], reconnection: false, timeout: 5000 });
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('no answer within 6 s'), 6000);
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error) => {
          clearTimeout(timer);
          resolve(error.message);
        });
        // A handshake whose auth is not an object does not parse: the server drops the connection.
        socket.io.once('close', () => {
          clearTimeout(timer);
          resolve('closed by the server');
        });
      });
      socket.close();
      if (outcome === 'unauthorized' || outcome === 'closed by the server') refused += 1;
      else handshakeProblems.push(`${JSON.stringify(auth)?.slice(0, 80)} → ${outcome}`);
    }
    expect(handshakeProblems, 'every bad handshake is refused (unauthorized, or dropped when it does not parse)').toEqual([]);
    expect(refused).toBe(badAuths.length);

    // The HTTP fuzz may have logged sessions out, revoked devices and changed passwords (it acts as
    // admin with real ids): fresh credentials for the socket round.
    const { auth } = hall.server.services;
    auth.createUser({ username: `fuzz-${SEED}`, displayName: 'fuzz', staffNo: '9999', role: 'manager', password: 'fuzz-password-1' });
    const fresh = [
      await login(hall.url, `fuzz-${SEED}`, 'fuzz-password-1'),
      auth.createDevice('board', 'fuzz board', null).token,
      auth.createDevice('pad', 'fuzz pad', 1).token,
      auth.createDevice('kiosk', 'fuzz kiosk', null).token,
    ];
    // Authenticated sockets emitting random names and payloads, including the real event names.
    const sockets: Socket[] = [];
    for (const token of fresh) sockets.push(connect(hall.url, { auth: { token }, transports: ['websocket'], reconnection: false }));
    sockets.push(connect(hall.url, { auth: { trackingCode: validIds.trackingCode![0] }, transports: ['websocket'], reconnection: false }));
    await Promise.all(sockets.map((socket) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('a valid socket did not connect within 10 s')), 10_000);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    })));
    const names = ['queue:snapshot', 'track:refresh', 'ticket:called', 'disconnect', 'connect', 'error', '__proto__', 'constructor', 'x'.repeat(500), '', 'ping'];
    for (let i = 0; i < SOCKET_EVENTS; i += 1) {
      const socket = random.pick(sockets);
      const name = random.chance(0.6) ? random.pick(names) : fc.sample(fc.string({ maxLength: 30 }), { numRuns: 1, seed: SEED + i })[0]!;
      const args = Array.from({ length: random.int(3) }, () => random.pick(payloads));
      try {
        socket.emit(name, ...args);
      } catch {
        // socket.io-client refuses its reserved names locally; those never reach the server.
      }
      if (i % 100 === 0) await sleep(5);
    }
    await sleep(500);
    const alive = sockets.filter((socket) => socket.connected).length;
    for (const socket of sockets) socket.close();
    console.log(`[fuzz] ${badAuths.length} bad handshakes refused; ${SOCKET_EVENTS} random events sent on ${sockets.length} sockets, ${alive} still connected`);
    expect((await request(hall.url, '/healthz')).json).toEqual({ ok: true });
    // A snapshot still works for a fresh client after the noise.
    const after = connect(hall.url, { auth: { token: fresh[1] }, transports: ['websocket'], reconnection: false });
    const snapshot = await new Promise<{ counters: unknown[] }>((resolve) => after.once('queue:snapshot', resolve));
    after.close();
    expect(snapshot.counters.length).toBeGreaterThan(0);
  });

  it('leaves the database sound (integrity, foreign keys, one current ticket per counter, unique numbers, issue events, states)', () => {
    const problems = checkInvariants(hall.server.db);
    const tickets = (hall.server.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    console.log(`[fuzz] database after fuzzing: ${tickets} tickets, ${problems.length} invariant violations`);
    expect(problems).toEqual([]);
  });
});
