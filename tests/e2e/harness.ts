// Shared plumbing of the browser tests: serve the built app (dist/) with vite's preview server,
// drive Debian's Chromium through playwright-core, and read the page the way a user sees it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, LaunchOptions, Page } from 'playwright-core';
import { preview } from 'vite';
import { afterAll, beforeAll } from 'vitest';
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
// A build directory other than dist/ (PLAYGROUND_DIST=dist-x) lets parallel work test its own build.
const DIST = process.env.PLAYGROUND_DIST ?? 'dist';

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

export interface AppOptions {
  /** Extra response headers on every file (a Content-Security-Policy, say). */
  headers?: Record<string, string>;
}

/**
 * A Content-Security-Policy forbidding inline script and eval: the built app must work under it.
 * `wasm-unsafe-eval` lets the engine worker compile argon2 (WebAssembly), nothing more.
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'";

/** Serves dist/ (run `npm run build` first) on 127.0.0.1 at a free port. */
export async function startApp(options: AppOptions = {}): Promise<App> {
  if (!existsSync(`${root}/${DIST}/index.html`)) {
    throw new Error(`${DIST}/ is missing: run \`npm run build\` before the browser tests`);
  }
  const port = await freePort();
  const server = await preview({
    root,
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: { outDir: DIST },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false, ...(options.headers ? { headers: options.headers } : {}) },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  return {
    url,
    close: () => server.close(),
  };
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ttf: 'font/ttf',
  json: 'application/json',
  webmanifest: 'application/manifest+json',
  wasm: 'application/wasm',
};

/**
 * Serves dist/ under a sub-path (`/some/deep/path/`), the way a docs site or GitHub Pages would:
 * the build uses relative URLs, so it must work there as at the root.
 */
export async function serveDistAt(prefix: string): Promise<App> {
  if (!existsSync(`${root}/${DIST}/index.html`)) throw new Error(`${DIST}/ is missing: run \`npm run build\` first`);
  const port = await freePort();
  const server = createHttpServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    const rel = path.slice(prefix.length) || 'index.html';
    const file = join(root, DIST, rel);
    if (rel.includes('..') || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('content-type', CONTENT_TYPES[rel.split('.').pop() ?? ''] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ServedPage {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves one HTML page on 127.0.0.1 but addressed as `localhost`: another site than the app
 * (127.0.0.1), so the app in an iframe on it is a third party.
 */
export async function serveOtherSite(html: string): Promise<ServedPage> {
  const port = await freePort();
  const server = createHttpServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${port}/docs.html`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A profile blocking third-party cookies and so third-party storage (see `launchProfile`). */
export function launchBlockingThirdPartyStorage(): Promise<PersistentBrowser> {
  return launchProfile({ blockThirdParty: true });
}

export interface PersistentBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A Chromium profile on disk (IndexedDB is real, as in a user's browser; a default context keeps
 * it in memory and, being incognito-like, blocks third-party storage). `blockThirdParty` blocks
 * third-party cookies, which also denies third-party frames their storage: `localStorage` throws
 * and `indexedDB.open` fails.
 */
export async function launchProfile(
  options: { blockThirdParty?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<PersistentBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'fql-playground-profile-'));
  mkdirSync(join(dir, 'Default'));
  const profile = options.blockThirdParty ? { cookie_controls_mode: 1, block_third_party_cookies: true } : { cookie_controls_mode: 0 };
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile }));
  const context = await chromium.launchPersistentContext(dir, {
    ...launchOptions,
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
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

/**
 * Replaces the editor text as a user pasting it: select all, Ctrl/Cmd+V. (Typing it would let
 * Monaco auto-close brackets and auto-indent lines.) Waits until the tab has saved the new text.
 */
export async function setQuery(page: Page, text: string): Promise<void> {
  await waitForMonaco(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.locator('[data-testid=editor] .monaco-editor .view-lines').click();
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction((value) => {
    const saved = localStorage.getItem('fql-playground:tabs');
    if (!saved) return false;
    const { tabs, active } = JSON.parse(saved) as { tabs: { id: string; lang: string; sources: Record<string, string> }[]; active: string };
    const tab = tabs.find((t) => t.id === active);
    return tab?.sources[tab.lang] === value;
  }, text);
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

/** Runs `action` and waits for the work it starts (a run, set-up, reset…) to finish. */
export async function andWait(page: Page, action: () => Promise<void>): Promise<void> {
  await settle(page, action);
}

/** Opens the Databases dialog (if it is not open already). */
export async function openDatabases(page: Page): Promise<void> {
  const dialog = page.getByTestId('databases-dialog');
  // The dialog is loaded on first use: absent until then.
  const open = (await dialog.count()) > 0 && (await dialog.evaluate((d) => (d as HTMLDialogElement).open));
  if (!open) await page.getByTestId('databases').click();
  await page.getByTestId('databases-dialog').locator('h2').waitFor();
}

/** Databases → Reset to empty (accepting the confirmation); waits for the reset note. */
export async function resetDatabase(page: Page): Promise<void> {
  await openDatabases(page);
  page.once('dialog', (dialog) => void dialog.accept());
  await settle(page, () => page.getByTestId('reset').click());
  await page.getByTestId('setup-note').filter({ hasText: 'reset' }).waitFor();
}

/**
 * The editor's visible text as Monaco shows it, lines joined with nothing (Monaco wraps long lines
 * into several view lines): compare with `squash(text)`.
 */
export async function editorText(page: Page): Promise<string> {
  await waitForMonaco(page);
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('[data-testid=editor] .view-line')] as HTMLElement[];
    return lines
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('');
  });
}

/** Text without its line breaks, to compare with `editorText`. */
export function squash(text: string): string {
  return text.replace(/\r?\n/g, '');
}

/** A v10/v4 result with its ids, timestamps and secrets replaced, to compare runs. */
export function normalise(text: string): string {
  return text
    .replace(/Time\("[^"]+"\)/g, 'Time(…)')
    .replace(/\b\d{15,19}\b/g, 'N')
    .replace(/fn[A-Za-z0-9_-]{49}/g, 'SECRET');
}

/** Every record of a playground IndexedDB database, read in the page (for before/after checks). */
export async function idbSnapshot(page: Page, name: string): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    (dbName) =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          if (names.length === 0) {
            db.close();
            resolve({});
            return;
          }
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const store of names) {
            const req = tx.objectStore(store).getAll();
            req.onsuccess = () => (out[store] = req.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.parse(JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    name,
  );
}

/** Clicks Run and returns what the result pane shows once the query has finished. */
export async function run(page: Page): Promise<Outcome | null> {
  await settle(page, () => page.getByTestId('run').click());
  return readOutcome(page);
}

/** Picks an example from the gallery, waits for its set-up, returns the set-up note. */
export async function chooseExample(page: Page, id: string): Promise<string> {
  await settle(page, async () => {
    await page.getByTestId('examples').click();
    await page.getByTestId(`example-${id}`).click();
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

/**
 * The built app and one Chromium for a test file: started before its tests, closed after them.
 * `suite.app` and `suite.browser` are there once the file's tests run.
 */
export function useAppAndBrowser(): { readonly app: App; readonly browser: Browser } {
  let app: App | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('the app is not started (use suite.app inside a test)');
      return app;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched (use suite.browser inside a test)');
      return browser;
    },
  };
}
