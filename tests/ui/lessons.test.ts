// Every lesson and the demo data run on an empty database with the engine as it is today, the
// way the gallery runs them: set-up steps in order, then the query.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engine';
import { DEMO_QUERY, DEMO_SETUP } from '../../src/examples/demo-data';
import { lessons } from '../../src/examples/lessons';
import { examples } from '../../src/examples/seeds';
import type { SetupStep } from '../../src/examples/seeds';

let n = 0;
async function fresh() {
  return openEngine({ indexedDB, name: `lessons-${Date.now()}-${n++}` });
}

async function setUp(engine: Awaited<ReturnType<typeof fresh>>, steps: SetupStep[]): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const r = await engine.run({ lang: step.lang, source: step.source });
    if (!r.ok && !step.alreadyDone.includes(r.error.code)) throw new Error(`step ${i + 1}: ${r.error.summary}`);
  }
}

describe('lessons', () => {
  it('have unique ids, distinct from the seed examples', () => {
    const ids = [...examples, ...lessons].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(lessons)('$id runs on an empty database', async (lesson) => {
    const engine = await fresh();
    try {
      await setUp(engine, lesson.setup);
      // A set-up runs twice without failing (its steps list what "already there" looks like).
      await setUp(engine, lesson.setup);
      const r = await engine.run({ lang: lesson.lang, source: lesson.source });
      expect(r.ok ? r.text : r.error.summary).toMatch(lesson.expectShape);
    } finally {
      engine.close();
    }
  });
});

describe('demo data', () => {
  it('loads on an empty database, twice, and answers the demo query', async () => {
    const engine = await fresh();
    try {
      await setUp(engine, DEMO_SETUP);
      await setUp(engine, DEMO_SETUP);
      const overview = await engine.overview();
      const counts = Object.fromEntries(overview.collections.map((c) => [c.name, c.documents]));
      expect(counts).toEqual({ Category: 3, Product: 9, Customer: 3, Order: 3 });
      expect(overview.credentials.map((c) => c.document).sort()).toEqual(['Customer/111', 'Customer/222', 'Customer/333']);
      const r = await engine.run({ lang: 'fql10', source: DEMO_QUERY });
      expect(r.ok ? r.text : r.error.summary).toBe('{\n  customer: "Alice Appleseed",\n  status: "shipped",\n  first: "avocados"\n}');
      const login = await engine.run({ lang: 'fql10', source: 'Credential.byDocument(Customer.byId("111"))!.login("alice-sekret")' });
      expect(login.ok).toBe(true);
    } finally {
      engine.close();
    }
  }, 30_000);
});
