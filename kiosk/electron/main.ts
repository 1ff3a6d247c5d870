/**
 * Electron main process of the kiosk: one full-screen window on the hall server's kiosk page,
 * and the printer behind two IPC calls. Bundled to main.cjs by build.ts (Electron loads CommonJS).
 */
import path from 'node:path';
import { KIOSK_IPC, printableTicketSchema, type PrinterStatus, type PrintResult } from '@hall/shared';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type IpcMainInvokeEvent } from 'electron';
import { createFaultReporter } from '../printer/fault-reporter';
import { createPrinter, type Printer } from '../printer/printer';
import { kioskPageUrl, readKioskConfig, resolveConfigPath, type KioskConfig } from './config';
import { reloadDelayMs } from './reload-policy';

/** Retry interval while the hall server cannot be reached (kiosk booted before the server or the network). */
const LOAD_RETRY_MS = 5_000;

function start(): void {
  let config: KioskConfig;
  try {
    config = readKioskConfig(resolveConfigPath(process.env, app.getPath('userData')));
  } catch (error) {
    dialog.showErrorBox('取号机配置错误 / Kiosk configuration error', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }

  const reporter = createFaultReporter({ serverUrl: config.hallServerUrl, deviceToken: config.deviceToken });
  const printer = createPrinter(config.printerUri, {
    layout: { columns: config.printerColumns, numberScale: config.printerNumberScale },
    onStatus: (status) => {
      void reporter.report(status).then((outcome) => {
        if (outcome.sent === false && outcome.reason === 'failed') console.warn(`printer status not reported: ${outcome.detail}`);
      });
    },
  });
  const origin = new URL(config.hallServerUrl).origin;
  registerPrinterIpc(printer, origin);
  openKioskWindow(kioskPageUrl(config), origin);

  if (config.statusPollSeconds > 0) {
    void printer.status();
    setInterval(() => void printer.status(), config.statusPollSeconds * 1000).unref();
  }
  app.on('before-quit', () => void printer.close());
}

/** Answers only the hall server's own page: a frame from anywhere else gets nothing from the printer. */
function registerPrinterIpc(printer: Printer, origin: string): void {
  const fromHall = (event: IpcMainInvokeEvent): boolean => event.senderFrame?.origin === origin;

  ipcMain.handle(KIOSK_IPC.print, async (event, ticket: unknown): Promise<PrintResult> => {
    if (!fromHall(event)) return { ok: false, fault: { state: 'error', message: 'print refused: request did not come from the hall server page' } };
    const parsed = printableTicketSchema.safeParse(ticket);
    // A malformed ticket is the page's bug, not the printer's: answer it without reporting a printer fault.
    if (!parsed.success) return { ok: false, fault: { state: 'error', message: `not a printable ticket: ${parsed.error.issues[0]?.message ?? 'invalid'}` } };
    return printer.print(parsed.data);
  });

  ipcMain.handle(KIOSK_IPC.printerStatus, async (event): Promise<PrinterStatus> => {
    if (!fromHall(event)) return { state: 'error', message: 'status refused: request did not come from the hall server page' };
    return printer.status();
  });
}

function openKioskWindow(pageUrl: string, origin: string): BrowserWindow {
  const window = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      devTools: !app.isPackaged,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  // Visitors must not wander off: no pop-ups, no navigation away from the hall server.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== origin) event.preventDefault();
  });

  const crashes: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const now = Date.now();
    crashes.push(now);
    const delay = reloadDelayMs(crashes, now);
    console.error(`kiosk page ${details.reason} (exit ${details.exitCode}); reloading in ${delay} ms`);
    setTimeout(() => {
      if (!window.isDestroyed()) void window.loadURL(pageUrl);
    }, delay);
  });
  contents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    // -3 is ERR_ABORTED: a navigation superseded by another, not a failure.
    if (!isMainFrame || code === -3) return;
    // Without the query: the page URL carries the device token (?device=), which must not reach a log.
    console.error(`cannot load ${url.split(/[?#]/)[0]}: ${description} (${code}); retrying in ${LOAD_RETRY_MS} ms`);
    setTimeout(() => {
      if (!window.isDestroyed()) void window.loadURL(pageUrl);
    }, LOAD_RETRY_MS);
  });

  void window.loadURL(pageUrl);
  return window;
}

// Two copies would fight over the printer (a serial port opens once) and stack two full-screen windows.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  Menu.setApplicationMenu(null);
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    // The kiosk page needs no camera, microphone, notifications or geolocation.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    start();
  });
}
