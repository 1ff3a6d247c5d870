import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAnnouncement } from '../counter-display/src/lib/voice/announcement-plan';
import {
  boardCalls, issueTicket, loadedOnce, openScreen, percentile, signInTerminal, staffGet, staffPost, staffToken,
  waitForBoardCall, watchBoard,
} from './counter-display-helpers';
import { ensureBuilt, launchChromium, removeDir, SCREENSHOT_DIR, startDemoHall, type DemoHall } from './harness';

const BOARD = { width: 1920, height: 1080 };
const TERMINAL = { width: 1366, height: 768 };
const PAD = { width: 1280, height: 800 };
const COUNTER = '1号窗口';
const LATENCY_CALLS = 30;
// A 1×1 PNG: enough for the board's legal-education area to show a hall's own poster.
const POSTER = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let hall: DemoHall;
let browser: Browser;
let boardA: Page;
let boardB: Page;
let terminal: Page;
let pad: Page;
let staff: string;

type Announcement = { number: string; counterName: string; recall: boolean; clips: string[]; text: string; sentences: number };
const announcements = (page: Page) => page.evaluate(() => (window.__announcements ?? []) as Announcement[]);
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `counter-display-${name}.png`) });
const currentNumber = (page: Page) => page.getAttribute('[data-testid=current-ticket]', 'data-number');

async function waitForTerminal(number: string, state?: string) {
  const stateSelector = state === undefined ? '' : `[data-state="${state}"]`;
  await terminal.waitForSelector(`[data-testid=current-ticket][data-number="${number}"]${stateSelector}`);
}

async function pressWhenEnabled(action: string, key: string) {
  await terminal.waitForSelector(`[data-testid=action-${action}]:not([disabled])`);
  await terminal.keyboard.press(key);
}

