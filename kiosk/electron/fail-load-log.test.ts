import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKioskShell } from './build';

/**
 * The bundled main process in plain Node under a stand-in for `electron` that keeps the window's
 * event handlers, then reports a failed page load: the log line names the page, never its token.
 */
const DRIVER = `
const Module = require('node:module');
const handlers = {};
let loaded = null;
class BrowserWindow {
  constructor() { this.webContents = { setWindowOpenHandler() {}, on: (name, fn) => { handlers[name] = fn; } }; }
  once() {}
  show() {}
  isDestroyed() { return true; }
  loadURL(url) { loaded = url; return Promise.resolve(); }
}
const electron = {
  app: { isPackaged: true, getPath: () => process.env.FAKE_USER_DATA, requestSingleInstanceLock: () => true, quit() {}, exit() {}, on() {}, whenReady: () => Promise.resolve() },
  BrowserWindow,
  dialog: { showErrorBox(title, message) { console.error('dialog', title, message); } },
  ipcMain: { handle() {} },
  Menu: { setApplicationMenu() {} },
  session: { defaultSession: { setPermissionRequestHandler() {} } },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest); };
require(process.argv[2]);
setTimeout(() => {
  handlers['did-fail-load']({}, -102, 'ERR_CONNECTION_REFUSED', loaded, true);
  process.stdout.write(JSON.stringify({ loaded }));
  process.exit(0);
}, 100);
`;

let workDir: string;
let main: string;

beforeAll(async () => {
  // Inside the repo, so the bundle's external `serialport` resolves from node_modules.
  workDir = mkdtempSync(path.join(import.meta.dirname, '.test-build-log-'));
  ({ main } = await buildKioskShell(workDir));
  writeFileSync(path.join(workDir, 'driver.cjs'), DRIVER);
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('kiosk shell log', () => {
  it('logs a failed page load without the device token', async () => {
    const token = 'kiosk-device-token-SECRET-42';
    const configFile = path.join(workDir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ hallServerUrl: 'http://127.0.0.1:1', deviceToken: token, printerUri: 'tcp://127.0.0.1:1', statusPollSeconds: 0 }));
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(workDir, 'driver.cjs'), main], {
      env: { ...process.env, KIOSK_CONFIG: configFile, FAKE_USER_DATA: workDir }, timeout: 20_000,
    });
    // The page itself does carry the token: that is how the kiosk pairs.
    expect(JSON.parse(stdout)).toEqual({ loaded: `http://127.0.0.1:1/kiosk/?device=${token}` });
    expect(stderr).toContain('cannot load http://127.0.0.1:1/kiosk/: ERR_CONNECTION_REFUSED (-102); retrying in 5000 ms');
    expect(stderr).not.toContain(token);
  });
});
