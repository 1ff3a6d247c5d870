/** UTF-8 byte order mark: without it Excel on Windows opens Chinese CSV as mojibake. */
export const UTF8_BOM = '\uFEFF';

/** Quotes a CSV cell when needed (RFC 4180), and defuses formula injection (=, +, -, @ at the start). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line from cells, CRLF-terminated as Excel expects. */
export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
