// The database lives in the browser profile's IndexedDB: it survives closing the browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutcome, launchOptions, openApp, run, setLanguage, setQuery, startApp } from './harness';
import type { App } from './harness';

let app: App | undefined;
let profile: string | undefined;

beforeAll(async () => {
  app = await startApp();
  profile = mkdtempSync(join(tmpdir(), 'fql-playground-profile-'));
});

afterAll(async () => {
  await app?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps collections and documents across browser restarts', async () => {
    const marker = `marker-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const id = `37${Date.now()}`;

    const first = await chromium.launchPersistentContext(profile!, launchOptions);
    try {
      const { page, errors } = await openApp(first, app!.url);
      await setLanguage(page, 'fql10');
      await setQuery(page, 'Collection.create({ name: "Notes" })');
      const created = await run(page);
      expect(created?.kind, describeOutcome(created)).toBe('result');
      expect(created?.text).toContain('Notes');

      await setQuery(page, `Notes.create({ id: "${id}", marker: "${marker}" })`);
      const doc = await run(page);
      expect(doc?.kind, describeOutcome(doc)).toBe('result');
      expect(doc?.text).toContain(marker);
      expect(errors).toEqual([]);
    } finally {
      await first.close();
    }

    const second = await chromium.launchPersistentContext(profile!, launchOptions);
    try {
      const { page, errors } = await openApp(second, app!.url);
      await setLanguage(page, 'fql10');
      await setQuery(page, `Notes.byId("${id}")`);
      const read = await run(page);
      expect(read?.kind, describeOutcome(read)).toBe('result');
      expect(read?.text).toContain(`"${id}"`);
      expect(read?.text).toContain(`marker: "${marker}"`);
      expect(errors).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
