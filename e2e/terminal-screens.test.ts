import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTicket, openScreen, staffGet, staffPost, staffToken } from './counter-display-helpers';
import { ensureBuilt, launchChromium, removeDir, SCREENSHOT_DIR, startDemoHall, type DemoHall } from './harness';

const TERMINAL = { width: 1366, height: 768 };
const PAD = { width: 1280, height: 800 };

let hall: DemoHall;
let browser: Browser;
let terminal: Page;
let pad: Page;
let manager: string;

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `terminal-screens-${name}.png`) });
const text = (selector: string) => terminal.textContent(selector).then((t) => t?.replace(/\s+/g, ' ').trim());

beforeAll(async () => {
  ensureBuilt();
  hall = await startDemoHall();
  manager = await staffToken(hall, 'manager');
  // The demo hall opens with someone on duty at every counter; 刘洋 leaves counter 4 before 张伟 opens the picker.
  expect((await staffPost(hall, await staffToken(hall, 'liuyang'), '/api/counters/4/sign-out')).status).toBe(200);
  browser = await launchChromium();
  terminal = await openScreen(browser, `${hall.url}/counter/`, TERMINAL);
  pad = await openScreen(browser, `${hall.url}/rate/?device=${hall.token('pad', 1)}`, PAD);
  for (const page of [terminal, pad]) page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await hall?.close();
  if (hall) removeDir(hall.dataDir);
});

describe('counter terminal screens (issue 13, items 7–8)', () => {
  it('the window picker shows service names and which counters are taken', async () => {
    await terminal.fill('input[name=username]', 'zhangwei');
    await terminal.fill('input[name=password]', hall.password);
    await terminal.click('button[type=submit]');
    await terminal.waitForSelector('[data-testid=pick-counter][data-counter-id="2"] [data-testid=counter-duty]:has-text("王芳")');
    const counter1 = await terminal.textContent('[data-testid=pick-counter][data-counter-id="1"]');
    expect(counter1).toContain('法律援助 · 法律咨询');
    expect(counter1).toContain('您已在此窗口签到');
    expect(await terminal.textContent('[data-testid=pick-counter][data-counter-id="4"] [data-testid=counter-duty]')).toContain('空闲');
    expect(await terminal.textContent('[data-testid=pick-counter][data-counter-id="2"] [data-testid=counter-duty]')).toContain('已有人在岗：王芳（工号 0102）');
    await shot(terminal, 'picker');
    await terminal.click('[data-testid=pick-counter][data-counter-id="1"]');
    await terminal.waitForSelector('[data-testid=current-ticket]');
  });

  it('过号 says why it is disabled and how many recalls remain; F4 reads 结束办理', async () => {
    const first = await issueTicket(hall, 'A');
    await issueTicket(hall, 'F');
    await terminal.waitForSelector('[data-testid=action-callNext]:not([disabled])');
    await terminal.keyboard.press('F1');
    await terminal.waitForSelector(`[data-testid=current-ticket][data-number="${first.number}"]`);
    expect(await text('[data-testid=action-finish]')).toBe('F4 结束办理');
    expect(await terminal.isDisabled('[data-testid=action-noShow]')).toBe(true);
    await expect.poll(() => text('[data-testid=why-noShow]')).toBe('还需重呼 2 次');
    await terminal.keyboard.press('F2');
    await expect.poll(() => text('[data-testid=why-noShow]')).toBe('还需重呼 1 次');
    // The clock since the call runs; handling has not started.
    expect(await text('[data-testid=elapsed]')).toBe('未开始');
    expect(await text('[data-testid=since-call]')).toMatch(/^0:0\d$/);
    // Waits in minutes with their unit, not a bare 0:06.
    expect(await text('[data-testid=waiting-ticket] .wait')).toBe('已等 不足 1 分钟');
    await shot(terminal, 'called');
    await terminal.keyboard.press('F2');
    await terminal.waitForSelector('[data-testid=action-noShow]:not([disabled])');
    expect(await terminal.locator('[data-testid=why-noShow]').count()).toBe(0);
  });

  it('handling time apart from the time since the call; 本窗口今日 with whether the last visitor rated', async () => {
    await terminal.keyboard.press('F3');
    await terminal.waitForSelector('[data-testid=current-ticket][data-state=serving]');
    await expect.poll(() => text('[data-testid=elapsed]')).toMatch(/^0:0\d$/);
    const frozen = await text('[data-testid=since-call]');
    await terminal.waitForTimeout(1500);
    expect(await text('[data-testid=since-call]')).toBe(frozen);
    expect(await text('[data-testid=today-served]')).toBe('0');
    await terminal.keyboard.press('F4');
    await terminal.click('[data-testid=finish-confirm]');
    await expect.poll(() => text('[data-testid=today-served]')).toBe('1');
    expect(await text('[data-testid=today-avg]')).toBe('不足 1 分钟');
    expect(await text('[data-testid=last-rated]')).toBe('尚未评价');
    await shot(terminal, 'after-finish');

    // The visitor rates on the pad: a bad score asks for a phone for the call back.
    await pad.waitForSelector('[data-testid=score-1]');
    expect(await pad.locator('[data-testid=rating-contact]').count()).toBe(0);
    await pad.click('[data-testid=score-1]');
    await pad.fill('[data-testid=rating-contact]', '12345');
    await pad.click('[data-testid=rating-submit]');
    expect(await pad.textContent('[data-testid=rating-error]')).toContain('手机号');
    await pad.fill('[data-testid=rating-contact]', '139 0000 5678');
    await shot(pad, 'pad-contact');
    // With the phone box and the error line the submit button still sits inside the 800 px pad.
    const submit = (await pad.locator('[data-testid=rating-submit]').boundingBox())!;
    expect(submit.y + submit.height).toBeLessThanOrEqual(PAD.height);
    await pad.click('[data-testid=rating-submit]');
    await expect.poll(async () => (await staffGet<{ contactPhone: string | null }[]>(hall, manager, '/api/follow-ups'))[0]?.contactPhone).toBe('13900005678');
    // Staff get no rating events: the terminal asks again while the last visitor may be rating.
    await expect.poll(() => text('[data-testid=last-rated]'), { timeout: 15_000 }).toBe('已评价');
    await shot(terminal, 'rated');
  });
});
