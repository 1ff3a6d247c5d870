import type { QueueSnapshot, SnapshotCounter, Ticket } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/auth-service';
import type { FeedMessage } from '../services/events';
import { audienceOf, deliveriesOf, snapshotFor, type Audience } from './audience';
import { createFeed } from './feed';

const user = (role: 'staff' | 'manager' | 'admin'): Principal => ({
  kind: 'staff', user: { id: 7, username: 'lina', displayName: '李娜', staffNo: '0103', role, passwordHash: 'x', disabled: false },
});
const device = (kind: 'kiosk' | 'board' | 'terminal' | 'pad', counterId: number | null): Principal => ({
  kind: 'device',
  device: { id: 3, kind, name: '设备', counterId, revoked: false, lastSeenAt: null, disconnects: 0, printerState: null, printerMessage: null, printerChangedAt: null },
});

const lina = { id: 7, displayName: '李娜', staffNo: '0103' };
const counter2: SnapshotCounter = {
  id: 2, name: '2号窗口', state: 'open', services: ['A'],
  current: { id: 41, number: 'A041', serviceCode: 'A', state: 'serving', priority: 'normal', calledAt: '2026-12-01T02:00:00.000Z', startedAt: '2026-12-01T02:01:00.000Z' },
  staff: lina,
};
const ticket: Ticket = {
  id: 41, hallDay: '2026-12-01', number: 'A041', serviceCode: 'A', originalServiceCode: 'A', priority: 'normal', state: 'done',
  issuedAt: '2026-12-01T01:50:00.000Z', calledAt: '2026-12-01T02:00:00.000Z', startedAt: '2026-12-01T02:01:00.000Z',
  finishedAt: '2026-12-01T02:10:00.000Z', counterId: 2, staffId: 7, recallCount: 0, outcome: 'pending', note: '身份证 410105199001011234', rated: false,
};

const counter1: SnapshotCounter = { id: 1, name: '1号窗口', state: 'open', services: ['A'], current: null, staff: { id: 8, displayName: '张伟', staffNo: '0101' } };
const full: QueueSnapshot = {
  seq: 4, hallName: '测试大厅', hallDay: '2026-12-01', timeZone: 'Asia/Shanghai', serverTime: '2026-12-01T02:11:00.000Z', notice: '',
  services: [{ code: 'A', name: '法律援助', nameEn: 'Legal aid', waiting: 3, estimatedWaitMinutes: 12, open: true }],
  counters: [counter1, counter2],
  recentCalls: [{ ticketId: 41, number: 'A041', serviceCode: 'A', counterId: 2, counterName: '2号窗口', calledAt: '2026-12-01T02:00:00.000Z' }],
};

// One message of every feed event, each touching counter 2.
const messages: Record<FeedMessage['name'], FeedMessage> = {
  'ticket:issued': { name: 'ticket:issued', payload: { ticket: { id: 41, number: 'A041', serviceCode: 'A', priority: 'normal', issuedAt: '2026-12-01T01:50:00.000Z' } } },
  'ticket:called': {
    name: 'ticket:called',
    payload: { ticketId: 41, number: 'A041', serviceCode: 'A', counterId: 2, counterName: '2号窗口', calledAt: '2026-12-01T02:00:00.000Z', recall: false, recallCount: 0 },
  },
  'ticket:updated': { name: 'ticket:updated', payload: { ticket } },
  'counter:updated': { name: 'counter:updated', payload: { counter: counter2 } },
  'services:updated': { name: 'services:updated', payload: { services: [{ code: 'A', name: '法律援助', nameEn: 'Legal aid', waiting: 3, estimatedWaitMinutes: 12, open: true }] } },
  'rating:requested': { name: 'rating:requested', payload: { counterId: 2, ticketId: 41, number: 'A041', serviceCode: 'A', staffName: '李娜' } },
  'rating:created': { name: 'rating:created', payload: { ticketId: 41, counterId: 2, score: 1, followUpId: 5 } },
  'device:updated': { name: 'device:updated', payload: { device: { id: 3, kind: 'kiosk', name: '1号取号机', online: true, printerState: 'ok', printerMessage: null } } },
  'notice:updated': { name: 'notice:updated', payload: { notice: '本周六上午正常办公' } },
};

