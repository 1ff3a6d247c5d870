import { describe, expect, it } from 'vitest';
import { parsePrintTestArgs } from './print-test-args';

describe('parsePrintTestArgs', () => {
  it.each([
    [['--printer', 'tcp://127.0.0.1:9100'], { printer: 'tcp://127.0.0.1:9100', columns: 48, priority: false }],
    [['--printer=serial:/dev/ttyUSB0?baud=9600', '--columns', '32', '--priority'], { printer: 'serial:/dev/ttyUSB0?baud=9600', columns: 32, priority: true }],
  ])('%j', (argv, expected) => {
    expect(parsePrintTestArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], /missing --printer/],
    [['--printer'], /--printer needs a value/],
    [['--printer', '--priority'], /--printer needs a value/],
    [['--printer', '10.0.0.5:9100'], /bad printer URI "10.0.0.5:9100": unknown scheme/],
    [['--printer', 'tcp://h', '--columns', '40'], /--columns is 48/],
    [['--printr', 'tcp://h'], /unknown argument "--printr"/],
  ])('rejects %j', (argv, message) => {
    expect(() => parsePrintTestArgs(argv)).toThrow(message);
  });
});