describe('counter display: board, terminal and rating pad against a real hall server', () => {
  beforeAll(async () => {
    ensureBuilt();
    hall = await startDemoHall();
    staff = await staffToken(hall, 'zhangwei');
    writeFileSync(join(hall.dataDir, 'media', 'poster.png'), POSTER);
    browser = await launchChromium();
    boardA = await openScreen(browser, `${hall.url}/board/?device=${hall.token('board')}`, BOARD);
    boardB = await openScreen(browser, `${hall.url}/board/?device=${hall.token('board')}`, BOARD);
    pad = await openScreen(browser, `${hall.url}/rate/?device=${hall.token('pad', 1)}`, PAD);
    terminal = await openScreen(browser, `${hall.url}/counter/`, TERMINAL);
    for (const page of [boardA, boardB, pad, terminal]) page.setDefaultTimeout(20_000);
    await signInTerminal(terminal, hall, 'zhangwei', 1);
    await watchBoard(boardA);
    await watchBoard(boardB);
    await pad.waitForSelector('[data-testid=pad-staff]:has-text("张伟")');
  });

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
    if (hall) removeDir(hall.dataDir);
  });

  it('pairs the board by ?device= and drops the token from the address bar', async () => {
    expect(new URL(boardA.url()).search).toBe('');
    expect(await boardA.evaluate(() => localStorage.getItem('hall.deviceToken'))).toBe(hall.token('board'));
    await boardA.waitForSelector('[data-testid=media-image][src="/media/poster.png"]');
    expect(await boardA.textContent('[data-testid=notice]')).toContain('12348');
    await shot(pad, 'pad-idle');
  });

  it('calls by F1 and by button: both boards show and announce it, finish asks the pad, the rating is stored', async () => {
    const first = await issueTicket(hall, 'A');
    const second = await issueTicket(hall, 'F');
    expect(first.number).toBe('A001');

    await pressWhenEnabled('callNext', 'F1');
    await waitForBoardCall(boardA, 'A001', COUNTER);
    await waitForBoardCall(boardB, 'A001', COUNTER);
    await waitForTerminal('A001', 'called');
    expect(await boardA.getAttribute('[data-testid=current-call]', 'data-flashing')).toBe('true');

    // Nothing else waits, so the sentence is said twice; the record grows as the repeat starts.
    await boardA.waitForFunction(() => window.__announcements?.some((record) => record.number === 'A001' && record.sentences === 2));
    const said = (await announcements(boardA)).find((record) => record.number === 'A001');
    expect(said?.clips).toEqual(planAnnouncement({ number: 'A001', counterName: COUNTER, recall: false }));
    const sentence = ['please', 'letter-a', 'digit-0', 'digit-0', 'digit-1', 'ticket-suffix', 'go-to', 'digit-1', 'counter-suffix', 'to-handle'];
    expect(said?.clips.slice(0, 1 + sentence.length)).toEqual(['chime', ...sentence]);
    expect(said?.text).toBe('请A零零一号，到一号窗口办理');
    await shot(boardA, 'board');

    await terminal.keyboard.press('F4');
    await terminal.waitForSelector('[data-testid=finish-dialog]');
    await shot(terminal, 'terminal-finish-dialog');
    await terminal.keyboard.press('Enter');
    await terminal.waitForSelector('[data-testid=current-ticket][data-number=""]');

    await pad.waitForSelector('[data-testid=rating-form][data-ticket="A001"]');
    await pad.click('[data-testid=score-5]');
    await pad.click('[aria-label="服务态度 4"]');
    await pad.fill('textarea', '讲解很耐心');
    await shot(pad, 'pad-asking');
    await pad.click('[data-testid=rating-submit]');
    await pad.waitForSelector('[data-testid=rating-thanks]:has-text("感谢您的评价")');
    const rating = hall.server.services.ctx.ratings.byTicket(first.id);
    expect(rating).toMatchObject({ score: 5, attitude: 4, comment: '讲解很耐心' });
    const track = (await (await fetch(`${hall.url}/api/track/${first.trackingCode}`)).json()) as { rated: boolean; state: string };
    expect(track).toMatchObject({ rated: true, state: 'done' });

    await terminal.click('[data-testid=action-callNext]');
    await waitForBoardCall(boardA, second.number, COUNTER);
    await waitForBoardCall(boardB, second.number, COUNTER);
    await boardA.waitForSelector(`[data-testid=recent-call][data-number="A001"]`);
    await terminal.click('[data-testid=action-finish]');
    await terminal.click('[data-testid=finish-confirm]');
    await pad.waitForSelector(`[data-testid=rating-form][data-ticket="${second.number}"]`);
    await pad.click('[data-testid=rating-skip]');
    await pad.waitForSelector('[data-testid=pad-idle]');
  });

  it('recovers every screen from a server restart without a reload, taking missed calls from the snapshot', async () => {
    const shown = await issueTicket(hall, 'A');
    const missed = await issueTicket(hall, 'A');
    await pressWhenEnabled('callNext', 'F1');
    await waitForBoardCall(boardA, shown.number, COUNTER);
    const loads = await Promise.all([boardA, boardB, terminal, pad].map(loadedOnce));
    const { dataDir } = hall;
    const port = hall.server.port;

    await hall.close();
    // The hall takes its poster down meanwhile: the board falls back to its built-in 12348 slide.
    rmSync(join(dataDir, 'media', 'poster.png'));
    await boardA.waitForSelector('[data-testid=offline-marker]:has-text("最后更新")');
    await terminal.waitForSelector('[data-testid=offline-marker]');
    await pad.waitForSelector('[data-testid=offline-marker]');
    await shot(boardA, 'board-offline');

    // While the screens are cut off, the hall moves on elsewhere: the shown call is finished and
    // the next one called, on a server the screens cannot reach.
    const elsewhere = await startDemoHall({ dataDir });
    const token = await staffToken(elsewhere, 'zhangwei');
    expect((await staffPost(elsewhere, token, `/api/tickets/${shown.id}/finish`)).status).toBe(200);
    expect((await staffPost(elsewhere, token, '/api/counters/1/call-next')).status).toBe(200);
    await elsewhere.close();

    hall = await startDemoHall({ dataDir, port });
    for (const page of [boardA, boardB, terminal, pad]) await page.waitForSelector('[data-testid=offline-marker]', { state: 'detached' });
    await waitForBoardCall(boardA, missed.number, COUNTER);
    await waitForBoardCall(boardB, missed.number, COUNTER);
    await boardA.waitForSelector(`[data-testid=recent-call][data-number="${shown.number}"]`);
    await boardA.waitForSelector('[data-testid=media-builtin]:has-text("12348")');
    await waitForTerminal(missed.number, 'called');
    expect((await announcements(boardA)).some((record) => record.number === missed.number)).toBe(false);

    await pressWhenEnabled('finish', 'F4');
    await terminal.waitForSelector('[data-testid=finish-dialog]');
    await terminal.keyboard.press('Enter');
    await pad.waitForSelector(`[data-testid=rating-form][data-ticket="${missed.number}"]`);
    await pad.click('[data-testid=score-3]');
    await pad.click('[data-testid=rating-submit]');
    await pad.waitForSelector('[data-testid=rating-thanks]');
    expect(hall.server.services.ctx.ratings.byTicket(missed.id)?.score).toBe(3);

    const after = await issueTicket(hall, 'F');
    await pressWhenEnabled('callNext', 'F1');
    await waitForBoardCall(boardA, after.number, COUNTER);
    await waitForBoardCall(boardB, after.number, COUNTER);
    await boardA.waitForFunction((number) => window.__announcements?.some((r) => r.number === number), after.number, { timeout: 90_000 });
    expect(await Promise.all([boardA, boardB, terminal, pad].map(loadedOnce))).toEqual(loads);
    await staffPost(hall, await staffToken(hall, 'zhangwei'), `/api/tickets/${after.id}/finish`);
    await terminal.waitForSelector('[data-testid=current-ticket][data-number=""]');
  });

  it('runs F1–F8 from the keyboard; a blocked key says why; F5 marks a no-show after two recalls', async () => {
    const a1 = await issueTicket(hall, 'A');
    const a2 = await issueTicket(hall, 'A');
    const before = await loadedOnce(terminal);

    await pressWhenEnabled('callNext', 'F1');
    await waitForTerminal(a1.number, 'called');
    await terminal.keyboard.press('F5');
    await terminal.waitForSelector('[data-testid=feedback][data-code="recall-limit-not-reached"]');
    expect(await terminal.textContent('[data-testid=feedback]')).toContain('重呼次数未到');
    expect(await terminal.isDisabled('[data-testid=action-noShow]')).toBe(true);

    // The board may still be saying the previous call: recall only once a1 has been said, or the
    // recall is folded into the first call still waiting (再次呼叫 only after the first was heard).
    await boardA.waitForFunction((number) => window.__announcements?.some((r) => r.number === number && !r.recall), a1.number, { timeout: 60_000 });
    await terminal.keyboard.press('F2');
    await terminal.waitForSelector('[data-testid=recall-count]:has-text("1")');
    await terminal.keyboard.press('F2');
    await terminal.waitForSelector('[data-testid=recall-count]:has-text("2")');
    await boardA.waitForFunction((number) => window.__announcements?.some((r) => r.number === number && r.recall), a1.number, { timeout: 60_000 });
    // 再次呼叫 only after the first call was said; the two quick recalls are said once.
    const said = (await announcements(boardA)).filter((record) => record.number === a1.number);
    expect(said[0]?.recall).toBe(false);
    expect(said.slice(1).map((record) => record.recall)).toContain(true);
    expect(said[1]?.clips.slice(1, 2)).toEqual(['recall']);

    await pressWhenEnabled('noShow', 'F5');
    await terminal.waitForSelector(`[data-testid=no-show-ticket][data-number="${a1.number}"]`);
    expect(await currentNumber(terminal)).toBe('');

    await pressWhenEnabled('callNext', 'F1');
    await waitForTerminal(a2.number, 'called');
    await terminal.keyboard.press('F3');
    await waitForTerminal(a2.number, 'serving');
    await terminal.keyboard.press('F8');
    await terminal.waitForSelector(`[data-testid=parked-ticket][data-number="${a2.number}"]`);
    await shot(terminal, 'terminal-lists');
    await terminal.click(`[data-testid=parked-ticket][data-number="${a2.number}"] button`);
    await waitForTerminal(a2.number, 'serving');

    await terminal.keyboard.press('F6');
    await terminal.click('[data-testid=transfer-to][data-code="C"]');
    await terminal.waitForSelector('[data-testid=current-ticket][data-number=""]');
    const moved = await staffGet<{ ticket: { serviceCode: string; state: string } }>(hall, staff, `/api/tickets/${a2.id}`);
    expect(moved.ticket).toMatchObject({ serviceCode: 'C', state: 'waiting' });

    await terminal.click(`[data-testid=no-show-ticket][data-number="${a1.number}"] button`);
    await terminal.waitForSelector(`[data-testid=waiting-ticket][data-number="${a1.number}"]`);
    await terminal.click(`[data-testid=waiting-ticket][data-number="${a1.number}"] button`);
    await waitForTerminal(a1.number, 'called');
    await terminal.keyboard.press('F4');
    await terminal.waitForSelector('[data-testid=finish-dialog]');
    await terminal.keyboard.press('2');
    await terminal.keyboard.press('Enter');
    await terminal.waitForSelector('[data-testid=current-ticket][data-number=""]');
    const finished = await staffGet<{ ticket: { outcome: string } }>(hall, staff, `/api/tickets/${a1.id}`);
    expect(finished.ticket.outcome).toBe('pending');

    await terminal.keyboard.press('F7');
    await terminal.waitForSelector('[data-testid=counter-state][data-state="paused"]');
    expect(await terminal.isDisabled('[data-testid=action-callNext]')).toBe(true);
    await terminal.keyboard.press('F1');
    await terminal.waitForSelector('[data-testid=feedback][data-code="counter-paused"]');
    await terminal.keyboard.press('F7');
    await terminal.waitForSelector('[data-testid=counter-state][data-state="open"]');

    await pressWhenEnabled('callNext', 'F1');
    await terminal.waitForSelector('[data-testid=feedback][data-code="queue-empty"]');
    expect(await terminal.textContent('[data-testid=feedback]')).toContain('当前无人等候');
    expect(await loadedOnce(terminal)).toBe(before);
  });

  it(`shows ${LATENCY_CALLS} terminal calls on both boards in the same order, quickly (p95)`, async () => {
    staff = await staffToken(hall, 'zhangwei');
    const tickets = [];
    for (let i = 0; i < LATENCY_CALLS; i += 1) tickets.push(await issueTicket(hall, 'A'));
    const startA = (await boardCalls(boardA)).length;
    const startB = (await boardCalls(boardB)).length;
    const latencies: number[] = [];

    for (const ticket of tickets) {
      await terminal.waitForSelector('[data-testid=action-callNext]:not([disabled])');
      const pressedAt = Date.now();
      await terminal.keyboard.press('F1');
      await boardA.waitForFunction((number) => document.querySelector(`[data-testid=current-call][data-number="${number}"]`) !== null, ticket.number);
      const seen = (await boardCalls(boardA)).find((call) => call.number === ticket.number);
      latencies.push((seen?.at ?? Number.NaN) - pressedAt);
      if (latencies.length === 10) {
        await waitForTerminal(ticket.number, 'called');
        await terminal.waitForSelector('[data-testid=waiting-ticket]');
        await shot(terminal, 'terminal');
      }
      expect((await staffPost(hall, staff, `/api/tickets/${ticket.id}/finish`)).status).toBe(200);
    }
    await waitForBoardCall(boardB, tickets.at(-1)!.number, COUNTER);

    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    console.log(`terminal F1 → board render over ${latencies.length} calls: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`);
    expect(latencies.every(Number.isFinite)).toBe(true);
    expect(p95).toBeLessThan(1000);

    const numbers = tickets.map((ticket) => ticket.number);
    expect((await boardCalls(boardA)).slice(startA).map((call) => call.number)).toEqual(numbers);
    expect((await boardCalls(boardB)).slice(startB).map((call) => call.number)).toEqual(numbers);
    // The list holds the current call too: eight rows.
    expect(await boardA.locator('[data-testid=recent-call]').count()).toBe(8);
    await shot(boardB, 'board-busy');
  });
});
