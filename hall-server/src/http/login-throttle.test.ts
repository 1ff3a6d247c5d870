import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initHall, seedDemo } from '../cli/seed';
import { createHallServer, type HallServer } from '../server';

const PASSWORD = 'correct-horse-battery';

/** Default limits, a real server; requests come from chosen client addresses through inject. */
describe('login throttle over HTTP (default limits)', () => {
  let server: HallServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-throttle-'));

  beforeAll(async () => {
    server = await createHallServer({
      dataDir,
      setup: (services) => {
        initHall(services, { hallName: '限流测试大厅', level: 'township', enforceOpeningHours: false });
        seedDemo(services, PASSWORD);
      },
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const login = (username: string, password: string, remoteAddress: string) =>
    server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  it('five failures from one address do not lock that user out at another address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await login('manager', `wrong-${i}`, '192.168.1.66')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);

    const stranger = await login('manager', PASSWORD, '192.168.1.66');
    expect(stranger.statusCode).toBe(429);
    expect(stranger.json()).toMatchObject({ error: { code: 'too-many-attempts' } });
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThanOrEqual(29);
    expect(Number(stranger.headers['retry-after'])).toBeLessThanOrEqual(30);

    const manager = await login('manager', PASSWORD, '192.168.1.20');
    expect(manager.statusCode).toBe(200);
    expect(manager.json()).toMatchObject({ user: { username: 'manager' } });
  });

  it('the throttled address may still sign in another user', async () => {
    const admin = await login('admin', PASSWORD, '192.168.1.66');
    expect(admin.statusCode).toBe(200);
  });
});
