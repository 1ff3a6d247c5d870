/**
 * How screens reconnect their socket. socket.io waits up to reconnectionDelayMax × (1 +
 * randomizationFactor) between attempts: with these values at most 1.3 s, so a screen is back
 * within the hall's 2 s resync promise after a server restart (reliability/realtime-scale).
 */
export const SCREEN_RECONNECT = {
  reconnectionDelay: 250,
  reconnectionDelayMax: 1000,
  randomizationFactor: 0.3,
} as const;

/** A server that shuts down closes its sockets itself, and socket.io does not retry those: retry after this. */
export const SERVER_CLOSED_RETRY_MS = 250;
