/** CSV of a table the console already shows, for the tables that have no server export. */
type Cell = string | number | null | undefined;

const quote = (cell: Cell) => {
  const text = cell === null || cell === undefined ? '' : String(cell);
  // A cell starting with = + - @ would run as a formula in Excel (CSV injection): a leading ' defuses it.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** Rows as CSV text with a UTF-8 BOM and CRLF line ends, the way Excel in a Chinese office opens it. */
export function csvText(rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** Offers the rows as a file download named `name`. */
export function saveCsv(name: string, rows: readonly (readonly Cell[])[]): void {
  const url = URL.createObjectURL(new Blob([csvText(rows)], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
