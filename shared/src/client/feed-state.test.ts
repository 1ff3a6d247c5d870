import { describe, expect, it } from 'vitest';
import { applyFeedEvent, seqStep, type HallFeedState } from './feed-state';

const snapshot: HallFeedState = {
  seq: 10, hallName: '测试大厅', hallDay: '2026-11-30', timeZone: 'Asia/Shanghai', serverTime: '2026-11-30T02:00:00.000Z', notice: '',
  services: [{ code: 'A', name: '法律援助', nameEn: 'Legal aid', waiting: 2, estimatedWaitMinutes: 10, open: true }],
  counters: [{ id: 1, name: '1号窗口', state: 'open', services: ['A'], current: null, staff: null }],
  recentCalls: [],
};
const call = { ticketId: 7, number: 'A007', serviceCode: 'A', counterId: 1, counterName: '1号窗口', calledAt: '2026-11-30T02:01:00.000Z', recall: false, recallCount: 0 };

describe('applyFeedEvent', () => {
  it.each([
    ['no copy yet', null, 11, 'resync'],
    ['next seq', snapshot, 11, 'applied'],
    ['a gap', snapshot, 13, 'resync'],
    ['already in the snapshot', snapshot, 10, 'stale'],
    ['older than the snapshot', snapshot, 3, 'stale'],
  ] as const)('%s → %s', (_label, state, seq, expected) => {
    expect(applyFeedEvent(state, 'ticket:called', { ...call, seq }).kind).toBe(expected);
  });

  it('puts a call first in the recent calls and moves a recalled number to the top once', () => {
    const first = applyFeedEvent(snapshot, 'ticket:called', { ...call, seq: 11 });
    if (first.kind !== 'applied') throw new Error('expected applied');
    const other = applyFeedEvent(first.state, 'ticket:called', { ...call, ticketId: 8, number: 'A008', seq: 12 });
    if (other.kind !== 'applied') throw new Error('expected applied');
    const recall = applyFeedEvent(other.state, 'ticket:called', { ...call, seq: 13, recall: true });
    if (recall.kind !== 'applied') throw new Error('expected applied');
    expect(recall.state.recentCalls.map((c) => c.number)).toEqual(['A007', 'A008']);
    expect(recall.state.seq).toBe(13);
  });

  it('replaces a counter and the service counts', () => {
    const counter = { ...snapshot.counters[0]!, state: 'paused' as const };
    const step = applyFeedEvent(snapshot, 'counter:updated', { seq: 11, counter });
    if (step.kind !== 'applied') throw new Error('expected applied');
    expect(step.state.counters[0]!.state).toBe('paused');
    const services = applyFeedEvent(step.state, 'services:updated', { seq: 12, services: [{ ...snapshot.services[0]!, waiting: 5 }] });
    if (services.kind !== 'applied') throw new Error('expected applied');
    expect(services.state.services[0]!.waiting).toBe(5);
  });

  it('keeps a pad\u2019s copy of its one counter with the pad\u2019s own seq, whatever other audiences were sent meanwhile', () => {
    // A pad's snapshot holds only its counter; its stream counts only its own events (seq 1, 2, …).
    const pad: HallFeedState = { ...snapshot, seq: 1, counters: [{ ...snapshot.counters[0]!, staff: { id: 8, displayName: '张伟', staffNo: '0101' } }] };
    const busy = applyFeedEvent(pad, 'counter:updated', { seq: 2, counter: { ...pad.counters[0]!, state: 'paused' } });
    if (busy.kind !== 'applied') throw new Error('expected applied');
    expect(busy.state.counters).toEqual([{ ...pad.counters[0]!, state: 'paused' }]);
    expect(applyFeedEvent(busy.state, 'rating:requested', { seq: 4, counterId: 1 }).kind).toBe('resync');
  });
});

describe('seqStep', () => {
  it.each([
    [null, 1, 'gap'],
    [0, 1, 'next'],
    [5, 6, 'next'],
    [5, 7, 'gap'],
    [5, 5, 'stale'],
    [5, 2, 'stale'],
  ] as const)('last %s, event %s → %s', (last, seq, expected) => {
    expect(seqStep(last, seq)).toBe(expected);
  });
});
