/**
 * The 2 s resync promise needs clients that retry often: socket.io waits up to
 * reconnectionDelayMax × (1 + randomizationFactor) between attempts, so a screen whose last
 * attempt failed just before the server came back sleeps that long before it even tries.
 * realtime-scale.test.ts shows the server resyncs 300 sockets in time when clients retry within
 * ~1.3 s; this checks the shared settings fit and that both screens use them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREEN_RECONNECT, SERVER_CLOSED_RETRY_MS } from '../shared/src/client/reconnect';
import { ROOT } from './lib/server-process';

const SCREEN_SOCKETS = ['counter-display/src/lib/hall-connection.svelte.ts', 'kiosk/src/hall-link.svelte.ts'];
// Leaves ~500 ms of the 2 s for the handshake and the snapshot of a reconnect storm.
const MAX_WAIT_BETWEEN_ATTEMPTS_MS = 1500;

describe('screen sockets retry often enough for the 2 s resync promise', () => {
  it('the shared reconnect settings wait at most 1.5 s between attempts', () => {
    const worstWait = SCREEN_RECONNECT.reconnectionDelayMax * (1 + SCREEN_RECONNECT.randomizationFactor);
    console.log(`[reconnect-budget] SCREEN_RECONNECT: up to ${worstWait} ms between attempts, ${SERVER_CLOSED_RETRY_MS} ms after a server close`);
    expect(worstWait).toBeLessThanOrEqual(MAX_WAIT_BETWEEN_ATTEMPTS_MS);
    expect(SERVER_CLOSED_RETRY_MS).toBeLessThanOrEqual(MAX_WAIT_BETWEEN_ATTEMPTS_MS);
  });

  for (const file of SCREEN_SOCKETS) {
    it(`${file} uses the shared settings and sets no slower delays of its own`, () => {
      const source = readFileSync(join(ROOT, file), 'utf8');
      expect(source).toContain('...SCREEN_RECONNECT');
      expect(source).not.toMatch(/reconnectionDelay(Max)?\s*:/);
    });
  }
});
