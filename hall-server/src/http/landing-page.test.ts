import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initHall } from '../cli/seed';
import { createHallServer, type HallServer } from '../server';
import { isLoopback } from './landing-page';

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true], ['127.3.4.5', true], ['::1', true], ['::ffff:127.0.0.1', true],
    ['192.168.1.23', false], ['10.0.0.7', false], ['::ffff:192.168.1.23', false], ['fe80::1', false], ['1127.0.0.1', false], ['', false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});

describe('landing page of the demo hall', () => {
  let server: HallServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-landing-'));

  beforeAll(async () => {
    server = await createHallServer({
      dataDir,
      setup: (services) => {
        initHall(services, { hallName: '落地页测试大厅', level: 'township', enforceOpeningHours: false });
        return {
          kiosk: 'kiosk-token-AAAA', board: 'board-token-BBBB', credentialsFile: '/srv/hall/demo-credentials.json',
          pads: [{ counterName: '1号窗口', token: 'pad-token-CCCC' }],
        };
      },
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const page = async (remoteAddress: string) => {
    const response = await server.inject({ method: 'GET', url: '/', remoteAddress });
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  it('shows device links with their tokens to a client on the server itself', async () => {
    for (const address of ['127.0.0.1', '::1']) {
      const html = await page(address);
      expect(html).toContain('href="/kiosk/?device=kiosk-token-AAAA"');
      expect(html).toContain('href="/board/?device=board-token-BBBB"');
      expect(html).toContain('href="/rate/?device=pad-token-CCCC"');
      expect(html).toContain('/srv/hall/demo-credentials.json');
    }
  });

  it('shows a LAN client every screen but no token', async () => {
    const html = await page('192.168.1.23');
    for (const path of ['/kiosk/', '/board/', '/counter/', '/rate/', '/manage/']) expect(html).toContain(`href="${path}"`);
    expect(html).not.toMatch(/href="[^"]*device=/);
    for (const token of ['kiosk-token-AAAA', 'board-token-BBBB', 'pad-token-CCCC']) expect(html).not.toContain(token);
    expect(html).not.toContain('demo-credentials.json');
  });
});
