// execute({ metrics: false }): the null collector changes what a query accounts, never what it
// does: same value, same writes, nothing billed.
import { describe, expect, it } from 'vitest';
import { freshEngine, ok } from '../helpers';

describe('metrics: false', () => {
  it('runs the same query to the same value and writes, with nothing accounted', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "C" })\nC.create({ id: "1", n: 1 })');
    const source = 'let d = C.byId("1")!\nd.update({ n: d.n + 1 })\n[1, 2, 3].map(x => x * d.n)';
    const off = await engine.execute({ lang: 'fql10', source, metrics: false });
    if (!off.ok || off.lang !== 'fql10') throw new Error('expected a v10 success');
    expect(off.value).toEqual([2, 4, 6]);
    expect(off.costs).toEqual([]);
    expect(off.totals).toMatchObject({ rawCompute: 0, readOps: 0, readBytes: 0, writeOps: 0, writeBytes: 0 });
    // The write landed all the same, and the next (metered) query reads it.
    const on = await ok(engine, 'fql10', source);
    expect(JSON.parse(on.json.simple ?? 'null')).toEqual([3, 6, 9]);
    expect(on.metrics).toMatchObject({ stats: { read_ops: 1, write_ops: 1 } });
  });
});
