import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app is a static SPA: relative asset URLs (`base: './'`) let dist/ be served from any path.
export default defineConfig({
  base: './',
  plugins: [svelte({ configFile: false })],
  worker: {
    format: 'es',
  },
  build: {
    target: 'es2022',
    // Monaco's lazy chunk is large by nature; it is loaded after first paint.
    chunkSizeWarningLimit: 4096,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
  },
  preview: {
    host: '127.0.0.1',
  },
});
