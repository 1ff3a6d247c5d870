/** Formats a ticket number: prefix + at least three digits (A001 … A999, then A1000). */
export function formatTicketNumber(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(3, '0')}`;
}

/** Splits "A012" into its prefix and sequence; null when it is not a ticket number. */
export function parseTicketNumber(text: string): { prefix: string; sequence: number } | null {
  const match = /^([A-Z]{1,2})(\d{3,5})$/.exec(text.trim().toUpperCase());
  if (!match) return null;
  return { prefix: match[1]!, sequence: Number(match[2]) };
}
