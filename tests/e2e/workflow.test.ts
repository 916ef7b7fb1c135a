// Everyday work: tabs autosaved (never a secret in localStorage), the history of run queries
// (↑/↓ and the list), running only the selection, the result views and Copy, log() output, the
// theme switch remembered, Esc closing panels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  andWait,
  chooseExample,
  describeOutcome,
  editorText,
  launchBrowser,
  openApp,
  run,
  setQuery,
  startApp,
  waitForMonaco,
  useAppAndBrowser,
} from './harness';
import type { App } from './harness';

const suite = useAppAndBrowser();

async function tabTitles(page: Page): Promise<string[]> {
  return page.getByTestId('tab').allTextContents();
}

/** Puts the cursor at the start of the editor's first line. */
async function cursorToStart(page: Page): Promise<void> {
  await page.locator('[data-testid=editor] .monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
}

describe('workflow', () => {
  it('tabs are autosaved and restored; localStorage never holds a secret', async () => {
    const context = await suite.browser.newContext();
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await waitForMonaco(page);
      await page.getByTestId('new-tab').click();
      expect(await tabTitles(page)).toEqual(['Query 1', 'Query 2']);
      await setQuery(page, '1 + 2');
      await page.getByTestId('tab').nth(1).dblclick();
      await page.getByTestId('tab-rename').fill('Sum');
      await page.keyboard.press('Enter');
      expect(await tabTitles(page)).toEqual(['Query 1', 'Sum']);

      // A login in the first tab: its result shows a token secret.
      await page.getByTestId('tab').first().click();
      expect(await chooseExample(page, 'lesson-auth-login')).toMatch(/^Set-up: 3 steps run$/);
      const login = await run(page);
      expect(login?.kind, describeOutcome(login)).toBe('result');
      const secret = /secret: "(fn[A-Za-z0-9_-]{49})"/.exec(login!.text)?.[1];
      expect(secret).toBeDefined();
      await page.waitForTimeout(500);
      const stored = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
      const all = JSON.stringify(stored);
      expect(all).not.toContain(secret!);
      expect(all).not.toMatch(/fn[A-Za-z0-9_-]{49}/);
      expect(all).not.toContain('$argon2id$');

      await page.reload();
      await waitForMonaco(page);
      expect(await tabTitles(page)).toEqual(['Authentication 3: log in to get a token', 'Sum']);
      await page.getByTestId('tab').nth(1).click();
      expect(await editorText(page)).toBe('1 + 2');
      await page.getByTestId('tab-close').first().click();
      expect(await tabTitles(page)).toEqual(['Sum']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('history: ↑ on the first line and ↓ on the last walk through run queries; the list opens one', async () => {
    const context = await suite.browser.newContext();
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await setQuery(page, '1 + 1');
      expect((await run(page))?.text).toBe('2');
      await setQuery(page, '2 + 2');
      expect((await run(page))?.text).toBe('4');
      await setQuery(page, '"draft"');

      await cursorToStart(page);
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => editorText(page)).toBe('2 + 2');
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => editorText(page)).toBe('1 + 1');
      await page.keyboard.press('ArrowUp'); // nothing older: stays
      await expect.poll(() => editorText(page)).toBe('1 + 1');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => editorText(page)).toBe('2 + 2');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => editorText(page)).toBe('"draft"');

      await page.getByTestId('history').click();
      const entries = page.getByTestId('history-entry');
      // The dialog loads on first use: wait for it before counting.
      await entries.first().waitFor();
      expect(await entries.count()).toBe(2);
      expect(await entries.first().textContent()).toContain('2 + 2');
      await entries.nth(1).click();
      await expect.poll(() => editorText(page)).toBe('1 + 1');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('runs only the selection when there is one', async () => {
    const context = await suite.browser.newContext();
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await setQuery(page, '1 + 1\n10 * 10');
      await cursorToStart(page);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await expect.poll(() => page.getByTestId('run').textContent()).toBe('Run selection');
      expect((await run(page))?.text).toBe('100');
      // The history has what ran: the selection.
      await page.getByTestId('history').click();
      // The dialog loads on first use: wait for its entries rather than reading them at once.
      await expect.poll(() => page.getByTestId('history-entry').locator('code').allTextContents()).toEqual(['10 * 10']);
      await page.keyboard.press('Escape');
      // A click in the editor drops the selection: Run runs everything again.
      await cursorToStart(page);
      await expect.poll(() => page.getByTestId('run').textContent()).toBe('Run');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('result views: FQL, JSON, tagged, a table of documents, a tree; Copy copies the view', async () => {
    const context = await suite.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await setQuery(page, 'Collection.create({ name: "Book" })');
      await run(page);
      await setQuery(page, '[\n  Book.create({ id: "1", title: "Dune", year: 1965 }),\n  Book.create({ id: "2", title: "Emma", tags: ["novel"] })\n]');
      const outcome = await run(page);
      expect(outcome?.kind, describeOutcome(outcome)).toBe('result');
      const views = await page.locator('[data-testid=result-views] button').evaluateAll((els) => els.map((e) => e.getAttribute('data-view')));
      expect(views).toEqual(['decorated', 'simple', 'tagged', 'table', 'tree']);

      await page.locator('[data-testid=result-views] button[data-view=simple]').click();
      const simple = JSON.parse((await page.getByTestId('result-json').textContent())!) as { title: string }[];
      expect(simple.map((d) => d.title)).toEqual(['Dune', 'Emma']);
      await page.getByTestId('copy-result').click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId('result-json').textContent());

      await page.locator('[data-testid=result-views] button[data-view=tagged]').click();
      expect(await page.getByTestId('result-json').textContent()).toContain('"@int": "1965"');

      await page.locator('[data-testid=result-views] button[data-view=table]').click();
      const table = page.getByTestId('result-table');
      expect(await table.locator('th').allTextContents()).toEqual(['id', 'coll', 'ts', 'title', 'year', 'tags']);
      expect(await table.locator('tbody tr').count()).toBe(2);
      expect(await table.locator('tbody tr').first().locator('td').allTextContents()).toEqual(
        expect.arrayContaining(['1', 'Book', 'Dune', '1965', '']),
      );
      await page.getByTestId('copy-result').click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^id\tcoll\tts\ttitle\tyear\ttags\n1\tBook\t/);

      await page.locator('[data-testid=result-views] button[data-view=tree]').click();
      const tree = page.getByTestId('result-tree');
      expect(await tree.locator('details').count()).toBeGreaterThanOrEqual(3);
      expect(await tree.textContent()).toContain('"Emma"');

      // The view is the tab's: it stays for the next result, falling back when it does not apply.
      await setQuery(page, '"just a string"');
      await run(page);
      expect(await page.locator('[data-testid=result-views] button[data-view=tree]').getAttribute('aria-pressed')).toBe('true');
      await page.locator('[data-testid=result-views] button[data-view=decorated]').click();
      expect(await page.getByTestId('result').textContent()).toBe('"just a string"');

      // v4: the wire view; a table of v4 documents (ref, ts, then the data fields).
      await page.locator('[data-testid=lang-switch] button[data-lang=fql4]').click();
      await setQuery(page, 'CreateCollection({ name: "films" })');
      await run(page);
      await setQuery(page, '[Create(Ref(Collection("films"), "1"), { data: { title: "Alien" } }), Create(Ref(Collection("films"), "2"), { data: { title: "Heat" } })]');
      const v4 = await run(page);
      expect(v4?.kind, describeOutcome(v4)).toBe('result');
      const v4views = await page.locator('[data-testid=result-views] button').evaluateAll((els) => els.map((e) => e.getAttribute('data-view')));
      expect(v4views).toEqual(['decorated', 'wire', 'table', 'tree']);
      await page.locator('[data-testid=result-views] button[data-view=table]').click();
      expect(await table.locator('th').allTextContents()).toEqual(['ref', 'ts', 'title']);
      expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toBe('films/1');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows log() output beside the result', async () => {
    const context = await suite.browser.newContext();
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await setQuery(page, 'log("hello from log")\n41 + 1');
      const outcome = await run(page);
      expect(outcome?.kind, describeOutcome(outcome)).toBe('result');
      expect(outcome?.text).toBe('42');
      expect(await page.getByTestId('logs').textContent()).toContain('hello from log');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('theme switch: dark, remembered across reloads, Monaco follows; Esc closes the explorer and dialogs', async () => {
    const context = await suite.browser.newContext({ colorScheme: 'light' });
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await waitForMonaco(page);
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await background();
      await page.getByTestId('theme').selectOption('dark');
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await background()).not.toBe(light);
      await expect.poll(() => page.locator('[data-testid=editor] .monaco-editor.vs-dark').count()).toBe(1);
      await page.reload();
      await waitForMonaco(page);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await page.getByTestId('theme').inputValue()).toBe('dark');
      await expect.poll(() => page.locator('[data-testid=editor] .monaco-editor.vs-dark').count()).toBe(1);
      await page.getByTestId('theme').selectOption('system');
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
      expect(await background()).toBe(light);

      await page.getByTestId('explorer-toggle').click();
      await page.getByTestId('explorer').waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('explorer').count()).toBe(0);
      await page.keyboard.press('ControlOrMeta+S');
      await page.getByTestId('share-link').waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('share-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
      await andWait(page, () => page.getByTestId('run').click());
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
