import { describe, expect, it } from 'vitest';
import { hallAlerts, withinOpeningHours } from './alerts';
import type { HallView } from './types';

// 2026-12-02 is a Wednesday; Asia/Shanghai is UTC+8.
const WED_10 = Date.parse('2026-12-02T02:00:00Z');
const WED_20 = Date.parse('2026-12-02T12:00:00Z');
const SAT_10 = Date.parse('2026-12-05T02:00:00Z');

const hall = (over: Partial<HallView>): HallView => ({
  id: 1, name: '中牟县公共法律服务中心', level: 'county', areaCode: '410122000000', enrolled: true, revoked: false,
  online: true, lastSeenAt: new Date(WED_10 - 5000).toISOString(), ackSeq: 10,
  live: { at: new Date(WED_10 - 5000).toISOString(), waitingByService: { A: 3 }, longestWaitSeconds: 600, countersOpen: 2, printerFaults: 0 },
  ...over,
});

describe('withinOpeningHours', () => {
  it.each([
    ['Wednesday 10:00', WED_10, true],
    ['Wednesday 08:29', Date.parse('2026-12-02T00:29:00Z'), false],
    ['Wednesday 08:30', Date.parse('2026-12-02T00:30:00Z'), true],
    ['Wednesday 17:30', Date.parse('2026-12-02T09:30:00Z'), false],
    ['Wednesday 20:00', WED_20, false],
    ['Saturday 10:00', SAT_10, false],
  ])('%s → %s', (_name, now, open) => expect(withinOpeningHours(now)).toBe(open));
});

describe('hallAlerts', () => {
  it.each([
    ['a quiet hall on time', [hall({})], WED_10, []],
    ['silent 10 minutes in opening hours', [hall({ online: false, lastSeenAt: new Date(WED_10 - 600_000).toISOString() })], WED_10, ['silent:中牟县公共法律服务中心：营业时间内已 10 分钟 未同步']],
    ['silent after hours is no alert', [hall({ online: false, lastSeenAt: new Date(WED_20 - 600_000).toISOString() })], WED_20, []],
    ['never enrolled is no alert', [hall({ enrolled: false, online: false, lastSeenAt: null, live: null })], WED_10, []],
    ['revoked is no alert', [hall({ revoked: true, online: false, lastSeenAt: new Date(WED_10 - 600_000).toISOString() })], WED_10, []],
    ['21 minutes against a 20-minute target', [hall({ live: { at: '', waitingByService: {}, longestWaitSeconds: 21 * 60, countersOpen: 1, printerFaults: 0 } })], WED_10,
      ['wait-over-target:中牟县公共法律服务中心：最长已等 21 分钟，超过目标 20 分钟']],
    ['exactly the target is fine', [hall({ live: { at: '', waitingByService: {}, longestWaitSeconds: 20 * 60, countersOpen: 1, printerFaults: 0 } })], WED_10, []],
    ['two printer faults, after a silent hall', [
      hall({ id: 2, live: { at: '', waitingByService: {}, longestWaitSeconds: 0, countersOpen: 1, printerFaults: 2 } }),
      hall({ id: 3, name: '金水区公共法律服务中心', online: false, lastSeenAt: new Date(WED_10 - 7_200_000).toISOString() }),
    ], WED_10, ['silent:金水区公共法律服务中心：营业时间内已 2 小时 未同步', 'printer-fault:中牟县公共法律服务中心：2 台取号机打印故障']],
  ])('%s', (_name, halls, now, expected) => {
    expect(hallAlerts(halls, now).map((a) => `${a.kind}:${a.text}`)).toEqual(expected);
  });
});
