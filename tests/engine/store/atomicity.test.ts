// A query is one atomic transaction: all of its writes or none, and a commit over stale reads is
// retried rather than applied.
import { describe, expect, it } from 'vitest';
import { MetricsCollector } from '../../../src/engine/metrics/collector';
import { openStore } from '../../../src/engine/store/open';
import { QueryTx } from '../../../src/engine/store/query-tx';
import { ContentionError } from '../../../src/engine/errors';
import { dumpStores, fail, freshEngine, freshName, ok } from '../helpers';

describe('query atomicity', () => {
  it('an error after a write leaves nothing written', async () => {
    const { engine, name } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "Thing" })');
    const before = await dumpStores(name);
    const r = await fail(engine, 'fql10', 'Thing.create({ a: 1 })\nThing.create({ b: 2 })\n1 / 0');
    expect(r.error.code).toBe('divide_by_zero');
    expect(r.metrics).toMatchObject({ stats: { write_ops: 0 } });
    expect(await dumpStores(name)).toBe(before);
  });

  it('reads its own writes within the query', async () => {
    const { engine } = await freshEngine();
    const r = await ok(engine, 'fql10', 'Collection.create({ name: "Thing" })\nThing.create({ id: "7", a: 1 })\nThing.byId("7")!.a');
    expect(r.text).toBe('1');
  });

  it('a commit whose reads went stale throws ContentionError and writes nothing', async () => {
    const name = freshName();
    const db = await openStore(indexedDB, name);
    const a = await QueryTx.begin(db, new MetricsCollector());
    const b = await QueryTx.begin(db, new MetricsCollector());
    expect(await a.getCollection('X')).toBeNull();
    expect(await b.getCollection('X')).toBeNull();
    a.putCollection({ name: 'X', ts: a.txnTs, historyDays: 0, ttlDays: null });
    b.putCollection({ name: 'X', ts: b.txnTs, historyDays: 1, ttlDays: null });
    await a.commit();
    await expect(b.commit()).rejects.toBeInstanceOf(ContentionError);
    expect((await db.get('collections', 'X'))?.historyDays).toBe(0);
    db.close();
  });

  it('two engines racing on one database both land, the loser after a retry', async () => {
    const { engine, name } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "Counter" })');
    const { openEngine } = await import('../../../src/engine');
    const other = await openEngine({ indexedDB, name });
    const results = await Promise.all([
      engine.run({ lang: 'fql10', source: 'Counter.create({ who: "a" })' }),
      other.run({ lang: 'fql10', source: 'Counter.create({ who: "b" })' }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const dump = await dumpStores(name);
    expect(dump).toContain('"a"');
    expect(dump).toContain('"b"');
  });
});
