import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readEscPos } from './escpos-reader';

const bytes = (...values: number[]): Buffer => Buffer.from(values);
const gb = (text: string): Buffer => iconv.encode(text, 'gb18030');

describe('readEscPos', () => {
  it('measures rows in dots from GS ! and the glyph widths (12 dots half width, 24 full)', () => {
    const items = readEscPos(Buffer.concat([
      bytes(0x1b, 0x40, 0x1b, 0x61, 0x01, 0x1d, 0x21, 0x33), gb('A1\n'),
      bytes(0x1d, 0x21, 0x00, 0x1b, 0x45, 0x01), gb('号 1\n'),
      bytes(0x1d, 0x21, 0x10), gb('\n'),
    ]));
    expect(items).toEqual([
      { kind: 'row', text: 'A1', heightDots: 96, widthDots: 96, bold: false, reverse: false, align: 'center' },
      { kind: 'row', text: '号 1', heightDots: 24, widthDots: 48, bold: true, reverse: false, align: 'center' },
      { kind: 'row', text: '', heightDots: 24, widthDots: 0, bold: false, reverse: false, align: 'center' },
    ]);
  });

  it('reads a QR block and both cut forms', () => {
    const items = readEscPos(Buffer.concat([
      bytes(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x05),
      bytes(0x1d, 0x28, 0x6b, 0x05, 0x00, 0x31, 0x50, 0x30, 0x68, 0x69),
      bytes(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30),
      bytes(0x1d, 0x56, 0x00, 0x1d, 0x56, 0x42, 0x08),
    ]));
    expect(items).toEqual([
      { kind: 'qr', data: 'hi', moduleSize: 5 },
      { kind: 'cut', mode: 'full', extraFeed: null },
      { kind: 'cut', mode: 'partial', extraFeed: 8 },
    ]);
  });

  it('refuses a command it does not know rather than skipping it', () => {
    expect(() => readEscPos(bytes(0x1b, 0x64, 0x04))).toThrow(/unknown ESC 0x64/);
  });
});
