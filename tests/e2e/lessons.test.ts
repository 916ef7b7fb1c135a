// The Sets, Indexes and Roles lessons, each topic worked through in order in one fresh browser
// context, the way a reader follows them: choose the lesson in the gallery (its set-up runs), Run,
// and check what the lesson says will show — the result, the performance hints, the stats, the
// Cost view, and for the roles the results of running as the member's token.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { lessons } from '../../src/examples/lessons';
import type { Lesson } from '../../src/examples/lessons';
import { chooseExample, describeOutcome, openApp, readMetrics, readOutcome, run, useAppAndBrowser } from './harness';
import type { Outcome } from './harness';

const suite = useAppAndBrowser();

function lesson(id: string): Lesson {
  const found = lessons.find((l) => l.id === id);
  if (!found) throw new Error(`no lesson ${id}`);
  return found;
}

function shown(outcome: Outcome | null): string {
  return outcome?.kind === 'result' || outcome?.kind === 'error' ? outcome.text : describeOutcome(outcome);
}

/** Chooses the lesson, checks its set-up ran, clicks Run and checks the result it promises. */
async function runLesson(page: Page, l: Lesson, expectShape: RegExp = l.expectShape): Promise<Outcome | null> {
  const note = await chooseExample(page, l.id);
  expect(note, `${l.id}: ${note}\n${describeOutcome(await readOutcome(page))}`).toMatch(/^Set-up: \d+ steps? run/);
  const outcome = await run(page);
  expect(shown(outcome), l.id).toMatch(expectShape);
  const logs = page.getByTestId('logs');
  if (l.expectLogs) expect((await logs.locator('pre').textContent()) ?? '', l.id).toMatch(l.expectLogs);
  else expect(await logs.count(), `${l.id} shows no log lines`).toBe(0);
  return outcome;
}

async function metric(page: Page, name: string): Promise<number> {
  const value = (await readMetrics(page)).find(([n]) => n === name)?.[1];
  if (value === undefined) throw new Error(`no ${name} in the stats`);
  return Number(value);
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.LESSONS_SHOT) await page.screenshot({ path: `${process.env.LESSONS_SHOT}-${name}.png` });
}

describe('Lessons, step by step in the app', () => {
  it('Sets: pages of 16, laziness, where/order/take/map, pageSize, the after cursor, the scan hint and its cost', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      for (const l of lessons.filter((x) => x.topic === 'Sets')) {
        await runLesson(page, l);
        // "take(3) reads three tickets, not forty".
        if (l.id === 'lesson-sets-lazy') expect(await metric(page, 'read_ops')).toBeLessThan(40);
      }

      // The last lesson is the scan: the Cost view lists what it read, with a total.
      expect(await metric(page, 'read_ops')).toBeGreaterThanOrEqual(40);
      await page.getByTestId('cost-toggle').click();
      const rows = page.getByTestId('cost-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBeGreaterThan(0);
      const reads = await rows.evaluateAll((els) => els.map((el) => Number(el.querySelectorAll('td')[3]?.textContent ?? '0')));
      expect(reads.reduce((a, b) => a + b, 0)).toBe(await metric(page, 'read_ops'));
      expect(await page.getByTestId('cost-total').textContent()).toContain('total');
      await screenshot(page, 'sets-scan');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Indexes: define, call, covered and uncovered reads, a range, a unique constraint and a refused duplicate', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      for (const l of lessons.filter((x) => x.topic === 'Indexes')) {
        const outcome = await runLesson(page, l);
        // "one read op for the page, however many films match" / "read_ops grows by one per film".
        if (l.id === 'lesson-indexes-covered') expect(await metric(page, 'read_ops')).toBe(1);
        if (l.id === 'lesson-indexes-not-covered') {
          expect(await metric(page, 'read_ops')).toBe(4);
          await screenshot(page, 'indexes-not-covered');
        }
        if (l.id === 'lesson-indexes-duplicate') {
          expect(outcome?.kind === 'error' ? outcome.code : describeOutcome(outcome)).toBe('constraint_failure');
          expect(await metric(page, 'write_ops')).toBe(0);
        }
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("Roles: create the role, mint Ada's token, run as it (allowed and denied), back to admin", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await runLesson(page, lesson('lesson-roles-create'));
      await runLesson(page, lesson('lesson-roles-token'));
      expect(await page.getByTestId('run-as-label').textContent()).toBe('admin');

      // "Click Run as this token under the result".
      await page.getByTestId('run-as-result').click();
      await expect.poll(() => page.getByTestId('run-as-label').textContent()).toContain('token');

      const read = lesson('lesson-roles-read');
      await runLesson(page, read, read.runAs!.expectShape);
      expect(await page.getByTestId('principal').textContent()).toMatch(/ran as token \d+ of Member\("1"\)/);
      await screenshot(page, 'roles-read');

      const denied = lesson('lesson-roles-denied');
      const refused = await runLesson(page, denied, denied.runAs!.expectShape);
      expect(refused?.kind === 'error' ? refused.code : describeOutcome(refused)).toBe('permission_denied');
      expect(await metric(page, 'write_ops')).toBe(0);

      // Back to admin: the same query as Roles 3 now sees every article and no identity.
      await page.getByTestId('run-as').click();
      await page.getByTestId('run-as-admin').click();
      await expect.poll(() => page.getByTestId('run-as-label').textContent()).toBe('admin');
      await runLesson(page, read);
      expect(await page.getByTestId('principal').textContent()).toContain('admin');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
