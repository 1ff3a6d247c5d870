/**
 * Column arithmetic for a Chinese ESC/POS printer in Kanji mode (FS &): every character that
 * GB18030 encodes in more than one byte prints full-width (two columns, 24 dots in font A);
 * ASCII prints in one. node-thermal-printer counts characters, which misaligns any CJK line.
 */

const CLOSING_PUNCTUATION = new Set([...'，。、；：！？）》」』】〕’”,.;:!?)%']);

/** Columns `text` occupies on the printer: 1 per ASCII character, 2 per anything else. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

function charWidth(char: string): number {
  return (char.codePointAt(0) ?? 0) <= 0x7f ? 1 : 2;
}

/**
 * Drops control characters (C0 except newline, DEL, C1) so text from the server can never smuggle
 * an ESC/POS command into the ticket; tabs and CRLF become plain spacing.
 */
export function sanitizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '');
}

/**
 * Breaks text into lines of at most `columns` display columns. CJK may break anywhere; a Latin
 * word moves whole to the next line when it fits there; closing punctuation never starts a line.
 */
export function wrapToWidth(text: string, columns: number): string[] {
  if (columns < 2) throw new RangeError(`wrapToWidth: columns must be at least 2, got ${columns}`);
  const lines: string[] = [];
  for (const paragraph of sanitizeText(text).split('\n')) {
    for (const wrapped of wrapParagraph(paragraph, columns)) lines.push(wrapped);
  }
  return lines;
}

function wrapParagraph(paragraph: string, columns: number): string[] {
  const lines: string[] = [];
  const chars = [...paragraph.trimEnd()];
  let start = 0;
  while (start < chars.length) {
    let end = start;
    let width = 0;
    while (end < chars.length && width + charWidth(chars[end]!) <= columns) {
      width += charWidth(chars[end]!);
      end += 1;
    }
    if (end < chars.length) end = adjustCut(chars, start, end);
    lines.push(chars.slice(start, end).join('').trimEnd());
    start = end;
    while (start < chars.length && chars[start] === ' ') start += 1;
  }
  return lines.length === 0 ? [''] : lines;
}

/** Moves a break back so it neither splits a Latin word nor leaves closing punctuation at a line start. */
function adjustCut(chars: string[], lineStart: number, cut: number): number {
  const next = chars[cut]!;
  if (CLOSING_PUNCTUATION.has(next) && cut - lineStart > 1) return cut - 1;
  if (isWordChar(next) && isWordChar(chars[cut - 1] ?? '')) {
    let wordStart = cut;
    while (wordStart > lineStart && isWordChar(chars[wordStart - 1]!)) wordStart -= 1;
    if (wordStart > lineStart) return wordStart;
  }
  return cut;
}

function isWordChar(char: string): boolean {
  return /^[A-Za-z0-9_\-./:@]$/.test(char);
}

/**
 * A label on the left and a value flush right, padded by display width. When both cannot share a
 * line the value goes right-aligned on the next one, so nothing is ever cut off.
 */
export function spreadLine(left: string, right: string, columns: number): string[] {
  const gap = columns - displayWidth(left) - displayWidth(right);
  if (gap >= 1) return [left + ' '.repeat(gap) + right];
  const rightPad = Math.max(0, columns - displayWidth(right));
  return [...wrapToWidth(left, columns), ' '.repeat(rightPad) + right];
}
