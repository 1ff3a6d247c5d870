import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './harness';

/** A staff member's or device's HTTP calls against the real hall server. */
export function httpAs(baseUrl: string, token: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
  };
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Saves a screenshot under screenshots/ and returns its path (look at it). */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Every visible piece of text smaller than `minPx`, and every visible button smaller than
 * `minTarget` either way: the kiosk's accessibility floor, measured in the real layout.
 */
export async function layoutOffenders(page: Page, minPx: number, minTarget: number) {
  return page.evaluate(({ minPx, minTarget }) => {
    const visible = (el: Element) => {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const smallText: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || !visible(parent)) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size < minPx) smallText.push(`${node.textContent.trim().slice(0, 20)} (${size}px)`);
    }
    const smallTargets = [...document.querySelectorAll('button, [role="button"], textarea')]
      .filter(visible)
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width < minTarget || rect.height < minTarget)
      .map(({ el, rect }) => `${el.textContent?.trim().slice(0, 20) || el.getAttribute('aria-label')} (${Math.round(rect.width)}×${Math.round(rect.height)})`);
    // A button that is off screen or under another element (e.g. a keypad running into the bottom bar) cannot be tapped.
    const unreachable = [...document.querySelectorAll('button')]
      .filter(visible)
      .filter((el) => {
        const rect = el.getBoundingClientRect();
        const x = rect.left + rect.width / 2;
        const y = rect.top + rect.height / 2;
        if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return true;
        // Content spilling out of the page's main area runs under (or over) the bars around it.
        const area = el.closest('main')?.getBoundingClientRect();
        if (area && (rect.top < area.top - 1 || rect.bottom > area.bottom + 1)) return true;
        const hit = document.elementFromPoint(x, y);
        return !hit || !(el === hit || el.contains(hit));
      })
      .map((el) => el.textContent?.trim().slice(0, 20) || el.getAttribute('aria-label') || el.tagName);
    const overflowing = document.documentElement.scrollWidth > window.innerWidth + 1;
    return { smallText, smallTargets, unreachable, overflowing };
  }, { minPx, minTarget });
}
