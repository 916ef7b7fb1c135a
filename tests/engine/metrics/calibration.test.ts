// The calibration table of fql-surface §6 (from Fauna's FQL2MetricsSpec): exact compute, read
// and write ops for each row.
import { describe, expect, it } from 'vitest';
import { freshEngine, ok } from '../helpers';
import type { Engine } from '../../../src/engine';

const stats = async (engine: Engine, source: string) => {
  const r = await ok(engine, 'fql10', source);
  if (r.metrics.lang !== 'fql10') throw new Error('v10 expected');
  const { compute_ops, read_ops, write_ops } = r.metrics.stats;
  return { compute: compute_ops, read: read_ops, write: write_ops };
};

describe('calibration table', () => {
  it('literal, arithmetic, let and if cost 1 compute op and nothing else', async () => {
    const { engine } = await freshEngine();
    for (const q of ['1', '1 + 2 * 3', 'let x = 1\nx', 'if (true) 1 else 2']) {
      expect(await stats(engine, q)).toEqual({ compute: 1, read: 0, write: 0 });
    }
  });

  it('create, byId!, update, replace, delete, repeated and many reads', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "C" })');
    expect(await stats(engine, 'C.create({ id: "1", a: "b" })')).toEqual({ compute: 1, read: 0, write: 1 });
    expect(await stats(engine, 'C.byId("1")!')).toEqual({ compute: 1, read: 1, write: 0 });
    expect(await stats(engine, 'C.byId("1")!.update({ a: "c" })')).toEqual({ compute: 1, read: 1, write: 1 });
    expect(await stats(engine, 'C.byId("1")!.replace({ a: "d" })')).toEqual({ compute: 1, read: 1, write: 1 });
    const many = Array.from({ length: 100 }, () => 'C.byId("1")!').join(', ');
    expect(await stats(engine, `[${many}]`)).toEqual({ compute: 2, read: 1, write: 0 });
    await ok(engine, 'fql10', Array.from({ length: 100 }, (_, i) => `C.create({ id: "${i + 10}", n: ${i} })`).join('\n'));
    const different = Array.from({ length: 100 }, (_, i) => `C.byId("${i + 10}")!`).join(', ');
    expect(await stats(engine, `[${different}]`)).toEqual({ compute: 2, read: 100, write: 0 });
    expect(await stats(engine, 'C.byId("1")!.delete()')).toEqual({ compute: 1, read: 1, write: 1 });
    expect(await stats(engine, 'C.byId("0")?.x')).toEqual({ compute: 1, read: 1, write: 0 });
  });

  it('all().map(.id).paginate() reads 8 partitions; a term index match and its document read 2', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "C", indexes: { byTerm: { terms: [{ field: ".t" }] } } })');
    await ok(engine, 'fql10', 'C.create({ t: "a" })\nC.create({ t: "b" })');
    expect(await stats(engine, 'C.all().map(.id).paginate()')).toEqual({ compute: 1, read: 8, write: 0 });
    expect(await stats(engine, 'C.byTerm("a").first()')).toEqual({ compute: 1, read: 2, write: 0 });
  });

  it('abort after one read bills the read and no write', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "C" })\nC.create({ id: "1" })');
    const r = await engine.run({ lang: 'fql10', source: 'C.byId("1")!\nC.create({})\nabort("no")' });
    expect(r.ok).toBe(false);
    expect(r.metrics).toMatchObject({ stats: { compute_ops: 1, read_ops: 1, write_ops: 0 } });
  });

  it('all().count() over 16,016 documents (a page past 16,000): 321 compute, 180 reads', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "C" })');
    // One query creates them all: the row needs the documents, not 16,016 round trips.
    await ok(engine, 'fql10', 'Set.sequence(0, 16016).forEach(i => C.create({ i: i }))');
    const r = await ok(engine, 'fql10', 'C.all().count()');
    expect(r.text).toBe('16016');
    // 16,016 entries of SET_ENTRY_BYTES read as ceil(16016 × 44 / 4096) + 7 partitions = 180.
    expect(r.metrics).toMatchObject({ stats: { compute_ops: 321, read_ops: 180, write_ops: 0, storage_bytes_write: 0 } });
  }, 120_000);

  it('an index of 10,000 documents: toArray, count, sum of covered values, fold and map/reduce', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "N", indexes: { byN: { values: [{ field: ".n" }] } } })');
    for (let k = 0; k < 10; k++) {
      await ok(engine, 'fql10', `Set.sequence(${k * 1000}, ${(k + 1) * 1000}).forEach(i => N.create({ n: i }))`);
    }
    const reads = (await stats(engine, 'N.byN().toArray().length')).read;
    expect(reads).toBe(Math.ceil((10000 * 44) / 4096) + 7);
    expect(await stats(engine, 'N.byN().toArray().length')).toEqual({ compute: 201, read: reads, write: 0 });
    expect(await stats(engine, 'N.byN().count()')).toEqual({ compute: 201, read: reads, write: 0 });
    expect(await stats(engine, 'Math.sum(N.byN().map(.n))')).toEqual({ compute: 201, read: reads, write: 0 });
    expect(await stats(engine, 'N.byN().fold(0, (a, d) => a + d.n)')).toEqual({ compute: 401, read: reads, write: 0 });
    expect(await stats(engine, 'N.byN().map(d => d.n).reduce((a, v) => a + v)')).toEqual({ compute: 601, read: reads, write: 0 });
  }, 120_000);
});
