// The playground in Chromium, built as shipped (dist/, served by vite preview), in a persistent
// profile (IndexedDB on disk, as for a user; a default context keeps it in memory):
//   - first contentful paint and time to editor ready (Monaco mounted), on the first visit
//     (nothing cached) and as the median of later visits (served by the service worker);
//   - the initial JavaScript, gzipped: the entry chunk and what it imports statically (Monaco,
//     the workers and everything else loaded later are not in it);
//   - median latency of the v10 Token.create and login() examples, click on Run to result shown,
//     through the UI, the worker and IndexedDB.
// Builds the app first when dist/ is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { examples } from '../src/examples/seeds';
import { chooseExample, launchOptions, startApp } from '../tests/e2e/harness';
import { median } from './stats';

const RUNS = 15;
const VISITS = 5;
const root = fileURLToPath(new URL('..', import.meta.url));

/** The entry chunk of dist/index.html and every chunk it imports statically, with their sizes. */
function initialJs(): { files: string[]; bytes: number; gzip: number } {
  const html = readFileSync(join(root, 'dist/index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+src="\.\/([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(root, 'dist', file), 'utf8');
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` is lazy.
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
      visit(join(dirname(file), m[1]!).replace(/\\/g, '/'));
    }
  };
  entries.forEach(visit);
  const files = [...seen];
  const contents = files.map((f) => readFileSync(join(root, 'dist', f)));
  return {
    files,
    bytes: contents.reduce((n, c) => n + c.length, 0),
    gzip: contents.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
  };
}

async function loadTimes(page: Page, url: string): Promise<{ fcp: number; editorReady: number }> {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.editorReady === 'true', undefined, { timeout: 60_000 });
  return page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    editorReady: performance.getEntriesByName('fql-editor-ready')[0]?.startTime ?? NaN,
  }));
}

/** Milliseconds from the click on Run to the result on screen, `n` times. */
async function runTimes(page: Page, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const pane = document.querySelector('[data-testid=result-pane]')!;
          const before = Number(pane.getAttribute('data-generation'));
          const t0 = performance.now();
          const watch = new MutationObserver(() => {
            if (Number(pane.getAttribute('data-generation')) > before) {
              watch.disconnect();
              // The result is in the DOM; wait for the frame that shows it.
              requestAnimationFrame(() => {
                if (!document.querySelector('[data-testid=result]')) reject(new Error(pane.textContent ?? 'no result'));
                else resolve(performance.now() - t0);
              });
            }
          });
          watch.observe(pane, { attributes: true });
          (document.querySelector('[data-testid=run]') as HTMLButtonElement).click();
        }),
    );
    times.push(t);
  }
  return times;
}

test('browser: first paint, editor ready, initial JS, seed latencies through the UI', async () => {
  if (!existsSync(join(root, 'dist/index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const js = initialJs();
  const app = await startApp();
  const profile = mkdtempSync(join(tmpdir(), 'fql-playground-bench-'));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, viewport: { width: 1280, height: 800 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cold = await loadTimes(page, app.url);
    // Later visits: the service worker (installed on the first) serves the app from its cache.
    await page.evaluate(async () => navigator.serviceWorker.ready);
    const warm: { fcp: number; editorReady: number }[] = [];
    for (let i = 0; i < VISITS; i++) warm.push(await loadTimes(page, app.url));

    const token = examples.find((e) => e.id === 'v10-token-create')!;
    const login = examples.find((e) => e.id === 'v10-credential-login')!;
    await chooseExample(page, token.id);
    const tokenTimes = await runTimes(page, RUNS);
    await chooseExample(page, login.id);
    const loginTimes = await runTimes(page, RUNS);
    const version = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '?'));

    const round = (x: number) => Math.round(x * 10) / 10;
    const result = {
      environment: `Chromium ${version} headless, built app (vite preview), persistent profile; ${VISITS} warm visits, ${RUNS} runs each`,
      medians_ms: {
        first_contentful_paint_cold: round(cold.fcp),
        editor_ready_cold: round(cold.editorReady),
        first_contentful_paint_warm: round(median(warm.map((w) => w.fcp))),
        editor_ready_warm: round(median(warm.map((w) => w.editorReady))),
        v10_token_create_ui: round(median(tokenTimes)),
        v10_login_ui: round(median(loginTimes)),
      },
      figures: {
        initial_js_gzip_kb: Math.round((js.gzip / 1024) * 10) / 10,
        initial_js_kb: Math.round((js.bytes / 1024) * 10) / 10,
        initial_js_files: js.files.length,
      },
    };
    const file = join(root, 'bench/results.json');
    const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    all.browser = result;
    writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);

    expect(cold.fcp).toBeGreaterThan(0);
    expect(cold.editorReady).toBeGreaterThan(cold.fcp);
    expect(js.files.some((f) => /monaco/.test(f))).toBe(false);
  } finally {
    await context.close();
    await app.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
