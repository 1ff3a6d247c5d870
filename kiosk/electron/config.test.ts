import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kioskPageUrl, KioskConfigError, parseKioskConfig, readKioskConfig, resolveConfigPath } from './config';

const valid = { hallServerUrl: 'http://192.168.1.10:8080/', deviceToken: 'dev_abc123', printerUri: 'tcp://192.168.1.50:9100' };
const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

describe('parseKioskConfig', () => {
  it('accepts a minimal config and fills the defaults', () => {
    expect(parseKioskConfig(valid, 'test')).toEqual({
      hallServerUrl: 'http://192.168.1.10:8080',
      deviceToken: 'dev_abc123',
      printerUri: 'tcp://192.168.1.50:9100',
      printerColumns: 48,
      printerNumberScale: 4,
      statusPollSeconds: 60,
    });
  });

  it.each([
    // paper columns, setting, number scale the printer gets
    [48, undefined, 4],
    [32, undefined, 3],
    [48, 3, 3],
    [48, 6, 6],
    [32, 4, 4],
    [32, 2, 2],
  ])('on %i columns with printerNumberScale %s prints the number at %i×', (printerColumns, printerNumberScale, expected) => {
    expect(parseKioskConfig({ ...valid, printerColumns, printerNumberScale }, 'test').printerNumberScale).toBe(expected);
  });

  it('keeps explicit paper width and polling', () => {
    expect(parseKioskConfig({ ...valid, printerUri: 'serial:/dev/ttyUSB0?baud=9600', printerColumns: 32, statusPollSeconds: 0 }, 'test')).toMatchObject({
      printerColumns: 32,
      statusPollSeconds: 0,
    });
  });

  it.each([
    [null, /expected a JSON object/],
    [[valid], /expected a JSON object/],
    [{ ...valid, hallServerUrl: undefined }, /hallServerUrl: required/],
    [{ ...valid, hallServerUrl: '192.168.1.10:8080' }, /hallServerUrl: must start with http/],
    [{ ...valid, hallServerUrl: 'http://exa mple' }, /is not a URL/],
    [{ ...valid, hallServerUrl: 'http://hall/kiosk/' }, /without a path/],
    [{ ...valid, deviceToken: ' ' }, /deviceToken: required/],
    [{ ...valid, deviceToken: 'a b' }, /must not contain spaces/],
    [{ ...valid, printerUri: undefined }, /printerUri: required/],
    [{ ...valid, printerUri: 'COM3' }, /printerUri: bad printer URI "COM3": unknown scheme/],
    [{ ...valid, printerColumns: 42 }, /printerColumns: 48/],
    [{ ...valid, printerNumberScale: 7 }, /printerNumberScale: a whole number 2–6 on 80 mm paper \(default 4\)/],
    [{ ...valid, printerColumns: 32, printerNumberScale: 5 }, /printerNumberScale: a whole number 2–4 on 58 mm paper \(default 3\)/],
    [{ ...valid, printerNumberScale: 1 }, /printerNumberScale: a whole number 2–6/],
    [{ ...valid, printerNumberScale: 2.5 }, /printerNumberScale/],
    [{ ...valid, printerNumberScale: '4' }, /printerNumberScale/],
    [{ ...valid, statusPollSeconds: -1 }, /statusPollSeconds/],
    [{ ...valid, hallServerURL: 'http://x' }, /unknown key "hallServerURL"/],
  ])('rejects %j', (raw, message) => {
    expect(() => parseKioskConfig(raw, 'test')).toThrow(KioskConfigError);
    expect(() => parseKioskConfig(raw, 'test')).toThrow(message);
  });

  it('lists every problem at once', () => {
    expect(() => parseKioskConfig({}, 'kiosk-config.json')).toThrow(/hallServerUrl[\s\S]*deviceToken[\s\S]*printerUri/);
  });
});

describe('readKioskConfig', () => {
  it('reads a file, BOM and all (Windows Notepad adds one)', () => {
    expect(readKioskConfig(file('bom.json', `\uFEFF${JSON.stringify(valid)}`)).deviceToken).toBe('dev_abc123');
  });

  it.each([
    ['missing', () => path.join(dir, 'absent.json'), /absent\.json is not usable:\n {2}- file not found/],
    ['not JSON', () => file('broken.json', '{ "hallServerUrl": '), /broken\.json is not usable:\n {2}- not valid JSON/],
    ['a directory', () => dir, /cannot read it \(EISDIR\)/],
  ])('explains a %s file', (_name, target, message) => {
    expect(() => readKioskConfig(target())).toThrow(message);
  });
});

describe('resolveConfigPath', () => {
  it('prefers $KIOSK_CONFIG', () => {
    expect(resolveConfigPath({ KIOSK_CONFIG: '/etc/kiosk.json' }, '/home/k/.config/kiosk')).toBe('/etc/kiosk.json');
  });
  it('falls back to userData', () => {
    expect(resolveConfigPath({}, '/home/k/.config/kiosk')).toBe('/home/k/.config/kiosk/kiosk-config.json');
  });
});

describe('kioskPageUrl', () => {
  it('points at the kiosk app with the device token escaped', () => {
    expect(kioskPageUrl({ hallServerUrl: 'http://hall:8080', deviceToken: 'a+b/c' })).toBe('http://hall:8080/kiosk/?device=a%2Bb%2Fc');
  });
});
