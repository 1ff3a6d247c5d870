import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTicket, staffPost, staffToken } from './counter-display-helpers';
import { ensureBuilt, removeDir, SCREENSHOT_DIR, startDemoHall, type DemoHall } from './harness';

// The hall's clock: Friday 2026-10-23 10:00 in Shanghai, then moved on to Wednesday 2026-11-04 10:00.
const FRIDAY = Date.parse('2026-10-23T02:00:00Z');
const WEDNESDAY = Date.parse('2026-11-04T02:00:00Z');
let hallNow = FRIDAY;
const started = Date.now();
const clock = () => hallNow + (Date.now() - started);

let hall: DemoHall;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let staff: string;

/** A visitor served at counter 1 and rating it; the phone page sends the tracking code as proof. */
async function serveAndRate(score: number, contactPhone?: string) {
  const ticket = await issueTicket(hall, 'A');
  for (const [path, body] of [[`/api/counters/1/call`, { ticketId: ticket.id }], [`/api/tickets/${ticket.id}/start`, {}], [`/api/tickets/${ticket.id}/finish`, {}]] as const) {
    expect((await staffPost(hall, staff, path, body)).status).toBe(200);
  }
  const rating = await fetch(`${hall.url}/api/tickets/${ticket.id}/rating`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ score, comment: '窗口经常没人', trackingCode: ticket.trackingCode, ...(contactPhone ? { contactPhone } : {}) }),
  });
  expect(rating.status).toBe(201);
  return ticket;
}

/** A board that comes online over its socket and goes away again. */
async function boardOnlineThenGone() {
  const socket: Socket = io(hall.url, { auth: { token: hall.token('board') }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('queue:snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.disconnect();
}

const US_DATE = /\b\d{1,2}\/\d{1,2}\/\d{4}\b/;
const ENGLISH_MONTH = /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/;

/** Every date the page shows, in its text and in its form fields: none in the browser's US format. */
async function datesOnPage() {
  return page.evaluate(() => ({
    text: document.body.innerText,
    values: [...document.querySelectorAll('input, select, textarea')].map((e) => (e as HTMLInputElement).value),
    nativePickers: document.querySelectorAll('input[type=date], input[type=month], input[type=week], input[type=datetime-local]').length,
  }));
}
async function expectNoUsDates(where: string) {
  const { text, values, nativePickers } = await datesOnPage();
  expect(nativePickers, `${where}: native date pickers`).toBe(0);
  for (const shown of [text, ...values]) {
    expect(shown, `${where}: ${shown.match(US_DATE)?.[0]}`).not.toMatch(US_DATE);
    expect(shown, `${where}: ${shown.match(ENGLISH_MONTH)?.[0]}`).not.toMatch(ENGLISH_MONTH);
  }
}

async function shot(name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const [width, height] of [[1920, 1080], [1366, 768]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `manage-screens-${name}-${width}.png`), fullPage: width === 1920 });
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
}

beforeAll(async () => {
  ensureBuilt();
  hall = await startDemoHall({ clock });
  staff = await staffToken(hall, 'zhangwei');
  // A bad rating on Friday 10-23 (due 10-30, five working days on) with the visitor's phone…
  await serveAndRate(1, '138 0000 1234');
  // …still open on Wednesday 11-04, three working days late; a second one given that day.
  hallNow = WEDNESDAY;
  // Twelve days on, the morning's staff session has expired: a new sign-in.
  staff = await staffToken(hall, 'zhangwei');
  await serveAndRate(2);
  await boardOnlineThenGone();
  await boardOnlineThenGone();
  // Chromium in English, as a manager's PC may well be: the console must not take the browser's dates.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US'],
  });
  // English locale, but the PC's clock on hall time, as in a hall in China.
  context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai', viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${hall.url}/manage/`);
  await page.fill('input[name=username]', 'manager');
  await page.fill('input[name=password]', hall.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=dashboard]');
});

afterAll(async () => {
  await browser?.close();
  await hall?.close();
  if (hall) removeDir(hall.dataDir);
});

