import iconv from 'iconv-lite';

/**
 * Reads ESC/POS bytes the way the printer's head lays them on paper, for tests that ask how big a
 * thing prints rather than which bytes carry it. Font A: 12×24 dots a half-width glyph, 24×24 a
 * full-width (GB18030 multi-byte) one, each scaled by GS !. Knows only the commands tickets use and
 * throws on anything else, so a new command cannot slip past a test unread.
 */
export type PrintedItem =
  | { kind: 'row'; text: string; heightDots: number; widthDots: number; bold: boolean; reverse: boolean; align: 'left' | 'center' | 'right' }
  | { kind: 'qr'; data: string; moduleSize: number }
  | { kind: 'cut'; mode: 'full' | 'partial'; extraFeed: number | null };

const GLYPH_HEIGHT = 24;
const HALF_WIDTH = 12;

export function readEscPos(bytes: Buffer): PrintedItem[] {
  const items: PrintedItem[] = [];
  const state = { width: 1, height: 1, bold: false, reverse: false, align: 'left' as 'left' | 'center' | 'right' };
  type Row = { bytes: number[]; heightDots: number; widthDots: number; bold: boolean; reverse: boolean; align: typeof state.align };
  let row: Row | null = null;
  let qrData = '';
  let qrModule = 3;

  // Alignment, like the printer's, is taken when a line starts.
  const startRow = (): Row => (row ??= { bytes: [], heightDots: 0, widthDots: 0, bold: false, reverse: false, align: state.align });
  const flush = () => {
    const { bytes: text, ...printed }: Row = row ?? { bytes: [], heightDots: GLYPH_HEIGHT * state.height, widthDots: 0, bold: false, reverse: false, align: state.align };
    items.push({ kind: 'row', text: iconv.decode(Buffer.from(text), 'gb18030'), ...printed });
    row = null;
  };
  const at = (index: number): number => {
    const value = bytes[index];
    if (value === undefined) throw new Error(`escpos-reader: command cut short at byte ${index}`);
    return value;
  };

  let i = 0;
  while (i < bytes.length) {
    const byte = at(i);
    if (byte === 0x0a) {
      flush();
      i += 1;
    } else if (byte === 0x1b) {
      const command = at(i + 1);
      if (command === 0x40) Object.assign(state, { width: 1, height: 1, bold: false, reverse: false, align: 'left' });
      else if (command === 0x61) state.align = (['left', 'center', 'right'] as const)[at(i + 2) % 48] ?? 'left';
      else if (command === 0x45) state.bold = (at(i + 2) & 1) === 1;
      else if (command !== 0x52) throw new Error(`escpos-reader: unknown ESC 0x${command.toString(16)} at byte ${i}`);
      i += command === 0x40 ? 2 : 3;
    } else if (byte === 0x1c) {
      if (at(i + 1) !== 0x26) throw new Error(`escpos-reader: unknown FS 0x${at(i + 1).toString(16)} at byte ${i}`);
      i += 2;
    } else if (byte === 0x1d) {
      const command = at(i + 1);
      if (command === 0x21) {
        state.width = (at(i + 2) >> 4) + 1;
        state.height = (at(i + 2) & 0x0f) + 1;
        i += 3;
      } else if (command === 0x42) {
        state.reverse = (at(i + 2) & 1) === 1;
        i += 3;
      } else if (command === 0x28 && at(i + 2) === 0x6b) {
        const length = at(i + 3) | (at(i + 4) << 8);
        const fn = at(i + 6);
        if (fn === 0x43) qrModule = at(i + 7);
        if (fn === 0x50) qrData = bytes.subarray(i + 8, i + 5 + length).toString('utf8');
        if (fn === 0x51) {
          if (row) flush();
          items.push({ kind: 'qr', data: qrData, moduleSize: qrModule });
        }
        i += 5 + length;
      } else if (command === 0x56) {
        const mode = at(i + 2);
        const withFeed = mode === 0x41 || mode === 0x42;
        if (row) flush();
        items.push({ kind: 'cut', mode: mode === 0x00 || mode === 0x30 || mode === 0x41 ? 'full' : 'partial', extraFeed: withFeed ? at(i + 3) : null });
        i += withFeed ? 4 : 3;
      } else {
        throw new Error(`escpos-reader: unknown GS 0x${command.toString(16)} at byte ${i}`);
      }
    } else if (byte < 0x20) {
      throw new Error(`escpos-reader: unexpected control byte 0x${byte.toString(16)} at byte ${i}`);
    } else {
      // GB18030: ASCII is one byte, half width; a lead byte 0x81–0xFE starts a 2- or 4-byte full-width character.
      const size = byte < 0x80 ? 1 : at(i + 1) >= 0x30 && at(i + 1) <= 0x39 ? 4 : 2;
      const current = startRow();
      current.bytes.push(...bytes.subarray(i, i + size));
      current.heightDots = Math.max(current.heightDots, GLYPH_HEIGHT * state.height);
      current.widthDots += (size === 1 ? HALF_WIDTH : 2 * HALF_WIDTH) * state.width;
      current.bold ||= state.bold;
      current.reverse ||= state.reverse;
      i += size;
    }
  }
  if (row) flush();
  return items;
}

/** The printed rows only, for finding a line by its text. */
export function printedRows(bytes: Buffer): Array<Extract<PrintedItem, { kind: 'row' }>> {
  return readEscPos(bytes).filter((item): item is Extract<PrintedItem, { kind: 'row' }> => item.kind === 'row');
}
