import type { HallLevelName } from '@hall/shared';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newPassword } from '../auth/secrets';
import type { CityService } from '../services/city-service';

export interface DemoCredentials {
  users: { username: string; password: string; role: 'admin' | 'supervisor'; areaCode: string }[];
  halls: { name: string; level: HallLevelName; areaCode: string; enrollmentCode: string }[];
}

// A Zhengzhou-like tree with real-looking 行政区划 codes: the city, three districts/counties, some
// townships (乡镇/街道) and villages (村/社区).
const AREAS: { code: string; name: string; level: HallLevelName; parent: string | null }[] = [
  { code: '410100000000', name: '郑州市', level: 'city', parent: null },
  { code: '410105000000', name: '金水区', level: 'county', parent: '410100000000' },
  { code: '410105001000', name: '经八路街道', level: 'township', parent: '410105000000' },
  { code: '410105001002', name: '政七街社区', level: 'village', parent: '410105001000' },
  { code: '410122000000', name: '中牟县', level: 'county', parent: '410100000000' },
  { code: '410122100000', name: '城关镇', level: 'township', parent: '410122000000' },
  { code: '410122100201', name: '东风路村', level: 'village', parent: '410122100000' },
  { code: '410122101000', name: '白沙镇', level: 'township', parent: '410122000000' },
  { code: '410185000000', name: '登封市', level: 'county', parent: '410100000000' },
  { code: '410185103000', name: '大金店镇', level: 'township', parent: '410185000000' },
  { code: '410185103201', name: '大金店村', level: 'village', parent: '410185103000' },
];

const HALLS: { name: string; level: HallLevelName; areaCode: string }[] = [
  { name: '郑州市公共法律服务中心', level: 'city', areaCode: '410100000000' },
  { name: '中牟县公共法律服务中心', level: 'county', areaCode: '410122000000' },
  { name: '中牟县城关镇公共法律服务工作站', level: 'township', areaCode: '410122100000' },
  { name: '中牟县东风路村公共法律服务室', level: 'village', areaCode: '410122100201' },
  { name: '金水区公共法律服务中心', level: 'county', areaCode: '410105000000' },
  { name: '登封市大金店镇公共法律服务工作站', level: 'township', areaCode: '410185103000' },
];

/**
 * Seeds the demo city on a fresh database: the area tree, six halls (each with a one-time
 * enrollment code), one admin and one county supervisor, and writes them all to
 * DATA_DIR/demo-credentials.json (mode 600). Passwords are random unless DEMO_PASSWORD is set.
 */
export async function seedDemoCity(city: CityService, dataDir: string, password = process.env.DEMO_PASSWORD): Promise<DemoCredentials> {
  for (const area of AREAS) await city.addArea({ code: area.code, name: area.name, level: area.level, parentCode: area.parent });
  const credentials: DemoCredentials = { users: [], halls: [] };
  for (const user of [
    { username: 'admin', role: 'admin' as const, areaCode: '410100000000' },
    { username: 'zhongmou', role: 'supervisor' as const, areaCode: '410122000000' },
  ]) {
    const userPassword = password ?? newPassword();
    await city.addUser({ ...user, password: userPassword });
    credentials.users.push({ ...user, password: userPassword });
  }
  for (const hall of HALLS) {
    const { enrollmentCode } = await city.addHall(hall);
    credentials.halls.push({ ...hall, enrollmentCode });
  }
  const file = join(dataDir, 'demo-credentials.json');
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return credentials;
}
