// Several databases in one browser: create, switch, rename, delete, reset; the demo data in one
// click; export to a file and import it back (identical contents, same results; a bad file
// changes nothing); Cancel of a running query writes nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_QUERY } from '../../src/examples/demo-data';
import {
  andWait,
  describeOutcome,
  idbSnapshot,
  launchBrowser,
  openApp,
  openDatabases,
  run,
  setQuery,
  startApp,
  waitForMonaco,
  useAppAndBrowser,
} from './harness';
import type { App } from './harness';

const suite = useAppAndBrowser();

async function currentDb(page: Page): Promise<string> {
  return (await page.getByTestId('database').locator('option:checked').textContent()) ?? '';
}

async function dbNames(page: Page): Promise<string[]> {
  return page.getByTestId('database').locator('option').allTextContents();
}

/** Collection name → document count, as the explorer shows them (refreshed first). */
async function explorerCounts(page: Page): Promise<Record<string, string>> {
  if ((await page.getByTestId('explorer').count()) === 0) await page.getByTestId('explorer-toggle').click();
  await page.getByTestId('explorer-refresh').click();
  await page.waitForTimeout(300);
  const rows = page.locator('[data-testid=explorer-collection]');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) {
    out[(await row.getAttribute('data-name')) ?? ''] = (await row.getByTestId('explorer-count').textContent()) ?? '';
  }
  return out;
}

async function createDatabase(page: Page, name: string, demo = false): Promise<void> {
  await openDatabases(page);
  await page.getByTestId('new-db-name').fill(name);
  await andWait(page, () => page.getByTestId(demo ? 'create-demo-db' : 'create-db').click());
  const dialog = page.getByTestId('databases-dialog');
  if ((await dialog.count()) > 0 && (await dialog.evaluate((d) => (d as HTMLDialogElement).open))) await page.keyboard.press('Escape');
}

