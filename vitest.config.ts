import { defineConfig } from 'vitest/config';

/**
 * One runner for every suite. `unit` holds pure and integration tests beside the code,
 * `e2e` drives Debian's Chromium against a real hall server, `reliability` proves the
 * server's promises under load and faults (npm run test:reliability).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'hall-server/src/**/*.test.ts', 'city-server/src/**/*.test.ts', 'kiosk/printer/**/*.test.ts', 'kiosk/electron/**/*.test.ts', 'kiosk/src/**/*.test.ts', 'counter-display/src/**/*.test.ts', 'ui/src/**/*.test.ts', 'city-console/src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['reliability/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
