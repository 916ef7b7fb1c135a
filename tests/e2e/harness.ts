// Shared plumbing of the browser tests: serve the built app (dist/) with vite's preview server,
// drive Debian's Chromium through playwright-core, and read the page the way a user sees it.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, LaunchOptions, Page } from 'playwright-core';
import { preview } from 'vite';
import type { Lang } from '../../src/engine/api';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const launchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
};

const root = fileURLToPath(new URL('../..', import.meta.url));

export const V10_METRICS = [
  'compute_ops',
  'read_ops',
  'write_ops',
  'query_time_ms',
  'contention_retries',
  'storage_bytes_read',
  'storage_bytes_write',
  'rate_limits_hit',
];
export const V4_METRICS = [
  'bytesIn',
  'bytesOut',
  'computeOps',
  'readOps',
  'writeOps',
  'readBytes',
  'writeBytes',
  'queryTime',
  'retries',
];

export interface App {
  url: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Serves dist/ (run `npm run build` first) on 127.0.0.1 at a free port. */
export async function startApp(): Promise<App> {
  if (!existsSync(`${root}/dist/index.html`)) {
    throw new Error('dist/ is missing: run `npm run build` before the browser tests');
  }
  const port = await freePort();
  const server = await preview({
    root,
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: { outDir: 'dist' },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  return {
    url,
    close: () => server.close(),
  };
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  }
  return chromium.launch(launchOptions);
}

/** Console errors and uncaught exceptions of a page, collected as they happen. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  return errors;
}

export interface OpenPage {
  page: Page;
  errors: string[];
}

/** A new page on the app, with the header rendered. */
export async function openApp(context: BrowserContext, url: string): Promise<OpenPage> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.getByTestId('run').waitFor();
  return { page, errors };
}

export async function waitForMonaco(page: Page): Promise<void> {
  await page.locator('[data-testid=editor] .monaco-editor').waitFor({ timeout: 30_000 });
}

export async function setLanguage(page: Page, lang: Lang): Promise<void> {
  await page.locator(`[data-testid=lang-switch] button[data-lang=${lang}]`).click();
  await page.locator(`[data-testid=editor][data-lang=${lang}]`).waitFor();
}

/** Replaces the editor text (in Monaco, as a user pasting it). */
export async function setQuery(page: Page, text: string): Promise<void> {
  await waitForMonaco(page);
  await page.locator('[data-testid=editor] .monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function generation(page: Page): Promise<number> {
  return Number(await page.getByTestId('result-pane').getAttribute('data-generation'));
}

/** Waits until the run, set-up or reset started by `action` has finished. */
async function settle(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await generation(page);
  await action();
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid=result-pane]')?.getAttribute('data-generation')) > n,
    before,
    { timeout: 60_000 },
  );
}

export type Outcome =
  | { kind: 'result'; text: string }
  | { kind: 'error'; code: string; text: string }
  | { kind: 'failure'; text: string };

/** The result pane as it stands: a value, a Fauna error (code and summary) or an engine failure. */
export async function readOutcome(page: Page): Promise<Outcome | null> {
  const result = page.getByTestId('result');
  if (await result.count()) return { kind: 'result', text: (await result.textContent()) ?? '' };
  const error = page.getByTestId('error');
  if (await error.count()) {
    return {
      kind: 'error',
      code: (await page.getByTestId('error-code').textContent()) ?? '',
      text: (await error.locator('pre').textContent()) ?? '',
    };
  }
  const failure = page.getByTestId('failure');
  if (await failure.count()) return { kind: 'failure', text: (await failure.textContent()) ?? '' };
  return null;
}

/** Clicks Run and returns what the result pane shows once the query has finished. */
export async function run(page: Page): Promise<Outcome | null> {
  await settle(page, () => page.getByTestId('run').click());
  return readOutcome(page);
}

/** Picks an example from the menu, waits for its set-up, returns the set-up note. */
export async function chooseExample(page: Page, id: string): Promise<string> {
  await settle(page, async () => {
    await page.getByTestId('examples').selectOption(id);
  });
  const note = page.getByTestId('setup-note');
  if ((await note.count()) === 0) return `no set-up note; ${describeOutcome(await readOutcome(page))}`;
  return ((await note.textContent()) ?? '').trim();
}

/** The metrics panel's rows, in display order: [name, shown value]. */
export async function readMetrics(page: Page): Promise<[string, string][]> {
  const rows = page.locator('[data-testid=metrics] [data-metric]');
  await rows.first().waitFor();
  return rows.evaluateAll((els) =>
    els.map((el): [string, string] => [el.getAttribute('data-metric') ?? '', el.querySelector('dd')?.textContent ?? '']),
  );
}

export function describeOutcome(outcome: Outcome | null): string {
  if (!outcome) return 'nothing in the result pane';
  if (outcome.kind === 'error') return `error ${outcome.code}:\n${outcome.text}`;
  return `${outcome.kind}:\n${outcome.text}`;
}
