// Offline and installable: the built app, served from a sub-path, registers its service worker on
// the first visit; then, with the browser context offline, the page reloads, Monaco and the
// engine worker load from the cache, and a query runs. The manifest makes it installable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeOutcome, launchBrowser, openApp, run, serveDistAt, setQuery, waitForMonaco } from './harness';
import type { App } from './harness';

let app: App | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  app = await serveDistAt('/docs/fql/playground/');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('offline', () => {
  it('is installable: a manifest with icons, linked from the page', async () => {
    const manifest = (await (await fetch(`${app!.url}manifest.webmanifest`)).json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(manifest.name).toBe('FQL Playground');
    expect(manifest.start_url).toBe('./');
    expect(manifest.display).toBe('standalone');
    const sizes = manifest.icons.map((i) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) expect((await fetch(`${app!.url}${icon.src}`)).status, icon.src).toBe(200);
    const html = await (await fetch(app!.url)).text();
    expect(html).toContain('<link rel="manifest" href="./manifest.webmanifest">');
  });

  it('after one visit, reloads and runs a query with the network off', async () => {
    const context = await browser!.newContext();
    try {
      const { page, errors } = await openApp(context, app!.url);
      await waitForMonaco(page);
      // The service worker has installed (precached everything) and controls the page.
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(scope).toBe(app!.url);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

      await context.setOffline(true);
      await page.reload();
      await waitForMonaco(page);
      await setQuery(page, 'let offline = "yes"\n{ offline: offline, sum: 40 + 2 }');
      const outcome = await run(page);
      expect(outcome, describeOutcome(outcome)).toEqual({ kind: 'result', text: '{\n  offline: "yes",\n  sum: 42\n}' });

      // Argon2 (WebAssembly in the worker) works offline too: a password credential.
      await setQuery(page, 'Collection.create({ name: "Offline" })');
      expect((await run(page))?.kind).toBe('result');
      await setQuery(page, 'Credential.create({ document: Offline.create({}), password: "pw" }).document.coll');
      expect(await run(page)).toEqual({ kind: 'result', text: 'Offline' });

      // A new page (a navigation, with ?embed) is served from the cache as well.
      const embed = await context.newPage();
      await embed.goto(`${app!.url}?embed`);
      await embed.getByTestId('embed').waitFor();
      await embed.locator('[data-testid=editor] .monaco-editor').waitFor({ timeout: 30_000 });
      await embed.close();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
