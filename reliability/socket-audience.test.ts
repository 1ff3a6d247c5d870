/**
 * Each socket gets only what it may see (issue 9, item 4). One real socket.io client of every
 * kind (kiosk, board, staff terminal, pad of counter 1, pad of counter 2, manager, phone tracking a
 * ticket) watches a real server process through a whole day of one ticket: sign-in, notice, issue,
 * call, recall, start, finish with a note holding an ID number, a bad rating with a comment, and
 * its follow-up closed. Each kind must see exactly its events, public screens nothing private,
 * and every socket a gap-free seq of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallSocket, waitFor } from './lib/hall-clients';
import { login, request } from './lib/http';
import { RELIABILITY_PASSWORD } from './lib/constants';
import { deviceToken, readCredentials, startServerProcess, type ServerProcess } from './lib/server-process';

const ID_NUMBER = '410105199001011234';
const NOTE = `已核对身份证 ${ID_NUMBER}，缺婚姻证明，待补正`;
const COMMENT = '等了四十分钟，窗口态度冷淡';
const NOTICE = '本周六上午正常办公';
const FOLLOW_UP_OUTCOME = '已电话回访，调整窗口排班';
// Counter 1's staff (signs in below) and counter 2's (seeded there), as they would appear in a payload.
const COUNTER1_STAFF = ['张伟', '"staffNo":"0101"'];
const COUNTER2_STAFF = ['王芳', '"staffNo":"0102"'];

type Kind = 'kiosk' | 'board' | 'terminal' | 'pad1' | 'pad2' | 'manager' | 'phone';
interface Received { name: string; payload: Record<string, unknown> }
interface Watcher { socket: Socket; received: Received[] }

describe('socket audiences over a full day of one ticket', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-audience-'));
  let server: ServerProcess;
  const watchers = new Map<Kind, Watcher>();
  let ticket: { id: number; number: string; trackingCode: string };
  const tokens = new Map<Kind, string>();

  const watch = (kind: Kind, socket: Socket) => {
    const watcher: Watcher = { socket, received: [] };
    socket.onAny((name: string, payload: Record<string, unknown>) => watcher.received.push({ name, payload }));
    watchers.set(kind, watcher);
  };
  const seen = (kind: Kind) => watchers.get(kind)!.received;
  const names = (kind: Kind) => [...new Set(seen(kind).map((r) => r.name))].sort();
  const events = (kind: Kind, name: string) => seen(kind).filter((r) => r.name === name).map((r) => r.payload);
  const text = (kind: Kind) => JSON.stringify(seen(kind));

  beforeAll(async () => {
    server = await startServerProcess({ dataDir });
    const credentials = readCredentials(dataDir);
    const staff = await login(server.url, 'zhangwei', RELIABILITY_PASSWORD);
    const manager = await login(server.url, 'manager', RELIABILITY_PASSWORD);
    const kioskToken = deviceToken(credentials, 'kiosk');
    const pad1Token = deviceToken(credentials, 'pad', 1);
    const sockets: [Kind, string][] = [
      ['manager', manager], ['kiosk', kioskToken], ['board', deviceToken(credentials, 'board')], ['terminal', staff],
      ['pad1', pad1Token], ['pad2', deviceToken(credentials, 'pad', 2)],
    ];
    // The manager first, so it hears the devices come online.
    for (const [kind, token] of sockets) {
      tokens.set(kind, token);
      watch(kind, hallSocket(server.url, token));
      expect(await waitFor(() => events(kind, 'queue:snapshot').length === 1, 10_000), kind).toBe(true);
    }

    const post = async (path: string, token: string, body: unknown = {}) => {
      const res = await request(server.url, path, { method: 'POST', token, body });
      expect(res.status, `${path} → ${res.text}`).toBeLessThan(300);
      return res.json;
    };
    await post('/api/counters/1/sign-in', staff);
    expect((await request(server.url, '/api/admin/notice', { method: 'PUT', token: manager, body: { notice: NOTICE } })).status).toBe(200);
    const counters = (await request(server.url, '/api/counters', { token: staff })).json as { id: number; services: string[] }[];
    const serviceCode = counters.find((c) => c.id === 1)!.services[0]!;
    ticket = await post('/api/tickets', kioskToken, { serviceCode, requestId: 'audience-1' });

    const phone = io(server.url, { auth: { trackingCode: ticket.trackingCode }, transports: ['websocket'] });
    watch('phone', phone);
    expect(await waitFor(() => events('phone', 'track:updated').length > 0, 10_000)).toBe(true);

    expect((await post('/api/counters/1/call-next', staff)).ticket.id).toBe(ticket.id);
    await post(`/api/tickets/${ticket.id}/recall`, staff);
    await post(`/api/tickets/${ticket.id}/start`, staff);
    await post(`/api/tickets/${ticket.id}/finish`, staff, { outcome: 'pending', note: NOTE });
    expect(await waitFor(() => events('pad1', 'rating:requested').length === 1, 10_000)).toBe(true);
    const rating = await post(`/api/tickets/${ticket.id}/rating`, pad1Token, { score: 1, attitude: 1, comment: COMMENT });
    expect(rating.followUpId).not.toBeNull();
    await post(`/api/follow-ups/${rating.followUpId}/close`, manager, { outcome: FOLLOW_UP_OUTCOME });

    // Everything published reached its sockets: the manager hears the rating last, the phone sees it rated.
    expect(await waitFor(() => events('manager', 'rating:created').length === 1, 10_000)).toBe(true);
    expect(await waitFor(() => events('phone', 'track:updated').some((view) => view.rated === true), 10_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }, 120_000);

  afterAll(async () => {
    for (const { socket } of watchers.values()) socket.close();
    await server?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends each kind exactly its events', () => {
    expect(names('kiosk')).toEqual(['queue:snapshot', 'services:updated']);
    expect(names('board')).toEqual(['counter:updated', 'notice:updated', 'queue:snapshot', 'services:updated', 'ticket:called']);
    expect(names('terminal')).toEqual(['counter:updated', 'queue:snapshot', 'services:updated', 'ticket:called', 'ticket:issued', 'ticket:updated']);
    expect(names('pad1')).toEqual(['counter:updated', 'queue:snapshot', 'rating:requested']);
    expect(names('pad2')).toEqual(['counter:updated', 'queue:snapshot']);
    expect(names('manager')).toEqual([
      'counter:updated', 'device:updated', 'notice:updated', 'queue:snapshot', 'rating:created', 'services:updated',
      'ticket:called', 'ticket:issued', 'ticket:updated',
    ]);
    expect(names('phone')).toEqual(['track:updated']);
  });

  it('gives every feed socket a snapshot and then its own seq, 1 apart without a gap', () => {
    for (const kind of ['kiosk', 'board', 'terminal', 'pad1', 'pad2', 'manager'] as const) {
      const [snapshot, ...rest] = seen(kind);
      expect(snapshot!.name, kind).toBe('queue:snapshot');
      const seqs = rest.map((r) => r.payload.seq as number);
      expect(seqs.length, kind).toBeGreaterThan(0);
      expect(seqs, kind).toEqual(seqs.map((_seq, index) => (snapshot!.payload.seq as number) + index + 1));
    }
    expect(seen('phone').every((r) => !('seq' in r.payload))).toBe(true);
  });

  it('shows public screens no note, no comment, no score and no staff identity; the phone its own ticket only', () => {
    for (const kind of ['kiosk', 'board', 'phone'] as const) {
      const all = text(kind);
      for (const secret of [ID_NUMBER, COMMENT, FOLLOW_UP_OUTCOME, ...COUNTER2_STAFF, '"score"', '"note"', '"staffId"', '"displayName"']) {
        expect(all, `${kind} saw ${secret}`).not.toContain(secret);
      }
    }
    for (const kind of ['kiosk', 'board'] as const) {
      for (const secret of [...COUNTER1_STAFF, '"staffName"', '"staffNo"']) expect(text(kind), `${kind} saw ${secret}`).not.toContain(secret);
    }
    // The phone, like the pad facing that visitor, may name who served this ticket once it is done (issue 9.3), never before.
    const views = events('phone', 'track:updated');
    expect(views.filter((view) => view.state !== 'done').map((view) => [view.staffName ?? null, view.staffNo ?? null])).toEqual(
      views.filter((view) => view.state !== 'done').map(() => [null, null]),
    );
    // The kiosk's snapshot holds the hall and its services, no counters and no calls.
    const kioskSnapshot = events('kiosk', 'queue:snapshot')[0]!;
    expect(kioskSnapshot.counters).toEqual([]);
    expect(kioskSnapshot.recentCalls).toEqual([]);
    expect((kioskSnapshot.services as unknown[]).length).toBeGreaterThan(0);
    // The board: every counter without staff, in its snapshot and in each update; both calls of the ticket.
    const boardCounters = [
      ...(events('board', 'queue:snapshot')[0]!.counters as { staff: unknown }[]),
      ...events('board', 'counter:updated').map((e) => e.counter as { staff: unknown }),
    ];
    expect(boardCounters.length).toBeGreaterThan(6);
    expect(boardCounters.every((c) => c.staff === null)).toBe(true);
    expect(events('board', 'ticket:called').map((e) => [e.number, e.counterName, e.recall])).toEqual([
      [ticket.number, '1号窗口', false], [ticket.number, '1号窗口', true],
    ]);
    expect(events('board', 'notice:updated').map((e) => e.notice)).toEqual([NOTICE]);
    // The phone saw its own ticket only, through to rated.
    expect(events('phone', 'track:updated').every((view) => view.number === ticket.number)).toBe(true);
    expect(events('phone', 'track:updated').at(-1)).toMatchObject({ state: 'done', counterName: '1号窗口', rated: true });
  });

  it('shows a pad its own counter and its staff only', () => {
    const pad1Snapshot = events('pad1', 'queue:snapshot')[0]!;
    expect(pad1Snapshot.counters).toEqual([expect.objectContaining({ id: 1, staff: expect.objectContaining({ staffNo: '0101' }) })]);
    expect(pad1Snapshot.recentCalls).toEqual([]);
    expect(events('pad1', 'counter:updated').every((e) => (e.counter as { id: number }).id === 1)).toBe(true);
    expect(events('pad1', 'counter:updated').at(-1)!.counter).toMatchObject({ id: 1, staff: { displayName: '张伟', staffNo: '0101' } });
    expect(events('pad1', 'rating:requested')).toEqual([
      expect.objectContaining({ counterId: 1, ticketId: ticket.id, number: ticket.number, staffName: '张伟' }),
    ]);
    expect(text('pad1')).not.toContain(ID_NUMBER);
    expect(text('pad1')).not.toContain('王芳');

    const pad2Snapshot = events('pad2', 'queue:snapshot')[0]!;
    expect(pad2Snapshot.counters).toEqual([expect.objectContaining({ id: 2, staff: expect.objectContaining({ displayName: '王芳' }) })]);
    expect(events('pad2', 'counter:updated').every((e) => (e.counter as { id: number }).id === 2)).toBe(true);
    // Nothing of counter 1's ticket or staff reaches counter 2's pad.
    for (const secret of [ticket.number, ID_NUMBER, COMMENT, ...COUNTER1_STAFF]) expect(text('pad2'), `pad2 saw ${secret}`).not.toContain(secret);
  });

  it('keeps notes for staff screens and ratings for managers', () => {
    const finished = (kind: Kind) => events(kind, 'ticket:updated').map((e) => e.ticket as { state: string; note: string | null }).find((t) => t.state === 'done');
    expect(finished('terminal')?.note).toBe(NOTE);
    expect(finished('manager')?.note).toBe(NOTE);
    expect(text('terminal')).not.toContain(COMMENT);
    expect(events('manager', 'rating:created')).toEqual([expect.objectContaining({ ticketId: ticket.id, counterId: 1, score: 1 })]);
    expect(text('manager')).not.toContain(COMMENT);
    expect(events('manager', 'device:updated').length).toBeGreaterThan(0);
  });

  it('answers GET /api/queue with the same cut as the socket snapshot', async () => {
    const queueOf = async (kind: Kind) => (await request(server.url, '/api/queue', { token: tokens.get(kind)! })).json as {
      counters: { id: number; staff: { displayName: string } | null }[]; recentCalls: unknown[];
    };
    const kiosk = await queueOf('kiosk');
    expect([kiosk.counters, kiosk.recentCalls]).toEqual([[], []]);
    const board = await queueOf('board');
    expect(board.counters.map((c) => c.staff)).toEqual([null, null, null, null, null, null]);
    expect(board.recentCalls).toHaveLength(1);
    const pad2 = await queueOf('pad2');
    expect(pad2.counters.map((c) => [c.id, c.staff?.displayName])).toEqual([[2, '王芳']]);
    const manager = await queueOf('manager');
    expect(manager.counters.slice(0, 2).map((c) => c.staff?.displayName)).toEqual(['张伟', '王芳']);
  });
});
