import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePrinterUri } from '../printer/printer-uri';
import { defaultNumberScale, maxNumberScale } from '../printer/ticket-layout';

/** One kiosk's local settings, written by the installer or technician next to the app's data. */
export interface KioskConfig {
  /** The hall server's origin, e.g. http://192.168.1.10:8080 (no trailing slash). */
  hallServerUrl: string;
  /** This kiosk's device token from `npm run hall -- device add`. */
  deviceToken: string;
  /** tcp://host:9100 or serial:/dev/ttyUSB0?baud=9600 */
  printerUri: string;
  /** 48 for 80 mm paper, 32 for 58 mm. */
  printerColumns: 48 | 32;
  /** How many times body size the ticket number prints: 4 on 80 mm, 3 on 58 mm unless set (2–6 / 2–4). */
  printerNumberScale: number;
  /** How often to ask the printer how it is between tickets; 0 turns polling off. */
  statusPollSeconds: number;
}

export const CONFIG_FILE_NAME = 'kiosk-config.json';
export const CONFIG_ENV = 'KIOSK_CONFIG';

const EXAMPLE = '{ "hallServerUrl": "http://192.168.1.10:8080", "deviceToken": "…", "printerUri": "tcp://192.168.1.50:9100" }';
const KNOWN_KEYS = new Set(['hallServerUrl', 'deviceToken', 'printerUri', 'printerColumns', 'printerNumberScale', 'statusPollSeconds']);

export class KioskConfigError extends Error {
  constructor(source: string, problems: string[]) {
    super(`kiosk config ${source} is not usable:\n${problems.map((p) => `  - ${p}`).join('\n')}\nexample: ${EXAMPLE}`);
    this.name = 'KioskConfigError';
  }
}

/** The config file path: $KIOSK_CONFIG when set, else kiosk-config.json in the app's userData folder. */
export function resolveConfigPath(env: Record<string, string | undefined>, userDataDir: string): string {
  const fromEnv = env[CONFIG_ENV]?.trim();
  return fromEnv ? path.resolve(fromEnv) : path.join(userDataDir, CONFIG_FILE_NAME);
}

/** Reads and validates the config file; every problem is listed in one KioskConfigError. */
export function readKioskConfig(file: string): KioskConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KioskConfigError(file, [code === 'ENOENT' ? 'file not found: create it' : `cannot read it (${code ?? String(error)})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new KioskConfigError(file, [`not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  return parseKioskConfig(raw, file);
}

/** Validates parsed JSON as a kiosk config. Pure. */
export function parseKioskConfig(raw: unknown, source: string): KioskConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new KioskConfigError(source, ['expected a JSON object']);
  const fields = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(fields)) if (!KNOWN_KEYS.has(key)) problems.push(`unknown key "${key}" (a typo?)`);

  const hallServerUrl = checkServerUrl(fields.hallServerUrl, problems);
  const deviceToken = typeof fields.deviceToken === 'string' ? fields.deviceToken.trim() : '';
  if (deviceToken === '') problems.push('deviceToken: required, the token printed by `npm run hall -- device add`');
  else if (/\s/.test(deviceToken)) problems.push('deviceToken: must not contain spaces');

  const printerUri = typeof fields.printerUri === 'string' ? fields.printerUri.trim() : '';
  if (printerUri === '') problems.push('printerUri: required, e.g. tcp://192.168.1.50:9100 or serial:/dev/ttyUSB0?baud=9600');
  else {
    try {
      parsePrinterUri(printerUri);
    } catch (error) {
      problems.push(`printerUri: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const printerColumns = fields.printerColumns ?? 48;
  if (printerColumns !== 48 && printerColumns !== 32) problems.push('printerColumns: 48 (80 mm paper) or 32 (58 mm paper)');
  const columns = printerColumns === 32 ? 32 : 48;
  const printerNumberScale = fields.printerNumberScale ?? defaultNumberScale(columns);
  // Below 2 the number is no bigger than the text around it; above the maximum a 7-character number breaks in two.
  const largest = maxNumberScale(columns);
  if (typeof printerNumberScale !== 'number' || !Number.isInteger(printerNumberScale) || printerNumberScale < 2 || printerNumberScale > largest) {
    problems.push(`printerNumberScale: a whole number 2–${largest} on ${columns === 48 ? '80' : '58'} mm paper (default ${defaultNumberScale(columns)})`);
  }
  const statusPollSeconds = fields.statusPollSeconds ?? 60;
  if (typeof statusPollSeconds !== 'number' || !Number.isInteger(statusPollSeconds) || statusPollSeconds < 0 || statusPollSeconds > 3600) {
    problems.push('statusPollSeconds: a whole number of seconds, 0–3600 (0 turns polling off)');
  }

  if (problems.length > 0) throw new KioskConfigError(source, problems);
  return {
    hallServerUrl,
    deviceToken,
    printerUri,
    printerColumns: columns,
    printerNumberScale: printerNumberScale as number,
    statusPollSeconds: statusPollSeconds as number,
  };
}

function checkServerUrl(value: unknown, problems: string[]): string {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push('hallServerUrl: required, e.g. http://192.168.1.10:8080');
    return '';
  }
  if (!/^https?:\/\//i.test(value.trim())) {
    problems.push('hallServerUrl: must start with http:// or https://');
    return '';
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    problems.push(`hallServerUrl: ${JSON.stringify(value)} is not a URL`);
    return '';
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    problems.push('hallServerUrl: the server origin only, without a path (the kiosk adds /kiosk/)');
  }
  return url.origin;
}

/** The page the kiosk window shows: the hall server's kiosk app, told which device it is. */
export function kioskPageUrl(config: Pick<KioskConfig, 'hallServerUrl' | 'deviceToken'>): string {
  return `${config.hallServerUrl}/kiosk/?device=${encodeURIComponent(config.deviceToken)}`;
}
