// Runs the bundled main.cjs in plain Node with a recording stand-in for the `electron` module, then
// drives its IPC handlers. Used by main-bundle.test.ts where the Electron binary is unavailable.
// usage: node fake-electron-driver.cjs <main.cjs> <json: ticket> <hall origin>
const Module = require('node:module');

const seen = { windows: [], handlers: {}, menu: 'unset', permissionHandler: false, error: undefined, exitCode: undefined };
const windowContents = () => ({ setWindowOpenHandler: (fn) => (seen.windowOpen = fn({ url: 'https://elsewhere.example/' })), on: () => undefined });
class BrowserWindow {
  constructor(options) {
    this.record = { options };
    seen.windows.push(this.record);
    this.webContents = windowContents();
  }
  once() {}
  show() {}
  isDestroyed() { return false; }
  loadURL(url) { this.record.url = url; return Promise.resolve(); }
}
const fakeElectron = {
  app: {
    isPackaged: true,
    getPath: () => process.env.FAKE_USER_DATA,
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    exit: (code) => { seen.exitCode = code; },
    on: () => undefined,
    whenReady: () => Promise.resolve(),
  },
  BrowserWindow,
  dialog: { showErrorBox: (title, message) => { seen.error = { title, message }; } },
  ipcMain: { handle: (channel, handler) => { seen.handlers[channel] = handler; } },
  Menu: { setApplicationMenu: (menu) => { seen.menu = menu; } },
  session: { defaultSession: { setPermissionRequestHandler: (handler) => { handler(null, 'media', (granted) => { seen.permissionHandler = granted === false; }); } } },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? fakeElectron : load.call(this, request, ...rest);
};

const [mainFile, ticketJson, origin] = process.argv.slice(2);
require(mainFile);

setTimeout(async () => {
  const ticket = JSON.parse(ticketJson);
  const invoke = (channel, senderOrigin, ...args) => seen.handlers[channel]?.({ senderFrame: { origin: senderOrigin } }, ...args);
  const result = {
    windows: seen.windows,
    channels: Object.keys(seen.handlers).sort(),
    menu: seen.menu,
    permissionDenied: seen.permissionHandler,
    windowOpen: seen.windowOpen,
    error: seen.error,
    exitCode: seen.exitCode,
  };
  if (seen.handlers['kiosk:print']) {
    result.print = await invoke('kiosk:print', origin, ticket);
    result.printFromElsewhere = await invoke('kiosk:print', 'https://evil.example', ticket);
    result.printMalformed = await invoke('kiosk:print', origin, { number: 5 });
    result.status = await invoke('kiosk:printer-status', origin);
  }
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}, 100);
