/** Where a kiosk's printer is: a network printer's raw port or a serial line. */
export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number };

const EXAMPLES = 'expected tcp://host:9100 or serial:/dev/ttyUSB0?baud=9600 (serial:COM3?baud=9600 on Windows)';
const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

export class PrinterUriError extends Error {
  constructor(uri: string, reason: string) {
    super(`bad printer URI ${JSON.stringify(uri)}: ${reason}; ${EXAMPLES}`);
    this.name = 'PrinterUriError';
  }
}

/** Parses a printer URI from the kiosk config, throwing PrinterUriError with the fix in the message. */
export function parsePrinterUri(uri: string): PrinterTarget {
  const trimmed = uri.trim();
  if (trimmed.startsWith('tcp://')) return parseTcp(uri, trimmed);
  if (trimmed.startsWith('serial:')) return parseSerial(uri, trimmed.slice('serial:'.length));
  throw new PrinterUriError(uri, trimmed === '' ? 'empty' : 'unknown scheme');
}

function parseTcp(uri: string, trimmed: string): PrinterTarget {
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new PrinterUriError(uri, 'not a valid URL');
  }
  if (url.hostname === '') throw new PrinterUriError(uri, 'missing host');
  if (url.username !== '' || url.password !== '') throw new PrinterUriError(uri, 'credentials are not supported');
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    throw new PrinterUriError(uri, 'a raw printer port takes no path or query');
  }
  // The raw-printing convention (JetDirect / AppSocket) is port 9100 when none is given.
  const port = url.port === '' ? 9100 : Number(url.port);
  return { kind: 'tcp', host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

function parseSerial(uri: string, rest: string): PrinterTarget {
  const [path = '', query, ...extra] = rest.split('?');
  if (extra.length > 0) throw new PrinterUriError(uri, 'more than one "?"');
  if (!/^(\/[^\s]+|COM\d+)$/i.test(path)) throw new PrinterUriError(uri, 'serial device must be an absolute path or COMn');
  let baudRate = 9600;
  for (const [key, value] of new URLSearchParams(query ?? '')) {
    if (key !== 'baud') throw new PrinterUriError(uri, `unknown option "${key}" (only baud is supported)`);
    baudRate = Number(value);
    if (!BAUD_RATES.includes(baudRate)) throw new PrinterUriError(uri, `baud must be one of ${BAUD_RATES.join(', ')}`);
  }
  return { kind: 'serial', path, baudRate };
}

/** The URI form of a target, for messages and logs. */
export function formatPrinterTarget(target: PrinterTarget): string {
  return target.kind === 'tcp'
    ? `tcp://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`
    : `serial:${target.path}?baud=${target.baudRate}`;
}
