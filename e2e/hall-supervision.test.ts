/**
 * A 督办 from the city on the hall's manager console (real Chromium, the built console): the pulled
 * reminder shows on 今日概况's city panel with an unread badge; 已阅 marks it read and queues the
 * outbox record that tells the city. (The pull itself, end to end with a real city, is
 * reliability/city-supervision.test.ts.)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncRepo } from '../hall-server/src/sync/sync-repo';
import { ensureBuilt, launchChromium, SCREENSHOT_DIR, startDemoHall, type DemoHall } from './harness';

let hall: DemoHall;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureBuilt();
  hall = await startDemoHall();
  // Enrolled (no loop runs without the credential file), with one reminder as the pull stores it.
  hall.server.db.prepare("UPDATE sync_state SET enrolled = 1, city_url = 'https://city.example.cn', hall_id = 2 WHERE id = 1").run();
  createSyncRepo(hall.server.db).putSupervisions([{ id: 41, followUpId: 7, message: '请两日内完成差评回访', by: 'zhongmou', at: new Date().toISOString() }], Date.now());
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await browser?.close();
  await hall?.close();
});

describe('督办 on the manager console', () => {
  it('shows the unread reminder with a badge and marks it read', async () => {
    await page.goto(`${hall.url}/manage/`);
    await page.fill('input[name=username]', 'manager');
    await page.fill('input[name=password]', hall.password);
    await page.click('button[type=submit]');
    const badge = page.locator('[data-testid="supervision-badge"]');
    await badge.waitFor({ timeout: 15_000 });
    expect(await badge.textContent()).toBe('1 条未读');
    const item = page.locator('[data-testid="supervision"]');
    expect(await item.textContent()).toContain('请两日内完成差评回访');
    expect(await item.textContent()).toContain('督办人 zhongmou');
    await item.scrollIntoViewIfNeeded();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'manage-supervision-1366.png') });

    await page.click('[data-testid="supervision-read"]');
    await badge.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await item.textContent()).toContain('已阅于');
    const outbox = hall.server.db.prepare("SELECT data FROM outbox WHERE kind = 'supervision' ORDER BY seq").all() as { data: string }[];
    expect(outbox.map((r) => JSON.parse(r.data) as { id: number; acknowledgedAt: string | null }).map((d) => [d.id, d.acknowledgedAt !== null])).toEqual([[41, false], [41, true]]);
  }, 60_000);
});
