import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { DemoHall } from './harness';

/** A visitor takes a number at the kiosk (through the real API, as the kiosk app does). */
export async function issueTicket(hall: DemoHall, serviceCode: string): Promise<{ id: number; number: string; trackingCode: string; checkCode: string }> {
  const response = await fetch(`${hall.url}/api/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hall.token('kiosk')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ serviceCode, requestId: randomUUID() }),
  });
  if (response.status !== 201) throw new Error(`issue ${serviceCode}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: number; number: string; trackingCode: string; checkCode: string };
}

/** A staff session token for API calls the test makes beside the screens. */
export async function staffToken(hall: DemoHall, username: string): Promise<string> {
  const response = await fetch(`${hall.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: hall.password }),
  });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export async function staffPost(hall: DemoHall, token: string, path: string, body: unknown = {}): Promise<Response> {
  return fetch(`${hall.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function staffGet<T>(hall: DemoHall, token: string, path: string): Promise<T> {
  const response = await fetch(`${hall.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** A page in its own browser context (own storage), at the screen's real size. */
export async function openScreen(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error on ${url}:`, error));
  await page.goto(url);
  // Set once; still there later proves the page was never reloaded.
  await page.evaluate(() => ((window as unknown as { __loadedOnce: number }).__loadedOnce = Date.now()));
  return page;
}

export async function loadedOnce(page: Page): Promise<number | undefined> {
  return page.evaluate(() => (window as unknown as { __loadedOnce?: number }).__loadedOnce);
}

/** Signs a staff member in on the terminal page and picks their counter. */
export async function signInTerminal(page: Page, hall: DemoHall, username: string, counterId: number): Promise<void> {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', hall.password);
  await page.click('button[type=submit]');
  await page.click(`[data-testid=pick-counter][data-counter-id="${counterId}"]`);
  await page.waitForSelector('[data-testid=current-ticket]');
}

/** Records every number the board's current-call panel shows, with the wall time it appeared. */
export async function watchBoard(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { number: string; at: number }[] = [];
    (window as unknown as { __boardCalls: typeof seen }).__boardCalls = seen;
    const observer = new MutationObserver(() => {
      const panel = document.querySelector('[data-testid=current-call]');
      const number = panel?.getAttribute('data-number') ?? '';
      if (number !== '' && seen.at(-1)?.number !== number) seen.push({ number, at: performance.timeOrigin + performance.now() });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-number'] });
  });
}

export async function boardCalls(page: Page): Promise<{ number: string; at: number }[]> {
  return page.evaluate(() => (window as unknown as { __boardCalls?: { number: string; at: number }[] }).__boardCalls ?? []);
}

/** Waits until the board's big panel shows this number at this counter. */
export async function waitForBoardCall(page: Page, number: string, counterName: string): Promise<void> {
  await page.waitForSelector(`[data-testid=current-call][data-number="${number}"][data-counter="${counterName}"]`);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}
