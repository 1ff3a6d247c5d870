import { describe, expect, it } from 'vitest';
import { reportAfterPrint } from './printer-report';

describe('reportAfterPrint', () => {
  it.each([
    ['first good print: nothing to say', null, { ok: true }, null],
    ['still fine', 'ok', { ok: true }, null],
    ['a fault', 'ok', { ok: false, fault: { state: 'offline', message: 'refused' } }, { state: 'offline', message: 'refused' }],
    ['the same fault again is still reported', 'offline', { ok: false, fault: { state: 'offline' } }, { state: 'offline' }],
    ['a fault without details', null, { ok: false }, { state: 'error' }],
    ['recovery after a fault', 'paper-out', { ok: true }, { state: 'ok' }],
  ] as const)('%s', (_label, last, result, expected) => {
    expect(reportAfterPrint(last, result)).toEqual(expected);
  });
});
