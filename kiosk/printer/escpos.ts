import iconv from 'iconv-lite';

/**
 * The handful of ESC/POS commands a ticket needs, as byte builders. Hand-built rather than taken
 * from node-thermal-printer because its `setTextSize(h, w)` puts height in the width nibble, its QR
 * length counts UTF-16 units instead of bytes, and its text path silently switches code pages.
 * Reference: https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/
 */

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;

/**
 * ESC @ resets the printer, which also drops Chinese (Kanji) mode, so it is always followed by
 * FS & (1C 26) and ESC R 15 (China). Without FS & a Chinese printer prints GB bytes as two
 * Latin glyphs each.
 */
export function initialize(): Buffer {
  return Buffer.from([ESC, 0x40, FS, 0x26, ESC, 0x52, 0x0f]);
}

export type Alignment = 'left' | 'center' | 'right';

export function align(alignment: Alignment): Buffer {
  return Buffer.from([ESC, 0x61, { left: 0, center: 1, right: 2 }[alignment]]);
}

export function bold(on: boolean): Buffer {
  return Buffer.from([ESC, 0x45, on ? 1 : 0]);
}

/** GS B: white on black, used for the 绿色通道 mark so staff spot it at arm's length. */
export function reverse(on: boolean): Buffer {
  return Buffer.from([GS, 0x42, on ? 1 : 0]);
}

/** GS ! n: width multiplier in the high nibble, height in the low nibble, each 1–8. */
export function textSize(width: number, height: number): Buffer {
  for (const factor of [width, height]) {
    if (!Number.isInteger(factor) || factor < 1 || factor > 8) {
      throw new RangeError(`textSize: multipliers are 1–8, got ${width}×${height}`);
    }
  }
  return Buffer.from([GS, 0x21, ((width - 1) << 4) | (height - 1)]);
}

/** Text in GB18030, the superset of GBK that covers every Unicode character (4-byte sequences for rare ones). */
export function text(value: string): Buffer {
  return iconv.encode(value, 'gb18030');
}

export function line(value: string): Buffer {
  return Buffer.concat([text(value), Buffer.from([0x0a])]);
}

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

/**
 * Native QR (GS ( k, function 165/167/169/180/181): model 2, module size in dots, error level.
 * The store length pL pH counts bytes of the data plus 3.
 */
export function qrCode(data: string, moduleSize = 6, errorLevel: QrErrorLevel = 'M'): Buffer {
  if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16) {
    throw new RangeError(`qrCode: module size is 1–16 dots, got ${moduleSize}`);
  }
  const payload = Buffer.from(data, 'utf8');
  // 7089 is the QR capacity limit; real printers choke far earlier, so the tracking URL must stay short.
  if (payload.length === 0 || payload.length > 7089) throw new RangeError(`qrCode: data must be 1–7089 bytes, got ${payload.length}`);
  const storeLength = payload.length + 3;
  return Buffer.concat([
    Buffer.from([GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]),
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize]),
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 }[errorLevel]]),
    Buffer.from([GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30]),
    payload,
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]),
  ]);
}

export type CutMode = 'full' | 'partial';

/**
 * GS V m n (function B, m = 65 full / 66 partial): feed until the last printed line has passed the
 * cutter, n motion units further, then cut. The printer knows its own head-to-cutter distance, so
 * no fixed `ESC d` guess cuts through the QR on one model or wastes paper on another.
 */
export function feedAndCut(mode: CutMode, extraFeed: number): Buffer {
  if (!Number.isInteger(extraFeed) || extraFeed < 0 || extraFeed > 255) {
    throw new RangeError(`feedAndCut: extra feed is 0–255 motion units, got ${extraFeed}`);
  }
  return Buffer.from([GS, 0x56, mode === 'full' ? 0x41 : 0x42, extraFeed]);
}
