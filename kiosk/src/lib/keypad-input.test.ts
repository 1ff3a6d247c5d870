import { describe, expect, it } from 'vitest';
import { checkInTypedKey } from './check-in';
import { keyboardInput } from './keypad-input';
import { rateTypedKey } from './ticket-input';

/** Feeds keys to a keypad's keyboard handler and records what it pressed, handed over and prevented. */
function drive(typedKey: (key: string, scanned: string) => string | null, keys: string[]) {
  const pressed: string[] = [];
  const entered: string[] = [];
  let prevented = 0;
  const onkeydown = keyboardInput({ onpress: (key) => pressed.push(key), onenter: (text) => entered.push(text), typedKey });
  for (const key of keys) onkeydown({ key, preventDefault: () => (prevented += 1) });
  return { pressed, entered, prevented };
}

describe('the keypad keyboard (预约签到)', () => {
  it('types digits, Backspace deletes, Enter hands over what was typed', () => {
    expect(drive(checkInTypedKey, ['1', '2', 'Backspace', '3', 'Enter'])).toEqual({ pressed: ['1', '2', 'delete', '3'], entered: ['123'], prevented: 1 });
  });

  it('presses no key while a scanner types a booking QR, and hands over its whole text', () => {
    expect(drive(checkInTypedKey, [...'BK:12:654321', 'Enter'])).toEqual({ pressed: [], entered: ['BK:12:654321'], prevented: 1 });
  });

  it('starts afresh after Enter and passes over keys that are no character', () => {
    expect(drive(checkInTypedKey, [...'BK:1', 'Enter', 'Shift', '5', 'ArrowLeft', 'Enter'])).toEqual({ pressed: ['5'], entered: ['BK:1', '5'], prevented: 2 });
  });
});

describe('the keypad keyboard (评价服务)', () => {
  it('types a number with its letter as a capital', () => {
    expect(drive(rateTypedKey, ['a', '1', '2'])).toEqual({ pressed: ['A', '1', '2'], entered: [], prevented: 0 });
  });

  it('stops pressing keys once a scanned URL shows a slash, and hands the URL over on Enter', () => {
    expect(drive(rateTypedKey, [...'http://h/t/abc', 'Enter'])).toEqual({ pressed: ['H', 'T', 'T', 'P'], entered: ['http://h/t/abc'], prevented: 1 });
  });
});