describe('databases', () => {
  it('creates, switches, renames and deletes databases, each with its own contents', async () => {
    const context = await suite.browser.newContext();
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await waitForMonaco(page);
      await createDatabase(page, 'Alpha');
      expect(await currentDb(page)).toBe('Alpha');
      await setQuery(page, 'Collection.create({ name: "OnlyInAlpha" })');
      expect((await run(page))?.kind).toBe('result');
      expect(Object.keys(await explorerCounts(page))).toEqual(['OnlyInAlpha']);

      await page.getByTestId('database').selectOption({ label: 'Default' });
      expect(Object.keys(await explorerCounts(page))).toEqual([]);
      await page.getByTestId('database').selectOption({ label: 'Alpha' });
      expect(Object.keys(await explorerCounts(page))).toEqual(['OnlyInAlpha']);

      // Rename.
      await openDatabases(page);
      const alpha = page.locator('[data-testid=db-row][data-db-name=Alpha]');
      await alpha.getByTestId('rename-db').click();
      await page.getByTestId('rename-input').fill('Beta');
      await page.getByTestId('rename-save').click();
      await page.locator('[data-testid=db-row][data-db-name=Beta]').waitFor();
      expect(await currentDb(page)).toBe('Beta');

      // Reset to the demo data, then to empty.
      page.once('dialog', (d) => void d.accept());
      await andWait(page, () => page.getByTestId('reset-demo').click());
      expect(await page.getByTestId('setup-note').textContent()).toContain('Demo data loaded into “Beta”');
      expect(await explorerCounts(page)).toEqual({
        Category: '3 documents',
        Product: '9 documents',
        Customer: '3 documents',
        Order: '3 documents',
      });

      // The list survives a reload.
      await page.reload();
      await page.getByTestId('run').waitFor();
      expect(await dbNames(page)).toEqual(['Default', 'Beta']);
      expect(await currentDb(page)).toBe('Beta');

      // Delete: the IndexedDB database goes too, and Default becomes current.
      await openDatabases(page);
      const before = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
      expect(before.filter((n) => n.startsWith('fql-playground-db-'))).toHaveLength(1);
      page.once('dialog', (d) => void d.accept());
      await andWait(page, () => page.locator('[data-testid=db-row][data-db-name=Beta]').getByTestId('delete-db').click());
      expect(await dbNames(page)).toEqual(['Default']);
      expect(await currentDb(page)).toBe('Default');
      await expect
        .poll(async () => (await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''))).filter((n) => n.startsWith('fql-playground-db-')))
        .toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('exports a database, deletes it, imports it back: same contents, same results; a bad file changes nothing', async () => {
    const context = await suite.browser.newContext({ acceptDownloads: true });
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await waitForMonaco(page);
      // The demo data, one click: a new database loaded with it, and a tab querying it.
      await openDatabases(page);
      await page.getByTestId('new-db-name').fill('Shop');
      await andWait(page, () => page.getByTestId('create-demo-db').click());
      expect(await currentDb(page)).toBe('Shop');
      expect(await page.getByTestId('setup-note').textContent()).toContain('Demo data loaded');
      const counts = await explorerCounts(page);
      const original = await run(page);
      expect(original, describeOutcome(original)).toEqual({
        kind: 'result',
        text: '{\n  customer: "Alice Appleseed",\n  status: "shipped",\n  first: "avocados"\n}',
      });

      await openDatabases(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-db').click()]);
      expect(download.suggestedFilename()).toBe('Shop.fql-playground.json');
      const path = join(tmpdir(), `fql-export-${Date.now()}.fql-playground.json`);
      await download.saveAs(path);
      const exported = JSON.parse(readFileSync(path, 'utf8')) as { docs: unknown[]; collections: unknown[] };
      const text = readFileSync(path, 'utf8');
      expect(text).not.toContain('alice-sekret');
      expect(text).toContain('$argon2id$');

      page.once('dialog', (d) => void d.accept());
      await andWait(page, () => page.locator('[data-testid=db-row][data-db-name=Shop]').getByTestId('delete-db').click());
      expect(await dbNames(page)).toEqual(['Default']);

      // Import as a new database named after the file.
      await openDatabases(page);
      const shop = join(tmpdir(), 'Shop.fql-playground.json');
      writeFileSync(shop, text);
      await andWait(page, () => page.getByTestId('import-db').setInputFiles(shop));
      await page.keyboard.press('Escape');
      expect(await page.getByTestId('banner').textContent()).toContain('Imported Shop.fql-playground.json');
      expect(await currentDb(page)).toBe('Shop');
      expect(await explorerCounts(page)).toEqual(counts);
      await setQuery(page, DEMO_QUERY);
      expect(await run(page)).toEqual(original);
      // Credentials came back with their hashes: the old password still logs in.
      await setQuery(page, 'Credential.byDocument(Customer.byId("111"))!.login("alice-sekret")');
      const login = await run(page);
      expect(login?.kind, describeOutcome(login)).toBe('result');

      // A second export has the same documents and collections.
      await openDatabases(page);
      const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-db').click()]);
      const reexported = JSON.parse(readFileSync((await again.path())!, 'utf8')) as { docs: { coll: string }[]; collections: unknown[] };
      expect(reexported.collections).toEqual(exported.collections);
      // The login above added one token; everything else is identical.
      expect(reexported.docs.filter((d) => d.coll !== 'Token')).toEqual((exported.docs as { coll: string }[]).filter((d) => d.coll !== 'Token'));

      // Bad files: the engine's error, nothing changed.
      const listBefore = await dbNames(page);
      const bad = join(tmpdir(), 'bad.fql-playground.json');
      writeFileSync(bad, JSON.stringify({ format: 'fql-playground-export', version: 1, globalId: '1', lastTs: 0, collections: [{ name: 'X' }], docs: [] }));
      await andWait(page, () => page.getByTestId('import-db').setInputFiles(bad));
      const banner = page.locator('[data-testid=banner][data-kind=error]');
      expect(await banner.textContent()).toContain('Invalid export file');
      expect(await banner.textContent()).toContain('Nothing was changed');
      expect(await dbNames(page)).toEqual(listBefore);
      expect(await currentDb(page)).toBe('Shop');
      const notJson = join(tmpdir(), 'notjson.json');
      writeFileSync(notJson, '{ nope');
      await andWait(page, () => page.getByTestId('import-db').setInputFiles(notJson));
      expect(await banner.textContent()).toContain('not JSON');
      await page.keyboard.press('Escape');
      expect(await dbNames(page)).toEqual(listBefore);
      expect(await explorerCounts(page)).toEqual(counts);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('cancels a running query: the page stays responsive, the store is unchanged, the next query runs', async () => {
    const context = await suite.browser.newContext();
    try {
      const { page, errors } = await openApp(context, suite.app.url);
      await setQuery(page, 'Collection.create({ name: "Thing" })');
      expect((await run(page))?.kind).toBe('result');
      const before = await idbSnapshot(page, 'fql-playground');

      // 80 documents, each with a password credential (an argon2id hash each): seconds of work,
      // all in one transaction that commits only at the end.
      const items = Array.from({ length: 80 }, (_, i) => `  Credential.create({ document: Thing.create({ n: ${i} }), password: "pw-${i}" })`);
      await setQuery(page, `[\n${items.join(',\n')}\n]`);
      await page.getByTestId('run').click();
      await page.getByTestId('progress').waitFor();
      await page.waitForTimeout(800);
      // The page answers while the worker hashes.
      await page.getByTestId('history').click();
      await page.getByTestId('history-dialog').locator('h2').waitFor();
      await page.keyboard.press('Escape');
      expect(await page.getByTestId('progress').textContent()).toMatch(/Running… \d+\.\d s/);
      await andWait(page, () => page.getByTestId('cancel').click());
      expect(await page.getByTestId('setup-note').textContent()).toContain('Cancelled');
      expect(await page.getByTestId('progress').count()).toBe(0);

      expect(await idbSnapshot(page, 'fql-playground')).toEqual(before);
      await setQuery(page, '1 + 1');
      expect(await run(page)).toEqual({ kind: 'result', text: '2' });
      expect(await idbSnapshot(page, 'fql-playground')).toEqual(before);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
