import { describe, expect, it } from 'vitest';
import { isOverTarget, worstWaitOf, type ServiceTarget } from './worst-wait';

// A county centre's services as it synced them.
const services = new Map<string, ServiceTarget>([
  ['A', { name: '法律援助', targetMinutes: 15 }],
  ['C', { name: '人民调解', targetMinutes: 20 }],
  ['F', { name: '法律咨询', targetMinutes: 10 }],
]);

describe('worstWaitOf', () => {
  it.each([
    // F 15 of 10 minutes (1.5) against C 25 of 20 (1.25), the longest wait, and A 14 of 15.
    ['the highest wait / target, not the longest wait', { A: 840, C: 1500, F: 900 }, { serviceCode: 'F', name: '法律咨询', seconds: 900, targetMinutes: 10 }],
    ['A 18 of 15 minutes (1.2) beats C 22 of 20 (1.1)', { A: 1080, C: 1320, F: 0 }, { serviceCode: 'A', name: '法律援助', seconds: 1080, targetMinutes: 15 }],
    ['equal ratios: the longer wait', { A: 450, C: 600, F: 300 }, { serviceCode: 'C', name: '人民调解', seconds: 600, targetMinutes: 20 }],
    ['nobody waits: the strictest target', { A: 0, C: 0, F: 0 }, { serviceCode: 'F', name: '法律咨询', seconds: 0, targetMinutes: 10 }],
    ['a service the city has no row for: 20 minutes, named by its code', { A: 60, Z: 1500 }, { serviceCode: 'Z', name: 'Z', seconds: 1500, targetMinutes: 20 }],
  ])('%s', (_name, longestWaitByService, expected) => {
    expect(worstWaitOf({ longestWaitByService }, services)).toEqual(expected);
  });

  it('is null without a push, from an older hall, and for a hall with no service', () => {
    expect(worstWaitOf(null, services)).toBeNull();
    expect(worstWaitOf({}, services)).toBeNull();
    expect(worstWaitOf({ longestWaitByService: {} }, services)).toBeNull();
  });

  it('holds a zero target as passed by any wait at all', () => {
    const strict = new Map([['A', { name: '法律援助', targetMinutes: 0 }], ['F', { name: '法律咨询', targetMinutes: 10 }]]);
    expect(worstWaitOf({ longestWaitByService: { A: 1, F: 3000 } }, strict)).toMatchObject({ serviceCode: 'A', seconds: 1 });
  });
});

describe('isOverTarget', () => {
  const worst = { serviceCode: 'F', name: '法律咨询', seconds: 660, targetMinutes: 10 };
  it.each([
    ['online, 11 minutes against 10', true, { longestWaitSeconds: 1500, longestWaitByService: { F: 660 } }, worst, true],
    ['offline: the last push is stale', false, { longestWaitSeconds: 1500, longestWaitByService: { F: 660 } }, worst, false],
    ['exactly the target', true, { longestWaitSeconds: 600, longestWaitByService: { F: 600 } }, { ...worst, seconds: 600 }, false],
    ['an older hall, 21 minutes against the default 20', true, { longestWaitSeconds: 1260 }, null, true],
    ['an older hall, 20 minutes', true, { longestWaitSeconds: 1200 }, null, false],
    ['per-service waits but no service: never over', true, { longestWaitSeconds: 5000, longestWaitByService: {} }, null, false],
  ] as const)('%s', (_name, online, live, w, expected) => {
    expect(isOverTarget(online, live, w)).toBe(expected);
  });
});
