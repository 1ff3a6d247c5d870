import type { DeviceView, ServiceLoad } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { dashboardAlerts, hallOpenAt } from './dashboard';

const device = (over: Partial<DeviceView>): DeviceView => ({
  id: 1, kind: 'kiosk', name: '1号取号机', counterId: null, online: true, lastSeenAt: '2026-10-23T01:00:00.000Z', disconnects: 0,
  printerState: null, printerMessage: null, printerChangedAt: null, revoked: false, ...over,
});
const calm: ServiceLoad = { code: 'A', name: '法律援助', open: true, waiting: 2, longestWaitSeconds: 300, targetWaitMinutes: 20, warnQueueLength: 15 };
const kinds = (alerts: ReturnType<typeof dashboardAlerts>) => alerts.map((a) => a.kind);

describe('dashboard alerts', () => {
  it.each([
    // what, device, hall open, expected alert kinds
    ['online device, open hall', device({}), true, []],
    ['offline after being online, open hall', device({ online: false }), true, ['device-offline']],
    ['never came online, open hall', device({ online: false, lastSeenAt: null }), true, ['device-offline']],
    ['offline after hours', device({ online: false }), false, []],
    ['never online, after hours', device({ online: false, lastSeenAt: null }), false, []],
    ['revoked and offline', device({ online: false, revoked: true }), true, []],
    ['printer out of paper, after hours too', device({ printerState: 'paper-out' }), false, ['printer-fault']],
    ['offline kiosk with a printer fault', device({ online: false, printerState: 'error' }), true, ['printer-fault', 'device-offline']],
  ] as const)('%s', (_what, d, hallOpen, expected) => {
    expect(kinds(dashboardAlerts({ services: [calm], devices: [d], overdueFollowUps: 0, hallOpen }))).toEqual(expected);
  });

  it('says whether an offline device was ever seen', () => {
    const alerts = dashboardAlerts({
      services: [], devices: [device({ id: 7, name: '大厅综合屏', kind: 'board', online: false, lastSeenAt: null })], overdueFollowUps: 0, hallOpen: true,
    });
    expect(alerts).toEqual([{ kind: 'device-offline', deviceId: 7, deviceName: '大厅综合屏', deviceKind: 'board', neverOnline: true }]);
  });

  it.each([
    [0, true, []],
    [2, true, [{ kind: 'follow-ups-overdue', overdue: 2 }]],
    [1, false, [{ kind: 'follow-ups-overdue', overdue: 1 }]],
  ])('%i overdue follow-ups (hall open %s)', (overdue, hallOpen, expected) => {
    expect(dashboardAlerts({ services: [calm], devices: [], overdueFollowUps: overdue, hallOpen })).toEqual(expected);
  });

  it.each([
    ['longest wait 21 min over a 20 min target', { longestWaitSeconds: 1260 }, ['wait-over-target']],
    ['exactly on target', { longestWaitSeconds: 1200 }, []],
    ['16 waiting over a warning of 15', { waiting: 16 }, ['queue-too-long']],
    ['15 waiting at a warning of 15', { waiting: 15 }, []],
  ] as const)('service: %s', (_what, over, expected) => {
    expect(kinds(dashboardAlerts({ services: [{ ...calm, ...over }], devices: [], overdueFollowUps: 0, hallOpen: true }))).toEqual(expected);
  });
});

describe('hall opening hours', () => {
  const hours = [{ opensAt: '08:30', closesAt: '17:00' }, { opensAt: '09:00', closesAt: '17:30' }];
  const none = { holidays: new Set<string>(), workdays: new Set<string>() };
  it.each([
    // 2026-10-23 is a Friday, 2026-10-24 a Saturday
    ['2026-10-23', '08:29', none, false],
    ['2026-10-23', '08:30', none, true],
    ['2026-10-23', '17:15', none, true],
    ['2026-10-23', '17:30', none, false],
    ['2026-10-24', '10:00', none, false],
    ['2026-10-24', '10:00', { holidays: new Set<string>(), workdays: new Set(['2026-10-24']) }, true],
    ['2026-10-23', '10:00', { holidays: new Set(['2026-10-23']), workdays: new Set<string>() }, false],
  ])('%s %s → %s', (day, clock, calendar, open) => {
    expect(hallOpenAt(day, clock, hours, calendar)).toBe(open);
  });
  it('a hall without services is never open', () => {
    expect(hallOpenAt('2026-10-23', '10:00', [], none)).toBe(false);
  });
});
