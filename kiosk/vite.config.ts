import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The kiosk at /kiosk/ and the visitor's phone page (served at /t/<trackingCode>) in one build. */
export default defineConfig({
  plugins: [svelte()],
  base: '/kiosk/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: { kiosk: resolve(import.meta.dirname, 'index.html'), track: resolve(import.meta.dirname, 'track.html') },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/socket.io': { target: 'http://localhost:8080', ws: true } } },
});
