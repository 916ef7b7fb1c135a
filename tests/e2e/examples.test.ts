// Every example of the Examples menu, each in a fresh browser context (an empty IndexedDB):
// choose it, let its set-up run, click Run, and compare with the printed result of its doc page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { lessons } from '../../src/examples/lessons';
import { examples } from '../../src/examples/seeds';
import {
  V10_METRICS,
  V4_METRICS,
  andWait,
  chooseExample,
  describeOutcome,
  launchBrowser,
  openApp,
  openDatabases,
  readMetrics,
  readOutcome,
  run,
  startApp,
  waitForMonaco,
  useAppAndBrowser,
} from './harness';
import type { App } from './harness';

const suite = useAppAndBrowser();

describe('Examples gallery', () => {
  it('lists every seed example and every lesson, and Esc closes it', async () => {
    const context = await suite.browser.newContext();
    try {
      const { page } = await openApp(context, suite.app.url);
      await page.getByTestId('examples').click();
      const dialog = page.getByTestId('examples-dialog');
      const ids = await dialog.locator('[data-testid^="example-"]').evaluateAll((els) =>
        els.map((el) => el.getAttribute('data-testid')!.slice('example-'.length)),
      );
      expect(ids.sort()).toEqual([...examples, ...lessons].map((e) => e.id).sort());
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('runs every lesson on an empty database (a new one each)', async () => {
    const context = await suite.browser.newContext();
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await waitForMonaco(page);
      for (const lesson of lessons) {
        await openDatabases(page);
        await page.getByTestId('new-db-name').fill(lesson.id);
        await andWait(page, () => page.getByTestId('create-db').click());
        await page.keyboard.press('Escape');
        expect(await page.getByTestId('database').locator('option:checked').textContent()).toBe(lesson.id);

        const note = await chooseExample(page, lesson.id);
        expect(note, `${lesson.id}: ${note}\n${describeOutcome(await readOutcome(page))}`).toMatch(/^Set-up: \d+ steps? run$/);
        const outcome = await run(page);
        const text = outcome?.kind === 'result' || outcome?.kind === 'error' ? outcome.text : describeOutcome(outcome);
        expect(text, lesson.id).toMatch(lesson.expectShape);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(examples)('$id: set-up, Run, result and metrics', async (example) => {
    const context = await suite.browser.newContext();
    try {
      const { page, errors } = await openApp(context, suite.app.url);

      const note = await chooseExample(page, example.id);
      expect(note, `${note}\n${describeOutcome(await readOutcome(page))}`).toMatch(/^Set-up: \d+ steps? run/);
      expect(await page.locator(`[data-testid=lang-switch] button[data-lang=${example.lang}]`).getAttribute('aria-pressed')).toBe(
        'true',
      );

      const outcome = await run(page);
      expect(outcome?.kind, describeOutcome(outcome)).toBe('result');
      expect(outcome?.text).toMatch(example.expectShape);

      const names = example.lang === 'fql10' ? V10_METRICS : V4_METRICS;
      const metrics = await readMetrics(page);
      expect(metrics.map(([name]) => name)).toEqual(names);
      for (const [name, value] of metrics) {
        if (name === 'rate_limits_hit') expect(value, name).toMatch(/^\[.*\]$/);
        else expect(value, name).toMatch(/^\d+(\.\d+)?$/);
      }
      // The labels users read carry the metric names too.
      const labels = await page.locator('[data-testid=metrics] dt').allTextContents();
      for (const name of names) expect(labels.some((label) => label.startsWith(name))).toBe(true);

      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
