// "Connect a driver", as a user does it: the built app, its dialog's snippets run as shown in
// the page, and the shared driver suite (tests/drivers/suite.ts) run in Chromium with the page's
// own lazily loaded `fauna` and `faunadb` talking to the in-page engine through its HTTP client.
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import type { CaseOutcome } from '../drivers/suite';
import { describeOutcome, openApp, run, setQuery, useAppAndBrowser } from './harness';

const suite = useAppAndBrowser();
const root = fileURLToPath(new URL('../..', import.meta.url));

/** The driver suite bundled as one classic script defining `driverSuite.runDriverSuite`. */
async function suiteScript(): Promise<string> {
  const out = (await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: fileURLToPath(new URL('../drivers/suite.ts', import.meta.url)), formats: ['iife'], name: 'driverSuite' },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const first = Array.isArray(out) ? out[0]! : out;
  const chunk = first.output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the suite did not bundle');
  return chunk.code;
}

describe('drivers in the page', () => {
  it('the Connect dialog names the database, and its in-page snippets run as shown', async () => {
    const context = await suite.browser.newContext();
    const { page, errors } = await openApp(context, suite.app.url);
    await setQuery(page, 'Collection.create({ name: "Books" })');
    const made = await run(page);
    expect(made?.kind, describeOutcome(made)).toBe('result');

    await page.getByTestId('connect').click();
    const dialog = page.getByTestId('connect-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('connect-db').textContent()).toBe(await page.getByTestId('database').locator('option:checked').textContent());
    const v10 = await page.getByTestId('connect-fauna-page').textContent();
    const v4 = await page.getByTestId('connect-faunadb-page').textContent();
    await page.keyboard.press('Escape');

    // Pasted into the console: an async function body.
    const runSnippet = (code: string) => page.evaluate(`(async () => { ${code} })()`);
    expect(await runSnippet(v10!)).toEqual(['Books']);
    const page4 = (await runSnippet(v4!)) as { data: Array<{ '@ref'?: unknown; id?: string }> };
    expect(JSON.stringify(page4)).toContain('Books');

    // What the driver wrote is what the page sees.
    await page.evaluate(`(async () => {
      const { Client, fql } = await fqlPlayground.drivers.fauna();
      const client = new Client({ secret: fqlPlayground.secret }, fqlPlayground.httpClient());
      await client.query(fql\`Books.create({ title: "Dune" })\`);
    })()`);
    await setQuery(page, 'Books.all().map(.title).toArray()');
    const read = await run(page);
    expect(read?.text).toBe('[\n  "Dune"\n]');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs the shared driver suite with both drivers against the in-page engine', async () => {
    const context = await suite.browser.newContext();
    const { page, errors } = await openApp(context, suite.app.url);
    // Evaluated as the console would (the app's CSP rightly forbids inline script tags).
    await page.evaluate(`${await suiteScript()}\nwindow.driverSuite = driverSuite;`);
    const outcomes = (await page.evaluate(`(async () => {
      const api = window.fqlPlayground;
      const [fauna, faunadb] = await Promise.all([api.drivers.fauna(), api.drivers.faunadb()]);
      return driverSuite.runDriverSuite({
        fauna,
        faunadb,
        v10: (secret) => new fauna.Client({ secret: secret ?? api.secret }, api.httpClient()),
        v4: (secret, observer) =>
          new faunadb.Client({ secret: secret ?? api.secret, fetch: api.fetch, scheme: 'http', domain: 'playground.local', ...(observer ? { observer } : {}) }),
      });
    })()`)) as CaseOutcome[];
    console.log(`driver suite in Chromium: ${outcomes.filter((o) => o.ok).length}/${outcomes.length} cases passed`);
    expect(outcomes.length).toBeGreaterThanOrEqual(10);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
