import { describe, expect, it } from 'vitest';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import * as escpos from './escpos';

describe('escpos', () => {
  it('follows every reset with Chinese mode (FS &) and the China character set', () => {
    expect([...escpos.initialize()]).toEqual([0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x52, 0x0f]);
  });

  it.each([
    [1, 1, 0x00],
    [2, 2, 0x11],
    [3, 1, 0x20],
    [1, 2, 0x01],
    [8, 8, 0x77],
  ])('GS ! for %i wide × %i high is %i', (width, height, n) => {
    expect([...escpos.textSize(width, height)]).toEqual([0x1d, 0x21, n]);
  });

  it('rejects size multipliers the printer does not have', () => {
    expect(() => escpos.textSize(0, 1)).toThrow(RangeError);
    expect(() => escpos.textSize(9, 1)).toThrow(RangeError);
  });

  it('builds the same QR block as node-thermal-printer for an ASCII URL', () => {
    const url = 'https://hall.example.cn/t/AB12CD34';
    const library = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', characterSet: CharacterSet.CHINA });
    library.clear();
    library.setBuffer(Buffer.alloc(0));
    library.printQR(url, { cellSize: 6, correction: 'M', model: 2 });
    expect(escpos.qrCode(url, 6, 'M').equals(library.getBuffer())).toBe(true);
  });

  it('counts QR data length in bytes, not characters', () => {
    const data = 'https://例子.cn/t/1';
    const block = escpos.qrCode(data);
    const store = block.indexOf(Buffer.from([0x1d, 0x28, 0x6b]), 20);
    const storeAt = block.indexOf(Buffer.from([0x31, 0x50, 0x30]));
    const length = block[storeAt - 2]! | (block[storeAt - 1]! << 8);
    expect(store).toBeGreaterThan(0);
    expect(length).toBe(Buffer.byteLength(data) + 3);
  });

  it.each([
    ['partial', 16, [0x1d, 0x56, 0x42, 0x10]],
    ['full', 0, [0x1d, 0x56, 0x41, 0x00]],
  ] as const)('GS V feeds to the cutter and makes a %s cut %i units further', (mode, extra, expected) => {
    expect([...escpos.feedAndCut(mode, extra)]).toEqual(expected);
  });

  it('rejects a cut feed one byte cannot carry', () => {
    expect(() => escpos.feedAndCut('partial', 256)).toThrow(RangeError);
    expect(() => escpos.feedAndCut('partial', -1)).toThrow(RangeError);
  });

  it('encodes text in GB18030', () => {
    expect([...escpos.text('号')]).toEqual([0xba, 0xc5]);
  });
});
