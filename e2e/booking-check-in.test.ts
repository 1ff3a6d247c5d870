/**
 * Issue 12 end to end with real processes (the city's and the hall's own CLIs) and real Chromium:
 * a booking made through the city API (integration token) reaches the hall, is checked in at the
 * kiosk (预约签到 on the keypad), is called in the booked order, is rated, and its figures show at
 * the city. A cancellation made while the hall is down reaches it when it is back, and that code no
 * longer checks in. The hall's database holds no full phone or ID number.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api, CITY_PASSWORD, cityCredentials, enrollHall, freePort, HALL_PASSWORD, startCity, startHall, until, type Proc,
} from '../reliability/lib/city-network';
import { describeViolations, seriousViolations } from './axe';
import { ensureBuilt, launchChromium, SCREENSHOT_DIR } from './harness';
import { shot } from './kiosk-pages';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };
const PHONE_NUMBER = '13800138000';
const ID_NUMBER = '410105199001011234';

describe('appointments end to end: city → hall → kiosk → counter → city', () => {
  const dirs: string[] = [];
  const dir = (prefix: string) => {
    const path = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(path);
    return path;
  };
  let city: Proc;
  let hall: Proc;
  let hallDir: string;
  let hallPort: number;
  let browser: Browser;
  const cityApi = api(() => city.url);
  const hallApi = api(() => hall.url);
  let admin: string;
  let integration: string;
  let hallId: number;
  let manager: string;
  let staff: string;
  let kioskToken: string;
  let slotStart: string;
  const codes: Record<string, { id: number; code: string; confirmationUrl: string }> = {};

  beforeAll(async () => {
    ensureBuilt();
    const cityDir = dir('booking-city-');
    city = await startCity({ dataDir: cityDir, port: await freePort() });
    admin = await cityApi.login('admin', CITY_PASSWORD);
    integration = (await cityApi.post<{ token: string }>('/api/city/integration-tokens', admin, { name: '12348 web' })).body.token;
    const demo = cityCredentials(cityDir).halls.find((h) => h.name === '中牟县公共法律服务中心')!;
    hallDir = dir('booking-hall-');
    await enrollHall(hallDir, city.url, demo.enrollmentCode);
    hallPort = await freePort();
    hall = await startHall({ dataDir: hallDir, port: hallPort, level: 'county', name: demo.name, maxBackoffMs: 1000 });
    manager = await hallApi.login('manager', HALL_PASSWORD);
    staff = await hallApi.login('zhangwei', HALL_PASSWORD);
    kioskToken = (JSON.parse(readFileSync(join(hallDir, 'demo-credentials.json'), 'utf8')) as { devices: { kind: string; token: string }[] }).devices.find((d) => d.kind === 'kiosk')!.token;
    const halls = (await cityApi.get<{ id: number; name: string; online: boolean }[]>('/api/city/halls', admin)).body;
    hallId = halls.find((h) => h.name === demo.name)!.id;
    await until('the city to see the hall online', async () =>
      (await cityApi.get<{ id: number; online: boolean }[]>('/api/city/halls', admin)).body.some((h) => h.id === hallId && h.online));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([city, hall].filter(Boolean).map((proc) => proc.kill('SIGKILL')));
    for (const path of dirs) rmSync(path, { recursive: true, force: true });
  });

  const book = (externalId: string, over: Record<string, unknown> = {}) => fetch(`${city.url}/api/bookings`, {
    method: 'POST', headers: { authorization: `Bearer ${integration}`, 'content-type': 'application/json' },
    body: JSON.stringify({ hallId, serviceCode: 'A', slotStart, name: '张三', phone: PHONE_NUMBER, idNumber: ID_NUMBER, channel: 'web', externalId, ...over }),
  }).then(async (r) => ({ status: r.status, body: await r.json() as { id: number; code: string; confirmationUrl: string } }));

  it('books through the 12348 integration and the booking reaches the hall, masked', async () => {
    // Every 30 minutes of the day, so the next slot starts within half an hour (inside the −60 min check-in window).
    const template = { hallId, serviceCode: 'A', periods: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '23:30' }], slotMinutes: 30, capacity: 5, daysAhead: 1 };
    const put = await fetch(`${city.url}/api/bookings/templates`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(template) });
    expect(put.status).toBe(200);
    const today = (await hallApi.get<{ hallDay: string }>('/api/queue', staff)).body.hallDay;
    const slots = (await fetch(`${city.url}/api/availability?hallId=${hallId}&serviceCode=A&from=${today}&to=${today}`, { headers: { authorization: `Bearer ${integration}` } })
      .then((r) => r.json())) as { start: string }[];
    expect(slots.length).toBeGreaterThan(0);
    slotStart = slots[0]!.start;
    for (const name of ['visit', 'cancel']) {
      const made = await book(`e2e-${name}`);
      expect(made.status).toBe(201);
      codes[name] = made.body;
    }
    await until('the hall to pull both bookings', async () =>
      (await hallApi.get<{ code: string }[]>(`/api/bookings?day=${today}`, manager)).body.length === 2, 60_000);
    const listed = (await hallApi.get<{ code: string; maskedName: string; phoneLast4: string; state: string }[]>(`/api/bookings?day=${today}`, manager)).body;
    expect(listed.find((b) => b.code === codes.visit!.code)).toMatchObject({ maskedName: '张*', phoneLast4: '8000', state: 'booked' });
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const phone = await context.newPage();
    await phone.goto(codes.visit!.confirmationUrl);
    expect(await phone.locator('.code').textContent()).toBe(codes.visit!.code);
    expect(await phone.locator('svg').count()).toBe(1);
    const phoneViolations = await seriousViolations(phone);
    expect(phoneViolations, describeViolations('/b/ page', phoneViolations).join('\n')).toEqual([]);
    await shot(phone, 'booking-confirmation-phone');
    await context.close();
  });

  it('checks in at the kiosk, is called in the booked order, is rated, and shows at the city', async () => {
    const walkInBefore = await hallApi.post<{ id: number }>('/api/tickets', staff, { serviceCode: 'A', requestId: 'e2e-walk-in-1' });
    expect(walkInBefore.status).toBe(201);

    const context = await browser.newContext({ viewport: PORTRAIT });
    const page = await context.newPage();
    await page.addInitScript(() => {
      Object.assign(window, { kioskBridge: { print: async () => ({ ok: true }), printerStatus: async () => ({ state: 'ok' }) } });
    });
    await page.goto(`${hall.url}/kiosk/?device=${kioskToken}`);
    await page.locator('[data-link="online"] [data-service="A"]').waitFor();
    await page.locator('[data-action="check-in"]').click();
    await page.locator('[data-testid="check-in"]').waitFor();
    for (const digit of codes.visit!.code) await page.locator(`[data-testid="check-in"] [data-key="${digit}"]`).click();
    await shot(page, 'kiosk-check-in-portrait');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/bookings/check-in'));
    await page.locator('[data-testid="check-in"] [data-key="ok"]').click();
    const checkedIn = await (await answered).json() as { id: number; number: string; checkCode: string; booking: { slotStart: string } };
    await page.locator('[data-testid="ticket-booked"]').waitFor();
    expect(await page.locator('[data-testid="ticket-booked"]').textContent()).toMatch(/^预约 · 预约时段 \d\d:\d\d–\d\d:\d\d$/);
    expect(await page.locator('[data-testid="ticket-number"]').textContent()).toBe(checkedIn.number);
    expect(Date.parse(checkedIn.booking.slotStart)).toBe(Date.parse(slotStart));
    await shot(page, 'kiosk-check-in-ticket');
    await context.close();

    // Came after the booked visitor checked in, but before the slot starts: stays ahead of the booking.
    const walkInAfter = await hallApi.post<{ id: number }>('/api/tickets', staff, { serviceCode: 'A', requestId: 'e2e-walk-in-2' });
    const order: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const called = await hallApi.post<{ ticket: { id: number } }>('/api/counters/1/call-next', staff);
      expect(called.status).toBe(200);
      order.push(called.body.ticket.id);
      expect((await hallApi.post(`/api/tickets/${called.body.ticket.id}/start`, staff)).status).toBe(200);
      expect((await hallApi.post(`/api/tickets/${called.body.ticket.id}/finish`, staff, {})).status).toBe(200);
    }
    expect(order).toEqual([walkInBefore.body.id, walkInAfter.body.id, checkedIn.id]);
    const rated = await fetch(`${hall.url}/api/tickets/${checkedIn.id}/rating`, {
      method: 'POST', headers: { authorization: `Bearer ${kioskToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ score: 5, checkCode: checkedIn.checkCode }),
    });
    expect(rated.status).toBe(201);

    const today = (await hallApi.get<{ hallDay: string }>('/api/queue', staff)).body.hallDay;
    await until('the city to count the check-in and the booked wait', async () => {
      const figures = (await cityApi.get<{ booked: number; checkedIn: number; avgWaitSecondsBooked: number | null }>(`/api/city/bookings/summary?from=${today}&to=${today}`, admin)).body;
      return figures.checkedIn === 1 && figures.avgWaitSecondsBooked !== null;
    }, 60_000);
    const figures = (await cityApi.get(`/api/city/bookings/summary?from=${today}&to=${today}`, admin)).body;
    // Called before its slot started: a booked visitor who came early waited 0, never a negative wait.
    expect(figures).toMatchObject({ booked: 2, checkedIn: 1, noShow: 0, checkInRate: 0.5, avgWaitSecondsBooked: 0 });
    const console = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const managePage = await console.newPage();
    await managePage.goto(`${hall.url}/manage/`);
    await managePage.fill('input[name=username]', 'manager');
    await managePage.fill('input[name=password]', HALL_PASSWORD);
    await managePage.click('button[type=submit]');
    const panel = managePage.locator('[data-testid="today-bookings"]');
    await panel.locator('tr[data-state="checked_in"]').waitFor();
    expect(await panel.locator('tr[data-state="checked_in"] td').nth(6).textContent()).toBe(checkedIn.number);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SCREENSHOT_DIR, 'manage-today-bookings.png') });
    // 统计报表's 预约 row (today is in its default range): 2 booked (one checked in, one still to come), none missed.
    await managePage.click('[data-testid=tab-reports]');
    const bookingRow = managePage.locator('[data-testid="report-bookings"]');
    await bookingRow.waitFor();
    expect(await bookingRow.locator('[data-testid="report-booked"] strong').textContent()).toBe('2');
    expect(await bookingRow.locator('[data-testid="report-check-in-rate"] strong').textContent()).toBe('50.0%');
    await bookingRow.screenshot({ path: join(SCREENSHOT_DIR, 'manage-reports-bookings.png') });
    await console.close();
    // 统计分析 at the city: the same figures in its 预约 row.
    const cityContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const cityPage = await cityContext.newPage();
    await cityPage.goto(`${city.url}/#/stats?from=${today}&to=${today}`);
    await cityPage.fill('input[name=username]', 'admin');
    await cityPage.fill('input[name=password]', CITY_PASSWORD);
    await cityPage.click('button[type=submit]');
    const cityRow = cityPage.locator('[data-testid="booking-kpis"]');
    await cityRow.waitFor();
    expect(await cityRow.locator('[data-testid="kpi-booked"] strong').textContent()).toBe('2');
    expect(await cityRow.locator('[data-testid="kpi-check-in-rate"] strong').textContent()).toBe('50.0%');
    expect(await cityRow.locator('[data-testid="kpi-booked-wait"] strong').textContent()).toBe('0.0 分');
    await cityRow.screenshot({ path: join(SCREENSHOT_DIR, 'city-stats-bookings.png') });
    await cityContext.close();
    await until('the rating at the city', async () =>
      (await cityApi.get<{ satisfaction: { count: number } }>(`/api/city/summary?from=${today}&to=${today}`, admin)).body.satisfaction.count === 1, 60_000);
  });

  it('a cancellation made while the hall is down reaches it when it is back; the code no longer checks in', async () => {
    await hall.kill('SIGKILL');
    const cancelled = await fetch(`${city.url}/api/bookings/${codes.cancel!.id}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${integration}` } });
    expect(cancelled.status).toBe(200);
    hall = await startHall({ dataDir: hallDir, port: hallPort, level: 'county', maxBackoffMs: 1000 });
    manager = await hallApi.login('manager', HALL_PASSWORD);
    const today = (await hallApi.get<{ hallDay: string }>('/api/queue', manager)).body.hallDay;
    await until('the hall to apply the cancellation', async () =>
      (await hallApi.get<{ code: string; state: string }[]>(`/api/bookings?day=${today}`, manager)).body.some((b) => b.code === codes.cancel!.code && b.state === 'cancelled'), 60_000);
    const refused = await hallApi.post<{ error: { code: string } }>('/api/bookings/check-in', kioskToken, { code: codes.cancel!.code });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('booking-cancelled');
  });

  it('the hall database holds no full phone or ID number', async () => {
    const text = readdirSync(hallDir).filter((f) => f.startsWith('hall.db')).map((f) => readFileSync(join(hallDir, f)).toString('latin1')).join('');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(PHONE_NUMBER);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(Buffer.from('张三').toString('latin1'));
  });

  it('screens: kiosk check-in in landscape and elderly mode, an unknown code in plain Chinese, the /b/ page on a phone', async () => {
    const open = async (viewport: { width: number; height: number }): Promise<Page> => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${hall.url}/kiosk/?device=${kioskToken}`);
      await page.locator('[data-link="online"] [data-service="A"]').waitFor();
      return page;
    };
    const landscape = await open(LANDSCAPE);
    await landscape.locator('[data-action="check-in"]').click();
    for (const digit of '123456') await landscape.locator(`[data-testid="check-in"] [data-key="${digit}"]`).click();
    await landscape.locator('[data-testid="check-in"] [data-key="ok"]').click();
    await landscape.locator('[data-testid="check-in-error"]').waitFor();
    expect(await landscape.locator('[data-testid="check-in-error"]').textContent()).toBe('未找到该预约，请核对预约码');
    await shot(landscape, 'kiosk-check-in-landscape');
    const violations = await seriousViolations(landscape);
    expect(violations, describeViolations('kiosk 预约签到', violations).join('\n')).toEqual([]);
    for (const viewport of [PORTRAIT, LANDSCAPE]) {
      const elderly = await open(viewport);
      await elderly.locator('[data-action="elderly"]').click();
      await elderly.locator('[data-action="check-in"]').click();
      for (const digit of codes.visit!.code.slice(0, 4)) await elderly.locator(`[data-testid="check-in"] [data-key="${digit}"]`).click();
      await shot(elderly, `kiosk-check-in-elderly-${viewport === PORTRAIT ? 'portrait' : 'landscape'}`);
    }
    const start = await open(PORTRAIT);
    await start.locator('[data-action="elderly"]').click();
    await shot(start, 'kiosk-start-elderly-with-check-in');
  });

  it('预约台: a hotline operator books for a caller in a few keystrokes and reads the code back', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    // The hall list arrives late (as on a busy line): the operator's Enter, typed before it came,
    // must still pick the hall (in CI it once came after the Enter and the desk did nothing).
    await page.route('**/api/city/halls*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await route.continue();
    });
    await page.goto(`${city.url}/`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', CITY_PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('[data-testid="tab-booking"]').click();
    await page.locator('[data-testid="hall-find"]').fill('中牟县公共');
    await page.locator('[data-testid="hall-find"]').press('Enter');
    await page.locator('[data-service="A"][aria-pressed="true"]').waitFor();
    await page.locator('button[data-slot]:not([disabled])').first().click();
    await page.locator('[data-testid="caller-name"]').fill('李四');
    await page.locator('[data-testid="caller-phone"]').fill('13912345678');
    await shot(page, 'city-booking-desk');
    const deskViolations = await seriousViolations(page);
    expect(deskViolations, describeViolations('预约台', deskViolations).join('\n')).toEqual([]);
    await page.locator('[data-testid="caller-phone"]').press('Enter');
    await page.locator('[data-testid="booking-code"]').waitFor();
    expect(await page.locator('[data-testid="booking-code"]').textContent()).toMatch(/^\d \d \d \d \d \d$/);
    await shot(page, 'city-booking-desk-done');
    await context.close();
  });
});
