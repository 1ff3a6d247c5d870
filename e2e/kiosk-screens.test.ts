import type { IssuedTicket } from '@hall/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, launchChromium, removeDir, startDemoHall, type DemoHall } from './harness';
import { httpAs, layoutOffenders, login, shot } from './kiosk-pages';
import { clippedText, lineCount, orphanLines } from './text-layout';

/**
 * Issue 13, items 10–14: the kiosk and the phone page as an elderly visitor reads them. Layout checks
 * in the real Chromium layout (no single character alone on a line, the hall name on one line), type
 * sizes, the ticket screen's order of importance, the priority lane, the offline screen, the phone's
 * called state. Expected words are written out here, not taken from the app's tables.
 */

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };

let hall: DemoHall;
let browser: Browser;
let staffToken: string;
let requestCounter = 0;

const kioskHttp = () => httpAs(hall.url, hall.token('kiosk'));

async function issueOverHttp(serviceCode: string): Promise<IssuedTicket> {
  requestCounter += 1;
  const { status, body } = await kioskHttp().post<IssuedTicket>('/api/tickets', { serviceCode, requestId: `e2e-screens-${Date.now()}-${requestCounter}` });
  expect(status).toBe(201);
  return body;
}

async function serve(ticketId: number, steps: Array<'call' | 'start' | 'finish'>) {
  const staff = httpAs(hall.url, staffToken);
  for (const step of steps) {
    const { status } = step === 'call' ? await staff.post('/api/counters/1/call', { ticketId }) : await staff.post(`/api/tickets/${ticketId}/${step}`);
    expect(status, `${step} ticket ${ticketId}`).toBe(200);
  }
}

/**
 * A kiosk page with a stand-in printer (`window.__printOk` switches it to a fault) and a speech
 * engine that records what it is given and finishes only when the test says so.
 */
async function openKiosk(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const state = { printOk: true, spoken: [] as SpeechSynthesisUtterance[] };
    Object.assign(window, {
      __kiosk: state,
      kioskBridge: {
        print: async () => (state.printOk ? { ok: true } : { ok: false, fault: { state: 'offline' } }),
        printerStatus: async () => ({ state: state.printOk ? 'ok' : 'offline' }),
      },
    });
    window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
      state.spoken.push(utterance);
    };
    window.speechSynthesis.cancel = () => {};
  });
  await page.goto(`${hall.url}/kiosk/?device=${hall.token('kiosk')}`);
  await page.locator('[data-link="online"] [data-service="A"]').waitFor();
  return page;
}

const setPrinter = (page: Page, ok: boolean) => page.evaluate((value) => {
  (window as unknown as { __kiosk: { printOk: boolean } }).__kiosk.printOk = value;
}, ok);

