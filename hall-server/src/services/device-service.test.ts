import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initHall } from '../cli/seed';
import { openDatabase, type Db } from '../db/database';
import { createHallContext } from '../server';
import { createRecordingEvents } from './events';
import { createHallServices, type HallServices } from './hall-services';

const NOON = Date.UTC(2026, 9, 23, 4, 0, 0);
let now = NOON;
let db: Db;
let hall: HallServices;

beforeEach(() => {
  now = NOON;
  db = openDatabase(':memory:');
  hall = createHallServices({ ...createHallContext(db, { clock: () => now }), events: createRecordingEvents() });
  initHall(hall, { hallName: '测试大厅', level: 'city', enforceOpeningHours: false });
});
afterEach(() => db.close());

describe('device presence and 断线次数', () => {
  const board = () => hall.ctx.people.insertDevice('board', '大厅综合屏', null, 'hash-board', now);
  const view = (id: number) => hall.devices.view(hall.ctx.people.device(id)!);

  it('a device never seen is offline with no last-seen time and no disconnects', () => {
    const id = board();
    expect(view(id)).toMatchObject({ online: false, lastSeenAt: null, disconnects: 0 });
  });

  it('counts every disconnect, one per socket that leaves', () => {
    const id = board();
    hall.devices.connected(id);
    expect(view(id)).toMatchObject({ online: true, disconnects: 0, lastSeenAt: '2026-10-23T04:00:00.000Z' });
    now += 60_000;
    hall.devices.disconnected(id);
    expect(view(id)).toMatchObject({ online: false, disconnects: 1, lastSeenAt: '2026-10-23T04:01:00.000Z' });
    hall.devices.connected(id);
    hall.devices.disconnected(id);
    hall.devices.connected(id);
    hall.devices.disconnected(id);
    expect(view(id)).toMatchObject({ online: false, disconnects: 3 });
  });

  it('a network drop noticed after the device is back still counts, and the device stays online', () => {
    const id = board();
    hall.devices.connected(id);
    // The client reconnects on a new socket before the server's ping timeout drops the old one.
    hall.devices.connected(id);
    hall.devices.disconnected(id);
    expect(view(id)).toMatchObject({ online: true, disconnects: 1 });
    hall.devices.disconnected(id);
    expect(view(id)).toMatchObject({ online: false, disconnects: 2 });
  });
});
