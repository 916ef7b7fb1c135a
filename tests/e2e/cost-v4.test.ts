// The v4 counterpart of the cost test in auth-and-cost.test.ts: a v4 query shows v4's nine query
// metrics and a Cost view with what each part of the query cost.
import { describe, expect, it } from 'vitest';
import { V4_METRICS, chooseExample, describeOutcome, openApp, readMetrics, run, useAppAndBrowser } from './harness';

const suite = useAppAndBrowser();

describe('v4 metrics and cost', () => {
  it('a v4 Get shows the nine v4 query metrics and its cost rows', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      expect(await chooseExample(page, 'lesson-v4-documents')).toMatch(/^Set-up: \d+ steps? run/);
      expect(await page.locator('[data-testid=lang-switch] button[data-lang=fql4]').getAttribute('aria-pressed')).toBe('true');
      const outcome = await run(page);
      expect(outcome?.kind, describeOutcome(outcome)).toBe('result');
      expect(outcome?.text).toContain("title: 'Dune'");

      // The panel is titled as the v4 tools titled it, with v4's names in v4's order.
      const panel = page.getByTestId('metrics');
      expect(await panel.getAttribute('aria-label')).toBe('Query metrics');
      const metrics = await readMetrics(page);
      expect(metrics.map(([name]) => name)).toEqual(V4_METRICS);
      for (const [name, value] of metrics) expect(value, name).toMatch(/^\d+$/);
      const values = Object.fromEntries(metrics.map(([name, value]) => [name, Number(value)]));
      // One document read (the Get), nothing written, at least one compute op.
      expect(values.readOps).toBe(1);
      expect(values.writeOps).toBe(0);
      expect(values.computeOps).toBeGreaterThanOrEqual(1);
      expect(values.bytesIn).toBeGreaterThan(0);

      // The Cost view: at least one row, and a total whose reads add up to readOps.
      await page.getByTestId('cost-toggle').click();
      const rows = page.getByTestId('cost-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBeGreaterThan(0);
      const reads = await rows.evaluateAll((els) => els.map((el) => Number(el.querySelectorAll('td')[3]?.textContent ?? '0')));
      expect(reads.reduce((a, b) => a + b, 0)).toBe(values.readOps);
      expect(await page.getByTestId('cost-total').textContent()).toContain('total');
      if (process.env.COST_V4_SHOT) await page.screenshot({ path: `${process.env.COST_V4_SHOT}.png` });

      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
