import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTicket, openScreen, staffGet, staffToken } from './counter-display-helpers';
import { ensureBuilt, launchChromium, removeDir, SCREENSHOT_DIR, startDemoHall, type DemoHall } from './harness';

const BOARD = { width: 1920, height: 1080 };

let hall: DemoHall;
let browser: Browser;
let board: Page;

const shot = (name: string) => board.screenshot({ path: join(SCREENSHOT_DIR, `board-${name}.png`) });
const waitingRow = (code: string) => `[data-testid=service-waiting][data-code="${code}"]`;

async function updateService(code: string, change: Record<string, unknown>): Promise<void> {
  const manager = await staffToken(hall, 'manager');
  const services = await staffGet<Array<Record<string, unknown> & { code: string }>>(hall, manager, '/api/admin/services');
  const current = services.find((service) => service.code === code);
  const response = await fetch(`${hall.url}/api/admin/services/${code}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...current, ...change }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

describe('hall board on a busy day (issue 9.15, issue 13.5–6)', () => {
  beforeAll(async () => {
    ensureBuilt();
    hall = await startDemoHall();
    browser = await launchChromium();
    // ?stale=1: the board gives the server up after 1 s instead of 10, so the test need not wait.
    board = await openScreen(browser, `${hall.url}/board/?device=${hall.token('board')}&stale=1`, BOARD);
    board.setDefaultTimeout(20_000);
    await board.waitForSelector(waitingRow('A'));
  });

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
    if (hall) removeDir(hall.dataDir);
  });

  it('keeps a quota-full service’s queue on the board with 已取完, as the kiosk says it; a closed one reads 暂停', async () => {
    await issueTicket(hall, 'B');
    await issueTicket(hall, 'B');
    await updateService('B', { dailyQuota: 2 });
    await updateService('C', { isOpen: false });

    await board.waitForSelector(`${waitingRow('B')}[data-status="已取完"][data-waiting="2"]`);
    expect(await board.textContent(waitingRow('B'))).toMatch(/已取完\s*2\s*人/);
    await board.waitForSelector(`${waitingRow('C')}[data-status="暂停"][data-waiting=""]`);
    expect(await board.getAttribute(waitingRow('A'), 'data-status')).toBe('');

    // The kiosk's list and the board's snapshot give the same reason.
    const kioskView = (await (await fetch(`${hall.url}/api/services`, { headers: { authorization: `Bearer ${hall.token('kiosk')}` } })).json()) as Array<{ code: string; closedReason: string | null }>;
    expect(kioskView.find((service) => service.code === 'B')?.closedReason).toBe('quota-full');
    const snapshot = (await (await fetch(`${hall.url}/api/queue`, { headers: { authorization: `Bearer ${hall.token('board')}` } })).json()) as { services: Array<{ code: string; waiting: number; closedReason: string | null }> };
    expect(snapshot.services.find((service) => service.code === 'B')).toMatchObject({ waiting: 2, closedReason: 'quota-full' });
  });

  it('lists the current call under 最近叫号 instead of 暂无叫号 beside it', async () => {
    expect(await board.textContent('.recent')).toContain('暂无叫号');
    const ticket = await issueTicket(hall, 'A');
    const staff = await staffToken(hall, 'zhangwei');
    const called = await fetch(`${hall.url}/api/counters/1/call-next`, { method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' }, body: '{}' });
    expect(called.status).toBe(200);
    await board.waitForSelector(`[data-testid=current-call][data-number="${ticket.number}"]`);
    await board.waitForSelector(`[data-testid=recent-call][data-number="${ticket.number}"]`);
    expect(await board.locator('[data-testid=recent-call]').count()).toBe(1);
    expect(await board.textContent('.recent')).not.toContain('暂无叫号');
    await board.waitForFunction(() => window.__announcements?.some((record) => record.sentences === 2));
    await shot('busy-day');
  });

  it('stops showing the last call as current once the server has been gone past the threshold', async () => {
    const shown = await board.getAttribute('[data-testid=current-call]', 'data-number');
    expect(shown).not.toBe('');
    const { dataDir } = hall;
    const port = hall.server.port;
    await hall.close();

    await board.waitForSelector('[data-testid=current-call][data-stale="true"]');
    expect(await board.getAttribute('[data-testid=current-call]', 'data-number')).toBe('');
    expect(await board.textContent('[data-testid=current-call]')).toMatch(/暂停更新\s*请留意窗口叫号/);
    expect(await board.textContent('[data-testid=offline-marker]')).toMatch(/与服务器连接中断\s*·\s*最后更新\s*\d{2}:\d{2}:\d{2}/);
    // The banner is readable across the hall: 44 px type at 1920×1080.
    expect(await board.$eval('[data-testid=offline-marker]', (el) => getComputedStyle(el).fontSize)).toBe('44px');
    await shot('stale');

    hall = await startDemoHall({ dataDir, port });
    await board.waitForSelector('[data-testid=offline-marker]', { state: 'detached' });
    await board.waitForSelector(`[data-testid=current-call][data-stale="false"][data-number="${shown}"]`);
  });
});
