// Share links, end to end, with the app served under a Content-Security-Policy forbidding inline
// script: a snippet shared from one browser context opens in another on a scratch database,
// runs nothing until clicked, and then gives the same result; link text is only ever text; a
// damaged link gets a clear message; a link past 8 KB is offered as a file.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { encodeSnippet } from '../../src/share/codec';
import type { Snippet } from '../../src/share/codec';
import {
  STRICT_CSP,
  andWait,
  describeOutcome,
  editorText,
  idbSnapshot,
  launchBrowser,
  normalise,
  openApp,
  run,
  setLanguage,
  setQuery,
  squash,
  startApp,
  waitForMonaco,
} from './harness';
import type { App } from './harness';

let app: App | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  app = await startApp({ headers: { 'Content-Security-Policy': STRICT_CSP } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function generation(page: Page): Promise<number> {
  return Number(await page.getByTestId('result-pane').getAttribute('data-generation'));
}

/** The JSON view's text with times and ids made comparable. */
async function jsonView(page: Page): Promise<string> {
  const text = (await page.getByTestId('result-json').textContent()) ?? '';
  return normalise(text).replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"TIME"').replace(/"\d{15,19}"/g, '"ID"');
}

const cases = [
  {
    lang: 'fql10' as const,
    view: 'simple',
    setup: 'Collection.create({ name: "Pet" })\n---\nPet.create({ id: "1", name: "Rex", kind: "dog" })',
    query: 'let rex = Pet.byId("1")!\n{ name: rex.name, kind: rex.kind, greeting: "Hi #{rex.name}" }',
    expected: /greeting: "Hi Rex"/,
  },
  {
    lang: 'fql4' as const,
    view: 'wire',
    setup: 'CreateCollection({ name: "pets" })\n---\nCreate(Ref(Collection("pets"), "1"), { data: { name: "Rex" } })',
    query: 'Let({ pet: Get(Ref(Collection("pets"), "1")) }, { name: Select(["data", "name"], Var("pet")), ref: Select("ref", Var("pet")) })',
    expected: /name: 'Rex'/,
  },
];

describe('share links', () => {
  it.each(cases)('$lang snippet with set-up: shared, opened in a new context, same result', async (c) => {
    const contextA = await browser!.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const contextB = await browser!.newContext();
    try {
      const { page: a, errors: errorsA } = await openApp(contextA, app!.url);
      await setLanguage(a, c.lang);
      await setQuery(a, c.query);
      await a.getByTestId('setup-edit').click();
      await a.getByTestId('setup-text').fill(c.setup);
      await a.getByTestId('setup-edit').click();
      expect(await a.getByTestId('setup-count').textContent()).toBe('2 steps');
      await andWait(a, () => a.getByTestId('setup-run').click());
      const resultA = await run(a);
      expect(resultA?.kind, describeOutcome(resultA)).toBe('result');
      expect(resultA?.text).toMatch(c.expected);
      await a.locator(`[data-testid=result-views] button[data-view=${c.view}]`).click();
      const jsonA = await jsonView(a);

      // Ctrl/Cmd+S in the editor opens the Share dialog.
      await a.locator('[data-testid=editor] .monaco-editor .view-lines').click();
      await a.keyboard.press('ControlOrMeta+S');
      const link = await a.getByTestId('share-link').inputValue();
      expect(link.startsWith(`${app!.url}#v1/`)).toBe(true);
      await a.getByTestId('copy-link').click();
      await a.getByTestId('share-status').filter({ hasText: 'copied' }).waitFor();
      expect(await a.evaluate(() => navigator.clipboard.readText())).toBe(link);
      await a.getByTestId('copy-markdown').click();
      await a.getByTestId('share-status').filter({ hasText: 'Markdown copied' }).waitFor();
      const markdown = await a.evaluate(() => navigator.clipboard.readText());
      expect(markdown).toContain('```fql\n');
      expect(markdown).toContain(c.query.split('\n')[0]);
      expect(markdown).toContain(`](${link})`);
      expect(errorsA).toEqual([]);

      // A new context (another person): the snippet is there, nothing has run.
      const { page: b, errors: errorsB } = await openApp(contextB, link);
      await waitForMonaco(b);
      await b.getByTestId('banner').filter({ hasText: /shared query/i }).waitFor();
      expect(new URL(b.url()).hash).toBe('');
      expect(await generation(b)).toBe(0);
      expect(await b.getByTestId('result').count()).toBe(0);
      expect(await b.getByTestId('setup-count').textContent()).toBe('2 steps');
      expect(await b.getByTestId('database').locator('option:checked').textContent()).toMatch(/scratch/i);
      expect(await editorText(b)).toContain(squash(c.query));
      expect(await b.getByTestId('run').textContent()).toBe('Run set-up and query');

      await andWait(b, () => b.getByTestId('run').click());
      // The link carried the result view.
      expect(await b.locator(`[data-testid=result-views] button[data-view=${c.view}]`).getAttribute('aria-pressed')).toBe('true');
      expect(await jsonView(b)).toBe(jsonA);
      await b.locator('[data-testid=result-views] button[data-view=decorated]').click();
      expect(normalise((await b.getByTestId('result').textContent()) ?? '')).toBe(normalise(resultA!.text));

      if (c.lang === 'fql10') {
        // The reader keeps the scratch database: it stays, under a name, after a reload.
        await b.getByTestId('databases').click();
        await b.getByLabel('Name for the kept database').fill('Pets');
        await b.getByTestId('keep-scratch').click();
        await b.keyboard.press('Escape');
        await b.reload();
        await b.getByTestId('run').waitFor();
        expect(await b.getByTestId('database').locator('option').allTextContents()).toEqual(['Default', 'Pets']);
        await b.getByTestId('database').selectOption({ label: 'Pets' });
        await setQuery(b, 'Pet.byId("1")!.name');
        await andWait(b, () => b.getByTestId('run').click());
        await b.locator('[data-testid=result-views] button[data-view=decorated]').click();
        expect(await b.getByTestId('result').textContent()).toBe('"Rex"');
      }
      expect(errorsB).toEqual([]);
    } finally {
      await contextA.close();
      await contextB.close();
    }
  });

  it('shows HTML in a link as text, runs no script, and leaves the opener’s databases untouched', async () => {
    const evil = '<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>';
    const snippet: Snippet = {
      lang: 'fql10',
      query: `// ${evil}\n"${evil}"`,
      setup: [
        { lang: 'fql10', source: 'Collection.create({ name: "Evil" })' },
        { lang: 'fql10', source: `Evil.create({ html: "${evil}" })` },
      ],
      view: 'decorated',
      title: evil,
    };
    const link = `${app!.url}#${encodeSnippet(snippet)}`;
    const context = await browser!.newContext();
    try {
      // The opener has data of their own.
      const { page: mine, errors: mineErrors } = await openApp(context, app!.url);
      await setQuery(mine, 'Collection.create({ name: "Mine" })');
      expect((await run(mine))?.kind).toBe('result');
      await setQuery(mine, 'Mine.create({ id: "1", note: "keep me" })');
      expect((await run(mine))?.kind).toBe('result');
      const before = await idbSnapshot(mine, 'fql-playground');
      expect(JSON.stringify(before)).toContain('keep me');
      expect(mineErrors).toEqual([]);
      await mine.close();

      const { page, errors } = await openApp(context, link);
      await waitForMonaco(page);
      const banner = page.getByTestId('banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain(evil);
      expect(await editorText(page)).toContain(squash(snippet.query));
      expect(await page.locator('img[src="x"], script:not([src])').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();

      await andWait(page, () => page.getByTestId('shared-run').click());
      const result = await page.getByTestId('result').textContent();
      expect(result).toBe(`"${evil}"`);
      expect(await page.locator('img[src="x"], script:not([src])').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();

      // The set-up ran in a scratch database; the opener's database is exactly as it was.
      const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
      expect(names.some((n) => n.startsWith('fql-playground-scratch-'))).toBe(true);
      expect(await idbSnapshot(page, 'fql-playground')).toEqual(before);
      expect(JSON.stringify(await idbSnapshot(page, 'fql-playground'))).not.toContain('Evil');

      // Back to the opener's database: their collection, not the link's.
      await page.getByTestId('leave-scratch').click();
      await setQuery(page, 'Mine.byId("1")!.note');
      expect((await run(page))?.text).toBe('"keep me"');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a damaged or foreign link gets a clear message, and the playground keeps working', async () => {
    const context = await browser!.newContext();
    try {
      const { page, errors } = await openApp(context, `${app!.url}#v1/%%%not-a-link`);
      const banner = page.locator('[data-testid=banner][data-kind=link-error]');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('Could not open this link');
      for (const hash of ['#v1/AAAAAAAAAAAAAAAAAAAAAAAA', '#v7/abc', '#hello', '#v1/N4Ig']) {
        await page.getByTestId('banner-close').click();
        await page.evaluate((h) => (location.hash = h), hash);
        await banner.waitFor();
        expect(await banner.textContent(), hash).toContain('Could not open this link');
      }
      // Nothing was opened: the user's own database is still current, and queries run.
      expect(await page.getByTestId('database').locator('option:checked').textContent()).toBe('Default');
      await setQuery(page, '1 + 1');
      expect((await run(page))?.text).toBe('2');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('warns past 8 KB and offers a file, which opens like a link', async () => {
    const context = await browser!.newContext({ acceptDownloads: true });
    try {
      const { page, errors } = await openApp(context, app!.url);
      // Random text does not compress: the link grows with it.
      let seed = 7;
      const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      const noise = Array.from({ length: 12_000 }, () => chars[(seed = (seed * 48271) % 2147483647) % chars.length]).join('');
      await setQuery(page, `"${noise}"`);
      await page.getByTestId('share').click();
      await page.getByTestId('share-warning').waitFor();
      expect(await page.getByTestId('share-size').textContent()).toMatch(/KB$/);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-snippet').click()]);
      const path = await download.path();
      const file = JSON.parse(readFileSync(path!, 'utf8')) as { format: string; snippet: { query: string } };
      expect(file.format).toBe('fql-playground-snippet');
      expect(file.snippet.query).toBe(`"${noise}"`);

      // Opened from the Share dialog's "Open a snippet file…".
      await page.getByTestId('open-snippet-file').setInputFiles(path!);
      await page.getByTestId('banner').filter({ hasText: /shared query/i }).waitFor();
      expect(await page.getByTestId('database').locator('option:checked').textContent()).toMatch(/scratch/i);
      expect(await editorText(page)).toContain(noise.slice(0, 40));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
