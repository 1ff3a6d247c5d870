import { describe, expect, it } from 'vitest';
import { normalizeTicketNumber, parseRateInput, pressCodeKey, pressKey } from './ticket-input';

describe('parseRateInput', () => {
  it.each([
    ['http://192.168.1.10:8080/t/Zx8_k2LmQp0aBc', { kind: 'tracking', code: 'Zx8_k2LmQp0aBc' }],
    ['https://hall.example.cn/t/abcdefghij1234/', { kind: 'tracking', code: 'abcdefghij1234' }],
    ['/t/abcdefghij1234?x=1', { kind: 'tracking', code: 'abcdefghij1234' }],
    ['A012', { kind: 'number', number: 'A012' }],
    [' a12 ', { kind: 'number', number: 'A012' }],
    ['http://hall/t/short', { kind: 'invalid' }],
    ['hello', { kind: 'invalid' }],
    ['', { kind: 'invalid' }],
  ] as const)('%s', (raw, expected) => {
    expect(parseRateInput(raw)).toEqual(expected);
  });
});

describe('normalizeTicketNumber', () => {
  it.each([
    ['A1', 'A001'],
    ['b0007', 'B007'],
    ['A1000', 'A1000'],
    ['AB12', 'AB012'],
    ['A0', null],
    ['12', null],
    ['A', null],
    ['ABC1', null],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeTicketNumber(raw)).toBe(expected);
  });
});

describe('pressKey', () => {
  it.each([
    ['', '1', ''],
    ['', 'A', 'A'],
    ['A', '0', 'A0'],
    ['A01', '2', 'A012'],
    ['A012', 'B', 'B'],
    ['A12345', '6', 'A12345'],
    ['A012', 'delete', 'A01'],
    ['', 'delete', ''],
    ['A', 'x', 'A'],
  ])('%s + %s → %s', (current, key, expected) => {
    expect(pressKey(current, key)).toBe(expected);
  });
});

describe('pressCodeKey', () => {
  it.each([
    ['', '4', '4'],
    ['482', '1', '4821'],
    ['4821', '7', '4821'],
    ['48', 'A', '48'],
    ['48', 'delete', '4'],
    ['', 'delete', ''],
  ])('%s + %s → %s', (current, key, expected) => {
    expect(pressCodeKey(current, key)).toBe(expected);
  });
});
