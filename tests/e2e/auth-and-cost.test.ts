// "Run as" a token minted by a query, and the cost view with its editor highlight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { chooseExample, describeOutcome, launchBrowser, openApp, run, setQuery, startApp } from './harness';
import type { App } from './harness';

let app: App | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

describe('run as and cost', () => {
  it('runs as a minted token, back as admin, and shows what each part cost', async () => {
    context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
    const { page, errors } = await openApp(context, app!.url);

    // Log in (the example's set-up makes Customer 999 and its credential): the result has a secret.
    expect(await chooseExample(page, 'v10-credential-login')).toMatch(/^Set-up: \d+ steps? run/);
    const login = await run(page);
    expect(login?.kind, describeOutcome(login)).toBe('result');
    expect(login?.text).toMatch(/secret: "fn[A-Za-z0-9_-]+"/);
    await expect(page.getByTestId('run-as-label').textContent()).resolves.toBe('admin');

    await page.getByTestId('run-as-result').click();
    await expect(page.getByTestId('run-as-label').textContent()).resolves.toContain('token');

    // A role-less token cannot read even its own identity document.
    await setQuery(page, 'Customer.byId("999")');
    const denied = await run(page);
    expect(denied?.kind, describeOutcome(denied)).toBe('result');
    expect(denied?.text).toContain('/* permission denied */');
    // The docs say otherwise: a note beside the result says the playground follows Fauna's core.
    expect(await page.getByTestId('notes').textContent()).toContain("Fauna's core allows such a token only its own tokens and credential");
    const principal = (await page.getByTestId('principal').textContent()) ?? '';
    expect(principal).toMatch(/ran as token \d+ of Customer\("999"\)/);
    expect(await page.getByTestId('run-as-label').textContent()).toMatch(/^token \d+ of Customer\("999"\)$/);

    // The secret is in memory only.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toMatch(/fn[A-Za-z0-9_-]{49}/);

    if (process.env.AUTH_COST_SHOT) {
      await page.getByTestId('run-as').click();
      await page.getByTestId('run-as-panel').waitFor();
      await page.screenshot({ path: `${process.env.AUTH_COST_SHOT}-runas.png` });
      await page.getByTestId('run-as').click();
    }

    // Back to admin: the document reads.
    await page.getByTestId('run-as').click();
    await page.getByTestId('run-as-admin').click();
    await expect(page.getByTestId('run-as-label').textContent()).resolves.toBe('admin');
    const doc = await run(page);
    expect(doc?.kind, describeOutcome(doc)).toBe('result');
    expect(doc?.text).toContain('John Doe');
    expect(await page.getByTestId('principal').textContent()).toContain('admin');

    // A collection scan: cost rows, a total and the performance hint.
    await setQuery(page, 'Customer.where(.name == "John Doe").count()');
    const count = await run(page);
    expect(count?.kind, describeOutcome(count)).toBe('result');
    expect(await page.getByTestId('logs').textContent()).toContain('performance_hint: collection_scan');
    await page.getByTestId('cost-toggle').click();
    const rows = page.getByTestId('cost-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('cost-total').textContent()).toContain('total');

    // Hovering a row with a span highlights that part of the query in the editor.
    const highlight = page.locator('[data-testid=editor] .cost-highlight');
    // (The pointer is moved off the rows first: they open under the toggle it just clicked.)
    await page.mouse.move(0, 0);
    await highlight.first().waitFor({ state: 'detached' });
    expect(await highlight.count()).toBe(0);
    await page.locator('[data-testid=cost-row].spanned').first().hover();
    await highlight.first().waitFor();
    if (process.env.AUTH_COST_SHOT) await page.screenshot({ path: `${process.env.AUTH_COST_SHOT}-cost.png` });
    await page.getByTestId('cost-toggle').hover();
    await highlight.first().waitFor({ state: 'detached' });

    expect(errors).toEqual([]);
  });
});
