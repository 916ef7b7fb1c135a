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
      if (lesson.expectLogs) expect((r.logs ?? []).join('\n')).toMatch(lesson.expectLogs);
    } finally {
      engine.close();
    }
  });

  it.each(lessons.filter((l) => l.runAs))('$id prints what it says when run as the token of an earlier lesson', async (lesson) => {
    const tokenLesson = lessons.find((l) => l.id === lesson.runAs!.tokenFrom);
    expect(tokenLesson, lesson.runAs!.tokenFrom).toBeDefined();
    const engine = await fresh();
    try {
      await setUp(engine, tokenLesson!.setup);
      const minted = await engine.run({ lang: tokenLesson!.lang, source: tokenLesson!.source });
      const secret = minted.ok ? /secret: "(fn[A-Za-z0-9_-]+)"/.exec(minted.text)?.[1] : undefined;
      expect(secret, minted.ok ? minted.text : minted.error.summary).toBeDefined();
      // As in the app: set-up steps run as admin, then Run runs as the token.
      await setUp(engine, lesson.setup);
      const r = await engine.run({ lang: lesson.lang, source: lesson.source, secret: secret! });
      expect(r.ok ? r.text : r.error.summary).toMatch(lesson.runAs!.expectShape);
      expect(r.principal).toMatch(/^token \d+ of /);
    } finally {
      engine.close();
    }
  });

  // Each topic's lessons run one after another in one database, as a reader working through the
  // gallery would: a lesson's set-up and query must not break the next lesson of the topic.
  it.each([...new Set(lessons.map((l) => l.topic))])('the %s lessons run in order in one database', async (topic) => {
    const engine = await fresh();
    let secret: string | undefined;
    try {
      for (const lesson of lessons.filter((l) => l.topic === topic)) {
        await setUp(engine, lesson.setup);
        const r = await engine.run({ lang: lesson.lang, source: lesson.source, ...(lesson.runAs && secret ? { secret } : {}) });
        const text = r.ok ? r.text : r.error.summary;
        expect(text, lesson.id).toMatch(lesson.runAs && secret ? lesson.runAs.expectShape : lesson.expectShape);
        secret = (r.ok && /secret: "(fn[A-Za-z0-9_-]+)"/.exec(r.text)?.[1]) || secret;
      }
    } finally {
      engine.close();
    }
  });

  // What the lesson texts say the stats show.
  it('the stats the Sets and Indexes lessons point at', async () => {
    const stats = async (id: string): Promise<{ read: number; write: number }> => {
      const lesson = lessons.find((l) => l.id === id)!;
      const engine = await fresh();
      try {
        await setUp(engine, lesson.setup);
        const r = await engine.run({ lang: lesson.lang, source: lesson.source });
        if (r.metrics.lang !== 'fql10') throw new Error('not v10');
        return { read: r.metrics.stats.read_ops, write: r.metrics.stats.write_ops };
      } finally {
        engine.close();
      }
    };
    // "take(3) reads three tickets, not forty"; "where() has to read all 40 of them".
    expect((await stats('lesson-sets-lazy')).read).toBeLessThan(40);
    expect((await stats('lesson-sets-scan')).read).toBeGreaterThanOrEqual(40);
    // "one read op for the page"; "read_ops grows by one per film" (three films match).
    expect((await stats('lesson-indexes-covered')).read).toBe(1);
    expect((await stats('lesson-indexes-not-covered')).read).toBe(4);
    // "the query writes nothing".
    expect((await stats('lesson-indexes-duplicate')).write).toBe(0);
  });

  it('an after cursor from one query reads the next page in a later query', async () => {
    const lesson = lessons.find((l) => l.id === 'lesson-sets-page-size')!;
    const engine = await fresh();
    try {
      await setUp(engine, lesson.setup);
      const first = await engine.run({ lang: 'fql10', source: lesson.source });
      const after = first.ok ? /after: "([^"]+)"/.exec(first.text)?.[1] : undefined;
      expect(after, first.ok ? first.text : first.error.summary).toBeDefined();
      const next = await engine.run({ lang: 'fql10', source: `Set.paginate("${after}")` });
      expect(next.ok ? next.text : next.error.summary).toMatch(/^\{\n  data: \[\n    6,\n    7,\n    8,\n    9,\n    10\n  \],\n  after: "[^"]+"\n\}$/);
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
