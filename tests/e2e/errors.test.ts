// Errors show Fauna's code and the summary with its caret diagram, in the error pane.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  chooseExample,
  describeOutcome,
  launchBrowser,
  openApp,
  resetDatabase,
  run,
  setLanguage,
  setQuery,
  startApp,
} from './harness';
import type { App } from './harness';

let app: App | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Each test gets an empty database. */
async function freshPage() {
  await context?.close();
  context = await browser!.newContext();
  return openApp(context, app!.url);
}

/** A caret line of the summary's diagram: the gutter bar, then spaces and carets. */
const caretLine = /^\s*\|\s*\^+\s*$/m;

describe('errors', () => {
  it('v10: a syntax error shows the code and the caret under the query', async () => {
    const { page, errors } = await freshPage();
    await setLanguage(page, 'fql10');
    await setQuery(page, '1 +');
    const outcome = await run(page);
    expect(outcome?.kind, describeOutcome(outcome)).toBe('error');
    if (outcome?.kind !== 'error') return;
    expect(outcome.code).toMatch(/^[a-z_]+$/);
    expect(outcome.text).toMatch(/at \*query\*:1:\d+/);
    expect(outcome.text).toContain('1 +');
    expect(outcome.text).toMatch(caretLine);
    expect(await page.getByTestId('result').count()).toBe(0);
    // A Fauna error is an answer, not a crash: metrics are still shown.
    expect(await page.getByTestId('metrics').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('v4: Login with a wrong password fails with a caret under the call', async () => {
    const { page, errors } = await freshPage();
    const note = await chooseExample(page, 'v4-login');
    expect(note).toMatch(/^Set-up: \d+ steps? run/);
    await setQuery(page, 'Login(Ref(Collection("characters"), "181388642114077184"), { password: "x" })');
    const outcome = await run(page);
    expect(outcome?.kind, describeOutcome(outcome)).toBe('error');
    if (outcome?.kind !== 'error') return;
    expect(outcome.code).toBe('authentication failed');
    expect(outcome.text).toMatch(caretLine);
    expect(errors).toEqual([]);
  });

  it('Reset database empties it', async () => {
    const { page, errors } = await freshPage();
    expect(await chooseExample(page, 'v10-credential-create')).toMatch(/^Set-up: \d+ steps? run/);
    await setQuery(page, 'Customer.byId("999")');
    const before = await run(page);
    expect(before?.kind, describeOutcome(before)).toBe('result');
    expect(before?.text).toContain('John Doe');

    await resetDatabase(page);
    const after = await run(page);
    expect(after?.kind, describeOutcome(after)).toBe('error');
    expect(errors).toEqual([]);
  });
});
