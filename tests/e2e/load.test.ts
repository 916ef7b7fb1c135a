// First load: no console errors, the page paints before Monaco is fetched, then Monaco replaces
// the plain textarea and colours FQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  describeOutcome,
  launchBrowser,
  openApp,
  readOutcome,
  setLanguage,
  setQuery,
  startApp,
  waitForMonaco,
  useAppAndBrowser,
} from './harness';
import type { App } from './harness';

const suite = useAppAndBrowser();

describe('page load', () => {
  it('has no console errors and loads Monaco after first paint', async () => {
    const context = await suite.browser.newContext();
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      expect(await page.title()).toBe('FQL Playground');
      await waitForMonaco(page);
      // The fallback textarea is gone once Monaco is there.
      expect(await page.locator('[data-testid=editor] > textarea').count()).toBe(0);

      const timing = await page.evaluate(() => {
        const paint = performance.getEntriesByType('paint');
        const firstPaint = (paint.find((e) => e.name === 'first-contentful-paint') ?? paint[0])?.startTime;
        const scripts = performance.getEntriesByType('resource').filter((e) => /\.js(\?|$)/.test(e.name));
        const monaco = scripts.find((e) => /\/monaco-[^/]*\.js$/.test(e.name));
        return { firstPaint, monacoStart: monaco?.startTime, scripts: scripts.map((e) => e.name) };
      });
      expect(timing.firstPaint, 'a paint timing entry').toBeTypeOf('number');
      expect(timing.monacoStart, `Monaco chunk among ${timing.scripts.join(', ')}`).toBeTypeOf('number');
      expect(timing.monacoStart!).toBeGreaterThanOrEqual(timing.firstPaint!);

      // Every control has an accessible name.
      for (const id of ['lang-switch', 'examples', 'run', 'share', 'history', 'databases', 'database', 'explorer-toggle', 'theme', 'new-tab']) {
        expect(await page.getByTestId(id).getAttribute('aria-label'), id).toBeTruthy();
      }
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll('button, select, input, textarea, a[href]')]
          .filter((el) => !el.closest('[aria-hidden="true"]'))
          .filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim() || (el as HTMLInputElement).labels?.length))
          .map((el) => el.outerHTML.slice(0, 120)),
      );
      expect(unnamed).toEqual([]);

      await page.waitForTimeout(500);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('colours FQL v10 keywords, identifiers, strings and comments differently', async () => {
    const context = await suite.browser.newContext();
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await setLanguage(page, 'fql10');
      await setQuery(page, 'let total = Customer.all() // note');
      // Monaco colours an edited line in the background (and renders spaces as U+00A0): poll until
      // the whole line is coloured.
      const tokenClasses = async (): Promise<Record<string, string | undefined>> => {
        const spans = await page
          .locator('[data-testid=editor] .view-line span span')
          .evaluateAll((els) => els.map((el) => [(el.textContent ?? '').replace(/\u00a0/g, ' ').trim(), el.className] as const));
        const classOf = (text: string): string | undefined => spans.find(([t]) => t === text)?.[1];
        return { let: classOf('let'), total: classOf('total'), Customer: classOf('Customer'), comment: classOf('// note') };
      };
      await expect
        .poll(async () => {
          const c = await tokenClasses();
          return (
            c.total !== undefined &&
            [c.let, c.Customer, c.comment].every((k) => k !== undefined && k !== c.total) &&
            new Set([c.let, c.Customer, c.comment]).size === 3
          );
        }, { timeout: 10_000 })
        .toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('runs the query with Ctrl+Enter', async () => {
    const context = await suite.browser.newContext();
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await setLanguage(page, 'fql4');
      await setQuery(page, 'Let({ answer: 42 }, Var("answer"))');
      const before = await page.getByTestId('result-pane').getAttribute('data-generation');
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid=result-pane]')?.getAttribute('data-generation') !== n,
        before,
      );
      const outcome = await readOutcome(page);
      expect(outcome?.kind, describeOutcome(outcome)).toBe('result');
      expect(outcome?.text.trim()).toBe('42');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
