import type { QueueSnapshot } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { currentCall, formatClock, formatDate, isFlashing, isStale, recentCalls, staleAfterMs, waitingRow } from './board-view';

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
    // The list shows the current call too: never 暂无叫号 beside a big current call.
    ['one call', snapshotWith(['A001']), 'A001', ['A001']],
    ['several, newest first', snapshotWith(['A003', 'B001', 'A002', 'A001']), 'A003', ['A003', 'B001', 'A002', 'A001']],
  ] as const)('%s', (_label, snapshot, current, recent) => {
    expect(currentCall(snapshot)?.number ?? null).toBe(current);
    expect(recentCalls(snapshot).map((call) => call.number)).toEqual(recent);
  });

  it('lists eight recent calls, or the given number', () => {
    const snapshot = snapshotWith(['A009', 'A008', 'A007', 'A006', 'A005', 'A004', 'A003', 'A002', 'A001']);
    expect(recentCalls(snapshot).map((call) => call.number)).toEqual(['A009', 'A008', 'A007', 'A006', 'A005', 'A004', 'A003', 'A002']);
    expect(recentCalls(snapshot, 3).map((call) => call.number)).toEqual(['A009', 'A008', 'A007']);
  });

  it.each([
    [null, 50_000, false],
    [1000, 1000, false],
    [1000, 10_999, false],
    [1000, 11_000, true],
    [1000, 600_000, true],
  ] as const)('offline since %s, at %s: stale → %s', (since, now, expected) => {
    expect(isStale(since, now)).toBe(expected);
  });

  it.each([
    ['', 10_000],
    ['?stale=1', 1000],
    ['?stale=2.5', 2500],
    ['?stale=0', 10_000],
    ['?stale=601', 10_000],
    ['?stale=abc', 10_000],
  ])('stale threshold for %j is %i ms', (search, ms) => {
    expect(staleAfterMs(search)).toBe(ms);
    expect(isStale(0, ms, staleAfterMs(search))).toBe(true);
    expect(isStale(0, ms - 1, staleAfterMs(search))).toBe(false);
  });

  const service = (open: boolean, closedReason: 'closed' | 'quota-full' | 'not-yet-open' | 'after-hours' | null, waiting: number) => ({
    code: 'A', name: '法律援助', nameEn: 'Legal aid', waiting, estimatedWaitMinutes: 5, open, closedReason,
  });
  it.each([
    ['open', service(true, null, 4), 4, null],
    ['open, nobody waiting', service(true, null, 0), 0, null],
    ['quota used up, queue still served', service(false, 'quota-full', 5), 5, 'board.quotaFull'],
    ['quota used up, queue done', service(false, 'quota-full', 0), null, 'board.quotaFull'],
    ['closed by the manager with people waiting', service(false, 'closed', 2), 2, 'board.serviceClosed'],
    ['closed, nobody waiting', service(false, 'closed', 0), null, 'board.serviceClosed'],
    ['after hours, queue still served', service(false, 'after-hours', 3), 3, 'board.afterHours'],
    ['before opening', service(false, 'not-yet-open', 0), null, 'board.notYetOpen'],
  ] as const)('waiting row: %s', (_label, row, waiting, status) => {
    expect(waitingRow(row)).toEqual({ waiting, status });
  });

  it('an older server without closedReason: a closed service reads 暂停', () => {
    expect(waitingRow({ code: 'A', name: '法律援助', nameEn: '', waiting: 0, estimatedWaitMinutes: 0, open: false })).toEqual({
      waiting: null, status: 'board.serviceClosed',
    });
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