async function fontPx(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

beforeAll(async () => {
  ensureBuilt();
  hall = await startDemoHall();
  browser = await launchChromium();
  staffToken = await login(hall.url, 'zhangwei', hall.password);
  // Two greyed services: D paused, E out of numbers for today (the test reaches the server's own repository).
  const repo = hall.server.services.ctx.hall;
  repo.updateService({ ...repo.service('D')!, isOpen: false });
  repo.updateService({ ...repo.service('E')!, dailyQuota: 0 });
});

afterAll(async () => {
  await browser?.close();
  await hall?.close();
  if (hall) removeDir(hall.dataDir);
});

describe('kiosk screens, as an elderly visitor reads them', () => {
  it('ticket screen: the materials line comes second to the number, where the ticket comes out, 无需等候 with nobody ahead, 请向工作人员报号码 on a printer fault', async () => {
    const context = await browser.newContext({ viewport: PORTRAIT });
    try {
      const page = await openKiosk(context);
      // The first ticket of the day for 公证 (this test runs first): nobody ahead.
      const waitingB = (await kioskHttp().get<Array<{ code: string; waiting: number }>>('/api/services')).body.find((s) => s.code === 'B')!.waiting;
      expect(waitingB).toBe(0);
      await page.locator('[data-service="B"]').click();
      await page.getByTestId('ticket-slot').waitFor();
      await expect(page.getByTestId('ticket-ahead').textContent()).resolves.toBe('无需等候，请留意叫号');
      expect(await page.getByTestId('ticket').textContent()).not.toMatch(/约\s*\d+\s*分钟/);
      await expect(page.getByTestId('ticket-notes').textContent()).resolves.toBe('请携带身份证原件及需公证的材料原件');
      await expect(page.getByTestId('ticket-slot').textContent()).resolves.toContain('号票从下方出票口取出');
      // Order of importance by type size: the number, then what to bring, then everything else.
      const sizes = await page.getByTestId('ticket').evaluate((ticket) => {
        const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
        const all = [...ticket.querySelectorAll('*')].filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()));
        const number = px(ticket.querySelector('[data-testid="ticket-number"]')!);
        const notes = px(ticket.querySelector('[data-testid="ticket-notes"]')!);
        const others = all.filter((el) => !el.matches('[data-testid="ticket-number"], [data-testid="ticket-notes"], .arrow'));
        return { number, notes, largestOther: Math.max(...others.map(px)), service: px(ticket.querySelector('[data-testid="ticket-service"]')!) };
      });
      expect(sizes.notes).toBeGreaterThanOrEqual(48);
      expect(sizes.number).toBeGreaterThan(sizes.notes);
      // Only the service name (the same weight as the materials) may be as large.
      expect(sizes.largestOther).toBeLessThanOrEqual(Math.max(sizes.notes, sizes.service));
      await shot(page, 'screens-kiosk-portrait-ticket-nobody-ahead');
      await page.getByTestId('ticket').click();

      // Someone ahead: people and minutes, as before.
      await issueOverHttp('F');
      await page.locator('[data-service="F"]').click();
      await page.getByTestId('ticket-slot').waitFor();
      await expect(page.getByTestId('ticket-ahead').textContent()).resolves.toMatch(/^前面等候 [1-9]\d* 人$/);
      await page.getByTestId('ticket').click();

      await setPrinter(page, false);
      await page.locator('[data-service="A"]').click();
      await page.getByTestId('printer-fault').waitFor();
      await expect(page.getByTestId('printer-fault-tell').textContent()).resolves.toBe('请向工作人员报号码');
      expect(await page.getByTestId('ticket-slot').count()).toBe(0);
      await shot(page, 'screens-kiosk-portrait-ticket-fault');
    } finally {
      await context.close();
    }
  });

  it('no single character alone on a line and the hall name on one line, on every screen at 1080×1920, 1920×1080 and in elderly mode', async () => {
    const problems: string[] = [];
    for (const [orientation, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
      for (const elderly of [false, true]) {
        const context = await browser.newContext({ viewport });
        try {
          const page = await openKiosk(context);
          const mode = `${orientation}${elderly ? '-elderly' : ''}`;
          const check = async (name: string) => {
            const path = await shot(page, `screens-kiosk-${mode}-${name}`);
            for (const orphan of await orphanLines(page)) problems.push(`${path}: orphan ${orphan}`);
            for (const text of await clippedText(page)) problems.push(`${path}: off screen ${text}`);
            const lines = await lineCount(page, '[data-testid="hall-name"]');
            if (lines !== 1) problems.push(`${path}: hall name on ${lines} lines`);
            const { smallText, unreachable, overflowing } = await layoutOffenders(page, 24, 64);
            for (const text of smallText) problems.push(`${path}: small text ${text}`);
            for (const button of unreachable) problems.push(`${path}: button out of reach ${button}`);
            if (overflowing) problems.push(`${path}: wider than the screen`);
          };
          if (elderly) await page.locator('[data-action="elderly"]').click();
          await check('home');
          if (elderly) {
            await page.getByText('下一页').click();
            await check('home-page2');
            await page.getByText('上一页').click();
          }
          await page.locator('[data-action="lang"]').click();
          await page.getByText('Legal aid').waitFor();
          await check('home-en');
          await page.locator('[data-action="lang"]').click();

          await page.locator('[data-action="priority"]').click();
          await check('priority');
          await page.locator('[data-reason="military"]').click();
          await check('priority-services');
          await page.locator('[data-service="A"]').click();
          await page.getByTestId('ticket-slot').waitFor();
          await check('ticket-priority');
          await page.getByTestId('ticket').click();

          await page.locator('[data-service="B"]').click();
          await page.getByTestId('ticket-slot').waitFor();
          await check('ticket');
          await page.getByTestId('ticket').click();

          await setPrinter(page, false);
          await page.locator('[data-service="C"]').click();
          await page.getByTestId('printer-fault').waitFor();
          await check('ticket-printer-fault');
          await page.getByTestId('ticket').click();
          await setPrinter(page, true);

          await page.locator('[data-action="rate"]').click();
          await page.locator('[data-key="A"]').click();
          await check('rate-entry');
          const served = await issueOverHttp('A');
          await serve(served.id, ['call', 'start', 'finish']);
          for (const key of served.number.slice(1)) await page.locator(`[data-key="${key}"]`).click();
          await page.locator('[data-key="ok"]').click();
          for (const key of served.checkCode!) await page.locator(`[data-key="${key}"]`).click();
          await page.locator('[data-key="ok"]').click();
          await page.locator('[data-score="2"]').click();
          await check('rate-form');
          await page.getByText('提交评价').click();
          await page.getByTestId('thanks').waitFor();
          await check('thanks');
        } finally {
          await context.close();
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('elderly mode: type 1.5× the standard size, open services first, 语音播报中 while speech plays', async () => {
    const context = await browser.newContext({ viewport: PORTRAIT });
    try {
      const page = await openKiosk(context);
      const root = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      const standard = await root();
      const standardName = await fontPx(page, '[data-service="A"] .name');
      await page.locator('[data-action="elderly"]').click();
      expect(await root()).toBeGreaterThanOrEqual(standard * 1.5);
      expect(await fontPx(page, '[data-service="A"] .name')).toBeGreaterThanOrEqual(standardName * 1.5 - 0.01);

      // Six services, D and E greyed: page one holds three open ones, the greyed ones come last.
      const tiles = () => page.locator('[data-service]').evaluateAll((els) => els.map((el) => `${el.getAttribute('data-service')}${el.classList.contains('closed') ? '-closed' : ''}`));
      expect(await tiles()).toEqual(['A', 'B', 'C']);
      await page.getByText('下一页').click();
      expect(await tiles()).toEqual(['F', 'D-closed', 'E-closed']);
      await page.getByText('上一页').click();

      // The mark stays while the utterance plays and goes when it ends.
      await page.locator('[data-service="B"]').click();
      await page.getByTestId('speaking').waitFor();
      await expect(page.getByTestId('speaking').textContent()).resolves.toContain('语音播报中');
      await shot(page, 'screens-kiosk-portrait-elderly-speaking');
      await page.evaluate(() => {
        const { spoken } = (window as unknown as { __kiosk: { spoken: SpeechSynthesisUtterance[] } }).__kiosk;
        const last = spoken.at(-1)!;
        last.onend?.call(last, new Event('end') as SpeechSynthesisEvent);
      });
      await page.getByTestId('speaking').waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });

  it('priority lane: 办理时请出示相关证件, a large 返回, no normal-queue estimate', async () => {
    const context = await browser.newContext({ viewport: PORTRAIT });
    try {
      const page = await openKiosk(context);
      await issueOverHttp('A');
      await page.locator('[data-action="priority"]').click();
      await expect(page.getByTestId('priority-verify').textContent()).resolves.toBe('办理时请出示相关证件');
      const back = await page.getByText('返回').first().boundingBox();
      expect(back!.height).toBeGreaterThanOrEqual(96);
      await page.locator('[data-reason="elderly"]').click();
      await page.locator('[data-service="A"].priority').waitFor();
      const tileText = await page.locator('[data-service="A"]').textContent();
      expect(tileText).not.toMatch(/等候\s*\d+\s*人|约\s*\d+\s*分钟/);
      expect(tileText).toContain('优先叫号');
      expect((await page.getByText('返回').first().boundingBox())!.height).toBeGreaterThanOrEqual(96);
    } finally {
      await context.close();
    }
  });

  it('offline: 暂停服务，请稍候, no reconnection jargon, the bottom bar greyed and untappable too', async () => {
    const context = await browser.newContext({ viewport: PORTRAIT });
    try {
      const page = await openKiosk(context);
      await context.setOffline(true);
      await page.locator('[data-link="offline"]').waitFor({ timeout: 15_000 });
      await expect(page.getByTestId('status-overlay').textContent()).resolves.toContain('暂停服务，请稍候');
      expect(await page.locator('body').textContent()).not.toMatch(/连接|服务器|重连/);
      const bar = await page.getByTestId('bottom-bar').evaluate((el) => ({
        inert: (el as HTMLElement).inert, opacity: Number(getComputedStyle(el).opacity), filter: getComputedStyle(el).filter,
      }));
      expect(bar).toEqual({ inert: true, opacity: 0.45, filter: 'grayscale(1)' });
      await shot(page, 'screens-kiosk-portrait-offline');
      await context.setOffline(false);
      await page.locator('[data-link="online"]').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('bottom-bar').evaluate((el) => (el as HTMLElement).inert)).toBe(false);
    } finally {
      await context.close();
    }
  });
});

describe('phone page at 360 px', () => {
  it('waiting shows what to bring and 更新于 hh:mm:ss; called makes 请到 1号窗口 the biggest thing; no orphan on any state', async () => {
    const ticket = await issueOverHttp('A');
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const problems: string[] = [];
    try {
      const phone = await context.newPage();
      const check = async (name: string) => {
        const path = await shot(phone, `screens-phone-360-${name}`);
        for (const orphan of await orphanLines(phone)) problems.push(`${path}: orphan ${orphan}`);
        for (const text of await clippedText(phone)) if (!/rating|thanks/.test(name)) problems.push(`${path}: off screen ${text}`);
        if ((await layoutOffenders(phone, 12, 44)).overflowing) problems.push(`${path}: wider than the screen`);
        const lines = await lineCount(phone, '[data-testid="hall-name"]');
        if (lines !== 1) problems.push(`${path}: hall name on ${lines} lines`);
      };
      await phone.goto(`${hall.url}/t/${ticket.trackingCode}`);
      await expect.poll(() => phone.getByTestId('track-headline').textContent()).toBe('排队中');
      await expect(phone.getByTestId('track-notes').textContent()).resolves.toBe('请携带身份证、经济困难证明及案件相关材料');
      await expect(phone.getByTestId('track-updated').textContent()).resolves.toMatch(/^更新于 \d{2}:\d{2}:\d{2}$/);
      expect(await phone.locator('body').textContent()).not.toContain('实时更新');
      await check('waiting');

      await serve(ticket.id, ['call']);
      await expect.poll(() => phone.getByTestId('track-counter').textContent(), { timeout: 4000 }).toBe('1号窗口');
      await expect(phone.getByTestId('track-go-to').textContent()).resolves.toMatch(/^\s*请到\s*1号窗口\s*$/);
      const biggest = await phone.evaluate(() => {
        const texts = [...document.querySelectorAll('body *')].filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()));
        const sized = texts.map((el) => ({ id: el.getAttribute('data-testid'), px: parseFloat(getComputedStyle(el).fontSize) })).sort((a, b) => b.px - a.px);
        return { first: sized[0]!, second: sized[1]! };
      });
      expect(biggest.first.id).toBe('track-counter');
      expect(biggest.first.px).toBeGreaterThan(biggest.second.px);
      await check('called');

      await serve(ticket.id, ['start']);
      await expect.poll(() => phone.getByTestId('track-headline').textContent(), { timeout: 4000 }).toBe('正在 1号窗口 办理');
      await check('serving');
      await serve(ticket.id, ['finish']);
      await phone.locator('[data-score="4"]').waitFor();
      await expect(phone.getByTestId('track-headline').textContent()).resolves.toBe('已办结');
      await check('rating');
      await phone.locator('[data-score="1"]').click();
      await check('rating-bad');
      await phone.getByText('English').click();
      await phone.getByText('Done').first().waitFor();
      await check('rating-en');
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
