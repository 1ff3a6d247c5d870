/** The demo password every seeded user gets in reliability runs (the same as e2e/harness.ts's DEMO_PASSWORD). */
export const RELIABILITY_PASSWORD = 'demo-pass-123';

/**
 * What must never appear in an error body: a stack frame (`at fn (file.ts:1:2)`, `at /path`,
 * `at node:…`), a source position (`.ts:`), or SQL / SQLite text. A bare "at " word would also
 * match honest messages ("that service's queue", JSON "at position 5"), so the frame shape is matched.
 */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\bat \S+ \(.*:\d+:\d+\)/,
  /\bat (file:\/\/|\/|node:)/,
  /\.ts:/,
  /SELECT/,
  /INSERT/,
  /SQLITE/,
];

export function leakIn(body: string): RegExp | undefined {
  return LEAK_PATTERNS.find((pattern) => pattern.test(body));
}
