/**
 * The 2 s resync promise needs clients that retry often: socket.io waits up to
 * reconnectionDelayMax × (1 + randomizationFactor) between attempts, so a screen whose last
 * attempt failed just before the server came back sleeps that long before it even tries.
 * realtime-scale.test.ts shows the server resyncs 300 sockets in time when clients retry within
 * ~1.3 s; this reads the screens' own socket options and checks their worst-case wait fits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './lib/server-process';

const SCREEN_SOCKETS = ['counter-display/src/lib/hall-connection.svelte.ts', 'kiosk/src/hall-link.svelte.ts'];
// Leaves ~500 ms of the 2 s for the handshake and the snapshot of a reconnect storm.
const MAX_WAIT_BETWEEN_ATTEMPTS_MS = 1500;

function optionOf(source: string, name: string): number | undefined {
  const match = new RegExp(`${name}\\s*:\\s*([0-9_.]+)`).exec(source);
  return match ? Number(match[1]!.replace(/_/g, '')) : undefined;
}

describe('screen sockets retry often enough for the 2 s resync promise', () => {
  for (const file of SCREEN_SOCKETS) {
    it(file, () => {
      const source = readFileSync(join(ROOT, file), 'utf8');
      // socket.io-client defaults: reconnectionDelayMax 5000, randomizationFactor 0.5.
      const delayMax = optionOf(source, 'reconnectionDelayMax') ?? 5000;
      const randomization = optionOf(source, 'randomizationFactor') ?? 0.5;
      const worstWait = delayMax * (1 + randomization);
      console.log(`[reconnect-budget] ${file}: reconnectionDelayMax ${delayMax} ms, randomizationFactor ${randomization} → up to ${worstWait} ms between attempts`);
      expect(worstWait, `${file}: set reconnectionDelayMax ≤ ${Math.floor(MAX_WAIT_BETWEEN_ATTEMPTS_MS / (1 + randomization))} (or lower randomizationFactor)`).toBeLessThanOrEqual(MAX_WAIT_BETWEEN_ATTEMPTS_MS);
    });
  }
});
