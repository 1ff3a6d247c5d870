/**
 * The city console in real Chromium against a real city server process with two real hall
 * processes enrolled through their own CLI (`npm run hall -- enroll`): tickets and ratings made at
 * the halls reach the city by sync, and the figures on the console equal each hall's own
 * /api/reports/summary; a county supervisor cannot open another county's hall (UI and API); the
 * 通报 page prints; axe-core finds nothing serious.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api, CITY_PASSWORD, cityCredentials, enrollHall, freePort, HALL_PASSWORD, startCity, startHall, until, type Api, type CityCredentials, type Proc,
} from '../reliability/lib/city-network';
import { describeViolations, seriousViolations } from './axe';
import { ensureBuilt, launchChromium, SCREENSHOT_DIR } from './harness';

const ROOT = resolve(import.meta.dirname, '..');
// The demo city (city-server/src/cli/seed.ts): 中牟县 and 金水区 are sibling counties of 郑州市.
const CITY_AREA = '410100000000';
const ZHONGMOU = '410122000000';
const JINSHUI = '410105000000';
const CHENGGUAN = '410122100000';
const ZHONGMOU_HALL = '中牟县公共法律服务中心';
const JINSHUI_HALL = '金水区公共法律服务中心';
// A township station inside 中牟县: the county hall shares its area with it.
const CHENGGUAN_HALL = '中牟县城关镇公共法律服务工作站';

/** The report figures a hall computes itself (GET /api/reports/summary). */
interface HallFigures {
  issued: number;
  served: number;
  noShow: number;
  noShowRate: number | null;
  avgWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  avgServiceSeconds: number | null;
  serviceLevel: number | null;
  satisfaction: { count: number; average: number | null; satisfiedRate: number | null; distribution: Record<string, number> };
}
/** The hall's own summary with its breakdowns (labels as the hall names them). */
interface HallSummary extends HallFigures {
  byService: (HallFigures & { label: string })[];
  byCounter: (HallFigures & { label: string })[];
  byStaff: (HallFigures & { label: string })[];
  byDay: (HallFigures & { label: string })[];
}

// Written out here, not imported from the console: how a figure must read on screen.
const minutes = (s: number | null) => (s === null ? '—' : (Math.round(s / 6) / 10).toFixed(1));
const percent = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** Nearest-rank p90 (rank ⌈0.9·n⌉ of the sorted waits), as the hall reports define it. */
function p90(waits: number[]): number | null {
  const sorted = [...waits].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.max(1, Math.ceil(0.9 * sorted.length)) - 1]!;
}

/** The 等候秒数 column of a hall's own tickets.csv: one wait per called ticket. */
function waitsOf(csv: string): number[] {
  const [header, ...lines] = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  const column = header!.split(',').indexOf('等候秒数');
  expect(column).toBeGreaterThan(0);
  return lines.map((line) => line.split(',')[column]!).filter((cell) => cell !== '').map(Number);
}

function expectedCells(f: HallFigures): Record<string, string> {
  return {
    取号: String(f.issued), 办结: String(f.served), 过号: String(f.noShow), 过号率: percent(f.noShowRate),
    '平均等候(分)': minutes(f.avgWaitSeconds), 'P90等候(分)': minutes(f.p90WaitSeconds), '平均办理(分)': minutes(f.avgServiceSeconds),
    达标率: percent(f.serviceLevel), 评价数: String(f.satisfaction.count), 满意度: score(f.satisfaction.average),
    满意率: percent(f.satisfaction.satisfiedRate), '差评(1-2)': String((f.satisfaction.distribution['1'] ?? 0) + (f.satisfaction.distribution['2'] ?? 0)),
  };
}

interface EnrolledHall {
  name: string;
  proc: Proc;
  api: Api;
  manager: string;
  staff: string;
  cityId: number;
}

