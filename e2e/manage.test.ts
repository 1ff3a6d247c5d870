import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDayOf } from '@hall/shared';
import { generateDay, seededRandom } from '../hall-server/src/cli/year-generator';
import { addWorkingDays, isWorkingDay } from '../hall-server/src/queue/working-days';
import { createYearSeedRepo } from '../hall-server/src/repos/year-seed-repo';
import { ensureBuilt, launchChromium, removeDir, SCREENSHOT_DIR, startDemoHall, type DemoHall } from './harness';

let hall: DemoHall;
let browser: Browser;
let page: Page;
const today = hallDayOf(Date.now(), 'Asia/Shanghai');
const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const FROM = daysAgo(40);
const TO = daysAgo(1);

/** Forty past days of realistic tickets, ratings and follow-ups, written straight into the demo hall. */
function seedPastDays() {
  const { ctx } = hall.server.services;
  const seed = createYearSeedRepo(hall.server.db);
  const calendar = hall.server.services.ratings.calendar();
  const hallShape = {
    services: ctx.hall.services().map((s) => ({ code: s.code, prefix: s.prefix })),
    counters: ctx.hall.counters().map((c) => ({ id: c.id, services: c.services, staffId: c.staffId })),
    staffIds: ctx.people.users().filter((u) => u.role === 'staff').map((u) => u.id),
    managerId: ctx.people.userByName('manager')!.id,
  };
  const rng = seededRandom(5);
  let code = 0;
  for (let day = FROM; day <= TO; day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
    if (!isWorkingDay(day, calendar)) continue;
    const rows = generateDay(day, hallShape, rng, { perDay: 90, timeZone: 'Asia/Shanghai', today, dueDay: (d) => addWorkingDays(d, 5, calendar) }, () => `e2e-manage-${(code += 1)}`);
    hall.server.db.transaction(() => rows.forEach((r) => seed.insert(r.ticket, r.rating, true, null)))();
  }
}

async function shot(name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `manage-${name}.png`) });
}

/** Whether a canvas has drawn pixels (not blank). */
async function canvasDrawn(testId: string): Promise<boolean> {
  return page.locator(`[data-testid="${testId}"] canvas`).first().evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0) return false;
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) drawn += 1;
    return drawn > 500;
  });
}

async function login(target: Page, username: string) {
  await target.goto(`${hall.url}/manage/`);
  await target.fill('input[name=username]', username);
  await target.fill('input[name=password]', hall.password);
  await target.click('button[type=submit]');
}

