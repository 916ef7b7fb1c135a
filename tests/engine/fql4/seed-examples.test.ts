// Every v4 example of the seed pages (src/examples/seeds.ts) runs on an empty store after its
// set-up, prints the page's shape, and re-running the set-up only fails with "already there".
import { describe, expect, it } from 'vitest';
import { examples } from '../../../src/examples/seeds';
import { freshStore, ok, run } from './helpers';

const v4Examples = examples.filter((e) => e.lang === 'fql4' && e.setup.every((s) => s.lang === 'fql4'));

describe('seed v4 examples', () => {
  it('has some', () => {
    expect(v4Examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(v4Examples.map((e) => [e.id, e] as const))('%s', async (_, example) => {
    const db = await freshStore();
    for (const step of example.setup) await ok(db, step.source);
    for (const step of example.setup) {
      const again = await run(db, step.source);
      if (!again.ok) expect(step.alreadyDone).toContain(again.error.code);
    }
    const r = await ok(db, example.source);
    expect(r.text).toMatch(example.expectShape);
    expect(new TextEncoder().encode(r.responseJson).length).toBe(313);
  });
});
