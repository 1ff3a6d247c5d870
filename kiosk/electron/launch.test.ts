import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { _electron } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeTcpPrinter } from '../printer/testing/fake-tcp-printer';
import { startHttpStandIn } from '../printer/testing/http-stand-in';
import type { KioskBridge, PrintableTicket } from '@hall/shared';
import { buildKioskShell } from './build';

/**
 * Where the electron package would find its binary, without calling `require('electron')`:
 * since electron 42 that call starts a download when the binary is missing.
 */
function findElectronBinary(): { path: string } | { reason: string } {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: `electron binary absent (${pathFile} missing: the binary was never downloaded)` };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  return existsSync(binary) ? { path: binary } : { reason: `electron binary absent (${binary} does not exist)` };
}

const electron = findElectronBinary();
if ('reason' in electron) console.log(`SKIP kiosk/electron/launch.test.ts: ${electron.reason}`);

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A stand-in hall server: serves a bare /kiosk/ page and accepts device status reports. */
async function startHallServer(): Promise<{ url: string; reports: unknown[] }> {
  const reports: unknown[] = [];
  const server = await startHttpStandIn((request, response) => {
    if (request.method === 'POST' && request.url === '/api/devices/status') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        reports.push(JSON.parse(body));
        response.writeHead(204).end();
      });
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>取号</title><h1>取号</h1>');
  });
  cleanups.push(server.stop);
  return { url: server.url, reports };
}

describe('kiosk shell launch', () => {
  it.skipIf('reason' in electron)('opens a locked-down full-screen window on the kiosk page and prints through the bridge', async () => {
    const executablePath = 'path' in electron ? electron.path : '';
    // Inside the repo, so the bundle's external `serialport` resolves from node_modules as it will in the app.
    const workDir = mkdtempSync(path.join(import.meta.dirname, '.test-build-'));
    cleanups.push(() => rmSync(workDir, { recursive: true, force: true }));
    const { main } = await buildKioskShell(workDir);
    const hall = await startHallServer();
    const printer = await startFakeTcpPrinter({ kind: 'capture', printerStatus: 0x12, paperStatus: 0x12 });
    cleanups.push(() => printer.close());
    const configFile = path.join(workDir, 'kiosk-config.json');
    writeFileSync(configFile, JSON.stringify({ hallServerUrl: hall.url, deviceToken: 'dev-launch', printerUri: printer.uri, statusPollSeconds: 0 }));

    const app = await _electron.launch({
      executablePath,
      args: [main, `--user-data-dir=${path.join(workDir, 'user-data')}`],
      env: { ...process.env, KIOSK_CONFIG: configFile, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 30_000,
    });
    cleanups.push(() => app.close());
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe(`${hall.url}/kiosk/?device=dev-launch`);

    const shell = await app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows()[0]!;
      return { windows: BrowserWindow.getAllWindows().length, kiosk: window.isKiosk(), menuBar: window.isMenuBarVisible(), devTools: window.webContents.isDevToolsOpened() };
    });
    expect(shell).toEqual({ windows: 1, kiosk: true, menuBar: false, devTools: false });

    // Context isolation, no node integration and the sandbox show in the page as: the bridge and nothing else.
    const exposed = await page.evaluate(() => ({ bridge: Object.keys((window as { kioskBridge?: object }).kioskBridge ?? {}).sort(), require: typeof (globalThis as { require?: unknown }).require, process: typeof (globalThis as { process?: unknown }).process }));
    expect(exposed).toEqual({ bridge: ['print', 'printerStatus'], require: 'undefined', process: 'undefined' });

    const ticket: PrintableTicket = {
      hallName: '测试大厅', serviceName: '法律咨询', number: 'A001', waitingAhead: 0, estimatedWaitMinutes: 0,
      issuedAt: new Date().toISOString(), trackingUrl: `${hall.url}/t/X1`, ticketNotes: '', priority: 'normal',
    };
    expect(await page.evaluate((t) => (window as unknown as { kioskBridge: KioskBridge }).kioskBridge.print(t), ticket)).toEqual({ ok: true });
    expect(await page.evaluate(() => (window as unknown as { kioskBridge: KioskBridge }).kioskBridge.printerStatus())).toEqual({ state: 'ok' });
    expect(printer.received().length).toBeGreaterThan(300);
    await expect.poll(() => hall.reports).toContainEqual({ printer: { state: 'ok' } });
  }, 90_000);
});
