// The README's screenshot: the v10 login example after Run, at 1280×800. The PNG is written only
// when SCREENSHOT is set:  SCREENSHOT=docs/screenshot.png npx vitest run --project e2e screenshot
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { examples } from '../../src/examples/seeds';
import { chooseExample, describeOutcome, launchBrowser, openApp, run, startApp, waitForMonaco } from './harness';
import type { App } from './harness';

let app: App | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('screenshot', () => {
  it('v10 login example at 1280×800', async () => {
    const example = examples.find((e) => e.id === 'v10-credential-login');
    expect(example).toBeDefined();
    const context = await browser!.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: process.env.SCREENSHOT_SCHEME === 'dark' ? 'dark' : 'light',
    });
    try {
      const { page, errors } = await openApp(context, app!.url);
      await waitForMonaco(page);
      await chooseExample(page, example!.id);
      const outcome = await run(page);
      expect(outcome?.kind, describeOutcome(outcome)).toBe('result');
      expect(outcome?.text).toMatch(example!.expectShape);
      expect(errors).toEqual([]);

      const path = process.env.SCREENSHOT;
      if (path) {
        const file = resolve(path);
        mkdirSync(dirname(file), { recursive: true });
        // Let Monaco settle its cursor and layout.
        await page.mouse.move(0, 0);
        await page.waitForTimeout(300);
        const png = await page.screenshot({ path: file });
        expect(png.subarray(1, 4).toString()).toBe('PNG');
      }
    } finally {
      await context.close();
    }
  });
});
