import type { TrackView } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { trackingCodeFromPath, trackStatus } from './track-status';

const base: TrackView = {
  id: 1, number: 'A012', serviceCode: 'A', serviceName: '法律援助', state: 'waiting', waitingAhead: 3, estimatedWaitMinutes: 9,
  counterName: null, issuedAt: '2026-11-30T01:00:00.000Z', calledAt: null, canRate: false, rated: false, hallName: '大厅',
  checkCode: '0482', staffName: null, staffNo: null, ticketNotes: '请携带身份证',
};

describe('trackStatus', () => {
  it.each([
    [{}, '排队中', true, false, null, true],
    [{ state: 'called', counterName: '3号窗口' }, '已叫号，请尽快前往', false, false, '3号窗口', true],
    [{ state: 'called', counterName: null }, '已叫号，请到 ', false, false, null, true],
    [{ state: 'serving', counterName: '3号窗口' }, '正在 3号窗口 办理', false, false, null, false],
    [{ state: 'done', canRate: true }, '已办结', false, true, null, false],
    [{ state: 'done', rated: true }, '已评价，感谢您的参与', false, false, null, false],
    [{ state: 'no_show' }, '已过号，请咨询工作人员', false, false, null, false],
    [{ state: 'parked' }, '暂停办理，请按工作人员指引', false, false, null, false],
    [{ state: 'cancelled' }, '该号已取消', false, false, null, false],
  ] as const)('%o → %s', (change, headline, showQueue, showRating, goTo, showNotes) => {
    expect(trackStatus({ ...base, ...change }, 'zh')).toMatchObject({ headline, showQueue, showRating, goTo, showNotes });
  });
});

describe('trackingCodeFromPath', () => {
  it.each([
    ['/t/abcdefghij1234', 'abcdefghij1234'],
    ['/t/abcdefghij1234/', 'abcdefghij1234'],
    ['/t/short', null],
    ['/kiosk/track.html', null],
  ])('%s → %s', (path, expected) => {
    expect(trackingCodeFromPath(path)).toBe(expected);
  });
});
