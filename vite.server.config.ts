import { defineConfig } from 'vite';

// `npm run serve` builds the Node host into dist-server/: main.js (the CLI, src/server/main.ts)
// and server.js (startServer, for scripts such as the wire bench). Node 20 cannot run
// TypeScript, so the server is bundled like the app. Node built-ins and the runtime dependencies
// (fake-indexeddb, idb, hash-wasm, acorn) stay external, loaded from node_modules.
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: { main: 'src/server/main.ts', server: 'src/server/server.ts' },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      // The engine's lazy imports are for the browser's code splitting; one bundle is fine here.
      onwarn(warning, warn) {
        if (warning.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') warn(warning);
      },
    },
  },
});
