import { describe, expect, it } from 'vitest';
import { formatPrinterTarget, parsePrinterUri, PrinterUriError } from './printer-uri';

describe('parsePrinterUri', () => {
  it.each([
    ['tcp://192.168.1.50:9100', { kind: 'tcp', host: '192.168.1.50', port: 9100 }],
    ['tcp://printer.hall.local', { kind: 'tcp', host: 'printer.hall.local', port: 9100 }],
    ['tcp://127.0.0.1:9101/', { kind: 'tcp', host: '127.0.0.1', port: 9101 }],
    ['tcp://[::1]:9100', { kind: 'tcp', host: '::1', port: 9100 }],
    [' serial:/dev/ttyUSB0?baud=9600 ', { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 }],
    ['serial:/dev/ttyS1', { kind: 'serial', path: '/dev/ttyS1', baudRate: 9600 }],
    ['serial:COM3?baud=115200', { kind: 'serial', path: 'COM3', baudRate: 115200 }],
  ])('%s', (uri, target) => {
    expect(parsePrinterUri(uri)).toEqual(target);
  });

  it.each([
    ['', 'empty'],
    ['192.168.1.50:9100', 'unknown scheme'],
    ['usb://04b8:0202', 'unknown scheme'],
    ['tcp://', 'missing host'],
    ['tcp://host:99999', 'not a valid URL'],
    ['tcp://host:9100/print', 'no path or query'],
    ['tcp://host:9100?x=1', 'no path or query'],
    ['tcp://user:pw@host:9100', 'credentials'],
    ['serial:', 'absolute path or COMn'],
    ['serial:ttyUSB0', 'absolute path or COMn'],
    ['serial:/dev/ttyUSB0?baud=9601', 'baud must be one of'],
    ['serial:/dev/ttyUSB0?baud=fast', 'baud must be one of'],
    ['serial:/dev/ttyUSB0?parity=even', 'unknown option "parity"'],
  ])('rejects %j (%s)', (uri, reason) => {
    expect(() => parsePrinterUri(uri)).toThrow(PrinterUriError);
    expect(() => parsePrinterUri(uri)).toThrow(reason);
    expect(() => parsePrinterUri(uri)).toThrow('expected tcp://host:9100');
  });

  it('formats a target back into a URI', () => {
    for (const uri of ['tcp://10.0.0.9:9100', 'tcp://[::1]:9100', 'serial:/dev/ttyUSB0?baud=19200']) {
      expect(formatPrinterTarget(parsePrinterUri(uri))).toBe(uri);
    }
  });
});
