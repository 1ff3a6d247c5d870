import { describe, expect, it } from 'vitest';
import type { HallView } from '../lib/types';
import { dayButtonText, matchHalls, nextDays, spacedCode, wallClock } from './booking-api';

const hall = (id: number, name: string, areaCode: string, revoked = false) =>
  ({ id, name, level: 'county', areaCode, enrolled: true, revoked, online: true, lastSeenAt: null, ackSeq: 0, live: null }) as HallView;

describe('预约台 helpers', () => {
  const halls = [hall(1, '中牟县公共法律服务中心', '410122000000'), hall(2, '中牟县城关镇公共法律服务工作站', '410122100000'), hall(3, '金水区公共法律服务中心', '410105000000'), hall(4, '中牟县旧中心', '410122000000', true)];
  it.each([
    ['中牟', [1, 2]],
    ['中牟 城关', [2]],
    ['410105', [3]],
    ['', [1, 2, 3]],
    ['登封', []],
  ])('"%s" finds halls %j', (typed, ids) => {
    expect(matchHalls(halls, typed).map((h) => h.id)).toEqual(ids);
  });

  it('counts days in Beijing time: 23:30 UTC is already the next day', () => {
    expect(nextDays(Date.parse('2026-12-01T23:30:00Z'), 3)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
  });

  it('names the weekday on the day buttons (2026-12-03 is a Thursday, 2026-12-06 a Sunday)', () => {
    const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
    expect(dayButtonText('2026-12-03', weekdays)).toBe('12-03 周四');
    expect(dayButtonText('2026-12-06', weekdays)).toBe('12-06 周日');
    expect(dayButtonText('2027-01-01', weekdays)).toBe('01-01 周五');
  });

  it('reads times and codes the way the operator says them', () => {
    expect(wallClock('2026-12-02T09:30:00+08:00')).toBe('09:30');
    expect(spacedCode('620193')).toBe('6 2 0 1 9 3');
  });
});
