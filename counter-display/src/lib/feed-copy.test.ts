import type { QueueSnapshot } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { FeedCopy } from './feed-copy';

const snapshot = (seq: number, calls: string[] = []): QueueSnapshot => ({
  seq, hallName: '测试大厅', hallDay: '2026-11-30', timeZone: 'Asia/Shanghai', serverTime: '2026-11-30T02:00:00.000Z', notice: '',
  services: [], counters: [],
  recentCalls: calls.map((number, index) => ({
    ticketId: index + 1, number, serviceCode: 'A', counterId: 1, counterName: '1号窗口', calledAt: '2026-11-30T02:00:00.000Z',
  })),
});
const called = (seq: number, ticketId: number, number: string) => ({
  seq, ticketId, number, serviceCode: 'A', counterId: 3, counterName: '3号窗口', calledAt: '2026-11-30T02:05:00.000Z', recall: false, recallCount: 0,
});

describe('FeedCopy', () => {
  it.each([
    ['no snapshot yet', null, 1, 'ask-snapshot'],
    ['the next seq', 5, 6, 'applied'],
    ['a gap', 5, 8, 'ask-snapshot'],
    ['an old seq', 5, 5, 'stale'],
  ] as const)('%s → %s', (_label, seq, eventSeq, expected) => {
    const copy = new FeedCopy();
    if (seq !== null) copy.replace(snapshot(seq));
    expect(copy.receive('ticket:called', called(eventSeq, 9, 'A009')).kind).toBe(expected);
  });

  it('asks for a snapshot once per gap, and again after the snapshot came', () => {
    const copy = new FeedCopy();
    copy.replace(snapshot(5));
    expect(copy.receive('ticket:called', called(8, 1, 'A001')).kind).toBe('ask-snapshot');
    expect(copy.receive('ticket:called', called(9, 2, 'A002')).kind).toBe('waiting-for-snapshot');
    copy.replace(snapshot(9, ['A002', 'A001']));
    expect(copy.receive('ticket:called', called(12, 3, 'A003')).kind).toBe('ask-snapshot');
  });

  it('takes a restarted server\u2019s snapshot whole even though its seq went backwards', () => {
    const copy = new FeedCopy();
    copy.replace(snapshot(120, ['A050']));
    copy.replace(snapshot(0, ['A051', 'A050']));
    expect(copy.state?.recentCalls.map((call) => call.number)).toEqual(['A051', 'A050']);
    expect(copy.receive('ticket:called', called(1, 60, 'A060')).kind).toBe('applied');
    expect(copy.state?.recentCalls[0]?.number).toBe('A060');
  });

  it('takes a new notice for the board’s scrolling line', () => {
    const copy = new FeedCopy();
    copy.replace(snapshot(5));
    expect(copy.receive('notice:updated', { seq: 6, notice: '今日下午停电检修，暂停公证业务' }).kind).toBe('applied');
    expect(copy.state?.notice).toBe('今日下午停电检修，暂停公证业务');
  });

  it('asks again after a lost connection even if a request was pending', () => {
    const copy = new FeedCopy();
    copy.replace(snapshot(5));
    copy.receive('ticket:called', called(9, 1, 'A001'));
    copy.connectionLost();
    expect(copy.receive('ticket:called', called(10, 2, 'A002')).kind).toBe('ask-snapshot');
  });
});
