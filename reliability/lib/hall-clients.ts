import { io, type Socket } from 'socket.io-client';
import { SCREEN_RECONNECT, SERVER_CLOSED_RETRY_MS } from '../../shared/src/client/reconnect';
import type { DemoCredentials } from '../../hall-server/src/cli/seed';
import { login, sleep } from './http';
import { RELIABILITY_PASSWORD } from './constants';

export interface ReconnectProfile {
  reconnectionDelay: number;
  reconnectionDelayMax: number;
  randomizationFactor: number;
  /** Delay of the manual reconnect after a server-initiated disconnect (socket.io does not retry those). */
  manualRetryMs: number;
}

/** What the hall's screens ship (shared/src/client/reconnect.ts): at most ~1.3 s between attempts. */
export const SHIPPED_SCREENS: ReconnectProfile = { ...SCREEN_RECONNECT, manualRetryMs: SERVER_CLOSED_RETRY_MS };

/** A socket configured like the hall's own screens: websocket first, the given back-off, manual retry after a server close. */
export function hallSocket(url: string, token: string, profile: ReconnectProfile = SHIPPED_SCREENS): Socket {
  const { manualRetryMs, ...backoff } = profile;
  const socket = io(url, { auth: { token }, transports: ['websocket', 'polling'], ...backoff });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), manualRetryMs);
  });
  return socket;
}

/** Whether a client of this kind hears `ticket:called` (realtime/audience.ts): boards and staff screens; kiosks and pads do not. */
export const hearsCalls = (kind: string) => kind === 'board' || kind.startsWith('staff:');

export interface HallClientMix {
  tokens: { kind: string; token: string }[];
}

/**
 * Tokens for `count` clients, a mix of the hall's callers: boards, rating pads, kiosks and staff
 * sessions (every demo user signed in once; sockets share tokens the way several screens would).
 */
export async function clientTokens(url: string, credentials: DemoCredentials, count: number): Promise<{ kind: string; token: string }[]> {
  const staff = await Promise.all(credentials.users.map(async (user) => ({ kind: `staff:${user.role}`, token: await login(url, user.username, RELIABILITY_PASSWORD) })));
  const devices = credentials.devices.map((device) => ({ kind: device.kind, token: device.token }));
  const board = devices.filter((d) => d.kind === 'board');
  const pads = devices.filter((d) => d.kind === 'pad');
  const kiosks = devices.filter((d) => d.kind === 'kiosk');
  // A third boards, a third pads and kiosks, a third staff terminals and consoles.
  const tokens: { kind: string; token: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const group = i % 3 === 0 ? board : i % 3 === 1 ? (i % 2 === 0 ? kiosks : pads) : staff;
    tokens.push(group[Math.floor(i / 3) % group.length]!);
  }
  return tokens;
}

/** Waits until `check` holds, polling; false after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs: number, everyMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(everyMs);
  }
  return check();
}
