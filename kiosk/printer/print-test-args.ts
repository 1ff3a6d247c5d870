import { parsePrinterUri } from './printer-uri';
import { defaultNumberScale, maxNumberScale } from './ticket-layout';

export interface PrintTestArgs {
  printer: string;
  columns: number;
  priority: boolean;
  /** The ticket number's size, as the kiosk's printerNumberScale setting would give it. */
  numberScale: number;
}

export const PRINT_TEST_USAGE = 'usage: npm run print-test -- --printer <tcp://host:9100 | serial:/dev/ttyUSB0?baud=9600> [--columns 48|32] [--number-scale 2–6] [--priority]';

/** Parses the print-test command line; throws an Error whose message says what to fix. */
export function parsePrintTestArgs(argv: string[]): PrintTestArgs {
  const args: PrintTestArgs = { printer: '', columns: 48, priority: false, numberScale: 0 };
  let numberScale: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const [flag = '', inline] = argv[i]!.split(/=(.*)/s, 2);
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value\n${PRINT_TEST_USAGE}`);
      return next;
    };
    if (flag === '--printer') args.printer = value();
    else if (flag === '--columns') args.columns = parseColumns(value());
    else if (flag === '--number-scale') numberScale = value();
    else if (flag === '--priority') args.priority = true;
    else throw new Error(`unknown argument ${JSON.stringify(argv[i])}\n${PRINT_TEST_USAGE}`);
  }
  if (args.printer === '') throw new Error(`missing --printer\n${PRINT_TEST_USAGE}`);
  parsePrinterUri(args.printer);
  args.numberScale = numberScale === undefined ? defaultNumberScale(args.columns) : parseNumberScale(numberScale, args.columns);
  return args;
}

function parseNumberScale(raw: string, columns: number): number {
  const largest = maxNumberScale(columns);
  if (!/^\d$/.test(raw) || Number(raw) < 2 || Number(raw) > largest) {
    throw new Error(`--number-scale is 2–${largest} on ${columns} columns, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

function parseColumns(raw: string): number {
  if (raw !== '48' && raw !== '32') throw new Error(`--columns is 48 (80 mm paper) or 32 (58 mm paper), got ${JSON.stringify(raw)}`);
  return Number(raw);
}