beforeAll(async () => {
  ensureBuilt();
  hall = await startDemoHall();
  seedPastDays();
  // Three visitors waiting now, for the live dashboard.
  for (const serviceCode of ['A', 'A', 'F']) {
    const response = await fetch(`${hall.url}/api/tickets`, {
      method: 'POST', headers: { authorization: `Bearer ${hall.token('kiosk')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ serviceCode, requestId: `manage-e2e-${Math.random()}` }),
    });
    expect(response.status).toBe(201);
  }
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
});

afterAll(async () => {
  await browser?.close();
  await hall?.close();
  if (hall) removeDir(hall.dataDir);
});

describe('manager console', () => {
  it('logs in as manager and sees the live dashboard', async () => {
    await login(page, 'manager');
    await page.waitForSelector('[data-testid=dashboard]');
    await expect.poll(() => page.textContent('[data-testid=kpi-waiting] strong')).toBe('3');
    await expect.poll(() => page.textContent('[data-testid=live]')).toContain('实时连接');
    // A new ticket reaches the dashboard through the socket feed, without reloading.
    await fetch(`${hall.url}/api/tickets`, {
      method: 'POST', headers: { authorization: `Bearer ${hall.token('kiosk')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ serviceCode: 'B', requestId: `manage-e2e-live-${Math.random()}` }),
    });
    await expect.poll(() => page.textContent('[data-testid=kpi-waiting] strong'), { timeout: 5000 }).toBe('4');
    await shot('dashboard');
  });

  it('changes the date range and draws the charts', async () => {
    await page.click('[data-testid=tab-reports]');
    await page.fill('[data-testid=from]', FROM);
    await page.fill('[data-testid=to]', TO);
    await page.click('[data-testid=apply]');
    await page.waitForSelector('[data-testid=chart-hour] canvas');
    const summary = await page.evaluate(async ([from, to]) => (await fetch(`/api/reports/summary?from=${from}&to=${to}`)).json(), [FROM, TO] as const);
    expect(summary.issued).toBeGreaterThan(1000);
    await expect.poll(() => page.textContent('[data-testid=report-issued] strong')).toBe(String(summary.issued));
    for (const chart of ['chart-hour', 'chart-service', 'chart-scores', 'chart-day', 'chart-dimensions']) {
      await expect.poll(() => canvasDrawn(chart), { timeout: 5000 }).toBe(true);
    }
    await shot('reports');
  });

  it('exports a CSV whose rows match the API', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n').map((line) => line.split(','));
    expect(lines[0]!.slice(0, 4)).toEqual(['业务', '取号', '办结', '过号']);
    const summary = await page.evaluate(async ([from, to]) => (await fetch(`/api/reports/summary?from=${from}&to=${to}`)).json(), [FROM, TO] as const);
    const expected = (summary.byService as { label: string; issued: number; served: number; noShow: number; avgWaitSeconds: number }[]).map((g) => [
      g.label, String(g.issued), String(g.served), String(g.noShow), String(Math.round(g.avgWaitSeconds / 6) / 10),
    ]);
    expect(lines.slice(1).map((cells) => [cells[0], cells[1], cells[2], cells[3], cells[5]])).toEqual(expected);
    // The same figures in the console's table.
    const firstRow = await page.locator('[data-testid=report-table] tbody tr').first().locator('td').allTextContents();
    expect(firstRow.slice(0, 3)).toEqual([expected[0]![0], expected[0]![1], expected[0]![2]]);
  });

  it('lists follow-ups overdue first and closes one with an outcome', async () => {
    await page.click('[data-testid=tab-followUps]');
    await page.waitForSelector('[data-testid=follow-ups]');
    const states = await page.locator('[data-testid=follow-ups] tbody tr td:first-child').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    const firstClosed = states.indexOf('已办结');
    if (firstClosed >= 0) expect(states.slice(firstClosed).every((s) => s === '已办结')).toBe(true);
    await shot('follow-ups');
    const open = states.filter((s) => s !== '已办结').length;
    await page.locator('[data-testid=follow-ups] tbody tr button').first().click();
    await page.fill('.dialog textarea', '已电话回访，向群众致歉并说明情况');
    await page.click('.dialog button[type=submit]');
    await expect.poll(async () => (await page.locator('[data-testid=follow-ups] tbody tr td:first-child').allTextContents()).filter((s) => s !== '已办结').length).toBe(open - 1);
  });

  it('shows the printable monthly ranking', async () => {
    await page.click('[data-testid=tab-ranking]');
    await page.fill('[data-testid=month]', FROM.slice(0, 7));
    await page.dispatchEvent('[data-testid=month]', 'change');
    await expect.poll(() => page.locator('[data-testid=ranking] tbody tr').count()).toBeGreaterThan(3);
    await shot('ranking');
  });

  it('edits a service target in administration (and it is audited)', async () => {
    await page.click('[data-testid=tab-admin]');
    await page.click('[data-testid=edit-service-A]');
    await page.fill('[data-testid=target-wait]', '25');
    await page.click('[data-testid=save-service]');
    await expect.poll(() => page.textContent('.ok')).toBe('已保存');
    await shot('admin');
    await page.click('[data-testid=admin-audit]');
    await expect.poll(() => page.textContent('.content table')).toContain('修改业务');
  });

  it('a staff login sees 没有权限 and the API answers 403', async () => {
    const staffPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await login(staffPage, 'zhangwei');
    await staffPage.waitForSelector('[data-testid=forbidden]');
    expect(await staffPage.textContent('[data-testid=forbidden] h1')).toBe('没有权限');
    const status = await staffPage.evaluate(async (range) => (await fetch(`/api/reports/summary?${range}`)).status, `from=${FROM}&to=${TO}`);
    expect(status).toBe(403);
    await staffPage.screenshot({ path: join(SCREENSHOT_DIR, 'manage-forbidden.png') });
    await staffPage.close();
  });
});
