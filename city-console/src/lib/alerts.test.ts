import { describe, expect, it } from 'vitest';
import { hallAlerts, overTarget, targetMinutesOf, waitSecondsOf, waitServiceOf, withinOpeningHours } from './alerts';
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

/** A hall whose push carries per-service waits (A and F), with the worst service the city found. */
const perService = (a: number, f: number, worstWait: HallView['worstWait']): HallView => hall({
  live: { at: '', waitingByService: { A: 1, F: 1 }, longestWaitSeconds: Math.max(a, f), longestWaitByService: { A: a, F: f }, countersOpen: 2, printerFaults: 0 },
  worstWait,
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
    ['法律援助 12 minutes against its own 10-minute target, while 法律咨询 waits 25 of 30', [perService(720, 1500, { serviceCode: 'A', name: '法律援助', seconds: 720, targetMinutes: 10 })], WED_10,
      ['wait-over-target:中牟县公共法律服务中心：法律援助最长已等 12 分钟，超过该业务目标 10 分钟']],
    ['25 minutes within a 30-minute target: a hall with per-service waits is not held to 20', [perService(480, 1500, { serviceCode: 'F', name: '法律咨询', seconds: 1500, targetMinutes: 30 })], WED_10, []],
    ['31 minutes against that 30-minute target', [perService(0, 1860, { serviceCode: 'F', name: '法律咨询', seconds: 1860, targetMinutes: 30 })], WED_10,
      ['wait-over-target:中牟县公共法律服务中心：法律咨询最长已等 31 分钟，超过该业务目标 30 分钟']],
    ['a service past its target at a hall gone silent: only the silence', [{ ...perService(720, 0, { serviceCode: 'A', name: '法律援助', seconds: 720, targetMinutes: 10 }), online: false, lastSeenAt: new Date(WED_10 - 180_000).toISOString() }], WED_10,
      ['silent:中牟县公共法律服务中心：营业时间内已 3 分钟 未同步']],
  ])('%s', (_name, halls, now, expected) => {
    expect(hallAlerts(halls, now).map((a) => `${a.kind}:${a.text}`)).toEqual(expected);
  });
});

describe('the wait held against a target', () => {
  it.each([
    // name, hall, [wait seconds shown, its service, target minutes, over target]
    ['an older hall: the longest wait against 20 minutes', hall({}), [600, null, 20, false]],
    ['an older hall 25 minutes', hall({ live: { at: '', waitingByService: {}, longestWaitSeconds: 1500, countersOpen: 1, printerFaults: 0 } }), [1500, null, 20, true]],
    ['the worst service, not the longest wait', perService(720, 1500, { serviceCode: 'A', name: '法律援助', seconds: 720, targetMinutes: 10 }), [720, '法律援助', 10, true]],
    ['exactly its target is fine', perService(600, 0, { serviceCode: 'A', name: '法律援助', seconds: 600, targetMinutes: 10 }), [600, '法律援助', 10, false]],
    ['per-service waits, no service: never over, whatever the hall-wide figure', { ...perService(0, 0, null), live: { at: '', waitingByService: {}, longestWaitSeconds: 5000, longestWaitByService: {}, countersOpen: 1, printerFaults: 0 } }, [5000, null, 20, false]],
    ['nobody waits: the (strictest) service’s target, no service named', perService(0, 0, { serviceCode: 'A', name: '法律援助', seconds: 0, targetMinutes: 10 }), [0, null, 10, false]],
    ['no live push yet', hall({ live: null }), [0, null, 20, false]],
  ] as const)('%s', (_name, h, [seconds, service, target, over]) => {
    expect([waitSecondsOf(h), waitServiceOf(h), targetMinutesOf(h), overTarget(h)]).toEqual([seconds, service, target, over]);
  });
});
