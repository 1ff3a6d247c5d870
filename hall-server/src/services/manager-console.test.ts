import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initHall } from '../cli/seed';
import { openDatabase, type Db } from '../db/database';
import { createHallContext } from '../server';
import { createRouteServices, type RouteServices } from './route-services';
import { createHallServices } from './hall-services';

// 09:00 in Shanghai on Monday 2026-11-30.
const MORNING = Date.UTC(2026, 10, 30, 1, 0, 0);
const DAY = '2026-11-30';
let now = MORNING;
let db: Db;
let hall: RouteServices;
const actor = { userId: null, deviceId: null };

/** A consultation ticket issued at 09:00, called 09:05, started 09:06, finished 09:16, rated 2 by phone. */
function servedAndRated() {
  const issued = hall.queue.issue({ serviceCode: 'F', priority: 'normal', requestId: 'console-1' }, actor).ticket;
  now = MORNING + 5 * 60_000;
  hall.queue.callNext(1, actor);
  now += 60_000;
  hall.queue.act(issued.id, { kind: 'start' }, actor);
  now += 10 * 60_000;
  hall.queue.act(issued.id, { kind: 'finish' }, actor);
  const rating = hall.ratings.rate(issued.id, { score: 2, trackingCode: issued.trackingCode }, { kind: 'phone' });
  return { issued, rating };
}

beforeEach(() => {
  now = MORNING;
  db = openDatabase(':memory:');
  hall = createRouteServices(createHallServices(createHallContext(db, { clock: () => now })));
  initHall(hall, { hallName: '某村便民服务站', level: 'village', enforceOpeningHours: false });
});
afterEach(() => db.close());

describe('manager console', () => {
  it('exports every ticket as CSV with Chinese states and hall-time clock times', () => {
    servedAndRated();
    const lines = hall.manager.ticketsCsv(DAY, DAY).split('\r\n');
    expect(lines[0]).toBe('\uFEFF日期,号码,业务,原业务,优先,状态,取号时间,叫号时间,开始办理,办结时间,等候秒数,办理秒数,窗口,工作人员,重呼次数,办理结果,备注,评价');
    expect(lines[1]).toMatch(/^2026-11-30,F001,F,F,否,已办结,2026-11-30 09:00:00,2026-11-30 09:05:00,2026-11-30 09:06:00,2026-11-30 09:16:00,300,600,[^,]+,,0,办结,,2$/);
    expect(lines).toHaveLength(3);
  });

  it('takes an excluded rating out of the next report at once, even for a day already rolled up', () => {
    const { rating } = servedAndRated();
    const manager = hall.auth.createUser({ username: 'zhou', displayName: '周主任', staffNo: '', role: 'manager', password: 'console-pass-1' });
    // The next day the rating is reviewed: yesterday's figures are kept as a rollup by then.
    now = MORNING + 24 * 3600_000;
    expect(hall.reports.summary(DAY, DAY).satisfaction.count).toBe(1);
    hall.manager.excludeRating(rating.id, '误评：访客点错', { userId: manager, deviceId: null });
    expect(hall.reports.summary(DAY, DAY).satisfaction.count).toBe(0);
  });

  it('ranks the month from its first to its last day', () => {
    servedAndRated();
    const ranking = hall.manager.ranking('2026-11', 1);
    expect(ranking).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-30', minRatings: 1, hallName: '某村便民服务站' });
    expect(ranking.counters).toHaveLength(1);
  });
});