describe('audienceOf', () => {
  it.each([
    ['staff login', user('staff'), 'staff'],
    ['manager login', user('manager'), 'managers'],
    ['admin login', user('admin'), 'managers'],
    ['kiosk', device('kiosk', null), 'kiosk'],
    ['board', device('board', null), 'board'],
    ['terminal device at counter 2', device('terminal', 2), 'staff'],
    ['pad of counter 2', device('pad', 2), 'pad:2'],
    ['pad paired to no counter', device('pad', null), null],
    ['anonymous', { kind: 'anonymous' } as Principal, null],
  ] as const)('%s → %s', (_label, principal, expected) => {
    expect(audienceOf(principal)).toBe(expected);
  });
});

describe('deliveriesOf: the audience table', () => {
  it.each([
    ['ticket:issued', ['staff', 'managers']],
    ['ticket:called', ['board', 'staff', 'managers']],
    ['ticket:updated', ['staff', 'managers']],
    ['counter:updated', ['staff', 'managers', 'board', 'pad:2']],
    ['services:updated', ['kiosk', 'board', 'staff', 'managers']],
    ['rating:requested', ['pad:2']],
    ['rating:created', ['managers']],
    ['device:updated', ['managers']],
    ['notice:updated', ['board', 'managers']],
  ] as const)('%s → %j', (name, expected) => {
    expect(deliveriesOf(messages[name]).map((d) => d.audience)).toEqual(expected);
  });

  it('gives the board a counter without its staff, and staff, managers and that counter\u2019s pad the whole counter', () => {
    const byAudience = new Map(deliveriesOf(messages['counter:updated']).map((d) => [d.audience, d.payload]));
    expect(byAudience.get('board')).toEqual({ counter: { ...counter2, staff: null } });
    for (const audience of ['staff', 'managers', 'pad:2'] as const) expect(byAudience.get(audience)).toEqual({ counter: counter2 });
  });

  it('never sends a kiosk or a board a ticket note, a score or a staff name', () => {
    for (const message of Object.values(messages)) {
      for (const { audience, payload } of deliveriesOf(message)) {
        if (audience !== 'kiosk' && audience !== 'board') continue;
        const text = JSON.stringify(payload);
        expect(text).not.toContain('410105199001011234');
        expect(text).not.toContain('李娜');
        expect(text).not.toContain('0103');
        expect(text).not.toContain('"score"');
      }
    }
  });
});

describe('snapshotFor', () => {
  const { counters: _counters, recentCalls: _calls, ...hall } = full;

  it.each([
    ['staff', full],
    ['managers', full],
    ['board', { ...full, counters: [{ ...counter1, staff: null }, { ...counter2, staff: null }] }],
    ['kiosk', { ...hall, counters: [], recentCalls: [] }],
    ['pad:2', { ...hall, counters: [counter2], recentCalls: [] }],
    ['pad:9', { ...hall, counters: [], recentCalls: [] }],
    [null, { ...hall, counters: [], recentCalls: [] }],
  ] as const)('%s', (audience, expected) => {
    expect(snapshotFor(audience, full)).toEqual(expected);
  });
});

describe('createFeed', () => {
  it('counts seq per audience: each audience sees 1, 2, 3… of its own events', () => {
    const feed = createFeed();
    for (const name of ['ticket:issued', 'services:updated', 'ticket:called', 'counter:updated', 'rating:requested', 'notice:updated'] as const) {
      const { payload } = messages[name];
      feed.publish(name, payload as never);
    }
    const audiences: Audience[] = ['kiosk', 'board', 'staff', 'managers', 'pad:2', 'pad:1'];
    expect(audiences.map((audience) => feed.seq(audience))).toEqual([1, 4, 4, 5, 2, 0]);
    expect(feed.snapshot('pad:2', (seq) => ({ ...full, seq })).seq).toBe(2);
  });
});
