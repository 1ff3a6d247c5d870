import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Four screens, one build: each is its own page served by the hall server at /<name>/. */
const SCREENS = ['board', 'counter', 'rate', 'manage'] as const;

export default defineConfig({
  plugins: [svelte()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: Object.fromEntries(SCREENS.map((name) => [name, resolve(import.meta.dirname, `${name}/index.html`)])),
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/socket.io': { target: 'http://localhost:8080', ws: true }, '/voice': 'http://localhost:8080', '/media': 'http://localhost:8080' } },
});
