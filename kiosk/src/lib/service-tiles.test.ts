import type { ServiceView } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { closedLast, closedText, mergeLiveCounts, paginate, tilesPerPage, waitingText } from './service-tiles';

const view = (code: string, extra: Partial<ServiceView> = {}): ServiceView => ({
  code, prefix: code, name: `业务${code}`, nameEn: `Service ${code}`, description: '说明', descriptionEn: 'About', waiting: 0,
  estimatedWaitMinutes: 0, open: true, closedReason: null, opensAt: '08:30', closesAt: '17:30', targetWaitMinutes: 20,
  warnQueueLength: 10, dailyQuota: null, issuedToday: 0, ticketNotes: '', ...extra,
});

describe('closedText', () => {
  it.each([
    [{ open: true, closedReason: null }, null],
    [{ open: false, closedReason: 'quota-full' }, '已取完 · 请明日再来'],
    [{ open: false, closedReason: 'closed' }, '暂停 · 请咨询工作人员'],
    [{ open: false, closedReason: 'not-yet-open' }, '未开始 · 08:30 起取号'],
    [{ open: false, closedReason: 'after-hours' }, '停止取号 · 请明日再来'],
  ] as const)('%o → %s', (state, expected) => {
    expect(closedText({ ...state, opensAt: '08:30' }, 'zh')).toBe(expected);
  });
  it('speaks English too', () => {
    expect(closedText({ open: false, closedReason: 'not-yet-open', opensAt: '09:00' }, 'en')).toBe('Not open yet · from 09:00');
  });
});

describe('closedLast', () => {
  it('keeps the hall order among open services and among closed ones, closed after open', () => {
    const list = [view('A', { open: false, closedReason: 'closed' }), view('B'), view('C', { open: false, closedReason: 'quota-full' }), view('D'), view('E')];
    expect(closedLast(list).map((s) => s.code)).toEqual(['B', 'D', 'E', 'A', 'C']);
  });
  it('an open service with a closedReason still counts as closed (the tile is greyed)', () => {
    expect(closedLast([view('A', { closedReason: 'after-hours' }), view('B')]).map((s) => s.code)).toEqual(['B', 'A']);
  });
});

describe('waitingText', () => {
  it.each([
    [0, 0, '无人等候 · 随到随办'],
    [5, 15, '等候 5 人 · 约 15 分钟'],
    [1, 0, '等候 1 人 · 约 1 分钟'],
  ])('%i waiting, %i min → %s', (waiting, minutes, expected) => {
    expect(waitingText({ waiting, estimatedWaitMinutes: minutes }, 'zh')).toBe(expected);
  });
});

describe('mergeLiveCounts', () => {
  const views = [view('A'), view('B')];
  const live = (code: string, waiting: number, open = true) => ({ code, name: '', nameEn: '', waiting, estimatedWaitMinutes: waiting * 3, open });
  it('takes the live counts and keeps descriptions', () => {
    const result = mergeLiveCounts(views, [live('A', 4), live('B', 0)]);
    expect(result.needsRefresh).toBe(false);
    expect(result.views[0]).toMatchObject({ waiting: 4, estimatedWaitMinutes: 12, description: '说明' });
  });
  it.each([
    ['a service closed', [live('A', 4, false), live('B', 0)]],
    ['a service is missing', [live('A', 4)]],
    ['a new service', [live('A', 4), live('B', 0), live('C', 0)]],
  ])('asks for a refresh when %s', (_label, update) => {
    expect(mergeLiveCounts(views, update).needsRefresh).toBe(true);
  });
});

describe('paginate', () => {
  const items = ['A', 'B', 'C', 'D', 'E', 'F'];
  it.each([
    [0, 3, ['A', 'B', 'C'], 0, 2],
    [1, 3, ['D', 'E', 'F'], 1, 2],
    [5, 4, ['E', 'F'], 1, 2],
    [-1, 8, items, 0, 1],
  ])('page %i of %i per page', (page, perPage, expected, expectedPage, pages) => {
    expect(paginate(items, page, perPage)).toEqual({ items: expected, page: expectedPage, pages });
  });
  it('an empty list is one empty page', () => {
    expect(paginate([], 0, 3)).toEqual({ items: [], page: 0, pages: 1 });
  });
});

describe('tilesPerPage', () => {
  it.each([
    ['portrait', false, 8],
    ['landscape', false, 6],
    ['portrait', true, 3],
    ['landscape', true, 3],
  ] as const)('%s, elderly %s → %i', (orientation, elderly, expected) => {
    expect(tilesPerPage(orientation, elderly)).toBe(expected);
  });
});
