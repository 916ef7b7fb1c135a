// `npm run bench`: runs bench/*.bench.ts once each (vitest only as a TypeScript runner), then
// bench/print.mjs prints the table from bench/results.json.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 600_000,
    fileParallelism: false,
    reporters: ['dot'],
  },
});
