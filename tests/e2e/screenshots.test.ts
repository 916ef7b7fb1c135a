// The pictures in tests/e2e/screenshots/ and the README's docs/screenshot.png, taken from the
// built app at 1280×800 — with assertions on what each shows, so this also runs as a test. The
// PNGs are written only when SCREENSHOTS is set:
//   npm run build && SCREENSHOTS=1 npx vitest run --project e2e screenshots
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { examples } from '../../src/examples/seeds';
import { encodeSnippet } from '../../src/share/codec';
import {
  andWait,
  chooseExample,
  describeOutcome,
  launchBrowser,
  launchProfile,
  openApp,
  run,
  serveOtherSite,
  setQuery,
  startApp,
  waitForMonaco,
  useAppAndBrowser,
} from './harness';
import type { App } from './harness';

const dir = fileURLToPath(new URL('./screenshots/', import.meta.url));
const readme = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));
const write = Boolean(process.env.SCREENSHOTS);

const suite = useAppAndBrowser();

async function snap(page: Page, name: string): Promise<void> {
  // Let Monaco settle its cursor, colours and layout.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  const png = await page.screenshot(write ? { path: `${dir}${name}.png` } : {});
  expect(png.subarray(1, 4).toString()).toBe('PNG');
}

describe('screenshots', () => {
  if (write) mkdirSync(dir, { recursive: true });

  it.each(['light', 'dark'] as const)('main view (%s): the v10 login example after Run', async (scheme) => {
    const example = examples.find((e) => e.id === 'v10-credential-login')!;
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await waitForMonaco(page);
      await chooseExample(page, example.id);
      const outcome = await run(page);
      expect(outcome?.kind, describeOutcome(outcome)).toBe('result');
      expect(outcome?.text).toMatch(example.expectShape);
      await snap(page, `main-${scheme}`);
      if (write && scheme === 'light') copyFileSync(`${dir}main-light.png`, readme);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('explorer: demo data, a document opened from it, a token counting down', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await waitForMonaco(page);
      await page.getByTestId('examples').click();
      await andWait(page, () => page.getByTestId('load-demo').click());
      expect(await page.getByTestId('setup-note').textContent()).toContain('Demo data loaded');
      const ttl = new Date(Date.now() + 3600_000).toISOString();
      await setQuery(page, `Token.create({ document: Customer.byId("111"), ttl: Time("${ttl}") })`);
      expect((await run(page))?.kind).toBe('result');

      await page.getByTestId('explorer-toggle').click();
      const product = page.locator('[data-testid=explorer-collection][data-name=Product]');
      await product.waitFor();
      expect(await product.getByTestId('explorer-count').textContent()).toBe('9 documents');
      await product.locator('summary').click();
      await andWait(page, () => product.locator('[data-testid=explorer-doc][data-id="111"]').click());
      expect(await page.getByTestId('result').textContent()).toContain('name: "cups"');

      const alice = page.locator('[data-testid=explorer-identity][data-document="Customer/111"]');
      expect(await alice.locator('li').count()).toBe(2);
      const countdown = alice.getByTestId('explorer-ttl');
      const first = await countdown.textContent();
      expect(first).toMatch(/^expires in (59|60):\d\d$/);
      await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(first);
      await page.locator('[data-testid=explorer-collection][data-name=Customer] summary').click();
      await snap(page, 'explorer');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('embed mode: a docs page with an embedded, run query', async () => {
    const hash = encodeSnippet({
      lang: 'fql10',
      query: 'let book = Book.byId("1")!\n{\n  title: book.title,\n  author: book.author\n}',
      setup: [
        { lang: 'fql10', source: 'Collection.create({ name: "Book" })' },
        { lang: 'fql10', source: 'Book.create({ id: "1", title: "Dune", author: "Frank Herbert" })' },
      ],
      view: 'decorated',
      title: 'Read a document',
    });
    const docs = await serveOtherSite(`<!doctype html><html><head><title>Docs</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:860px;margin:24px auto;color:#1d2330}code{background:#eef;padding:1px 4px;border-radius:4px}</style>
</head><body><h2>Read a document by id</h2>
<p><code>byId()</code> returns a reference to a document; <code>!</code> asserts that it exists. Press <b>Run</b>:</p>
<iframe id="embed" src="${suite.app.url}?embed#${hash}" style="width:100%;height:380px;border:1px solid #ccd;border-radius:8px"></iframe>
<p>The playground runs in your browser: nothing is sent anywhere.</p></body></html>`);
    // A regular profile, as a docs reader's browser: the frame gets (partitioned) storage.
    const profile = await launchProfile({ viewport: { width: 960, height: 600 } });
    try {
      const page = await profile.context.newPage();
      await page.goto(docs.url);
      const frame = page.frameLocator('#embed');
      await frame.locator('[data-testid=editor] .monaco-editor').waitFor({ timeout: 30_000 });
      await frame.getByTestId('run').click();
      await frame.getByTestId('result').waitFor();
      expect(await frame.getByTestId('result').textContent()).toBe('{\n  title: "Dune",\n  author: "Frank Herbert"\n}');
      expect(await frame.getByTestId('storage-notice').count()).toBe(0);
      await snap(page, 'embed');
    } finally {
      await profile.close();
      await docs.close();
    }
  });
});
