import { describe, expect, it } from 'vitest';
import { parsePrintTestArgs } from './print-test-args';

describe('parsePrintTestArgs', () => {
  it.each([
    [['--printer', 'tcp://127.0.0.1:9100'], { printer: 'tcp://127.0.0.1:9100', columns: 48, priority: false, numberScale: 4 }],
    [['--printer=serial:/dev/ttyUSB0?baud=9600', '--columns', '32', '--priority'], { printer: 'serial:/dev/ttyUSB0?baud=9600', columns: 32, priority: true, numberScale: 3 }],
    [['--printer', 'tcp://h', '--number-scale', '6'], { printer: 'tcp://h', columns: 48, priority: false, numberScale: 6 }],
    [['--number-scale=2', '--columns=32', '--printer', 'tcp://h'], { printer: 'tcp://h', columns: 32, priority: false, numberScale: 2 }],
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
    [['--printer', 'tcp://h', '--columns', '32', '--number-scale', '5'], /--number-scale is 2–4 on 32 columns, got "5"/],
    [['--printer', 'tcp://h', '--number-scale', '1'], /--number-scale is 2–6/],
    [['--printer', 'tcp://h', '--number-scale', 'big'], /--number-scale is 2–6/],
  ])('rejects %j', (argv, message) => {
    expect(() => parsePrintTestArgs(argv)).toThrow(message);
  });
});
