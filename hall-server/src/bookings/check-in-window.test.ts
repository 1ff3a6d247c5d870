import { describe, expect, it } from 'vitest';
import { checkInRefusal } from './check-in-window';

const SLOT = Date.parse('2026-12-02T01:30:00Z'); // 09:30 Beijing
const at = (hhmm: string) => Date.parse(`2026-12-02T${hhmm}:00Z`);

describe('checkInRefusal (−60/+20 minutes)', () => {
  it.each([
    ['61 minutes early', at('00:29'), 'too-early'],
    ['exactly 60 minutes early', at('00:30'), null],
    ['at the slot start', at('01:30'), null],
    ['20 minutes late', at('01:50'), null],
    ['21 minutes late', at('01:51'), 'too-late'],
  ])('%s', (_label, now, expected) => {
    expect(checkInRefusal(SLOT, now)).toBe(expected);
  });

  it('takes other windows', () => {
    expect(checkInRefusal(SLOT, at('01:00'), { earlyMinutes: 15, lateMinutes: 5 })).toBe('too-early');
    expect(checkInRefusal(SLOT, at('01:36'), { earlyMinutes: 15, lateMinutes: 5 })).toBe('too-late');
  });
});
