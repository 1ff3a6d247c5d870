/** What an on-screen keypad does with the keys of a hardware keyboard or a QR scanner acting as one. */
export interface KeyboardPad {
  /** Presses a pad key: a digit, a letter or `delete`. */
  onpress: (key: string) => void;
  /** Enter, with all typed since the last Enter (a scanner's whole text). */
  onenter: (scanned: string) => void;
  /** Which pad key a typed character is, given all typed since the last Enter; null to press none. */
  typedKey: (key: string, scanned: string) => string | null;
}

/**
 * The keypad's keyboard handler: characters gather until Enter (a scanner types its text, then
 * Enter), Enter hands them over, Backspace is 删除, and a character the pad takes presses its key.
 */
export function keyboardInput(pad: KeyboardPad): (event: Pick<KeyboardEvent, 'key' | 'preventDefault'>) => void {
  let scanned = '';
  return (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const input = scanned;
      scanned = '';
      pad.onenter(input);
      return;
    }
    if (event.key === 'Backspace') {
      pad.onpress('delete');
      return;
    }
    if (event.key.length !== 1) return;
    scanned += event.key;
    const key = pad.typedKey(event.key, scanned);
    if (key !== null) pad.onpress(key);
  };
}
