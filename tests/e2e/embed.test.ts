// Embed mode: public/embed.js turns <pre data-fql> blocks of a docs page on another site into
// playground iframes. With third-party storage blocked, the frame falls back to an in-memory
// database with a visible notice and still runs the set-up and the query. Block text is text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { decodeSnippet, encodeSnippet } from '../../src/share/codec';
import {
  launchBlockingThirdPartyStorage,
  launchBrowser,
  normalise,
  openApp,
  readOutcome,
  serveOtherSite,
  startApp,
  waitForMonaco,
  useAppAndBrowser,
} from './harness';
import type { App, Outcome } from './harness';

const suite = useAppAndBrowser();

/** Clicks Run in an embed (page or frame) and waits for the result pane to settle. */
async function runIn(frame: Page | Frame): Promise<Outcome | null> {
  const pane = frame.locator('[data-testid=result-pane]');
  const before = Number(await pane.getAttribute('data-generation'));
  await frame.locator('[data-testid=run]').click();
  await frame.waitForFunction(
    (n) => Number(document.querySelector('[data-testid=result-pane]')?.getAttribute('data-generation')) > n,
    before,
    { timeout: 60_000 },
  );
  const result = frame.locator('[data-testid=result]');
  if (await result.count()) return { kind: 'result', text: (await result.textContent()) ?? '' };
  const error = frame.locator('[data-testid=error] pre');
  if (await error.count()) return { kind: 'error', code: '', text: (await error.textContent()) ?? '' };
  const failure = frame.locator('[data-testid=failure], [data-testid=setup-note]');
  if (await failure.count()) return { kind: 'failure', text: (await failure.allTextContents()).join(' | ') };
  return null;
}

describe('embed mode', () => {
  it('embed.js in a third-party page with storage blocked runs queries in memory', async () => {
    const docs = await serveOtherSite(`<!doctype html>
<html><head><title>Docs</title></head><body>
<h1>Docs page</h1>
<pre data-fql data-title="Notes" data-setup='Collection.create({ name: "Note" })
---
Note.create({ id: "1", text: "&lt;b&gt;hi&lt;/b&gt;" })'>let note = Note.byId("1")!
{ text: note.text, html: "&lt;img src=x onerror=window.__pwned=1&gt;" }</pre>
<pre data-fql data-lang="fql4">Let({ answer: 42 }, { answer: Var("answer"), same: Equals(1, 1) })</pre>
<script src="${suite.app.url}embed.js"></script>
</body></html>`);
    const blocked = await launchBlockingThirdPartyStorage();
    try {
      const page = await blocked.context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      await page.goto(docs.url);
      await expect.poll(() => page.locator('iframe[data-fql-frame]').count()).toBe(2);
      expect(await page.locator('pre[data-fql]').count()).toBe(0);

      const frames = () => page.frames().filter((f) => f.url().includes('embed=parent'));
      await expect.poll(() => frames().length).toBe(2);
      const [v10, v4] = frames();

      for (const frame of [v10!, v4!]) {
        await frame.locator('[data-testid=storage-notice]').waitFor();
        expect(await frame.locator('[data-testid=storage-notice]').textContent()).toContain('In-memory mode');
        await frame.locator('[data-testid=editor] .monaco-editor').waitFor({ timeout: 30_000 });
      }
      // The frame really has no storage: the fallback is not for show.
      expect(await v10!.evaluate(() => {
        try {
          localStorage.getItem('x');
          return 'storage';
        } catch {
          return 'blocked';
        }
      })).toBe('blocked');

      const first = await runIn(v10!);
      expect(first?.kind, first?.text).toBe('result');
      expect(first?.text).toBe('{\n  text: "<b>hi</b>",\n  html: "<img src=x onerror=window.__pwned=1>"\n}');
      expect(await v10!.locator('[data-testid=setup-note]').textContent()).toBe('Set-up: 2 steps run');
      expect(await v10!.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await v10!.locator('img[src="x"]').count()).toBe(0);
      expect(await v10!.locator('[data-testid=metrics] [data-metric=write_ops] dd').textContent()).toBe('0');

      const second = await runIn(v4!);
      expect(second).toEqual({ kind: 'result', text: '{ answer: 42, same: true }' });

      // "Open in playground" carries the snippet (with the set-up) to the full playground.
      const href = (await v10!.locator('[data-testid=open-in-playground]').getAttribute('href')) ?? '';
      expect(href.startsWith(suite.app.url)).toBe(true);
      expect(href).not.toContain('embed');
      const decoded = decodeSnippet(new URL(href).hash);
      expect(decoded.ok && decoded.snippet.query).toContain('let note = Note.byId("1")!');
      expect(decoded.ok && decoded.snippet.setup.length).toBe(2);
      expect(decoded.ok && decoded.snippet.title).toBe('Notes');
      expect(pageErrors).toEqual([]);
    } finally {
      await blocked.close();
      await docs.close();
    }
  });

  it('?embed with a link: compact page, Run runs the set-up then the query, nothing persisted', async () => {
    const hash = encodeSnippet({
      lang: 'fql10',
      query: 'Book.byId("1")!.title',
      setup: [
        { lang: 'fql10', source: 'Collection.create({ name: "Book" })' },
        { lang: 'fql10', source: 'Book.create({ id: "1", title: "Dune" })' },
      ],
      view: 'decorated',
    });
    const context = await suite.browser.newContext({ viewport: { width: 800, height: 420 } });
    try {
      const { page, errors } = await openApp(context, `${suite.app.url}?embed#${hash}`);
      await page.getByTestId('embed').waitFor();
      await waitForMonaco(page);
      expect(await page.getByTestId('storage-notice').count()).toBe(0);
      // Only the embed's controls: no tabs, databases, explorer.
      for (const id of ['tabs', 'databases', 'explorer-toggle', 'share']) expect(await page.getByTestId(id).count(), id).toBe(0);
      const outcome = await runIn(page);
      expect(outcome).toEqual({ kind: 'result', text: '"Dune"' });
      const again = await runIn(page);
      expect(normalise(again?.text ?? '')).toBe('"Dune"');
      // An embed keeps nothing in localStorage, and its database is a scratch one.
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('fql-playground')))).toEqual([]);
      const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
      expect(names.filter((n) => n === 'fql-playground')).toEqual([]);
      expect(await readOutcome(page)).toEqual({ kind: 'result', text: '"Dune"' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
