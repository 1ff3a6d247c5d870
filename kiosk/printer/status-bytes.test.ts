import { describe, expect, it } from 'vitest';
import { interpretStatus, isStatusByte } from './status-bytes';

describe('interpretStatus', () => {
  it.each([
    { name: 'all clear', bytes: { printer: 0x12, paperSensor: 0x12 }, state: 'ok', message: undefined },
    { name: 'paper near end', bytes: { printer: 0x12, paperSensor: 0x1e }, state: 'ok', message: 'paper near end' },
    { name: 'paper out (printer also offline)', bytes: { printer: 0x1a, paperSensor: 0x72 }, state: 'paper-out', message: 'roll paper end sensor: no paper' },
    { name: 'paper out, printer still online', bytes: { printer: 0x12, paperSensor: 0x72 }, state: 'paper-out', message: 'roll paper end sensor: no paper' },
    { name: 'offline, cause unknown', bytes: { printer: 0x1a, paperSensor: 0x12 }, state: 'offline', message: 'printer reports offline' },
    { name: 'cover open', bytes: { printer: 0x1a, paperSensor: 0x12, offlineCause: 0x16 }, state: 'offline', message: 'cover open' },
    { name: 'error', bytes: { printer: 0x1a, paperSensor: 0x12, offlineCause: 0x52 }, state: 'error', message: 'printer reports an error (cutter jam or head overheated)' },
  ])('$name → $state', ({ bytes, state, message }) => {
    expect(interpretStatus(bytes)).toEqual(message === undefined ? { state } : { state, message });
  });
});

describe('isStatusByte', () => {
  it.each([
    [0x12, true],
    [0x1a, true],
    [0x72, true],
    [0x00, false],
    [0xff, false],
    [0x41, false],
  ])('0x%s → %s', (value, expected) => {
    expect(isStatusByte(value)).toBe(expected);
  });
});