describe('city console', () => {
  const dirs: string[] = [];
  const procs: Proc[] = [];
  let city: Proc;
  let credentials: CityCredentials;
  const cityApi = api(() => city.url);
  let admin: string;
  let supervisor: string;
  const halls: EnrolledHall[] = [];
  let hallDay: string;
  let browser: Browser;
  let page: Page;

  const dir = (prefix: string) => {
    const path = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(path);
    return path;
  };

  async function enrolled(name: string, level: string): Promise<EnrolledHall> {
    const code = credentials.halls.find((h) => h.name === name)!.enrollmentCode;
    const dataDir = dir('city-console-hall-');
    await enrollHall(dataDir, city.url, code);
    const proc = await startHall({ dataDir, port: await freePort(), level, name, maxBackoffMs: 1500 });
    procs.push(proc);
    const hallApi = api(() => proc.url);
    const list = (await cityApi.get<{ id: number; name: string }[]>('/api/city/halls', admin)).body;
    return {
      name, proc, api: hallApi, manager: await hallApi.login('manager', HALL_PASSWORD), staff: await hallApi.login('zhangwei', HALL_PASSWORD),
      cityId: list.find((h) => h.name === name)!.id,
    };
  }

  /** A morning at a hall: numbers issued for every counter's services, called, some no-shows, most finished, many rated. */
  async function drive(hall: EnrolledHall, rounds: number, seed: number) {
    const counters = (await hall.api.get<{ id: number; services: string[] }[]>('/api/counters', hall.staff)).body;
    const tracking = new Map<number, string>();
    for (let round = 0; round < rounds; round += 1) {
      for (const counter of counters) {
        for (const serviceCode of counter.services) {
          const ticket = await hall.api.post<{ id: number; trackingCode: string }>('/api/tickets', hall.staff, { serviceCode, requestId: `console-${seed}-${round}-${counter.id}-${serviceCode}` });
          expect(ticket.status).toBe(201);
          tracking.set(ticket.body.id, ticket.body.trackingCode);
        }
      }
      for (const counter of counters) {
        const called = await hall.api.post<{ ticket: { id: number } }>(`/api/counters/${counter.id}/call-next`, hall.staff);
        if (called.status !== 200) continue;
        const id = called.body.ticket.id;
        if ((round + counter.id + seed) % 4 === 0) {
          await hall.api.post(`/api/tickets/${id}/recall`, hall.staff);
          await hall.api.post(`/api/tickets/${id}/recall`, hall.staff);
          expect((await hall.api.post(`/api/tickets/${id}/no-show`, hall.staff)).status).toBe(200);
          continue;
        }
        expect((await hall.api.post(`/api/tickets/${id}/start`, hall.staff)).status).toBe(200);
        expect((await hall.api.post(`/api/tickets/${id}/finish`, hall.staff, { outcome: 'resolved' })).status).toBe(200);
        if ((round + counter.id) % 3 !== 0) {
          const value = 1 + ((round * 7 + counter.id + seed) % 5);
          const rating = await hall.api.post(`/api/tickets/${id}/rating`, undefined, { score: value, attitude: value, efficiency: 5, trackingCode: tracking.get(id) });
          expect(rating.status).toBe(201);
        }
      }
    }
  }

  async function synced(hall: EnrolledHall) {
    await until(`${hall.name} to send everything`, async () => (await hall.api.get<{ backlog: number }>('/api/sync/status', hall.manager)).body.backlog === 0);
    const { lastSeq } = (await hall.api.get<{ lastSeq: number }>('/api/sync/status', hall.manager)).body;
    await until(`the city to hold ${hall.name}'s records`, async () =>
      (await cityApi.get<{ id: number; ackSeq: number }[]>('/api/city/halls', admin)).body.find((h) => h.id === hall.cityId)!.ackSeq === lastSeq);
  }

  async function signIn(target: Page, username: string) {
    await target.goto(`${city.url}/`);
    await target.evaluate(() => sessionStorage.clear());
    await target.goto(`${city.url}/`);
    await target.fill('input[name=username]', username);
    await target.fill('input[name=password]', CITY_PASSWORD);
    await target.click('button[type=submit]');
    await target.locator('[data-testid="tab-live"]').waitFor();
  }

  /** The screen at 1920×1080 and 1366×768 (`fullPage`: the whole page, for a long one). */
  async function shot(name: string, fullPage = false) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const [width, height] of [[1920, 1080], [1366, 768]] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `city-console-${name}-${width}.png`), fullPage });
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  }

  /** A figures table on screen as label → column → text. */
  async function tableOnScreen(testId: string): Promise<Record<string, Record<string, string>>> {
    return page.locator(`[data-testid="${testId}"] tbody tr[data-key]`).evaluateAll((rows) => Object.fromEntries(rows.map((row) => [
      row.querySelector('td')!.textContent!.trim(),
      Object.fromEntries([...row.querySelectorAll('td[data-col]')].map((td) => [td.getAttribute('data-col')!, (td as HTMLElement).innerText.trim()])),
    ])));
  }

  async function expectNoSeriousViolations(screen: string) {
    expect(describeViolations(screen, await seriousViolations(page))).toEqual([]);
  }

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'city-console/dist/index.html'))) execFileSync('npm', ['run', '-w', '@hall/city-console', 'build'], { cwd: ROOT, stdio: 'inherit' });
    ensureBuilt();
    city = await startCity({ dataDir: dir('city-console-city-'), port: await freePort() });
    procs.push(city);
    credentials = cityCredentials(join(dirs[0]!));
    admin = await cityApi.login('admin', CITY_PASSWORD);
    supervisor = await cityApi.login('zhongmou', CITY_PASSWORD);
    halls.push(await enrolled(ZHONGMOU_HALL, 'county'), await enrolled(JINSHUI_HALL, 'county'), await enrolled(CHENGGUAN_HALL, 'township'));
    await drive(halls[0]!, 3, 1);
    await drive(halls[1]!, 2, 2);
    await drive(halls[2]!, 2, 3);
    hallDay = (await halls[0]!.api.get<{ hallDay: string }>('/api/queue', halls[0]!.staff)).body.hallDay;
    for (const hall of halls) await synced(hall);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US', acceptDownloads: true });
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(procs.map((proc) => proc.kill('SIGKILL')));
    for (const path of dirs) rmSync(path, { recursive: true, force: true });
  });

  it('shows each hall\'s own figures in 统计分析, and the city total as their sum', async () => {
    await signIn(page, 'admin');
    await page.goto(`${city.url}/#/stats?area=${CITY_AREA}&from=${hallDay}&to=${hallDay}`);
    const table = page.locator('[data-testid="table-by-hall"]');
    await table.waitFor();
    const own: HallFigures[] = [];
    for (const hall of halls) {
      const figures = (await hall.api.get<HallFigures>(`/api/reports/summary?from=${hallDay}&to=${hallDay}`, hall.manager)).body;
      expect(figures.issued).toBeGreaterThan(0);
      own.push(figures);
      const row = table.locator(`tr[data-key="${hall.cityId}"]`);
      await expect.poll(() => row.locator('td').first().innerText()).toBe(hall.name);
      for (const [column, text] of Object.entries(expectedCells(figures))) {
        expect(await row.locator(`td[data-col="${column}"]`).innerText(), `${hall.name} ${column}`).toBe(text);
      }
    }
    const total = table.locator('tr[data-key="total"]');
    const sumOf = (of: (f: HallFigures) => number) => own.reduce((n, f) => n + of(f), 0);
    for (const [column, sum] of [['取号', sumOf((f) => f.issued)], ['办结', sumOf((f) => f.served)], ['过号', sumOf((f) => f.noShow)],
      ['评价数', sumOf((f) => f.satisfaction.count)]] as const) {
      expect(await total.locator(`td[data-col="${column}"]`).innerText(), `total ${column}`).toBe(String(sum));
    }
    expect(await page.getByTestId('kpi-issued').locator('strong').innerText()).toBe(String(sumOf((f) => f.issued)));

    // The table's exports: CSV for Excel (BOM, one line per hall and the total) and a real .xlsx (a ZIP).
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-by-hall-csv').click()]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF大厅,层级,取号,办结,过号,')).toBe(true);
    const zhongmouLine = csv.split('\r\n').find((line) => line.startsWith(`${ZHONGMOU_HALL},`))!;
    expect(zhongmouLine.split(',').slice(1, 5)).toEqual(['县级', String(own[0]!.issued), String(own[0]!.served), String(own[0]!.noShow)]);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + credentials.halls.length + 1);
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-by-hall-xlsx').click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(readFileSync((await xlsxDownload.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    await expectNoSeriousViolations('统计分析');
    await shot('stats');

    // 按层级: the city server's figures over each level's halls, exact. Worked out here from each
    // hall's own tickets.csv (one wait a called ticket): the township level is the 城关镇 station
    // alone (the other station has no data), the county level is the two county halls together,
    // its p90 taken over both halls' waits (no sum of the halls' own p90s gives it).
    const waits = await Promise.all(halls.map(async (hall) => waitsOf((await hall.api.get<string>(`/api/reports/tickets.csv?from=${hallDay}&to=${hallDay}`, hall.manager)).body)));
    const mean = (values: number[]) => (values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length));
    halls.forEach((hall, i) => {
      // The hand computation first agrees with each hall's own report.
      expect(p90(waits[i]!), `${hall.name} p90 of its tickets.csv`).toBe(own[i]!.p90WaitSeconds);
      expect(mean(waits[i]!), `${hall.name} mean wait of its tickets.csv`).toBe(own[i]!.avgWaitSeconds);
    });
    const countyWaits = [...waits[0]!, ...waits[1]!];
    const county = {
      issued: own[0]!.issued + own[1]!.issued, served: own[0]!.served + own[1]!.served, noShow: own[0]!.noShow + own[1]!.noShow,
      avgWaitSeconds: mean(countyWaits), p90WaitSeconds: p90(countyWaits),
    };
    const byLevel = (await cityApi.get<{ byLevel: (HallFigures & { level: string; halls: number })[] }>(
      `/api/city/summary?from=${hallDay}&to=${hallDay}&area=${CITY_AREA}`, admin)).body.byLevel;
    expect(byLevel.map((l) => [l.level, l.halls])).toEqual([['city', 1], ['county', 2], ['township', 2], ['village', 1]]);
    expect(byLevel[1]).toMatchObject(county);
    expect(byLevel[2]).toMatchObject({ issued: own[2]!.issued, p90WaitSeconds: own[2]!.p90WaitSeconds, avgWaitSeconds: own[2]!.avgWaitSeconds });
    await page.getByTestId('view-byLevel').click();
    await page.locator('[data-testid="table-by-level"] tr[data-key="county"]').waitFor();
    const levels = await tableOnScreen('table-by-level');
    expect(levels['县（区）级中心']).toMatchObject({
      取号: String(county.issued), 办结: String(county.served), 过号: String(county.noShow),
      '平均等候(分)': minutes(county.avgWaitSeconds), 'P90等候(分)': minutes(county.p90WaitSeconds),
    });
    expect(levels['乡镇（街道）工作站']).toEqual(expect.objectContaining(expectedCells(own[2]!)));
    await shot('stats-by-level');

    // Drill down: city → 中牟县 (by area) → the hall itself.
    await page.getByTestId('view-byArea').click();
    await page.locator('[data-testid="table-by-area"] button', { hasText: '中牟县' }).click();
    await expect.poll(() => page.getByTestId('crumbs').innerText()).toContain('中牟县');
    await page.getByTestId('view-byHall').click();
    await page.locator('[data-testid="table-by-hall"] button', { hasText: ZHONGMOU_HALL }).click();
    await expect.poll(() => page.getByTestId('hall-name').innerText()).toContain(ZHONGMOU_HALL);
    expect(await page.getByTestId('hall-issued').locator('strong').innerText()).toBe(String(own[0]!.issued));
    expect(await page.locator('[data-testid="table-hall"] td[data-col="满意度"]').innerText()).toBe(score(own[0]!.satisfaction.average));
    // The county hall shares 中牟县 with the 城关镇 station, which served people the same day: the
    // hall's page still shows the hall's own breakdowns, each row equal to the hall's own report.
    expect(own[2]!.issued).toBeGreaterThan(0);
    const zhongmouOwn = (await halls[0]!.api.get<HallSummary>(`/api/reports/summary?from=${hallDay}&to=${hallDay}`, halls[0]!.manager)).body;
    for (const [testId, groups] of [
      ['table-hall-service', zhongmouOwn.byService], ['table-hall-counter', zhongmouOwn.byCounter],
      ['table-hall-staff', zhongmouOwn.byStaff], ['table-hall-day', zhongmouOwn.byDay],
    ] as const) {
      expect(groups.length, testId).toBeGreaterThan(0);
      await expect.poll(() => page.locator(`[data-testid="${testId}"] tbody tr[data-key]`).count()).toBe(groups.length);
      const onScreen = await tableOnScreen(testId);
      expect(Object.keys(onScreen).sort(), testId).toEqual(groups.map((g) => g.label).sort());
      for (const group of groups) expect(onScreen[group.label], `${testId} ${group.label}`).toEqual(expect.objectContaining(expectedCells(group)));
    }
    await shot('hall', true);
  });

  it('lists the halls live, online, in 实时总览', async () => {
    await signIn(page, 'admin');
    await page.goto(`${city.url}/#/live?area=${CITY_AREA}`);
    for (const hall of halls) {
      await expect.poll(() => page.getByTestId(`live-hall-${hall.cityId}`).innerText(), { timeout: 30_000 }).toContain('在线');
    }
    // Live over the city's socket: a number taken at the hall shows in 当前等候 within seconds
    // (with the socket up the list is re-fetched only every 30 s).
    await expect.poll(() => page.locator('main .crumbs').innerText(), { timeout: 15_000 }).toContain('实时推送');
    const [zhongmou] = halls as [EnrolledHall];
    const waitingCell = page.getByTestId(`live-hall-${zhongmou.cityId}`).locator('td').nth(4);
    const before = Number(await waitingCell.innerText());
    expect((await zhongmou.api.post('/api/tickets', zhongmou.staff, { serviceCode: 'A', requestId: 'console-live-1' })).status).toBe(201);
    await expect.poll(async () => Number(await waitingCell.innerText()), { timeout: 12_000, interval: 200 }).toBe(before + 1);
    await expectNoSeriousViolations('实时总览');
    await shot('live');
  });

  it('keeps a county supervisor out of another county\'s hall, in the UI and in the API', async () => {
    const [zhongmou, jinshui] = halls as [EnrolledHall, EnrolledHall];
    expect((await cityApi.get(`/api/city/halls?area=${JINSHUI}`, supervisor)).status).toBe(403);
    expect((await cityApi.get(`/api/city/summary?from=${hallDay}&to=${hallDay}&area=${JINSHUI}`, supervisor)).status).toBe(403);
    expect((await cityApi.get(`/api/city/summary?from=${hallDay}&to=${hallDay}&area=${ZHONGMOU}`, supervisor)).status).toBe(200);
    // One hall's summary: another county's hall is 403, the supervisor's own 200, an unknown hall 404.
    expect((await cityApi.get(`/api/city/summary?from=${hallDay}&to=${hallDay}&hall=${jinshui.cityId}`, supervisor)).status).toBe(403);
    expect((await cityApi.get(`/api/city/summary?from=${hallDay}&to=${hallDay}&hall=${zhongmou.cityId}`, supervisor)).status).toBe(200);
    expect((await cityApi.get(`/api/city/summary?from=${hallDay}&to=${hallDay}&hall=999999`, admin)).status).toBe(404);
    const visible = (await cityApi.get<{ id: number }[]>('/api/city/halls', supervisor)).body.map((h) => h.id);
    expect(visible).toContain(zhongmou.cityId);
    expect(visible).not.toContain(jinshui.cityId);

    await signIn(page, 'zhongmou');
    // The tree starts at the supervisor's own county.
    await expect.poll(() => page.locator('aside').innerText()).toContain('中牟县');
    expect(await page.locator('aside').innerText()).not.toContain('金水区');
    await page.goto(`${city.url}/#/hall?id=${jinshui.cityId}`);
    await expect.poll(() => page.getByTestId('forbidden').innerText()).toContain('无权查看');
    await page.goto(`${city.url}/#/stats?area=${JINSHUI}&from=${hallDay}&to=${hallDay}`);
    await expect.poll(() => page.getByTestId('forbidden').innerText()).toContain('无权查看');
    await shot('forbidden');
    // Its own county's hall opens.
    await page.goto(`${city.url}/#/hall?id=${zhongmou.cityId}&from=${hallDay}&to=${hallDay}`);
    await expect.poll(() => page.getByTestId('hall-name').innerText()).toContain(ZHONGMOU_HALL);
  });

  it('prints the month\'s 通报 (PDF from Chromium, title in print media)', async () => {
    await signIn(page, 'admin');
    const month = hallDay.slice(0, 7);
    const title = `关于${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月郑州市公共法律服务大厅考评情况的通报`;
    await page.goto(`${city.url}/#/ranking?area=${CITY_AREA}&month=${month}`);
    await expect.poll(() => page.getByTestId('ranking-county').innerText()).toContain(ZHONGMOU_HALL);
    await expectNoSeriousViolations('考评通报');
    await shot('ranking');
    await page.getByTestId('open-bulletin').click();
    await expect.poll(() => page.getByTestId('bulletin-title').innerText()).toBe(title);
    await expectNoSeriousViolations('通报');
    await shot('bulletin');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator('body').innerText();
    expect(printed).toContain(title);
    expect(printed).toContain(ZHONGMOU_HALL);
    expect(printed).toContain(JINSHUI_HALL);
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    // What the paper looks like: A4 at 96 dpi.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'city-console-bulletin-print.png'), fullPage: true });
    await page.setViewportSize({ width: 1920, height: 1080 });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
  });

  it('opens 督办, 好差评导出 and 系统管理 with nothing serious for axe', async () => {
    await signIn(page, 'admin');
    for (const [tab, ready, name] of [
      ['followUps', 'only-overdue', '督办'], ['exports', 'download-csv', '好差评导出'], ['admin', 'admin-halls', '系统管理'],
    ] as const) {
      await page.goto(`${city.url}/#/${tab}?area=${CITY_AREA}`);
      await page.getByTestId(ready).waitFor();
      await page.waitForTimeout(500);
      await expectNoSeriousViolations(name);
      await shot(tab);
    }
    // 预约台 with a hall chosen (its services, the day buttons with weekdays, the slots or the words for none).
    await page.goto(`${city.url}/#/booking?area=${CITY_AREA}`);
    await page.getByTestId('hall-find').fill(ZHONGMOU_HALL);
    await page.getByTestId('hall-find').press('Enter');
    await expect.poll(() => page.getByTestId('booking-desk').innerText()).toContain('今天');
    await expectNoSeriousViolations('预约台');
    await shot('booking');

    // 好差评导出: evaluations.csv of the day, one line a rating of either hall, Table 9 headers.
    await page.goto(`${city.url}/#/exports?area=${CITY_AREA}`);
    await page.getByTestId('from').fill(hallDay);
    await page.getByTestId('to').fill(hallDay);
    await page.getByTestId('apply').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
    expect(lines[0]).toBe('办件编号,评价渠道,评价人,评价时间,评价次数,满意度代码,文字评价,行政区划');
    let ratings = 0;
    for (const hall of halls) ratings += (await hall.api.get<HallFigures>(`/api/reports/summary?from=${hallDay}&to=${hallDay}`, hall.manager)).body.satisfaction.count;
    expect(lines).toHaveLength(1 + ratings);
    expect(lines.filter((line) => [ZHONGMOU, JINSHUI, CHENGGUAN].some((code) => line.endsWith(`,${code}`)))).toHaveLength(ratings);

    // Administration lists every hall of the city with its enrollment state.
    await page.goto(`${city.url}/#/admin?area=${CITY_AREA}`);
    await page.getByTestId('admin-halls').locator('tbody tr').first().waitFor();
    const rows = await page.locator('[data-testid="admin-halls"] tbody tr').allInnerTexts();
    expect(rows.filter((text) => text.includes('已接入')).map((text) => text.split('\t')[0])).toEqual(expect.arrayContaining([ZHONGMOU_HALL, JINSHUI_HALL]));
    expect(rows).toHaveLength(credentials.halls.length);
  });

  it('sends a 督办 from the console that reaches the hall\'s manager console, and shows when the hall read it', async () => {
    const [zhongmou, , chengguan] = halls as [EnrolledHall, EnrolledHall, EnrolledHall];
    // The open follow-ups (bad ratings of the morning) of both halls in 中牟县: the console lists each of them.
    const openOf = async (hall: EnrolledHall) =>
      (await hall.api.get<{ id: number; closedAt: string | null }[]>('/api/follow-ups', hall.manager)).body.filter((f) => !f.closedAt);
    const ownOpen = await openOf(zhongmou);
    expect(ownOpen.length).toBeGreaterThan(0);
    const open = [...ownOpen, ...(await openOf(chengguan))];

    await signIn(page, 'admin');
    await page.goto(`${city.url}/#/followUps?area=${ZHONGMOU}`);
    const rows = page.locator('[data-testid="follow-ups"] tbody tr');
    await expect.poll(() => rows.count()).toBe(open.length);
    await expectNoSeriousViolations('督办 list');
    const row = rows.filter({ hasText: ZHONGMOU_HALL }).first();
    const message = '请于三个工作日内回访当事人并反馈整改情况';
    await row.locator('input').fill(message);
    await row.locator('button').click();
    await expect.poll(() => row.innerText()).toContain('待大厅接收');
    await shot('follow-ups');

    // Down through the hall's pull (every 15 s), onto its manager console.
    await until('the hall to pull the 督办', async () =>
      ((await zhongmou.api.get<{ supervisions?: { message: string }[] }>('/api/sync/status', zhongmou.manager)).body.supervisions ?? []).some((s) => s.message === message), 60_000, 500);
    const hallPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await hallPage.goto(`${zhongmou.proc.url}/manage/`);
      await hallPage.fill('input[name=username]', 'manager');
      await hallPage.fill('input[name=password]', HALL_PASSWORD);
      await hallPage.click('button[type=submit]');
      const shown = hallPage.locator('[data-testid="supervision"]', { hasText: message });
      await shown.waitFor({ timeout: 30_000 });
      await shown.locator('[data-testid="supervision-read"]').click();
    } finally {
      await hallPage.close();
    }
    // The hall's 已阅 goes up through its outbox; the console says so.
    await until('the city to learn the hall read it', async () => {
      const list = (await cityApi.get<{ hallId: number; supervisions: { message: string; acknowledgedAt: string | null }[] }[]>(`/api/city/follow-ups?area=${ZHONGMOU}`, admin)).body;
      return list.some((f) => f.supervisions.some((s) => s.message === message && s.acknowledgedAt !== null));
    }, 60_000, 500);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="follow-ups"]').innerText()).toContain('大厅已阅');
  });
});
