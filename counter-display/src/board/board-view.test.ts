import type { QueueSnapshot } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { currentCall, earlierCalls, formatClock, formatDate, isFlashing } from './board-view';

const snapshotWith = (numbers: string[]): QueueSnapshot => ({
  seq: 1, hallName: '大厅', hallDay: '2026-11-30', timeZone: 'Asia/Shanghai', serverTime: '2026-11-30T02:00:00.000Z', notice: '', services: [], counters: [],
  recentCalls: numbers.map((number, index) => ({
    ticketId: index + 1, number, serviceCode: number.slice(0, 1), counterId: 1, counterName: '1号窗口', calledAt: '2026-11-30T02:00:00.000Z',
  })),
});

describe('board view', () => {
  it.each([
    ['no snapshot', null, null, []],
    ['no calls today', snapshotWith([]), null, []],
    ['one call', snapshotWith(['A001']), 'A001', []],
    ['several, newest first', snapshotWith(['A003', 'B001', 'A002', 'A001']), 'A003', ['B001', 'A002', 'A001']],
  ] as const)('%s', (_label, snapshot, current, earlier) => {
    expect(currentCall(snapshot)?.number ?? null).toBe(current);
    expect(earlierCalls(snapshot).map((call) => call.number)).toEqual(earlier);
  });

  it('keeps at most the given number of earlier calls', () => {
    const snapshot = snapshotWith(['A008', 'A007', 'A006', 'A005', 'A004', 'A003', 'A002', 'A001']);
    expect(earlierCalls(snapshot, 6).map((call) => call.number)).toEqual(['A007', 'A006', 'A005', 'A004', 'A003', 'A002']);
  });

  it.each([
    [null, 1000, false],
    [1000, 1000, true],
    [1000, 8999, true],
    [1000, 9000, false],
    [5000, 1000, false],
  ] as const)('flash since %s at %s → %s', (since, now, expected) => {
    expect(isFlashing(since, now, 8000)).toBe(expected);
  });

  it('formats the clock and the date line in the hall’s time zone, not the PC’s', () => {
    const ms = Date.UTC(2026, 10, 30, 1, 5, 7); // 09:05:07 in Shanghai
    expect(formatClock(ms)).toBe('09:05:07');
    expect(formatClock(ms, 'Asia/Shanghai')).toBe('09:05:07');
    expect(formatClock(ms, 'Asia/Urumqi')).toBe('07:05:07');
    expect(formatDate(ms)).toBe('2026年11月30日 星期一');
    expect(formatDate(Date.UTC(2026, 10, 29, 16, 30), 'zh', 'Asia/Shanghai')).toBe('2026年11月30日 星期一');
    expect(formatDate(ms, 'en')).toBe('2026-11-30 Monday');
  });
});
