import { hallProfile, type DeviceKind, type HallLevel, type Role } from '@hall/shared';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newToken } from '../auth/passwords';
import type { HallServices } from '../services/hall-services';

export interface InitOptions {
  hallName: string;
  level: HallLevel;
  enforceOpeningHours: boolean;
}

/** Whether the hall has been initialised (services exist). */
export function isInitialised(services: HallServices): boolean {
  return services.ctx.hall.services().length > 0;
}

/** Creates the services and counters of a hall level's profile, and the hall settings. */
export function initHall(services: HallServices, options: InitOptions) {
  const { ctx } = services;
  const profile = hallProfile(options.level);
  ctx.db.transaction(() => {
    ctx.hall.putSetting('hall_name', options.hallName);
    ctx.hall.putSetting('hall_level', options.level);
    ctx.hall.putSetting('enforce_opening_hours', String(options.enforceOpeningHours));
    ctx.hall.putSetting('notice', '12348 公共法律服务热线 · 请保管好您的号票，过号请向工作人员说明 · 法律援助免费，谨防假冒');
    profile.services.forEach((service, index) => ctx.hall.insertService({ ...service, isOpen: true, sortOrder: index + 1 }));
    profile.counters.forEach((counter, index) => ctx.hall.insertCounter(counter.name, counter.services, index + 1));
  }).immediate();
  return profile;
}

export interface DemoCredentials {
  users: { username: string; password: string; role: Role }[];
  devices: { kind: DeviceKind; name: string; token: string; counterId?: number }[];
}

const DEMO_STAFF = [
  { username: 'zhangwei', displayName: '张伟', staffNo: '0101' },
  { username: 'wangfang', displayName: '王芳', staffNo: '0102' },
  { username: 'lina', displayName: '李娜', staffNo: '0103' },
  { username: 'liuyang', displayName: '刘洋', staffNo: '0104' },
  { username: 'chenjing', displayName: '陈静', staffNo: '0105' },
  { username: 'zhaolei', displayName: '赵磊', staffNo: '0106' },
];

/**
 * Seeds the demo hall: a manager, an admin, one staff member per counter (signed in), two
 * kiosks, a hall board and a rating pad per counter. Passwords are random per data dir unless
 * DEMO_PASSWORD is given.
 */
export function seedDemo(services: HallServices, demoPassword: string | undefined): DemoCredentials {
  const { ctx, auth } = services;
  const password = () => demoPassword ?? newToken(9);
  const credentials: DemoCredentials = { users: [], devices: [] };
  const addUser = (username: string, displayName: string, staffNo: string, role: Role) => {
    const pw = password();
    const id = auth.createUser({ username, displayName, staffNo, role, password: pw });
    credentials.users.push({ username, password: pw, role });
    return id;
  };
  const addDevice = (kind: DeviceKind, name: string, counterId: number | null = null) => {
    const { token } = auth.createDevice(kind, name, counterId);
    credentials.devices.push(counterId === null ? { kind, name, token } : { kind, name, token, counterId });
  };
  ctx.db.transaction(() => {
    addUser('manager', '周主任', '0001', 'manager');
    addUser('admin', '系统管理员', '0000', 'admin');
    const counters = ctx.hall.counters();
    DEMO_STAFF.forEach((staff, index) => {
      const userId = addUser(staff.username, staff.displayName, staff.staffNo, 'staff');
      const counter = counters[index];
      if (counter) ctx.hall.setCounterStaff(counter.id, userId);
    });
    addDevice('kiosk', '1号取号机');
    addDevice('kiosk', '2号取号机');
    addDevice('board', '大厅综合屏');
    for (const counter of counters) addDevice('pad', `${counter.name}评价器`, counter.id);
  }).immediate();
  return credentials;
}

/** Writes demo-credentials.json readable by its owner only (mode 600). */
export function writeCredentials(dataDir: string, credentials: DemoCredentials): string {
  const file = join(dataDir, 'demo-credentials.json');
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
