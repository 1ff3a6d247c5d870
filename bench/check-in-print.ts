// 预约签到 at the kiosk → ticket printed, against the kiosk's own take-a-number tap → print, in real
// Chromium on the built kiosk page, printing through the real printer module (kiosk/printer) to a
// loopback TCP port-9100 printer, as the e2e suite wires it (e2e/kiosk.test.ts). Each round, taken
// alternately so load drift hits both alike:
//   tap:      click a service tile            → the cut of that ticket at the printer
//   check-in: 6 digits on the keypad, then 确认 (timed from the 确认 tap) → the cut at the printer
// Must hold (issue 12): check-in p95 ≤ tap p95 + 50 ms.
// Run: npx tsx bench/check-in-print.ts [rounds]   (LOAD: the load average is printed; compare on a quiet machine)
import { hallDayOf, type PrintableTicket, type PullBooking } from '@hall/shared';
import iconv from 'iconv-lite';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { ensureBuilt, launchChromium, removeDir, startDemoHall } from '../e2e/harness';
import { percentile, startLoopbackPrinter } from '../e2e/kiosk-printer';
import { createHallBookingService } from '../hall-server/src/bookings/booking-service';
import { createPrinter } from '../kiosk/printer/printer';

const ROUNDS = Number(process.argv[2] ?? 40);
const WARM_UP = 3;
const SERVICES = ['F', 'C'] as const;

async function backHome(page: Page) {
  await page.getByTestId('ticket').click();
  await page.locator('[data-screen="services"]').waitFor();
}

async function main() {
  ensureBuilt();
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const hall = await startDemoHall();
  const [browser, loopback] = await Promise.all([launchChromium(), startLoopbackPrinter()]);
  const printer = createPrinter(`tcp://127.0.0.1:${loopback.port}`);
  try {
    // Today's bookings whose slot starts in 5 minutes: inside the −60/+20 min check-in window for the whole run.
    const now = Date.now();
    const slotStart = now + 5 * 60_000;
    const total = ROUNDS + WARM_UP;
    const code = (i: number) => String(200000 + i);
    const bookings: PullBooking[] = Array.from({ length: total }, (_, i) => ({
      id: i + 1, code: code(i), serviceCode: SERVICES[i % 2]!, slotStart: new Date(slotStart).toISOString(), slotEnd: new Date(slotStart + 30 * 60_000).toISOString(),
      hallDay: hallDayOf(now, hall.server.services.ctx.timeZone), state: 'booked', maskedName: '张*', phoneLast4: '0000', phoneHash: '0123456789abcdef',
    }));
    createHallBookingService(hall.server.services).applyPulled(bookings);

    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    // The Electron preload's bridge, wired to the real printer module in this process.
    await page.exposeFunction('__kioskPrint', (ticket: PrintableTicket) => printer.print(ticket));
    await page.exposeFunction('__kioskPrinterStatus', () => printer.status());
    // As a string: tsx (esbuild keepNames) would wrap a function's inner arrows in a `__name` helper the page lacks.
    await page.addInitScript(`window.kioskBridge = {
      print: (ticket) => window.__kioskPrint(ticket),
      printerStatus: () => window.__kioskPrinterStatus(),
    };`);
    await page.goto(`${hall.url}/kiosk/?device=${hall.token('kiosk')}`);
    await page.locator('[data-link="online"] [data-service="A"]').waitFor();

    const tap: number[] = [];
    const checkIn: number[] = [];
    for (let i = 0; i < total; i += 1) {
      const service = SERVICES[i % 2]!;
      // Take a number: one tap on the tile.
      let index = loopback.jobs.length;
      let startedAt = Date.now();
      await page.locator(`[data-service="${service}"]`).click();
      let job = await loopback.waitForJob(index);
      if (i >= WARM_UP) tap.push(job.cutAt - startedAt);
      await backHome(page);

      // 预约签到: the code on the keypad, then 确认.
      await page.locator('[data-action="check-in"]').click();
      await page.locator('[data-testid="check-in"]').waitFor();
      for (const digit of code(i)) await page.locator(`[data-testid="check-in"] [data-key="${digit}"]`).click();
      index = loopback.jobs.length;
      startedAt = Date.now();
      await page.locator('[data-testid="check-in"] [data-key="ok"]').click();
      job = await loopback.waitForJob(index);
      if (i >= WARM_UP) checkIn.push(job.cutAt - startedAt);
      if (!iconv.decode(job.bytes, 'gb18030').includes('预约时段')) throw new Error(`check-in ${code(i)}: the printed ticket is not marked 预约`);
      await page.getByTestId('ticket-booked').waitFor();
      await backHome(page);
    }
    const p = (values: number[], q: number) => percentile(values, q);
    const difference = p(checkIn, 95) - p(tap, 95);
    console.log(`kiosk in Chromium → loopback TCP printer, ${ROUNDS} rounds each (after ${WARM_UP} warm-up), alternating`);
    console.log(`  tap → print:              p50 ${p(tap, 50)} ms, p95 ${p(tap, 95)} ms, max ${Math.max(...tap)} ms`);
    console.log(`  check-in 确认 → print:     p50 ${p(checkIn, 50)} ms, p95 ${p(checkIn, 95)} ms, max ${Math.max(...checkIn)} ms`);
    console.log(`  difference: p50 ${p(checkIn, 50) - p(tap, 50)} ms, p95 ${difference} ms (budget +50 ms): ${difference <= 50 ? 'within' : 'OVER'}`);
    if (difference > 50) process.exitCode = 1;
    await context.close();
  } finally {
    await browser.close();
    await printer.close();
    await loopback.close();
    await hall.close();
    removeDir(hall.dataDir);
  }
}

await main();
