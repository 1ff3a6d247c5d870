/** What a visitor gave the 评价服务 screen: a scanned ticket QR (the tracking URL) or a typed number. */
export type RateInput = { kind: 'tracking'; code: string } | { kind: 'number'; number: string } | { kind: 'invalid' };

const TRACKING_PATH = /\/t\/([A-Za-z0-9_-]{10,64})\/?(?:[?#].*)?$/;

/**
 * Reads the keypad or a scanner acting as a keyboard. The QR on a ticket holds `<hall>/t/<code>`;
 * a typed number is normalised to the server's form (a12 → A012).
 */
export function parseRateInput(raw: string): RateInput {
  const text = raw.trim();
  const tracking = TRACKING_PATH.exec(text);
  if (tracking) return { kind: 'tracking', code: tracking[1]! };
  const number = normalizeTicketNumber(text);
  return number ? { kind: 'number', number } : { kind: 'invalid' };
}

/** "a12" → "A012", "B0007" → "B007"; null for anything that is not a prefix plus digits. */
export function normalizeTicketNumber(raw: string): string | null {
  const match = /^([A-Za-z]{1,2})\s*0*(\d{1,5})$/.exec(raw.trim());
  if (!match) return null;
  const sequence = Number(match[2]);
  if (sequence === 0) return null;
  return `${match[1]!.toUpperCase()}${String(sequence).padStart(3, '0')}`;
}

/**
 * The on-screen keypad: letters only start a number (a second letter replaces the first, since
 * visitors fix a wrong prefix by tapping the right one), digits follow, at most five of them.
 */
export function pressKey(current: string, key: string): string {
  if (key === 'delete') return current.slice(0, -1);
  if (/^[A-Z]$/.test(key)) return key;
  if (/^\d$/.test(key)) {
    if (current === '' || !/^[A-Z]/.test(current)) return current;
    const digits = current.slice(1);
    return digits.length >= 5 ? current : current + key;
  }
  return current;
}

/** A typed letter or digit presses its key (letters as capitals), until a scanner's URL shows a `/`. */
export const rateTypedKey = (key: string, scanned: string): string | null =>
  /^[a-zA-Z0-9]$/.test(key) && !scanned.includes('/') ? key.toUpperCase() : null;

/** The 验证码 keypad: digits only, exactly four at most. */
export function pressCodeKey(current: string, key: string): string {
  if (key === 'delete') return current.slice(0, -1);
  if (/^\d$/.test(key) && current.length < 4) return current + key;
  return current;
}