describe('manager console screens (issue 13, items 1–4)', () => {
  it('runs in an English Chromium (the premise of the date checks)', async () => {
    expect(await page.evaluate(() => [navigator.language, new Date(Date.UTC(2026, 9, 23, 12)).toLocaleDateString()])).toEqual(['en-US', '10/23/2026']);
  });

  it('alerts on devices offline or never online in opening hours and on overdue follow-ups; counts disconnects', async () => {
    await page.waitForSelector('[data-testid=alert]');
    const alerts = Object.fromEntries(await page.locator('[data-testid=alert]').evaluateAll((items) => items.map((li) => [li.getAttribute('data-kind'), li.textContent?.trim()])));
    expect(alerts['device-offline']).toBe('设备离线：大厅综合屏');
    expect(alerts['device-never-online']).toBe('今日未上线：1号取号机、2号取号机、1号窗口评价器、2号窗口评价器、3号窗口评价器、4号窗口评价器、5号窗口评价器、6号窗口评价器');
    expect(alerts['follow-ups-overdue']).toBe('差评回访超期 1 件，请尽快办结');
    expect(await page.textContent('[data-testid=alerts]')).not.toContain('暂无预警');
    const boardRow = page.locator('tr', { hasText: '大厅综合屏' });
    expect(await boardRow.locator('[data-testid=disconnects]').textContent()).toBe('2');
    expect(await boardRow.textContent()).toContain('2026-11-04 10:00');
    // Counters in the terminal's words, services by name.
    const firstCounter = await page.locator('section.panel', { hasText: '窗口状态' }).locator('tbody tr').first().textContent();
    expect(firstCounter).toContain('法律援助、法律咨询');
    expect(firstCounter).toContain('在岗');
    await expectNoUsDates('dashboard');
    await shot('dashboard');
  });

  it('shows follow-up deadlines in working days and the phone the visitor left', async () => {
    await page.click('[data-testid=tab-followUps]');
    await page.waitForSelector('[data-testid=follow-ups]');
    const rows = await page.locator('[data-testid=follow-ups] tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      deadline: tr.querySelector('[data-testid=deadline]')?.textContent?.trim(),
      contact: tr.querySelector('[data-testid=contact]')?.textContent?.trim(),
    })));
    expect(rows).toEqual([
      { deadline: '超期 3 个工作日', contact: '13800001234' },
      { deadline: '剩 5 个工作日', contact: '未留' },
    ]);
    expect(await page.textContent('[data-testid=follow-ups]')).toContain('2026-10-30');
    await expectNoUsDates('follow-ups');
    await shot('follow-ups');
    // A date typed the US way is refused in place, never sent.
    await page.fill('[data-testid=review-from]', '10/23/2026');
    await page.press('[data-testid=review-from]', 'Enter');
    expect(await page.getAttribute('[data-testid=review-from]', 'aria-invalid')).toBe('true');
    await page.fill('[data-testid=review-from]', '2026年10月23日');
    await page.press('[data-testid=review-from]', 'Enter');
    expect(await page.inputValue('[data-testid=review-from]')).toBe('2026-10-23');
    expect(await page.getAttribute('[data-testid=review-from]', 'aria-invalid')).toBe('false');
  });

  it('reports: 回访率 red only below target, an export beside every table, no US dates', async () => {
    await page.click('[data-testid=tab-reports]');
    await page.fill('[data-testid=from]', '2026-10-01');
    await page.fill('[data-testid=to]', '2026-11-04');
    await page.click('[data-testid=apply]');
    await page.waitForSelector('[data-testid=report-follow-up-rate]');
    // One due follow-up, not closed: 0% of those due, under the 95% target.
    await expect.poll(() => page.getAttribute('[data-testid=report-follow-up-rate]', 'class')).toContain('warn');
    expect(await page.inputValue('[data-testid=from]')).toBe('2026-10-01');
    expect(await page.locator('[data-testid=report-table]').count()).toBe(1);
    expect(await page.locator('[data-testid=export-csv]').count()).toBe(1);
    await expectNoUsDates('reports');
    await shot('reports');
    // Closing the late one meets the target: no longer red.
    const overdue = (await (await fetch(`${hall.url}/api/follow-ups`, { headers: { authorization: `Bearer ${await staffToken(hall, 'manager')}` } })).json()) as { id: number; overdue: boolean }[];
    const late = overdue.find((f) => f.overdue)!;
    expect((await staffPost(hall, await staffToken(hall, 'manager'), `/api/follow-ups/${late.id}/close`, { outcome: '已电话回访并致歉' })).status).toBe(200);
    await page.click('[data-testid=apply]');
    await expect.poll(() => page.getAttribute('[data-testid=report-follow-up-rate]', 'class')).not.toContain('warn');
  });

  it('follow-up and ranking tables export CSV, without the visitor phone', async () => {
    await page.click('[data-testid=tab-followUps]');
    await page.waitForSelector('[data-testid=follow-ups]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-follow-ups]')]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('剩 5 个工作日');
    expect(text).not.toContain('13800001234');
    await page.click('[data-testid=tab-ranking]');
    await page.fill('[data-testid=month]', '2026年10月');
    await page.press('[data-testid=month]', 'Enter');
    // The last month's ranking shows until October's arrives: wait for October's title, not for any ranking
    // (on a loaded CI machine the title was read while November's was still up).
    await page.locator('[data-testid=ranking] h1', { hasText: '2026年10月' }).waitFor();
    expect(await page.textContent('[data-testid=ranking] h1')).toContain('2026年10月');
    expect(await page.locator('[data-testid=export-ranking]').count()).toBe(2);
    await expectNoUsDates('ranking');
    await shot('ranking');
  });

  it('administration sections show no US dates either', async () => {
    await page.click('[data-testid=tab-admin]');
    for (const section of ['services', 'counters', 'users', 'devices', 'calendar', 'notice', 'audit']) {
      await page.click(`[data-testid=admin-${section}]`);
      await page.waitForTimeout(300);
      await expectNoUsDates(`admin ${section}`);
    }
    await page.click('[data-testid=admin-calendar]');
    await page.fill('[data-testid=holiday-day]', '2026/12/31');
    await page.press('[data-testid=holiday-day]', 'Enter');
    await expect.poll(() => page.textContent('.content table')).toContain('2026-12-31');
    await shot('admin-calendar');
  });
});
