import { defineConfig } from 'vitest/config';

// `npm run test:unit` / `npm run test:e2e` select one project with `--project`; each run writes
// its JSON report to test-results/<project>.json (read by .ci/run), next to the console reporter.
function selectedProject(argv: string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === '--project' && next) return next;
    if (arg?.startsWith('--project=')) return arg.slice('--project='.length);
  }
  return 'all';
}

const report = selectedProject(process.argv).replace(/[^A-Za-z0-9_-]/g, '_');

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: `test-results/${report}.json` },
    teardownTimeout: 30_000,
    projects: [
      {
        // Engine and UI-logic tests in Node (the engine's IndexedDB is fake-indexeddb).
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', '**/node_modules/**'],
        },
      },
      {
        // Browser tests against the built app (dist/), one headless Chromium at a time.
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
