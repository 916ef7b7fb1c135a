import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

// The app is a static SPA: relative asset URLs (`base: './'`) let dist/ be served from any path.
// vite-plugin-pwa adds a service worker (dist/sw.js) precaching everything the app loads —
// the page, Monaco, the engine and editor workers — so after one visit it works offline, and a
// web app manifest so it can be installed.
export default defineConfig({
  base: './',
  plugins: [
    svelte({ configFile: false }),
    VitePWA({
      // Registered by src/ui/offline.ts (relative to the page), never by an inline script: the
      // page's Content-Security-Policy allows no inline script.
      injectRegister: false,
      registerType: 'autoUpdate',
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      manifest: {
        id: './',
        name: 'FQL Playground',
        short_name: 'FQL Playground',
        description: "An offline, browser-only playground for Fauna's FQL v10 and FQL v4",
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f5f6f8',
        theme_color: '#3a1ab6',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ttf,woff2,wasm,webmanifest}'],
        // Monaco's chunk is ~3 MB; it must be precached for the editor to load offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // Offline navigations to the app (any base path, `?embed` included) get the cached page.
        navigateFallback: 'index.html',
        navigateFallbackAllowlist: [/\/(?:index\.html)?(?:\?[^#]*)?$/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
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
