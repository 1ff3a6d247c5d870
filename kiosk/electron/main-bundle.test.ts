import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../printer/testing/fake-tcp-printer';
import { encodeTicket } from '../printer/ticket-layout';
import type { PrintableTicket } from '../printer/types';
import { buildKioskShell } from './build';

/**
 * The bundled main process, run in plain Node against a recording stand-in for `electron`
 * (testing/fake-electron-driver.cjs). It proves the bundle loads and wires the window, IPC and
 * printer as intended; launch.test.ts does the same against real Electron where the binary exists.
 */
const driver = path.join(import.meta.dirname, 'testing', 'fake-electron-driver.cjs');
const ticket: PrintableTicket = {
  hallName: '测试大厅', serviceName: '法律咨询', number: 'A001', waitingAhead: 0, estimatedWaitMinutes: 0,
  issuedAt: '2026-03-02T01:00:00Z', trackingUrl: 'http://hall.test/t/X1', ticketNotes: '', priority: 'normal',
};

let workDir: string;
let main: string;
let preload: string;
let printer: FakeTcpPrinter;

beforeAll(async () => {
  // Inside the repo, so the bundle's external `serialport` resolves from node_modules as it will in the app.
  workDir = mkdtempSync(path.join(import.meta.dirname, '.test-build-'));
  ({ main, preload } = await buildKioskShell(workDir));
  printer = await startFakeTcpPrinter({ kind: 'capture', printerStatus: 0x12, paperStatus: 0x12 });
});
afterAll(async () => {
  await printer.close();
  rmSync(workDir, { recursive: true, force: true });
});

async function runMain(config: unknown, printed: PrintableTicket = ticket): Promise<Record<string, unknown>> {
  const configFile = path.join(workDir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(configFile, typeof config === 'string' ? config : JSON.stringify(config));
  const { stdout } = await promisify(execFile)(process.execPath, [driver, main, JSON.stringify(printed), 'http://127.0.0.1:1'], {
    env: { ...process.env, KIOSK_CONFIG: configFile, FAKE_USER_DATA: workDir },
    timeout: 20_000,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('bundled main process', () => {
  it('opens one locked-down kiosk window on the hall page and prints only for the hall page', async () => {
    const seen = await runMain({ hallServerUrl: 'http://127.0.0.1:1', deviceToken: 'dev-7', printerUri: printer.uri, statusPollSeconds: 0 });
    expect(seen.windows).toEqual([{
      url: 'http://127.0.0.1:1/kiosk/?device=dev-7',
      options: expect.objectContaining({
        kiosk: true,
        fullscreen: true,
        webPreferences: expect.objectContaining({
          contextIsolation: true, nodeIntegration: false, sandbox: true, devTools: false, preload: path.join(workDir, 'preload.cjs'),
        }),
      }),
    }]);
    expect(seen.menu).toBeNull();
    expect(seen.permissionDenied).toBe(true);
    expect(seen.windowOpen).toEqual({ action: 'deny' });
    expect(seen.channels).toEqual(['kiosk:print', 'kiosk:printer-status']);
    expect(seen.print).toEqual({ ok: true });
    expect(printer.received().includes(encodeTicket(ticket))).toBe(true);
    expect(seen.printFromElsewhere).toMatchObject({ ok: false, fault: { message: expect.stringMatching(/did not come from the hall server/) } });
    expect(seen.printMalformed).toMatchObject({ ok: false, fault: { state: 'error', message: expect.stringMatching(/not a printable ticket/) } });
    expect(seen.status).toEqual({ state: 'ok' });
  });

  it('prints the number at the size the kiosk config sets, and the check code the page sent under it', async () => {
    const before = printer.received().length;
    const config = { hallServerUrl: 'http://127.0.0.1:1', deviceToken: 'dev-7', printerUri: printer.uri, printerNumberScale: 3, statusPollSeconds: 0 };
    const seen = await runMain(config, { ...ticket, checkCode: '0385' });
    expect(seen.print).toEqual({ ok: true });
    const job = printer.received().subarray(before);
    // GS ! 0x22 (3 wide, 3 high) right before the number, not the 80 mm default 0x33; the check code at 1× (GS ! 0x00).
    expect(job.includes(Buffer.concat([Buffer.from([0x1d, 0x21, 0x22]), Buffer.from('A001\n'), Buffer.from([0x1d, 0x21, 0x00])]))).toBe(true);
    expect(job.includes(Buffer.from([0x1d, 0x21, 0x33]))).toBe(false);
    expect(job.includes(iconv.encode('验证码 0385\n', 'gb18030'))).toBe(true);
  });

  it('bundles a preload of the bridge contract and electron only (no schemas, no zod)', () => {
    const code = readFileSync(preload, 'utf8');
    expect([...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1])).toEqual(['electron']);
    expect(code).toContain('"kiosk:print"');
    expect(code).not.toMatch(/zod|z\.object|external_exports/);
    expect(code.length).toBeLessThan(2000);
  });

  it('shows the config problem and exits instead of opening a window', async () => {
    const seen = await runMain('{ "hallServerUrl": ');
    expect(seen.windows).toEqual([]);
    expect(seen.exitCode).toBe(1);
    expect(seen.error).toMatchObject({ message: expect.stringMatching(/not valid JSON/) });
  });
});
