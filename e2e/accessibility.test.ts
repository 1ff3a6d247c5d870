// Issue 9 item 13: axe-core in Chromium on every screen, 0 serious or critical violations; and the
// rating form on the pad (issue 13.9): same chips as the kiosk, 64 px targets, who served in view.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './axe';
import { issueTicket, openScreen, signInTerminal, staffPost, staffToken } from './counter-display-helpers';
import { ensureBuilt, launchChromium, removeDir, SCREENSHOT_DIR, startDemoHall, type DemoHall } from './harness';
import { ratingFormProblems } from './rating-form-checks';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };
const BOARD = { width: 1920, height: 1080 };
const TERMINAL = { width: 1366, height: 768 };
const PAD = { width: 1280, height: 800 };
const DESKTOP = { width: 1920, height: 1080 };

let hall: DemoHall;
let browser: Browser;
let staff: string;
const found: string[] = [];

async function audit(page: Page, screen: string) {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/a11y-${screen}.png` });
  found.push(...describeViolations(screen, await seriousViolations(page)));
}

/** Calls, starts and finishes a ticket at counter 1, as staff. */
async function serve(ticketId: number) {
  for (const path of ['/api/counters/1/call', `/api/tickets/${ticketId}/start`, `/api/tickets/${ticketId}/finish`]) {
    const response = await staffPost(hall, staff, path, path.endsWith('/call') ? { ticketId } : {});
    expect(response.status, path).toBe(200);
  }
}

beforeAll(async () => {
  ensureBuilt();
  hall = await startDemoHall();
  browser = await launchChromium();
  staff = await staffToken(hall, 'zhangwei');
  await staffPost(hall, staff, '/api/counters/1/sign-in');
});

afterAll(async () => {
  await browser?.close();
  await hall?.close();
  if (hall) removeDir(hall.dataDir);
});

describe('accessibility: axe-core on every screen, no serious or critical violation', () => {
  it('kiosk: home (portrait, landscape, elderly), ticket, rate entry, rating form, thanks', async () => {
    const kiosk = await openScreen(browser, `${hall.url}/kiosk/?device=${hall.token('kiosk')}`, PORTRAIT);
    await kiosk.locator('[data-link="online"] [data-service="A"]').waitFor();
    await audit(kiosk, 'kiosk-portrait-home');
    await kiosk.setViewportSize(LANDSCAPE);
    await audit(kiosk, 'kiosk-landscape-home');
    await kiosk.setViewportSize(PORTRAIT);
    await kiosk.locator('[data-action="elderly"]').click();
    await audit(kiosk, 'kiosk-elderly-home');
    await kiosk.locator('[data-action="elderly"]').click();
    await kiosk.locator('[data-action="priority"]').click();
    await audit(kiosk, 'kiosk-priority');
    await kiosk.getByText('返回').first().click();

    await kiosk.locator('[data-service="A"]').click();
    await kiosk.getByTestId('ticket-number').waitFor();
    await audit(kiosk, 'kiosk-ticket');
    await kiosk.getByTestId('ticket').click();

    const served = await issueTicket(hall, 'A');
    await serve(served.id);
    await kiosk.locator('[data-action="rate"]').click();
    for (const key of served.number) await kiosk.locator(`[data-key="${key}"]`).click();
    await kiosk.locator('[data-key="ok"]').click();
    for (const key of served.checkCode) await kiosk.locator(`[data-key="${key}"]`).click();
    await audit(kiosk, 'kiosk-rate-entry');
    await kiosk.locator('[data-key="ok"]').click();
    await kiosk.locator('[data-score="4"]').click();
    await kiosk.locator('[data-dimension="policy"] [data-value="3"]').click();
    await audit(kiosk, 'kiosk-rating-form');
    await kiosk.setViewportSize(LANDSCAPE);
    await audit(kiosk, 'kiosk-landscape-rating-form');
    await kiosk.setViewportSize(PORTRAIT);
    await kiosk.locator('[data-action="elderly"]').click();
    await audit(kiosk, 'kiosk-elderly-rating-form');
    await kiosk.locator('[data-action="elderly"]').click();
    await kiosk.getByText('提交评价').click();
    await kiosk.getByTestId('thanks').waitFor();
    await audit(kiosk, 'kiosk-thanks');
    await kiosk.context().close();
  });

  it('phone page: waiting and rating', async () => {
    const ticket = await issueTicket(hall, 'F');
    const phone = await openScreen(browser, `${hall.url}/t/${ticket.trackingCode}`, PHONE);
    await phone.getByTestId('track-number').waitFor();
    await audit(phone, 'phone-waiting');
    await serve(ticket.id);
    await phone.locator('[data-score="5"]').waitFor();
    await phone.locator('[data-score="5"]').click();
    await audit(phone, 'phone-rating');
    await phone.context().close();
  });

  it('board, counter terminal (signed in), rate pad (idle and asking)', async () => {
    const board = await openScreen(browser, `${hall.url}/board/?device=${hall.token('board')}`, BOARD);
    const terminal = await openScreen(browser, `${hall.url}/counter/`, TERMINAL);
    const pad = await openScreen(browser, `${hall.url}/rate/?device=${hall.token('pad', 1)}`, PAD);
    await signInTerminal(terminal, hall, 'zhangwei', 1);
    await pad.waitForSelector('[data-testid=pad-staff]:has-text("张伟")');
    await audit(board, 'board');
    await audit(terminal, 'counter-terminal');
    await audit(pad, 'pad-idle');

    const ticket = await issueTicket(hall, 'A');
    await serve(ticket.id);
    await board.waitForSelector(`[data-testid=current-call][data-number="${ticket.number}"]`).catch(() => undefined);
    await audit(board, 'board-called');
    await pad.waitForSelector(`[data-testid=rating-form][data-ticket="${ticket.number}"]`);
    await pad.click('[data-testid=score-3]');
    await audit(pad, 'pad-asking');
    await audit(terminal, 'counter-terminal-after-finish');
    for (const page of [board, terminal, pad]) await page.context().close();
  });

  it('manager console: every section', async () => {
    const page = await openScreen(browser, `${hall.url}/manage/`, DESKTOP);
    await audit(page, 'manage-login');
    await page.fill('input[name=username]', 'manager');
    await page.fill('input[name=password]', hall.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    const tabs = await page.locator('[data-testid^=tab-]').evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')!));
    expect(tabs.length).toBeGreaterThan(3);
    for (const tab of tabs) {
      await page.click(`[data-testid=${tab}]`);
      await page.waitForTimeout(400);
      await audit(page, `manage-${tab.slice(4)}`);
    }
    await page.context().close();
  });

  it('found nothing serious or critical', () => {
    expect(found).toEqual([]);
  });
});

describe('the rate pad uses the one rating form', () => {
  it('offers the kiosk\u2019s quick-comment chips, shows who served with 工号, 64 px targets, no dimmed faces', async () => {
    const pad = await openScreen(browser, `${hall.url}/rate/?device=${hall.token('pad', 1)}`, PAD);
    await pad.waitForSelector('[data-testid=pad-staff]:has-text("张伟")');
    const ticket = await issueTicket(hall, 'A');
    await serve(ticket.id);
    await pad.waitForSelector(`[data-testid=rating-form][data-ticket="${ticket.number}"]`);
    await pad.click('[data-testid=score-5]');
    await pad.screenshot({ path: `${SCREENSHOT_DIR}/pad-rating-form.png` });
    expect(await pad.locator('[data-testid=rating-chips] button').allTextContents()).toEqual(['服务很好', '等候时间长', '指引不清楚', '环境需改善']);
    expect(await ratingFormProblems(pad)).toEqual({
      missing: false, smallTargets: [], wrappedLabels: [], submitOverlaps: [], lowContrast: [], dimmed: [], servedBy: '1号窗口 张伟（工号 0101）',
    });
    await pad.click('[data-testid=rating-chips] button:has-text("服务很好")');
    await pad.click('[data-testid=rating-submit]');
    await pad.waitForSelector('[data-testid=rating-thanks]');
    const rating = await fetch(`${hall.url}/api/tickets/${ticket.id}`, { headers: { authorization: `Bearer ${staff}` } });
    expect((await rating.json()).ticket.rated).toBe(true);
    await pad.context().close();
  });
});
