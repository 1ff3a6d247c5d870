import { describe, expect, it } from 'vitest';
import { displayWidth, sanitizeText, spreadLine, wrapToWidth } from './display-width';

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['A012', 4],
    ['法律援助', 8],
    ['A012 法律援助', 13],
    ['（全角）', 8],
    ['𠀀', 2],
  ])('%j is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('sanitizeText', () => {
  it('drops control bytes that would become ESC/POS commands', () => {
    expect(sanitizeText('a\x1b@b\x1d\x56\x00c')).toBe('a@bVc');
  });
  it('keeps newlines and turns CRLF and tabs into plain spacing', () => {
    expect(sanitizeText('a\r\nb\tc\rd')).toBe('a\nb c\nd');
  });
});

describe('wrapToWidth', () => {
  it.each([
    { text: '请携带身份证原件及复印件', columns: 10, lines: ['请携带身份', '证原件及复', '印件'] },
    { text: '请携带身份证。原件', columns: 12, lines: ['请携带身份', '证。原件'] },
    { text: 'bring your ID card', columns: 8, lines: ['bring', 'your ID', 'card'] },
    { text: '第一行\n第二行', columns: 20, lines: ['第一行', '第二行'] },
    { text: '', columns: 20, lines: [''] },
  ])('$text at $columns columns', ({ text, columns, lines }) => {
    expect(wrapToWidth(text, columns)).toEqual(lines);
  });

  it('never exceeds the width', () => {
    const text = '申请法律援助需提供：身份证明、经济困难证明、与所申请法律援助事项有关的案件材料。Apply at window 3.';
    for (const columns of [8, 15, 32, 48]) {
      for (const line of wrapToWidth(text, columns)) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    }
  });
});

describe('spreadLine', () => {
  it('pads by display width so the value ends at the last column', () => {
    const [row] = spreadLine('前面等候', '3 人', 32);
    expect(displayWidth(row!)).toBe(32);
    expect(row).toBe(`前面等候${' '.repeat(32 - 8 - 4)}3 人`);
  });
  it('puts the value on its own right-aligned line when both do not fit', () => {
    const rows = spreadLine('很长很长的标签', '很长的值', 16);
    expect(rows).toEqual(['很长很长的标签', `${' '.repeat(8)}很长的值`]);
  });
});
