// Metrics compose: `a; b` (and v4's `Do(a, b)`) costs what `a` and `b` cost (compute adds up before rounding, a
// document read twice is billed once), and contended writers both land, retrying.
import { describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../src/engine';
import { freshEngine, ok } from '../helpers';

const stats = async (engine: Engine, source: string) => {
  const r = await ok(engine, 'fql10', source);
  if (r.metrics.lang !== 'fql10') throw new Error('v10 expected');
  return r;
};

/** A small deterministic generator, so a failure names its seed. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const PARTS = [
  () => '1 + 2',
  (r: () => number) => `C.byId("${1 + Math.floor(r() * 5)}")!.n`,
  (r: () => number) => `[${Array.from({ length: 1 + Math.floor(r() * 60) }, (_, i) => i).join(', ')}].map(x => x * 2).length`,
  () => 'C.all().count()',
  (r: () => number) => `C.byId("${1 + Math.floor(r() * 5)}")!.update({ m: ${Math.floor(r() * 100)} }).m`,
];

describe('metrics of a; b', () => {
  it('are consistent with those of a and b, over generated queries', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "C" })\n' + [1, 2, 3, 4, 5].map((i) => `C.create({ id: "${i}", n: ${i} })`).join('\n'));
    const r = rng(7);
    for (let round = 0; round < 25; round++) {
      const a = PARTS[Math.floor(r() * PARTS.length)]!(r);
      const b = PARTS[Math.floor(r() * PARTS.length)]!(r);
      const sa = (await stats(engine, a)).costs ?? [];
      const sb = (await stats(engine, b)).costs ?? [];
      const both = await stats(engine, `${a}\n${b}`);
      const raw = (rows: typeof sa) => rows.reduce((n, x) => n + x.computeUnits, 0);
      const s = both.metrics.lang === 'fql10' ? both.metrics.stats : undefined;
      // Compute adds up before rounding.
      expect(raw(both.costs ?? [])).toBe(raw(sa) + raw(sb));
      expect(s!.compute_ops).toBe(Math.max(1, Math.ceil((raw(sa) + raw(sb)) / 50)));
      // Reads never exceed the sum; the same document read by both halves is billed once.
      const reads = (rows: typeof sa) => rows.reduce((n, x) => n + x.readOps, 0);
      expect(s!.read_ops).toBeLessThanOrEqual(reads(sa) + reads(sb));
      const sameDoc = /C\.byId\("(\d)"\)/.exec(a)?.[1];
      if (sameDoc && b.includes(`C.byId("${sameDoc}")`) && !a.includes('count') && !b.includes('count')) {
        expect(s!.read_ops).toBeLessThan(reads(sa) + reads(sb));
      }
    }
  }, 60_000);
});

const V4_PARTS = [
  () => 'Equals(1, 2)',
  (r: () => number) => `Select(["data", "n"], Get(Ref(Collection("C"), "${1 + Math.floor(r() * 5)}")))`,
  (r: () => number) => `Exists(Ref(Collection("C"), "${1 + Math.floor(r() * 7)}"))`,
  (r: () => number) => `If(Equals(${Math.floor(r() * 3)}, 1), Now(), Time("2020-01-01T00:00:00Z"))`,
  (r: () => number) => `Select(["data", "m"], Update(Ref(Collection("C"), "${1 + Math.floor(r() * 5)}"), { data: { m: ${Math.floor(r() * 100)} } }))`,
];

describe('metrics of Do(a, b)', () => {
  it('are consistent with those of a and b, over generated v4 queries', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql4', 'CreateCollection({ name: "C" })');
    for (const i of [1, 2, 3, 4, 5]) await ok(engine, 'fql4', `Create(Ref(Collection("C"), "${i}"), { data: { n: ${i} } })`);
    const v4 = async (source: string) => {
      const r = await ok(engine, 'fql4', source);
      if (r.metrics.lang !== 'fql4') throw new Error('v4 expected');
      return { m: r.metrics.metrics, raw: (r.costs ?? []).reduce((n, c) => n + c.computeUnits, 0) };
    };
    // What Do itself adds (its arguments here cost nothing).
    const doUnits = (await v4('Do(1, 2)')).raw;
    const r = rng(11);
    let shared = 0;
    for (let round = 0; round < 25; round++) {
      const a = V4_PARTS[Math.floor(r() * V4_PARTS.length)]!(r);
      const b = V4_PARTS[Math.floor(r() * V4_PARTS.length)]!(r);
      const sa = await v4(a);
      const sb = await v4(b);
      const both = await v4(`Do(${a}, ${b})`);
      expect(both.raw, `Do(${a}, ${b})`).toBe(sa.raw + sb.raw + doUnits);
      expect(both.m.computeOps).toBe(Math.max(1, Math.ceil(both.raw / 50)));
      expect(both.m.readOps).toBeLessThanOrEqual(sa.m.readOps + sb.m.readOps);
      // Writes are grouped per document at commit: never more than the halves' together.
      expect(both.m.writeOps).toBeLessThanOrEqual(sa.m.writeOps + sb.m.writeOps);
      const doc = (q: string) => /Ref\(Collection\("C"\), "(\d)"\)/.exec(q)?.[1];
      if (doc(a) !== undefined && doc(a) === doc(b) && sa.m.readOps > 0 && sb.m.readOps > 0) {
        expect(both.m.readOps, `Do(${a}, ${b}) reads one document twice`).toBeLessThan(sa.m.readOps + sb.m.readOps);
        shared++;
      }
    }
    expect(shared, 'some generated pair reads one document twice').toBeGreaterThan(0);
  }, 60_000);
});

describe('contention', () => {
  it('two writers on one document both commit, nothing lost, one retried', async () => {
    const { engine, name } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "Counter" })\nCounter.create({ id: "1", hits: 0 })');
    const other = await openEngine({ indexedDB, name });
    const bump = 'let c = Counter.byId("1")!\nc.update({ hits: c.hits + 1 }).hits';
    const results = await Promise.all([engine.run({ lang: 'fql10', source: bump }), other.run({ lang: 'fql10', source: bump })]);
    expect(results.every((x) => x.ok)).toBe(true);
    expect((await ok(engine, 'fql10', 'Counter.byId("1")!.hits')).text).toBe('2');
    const retries = results.map((x) => (x.metrics.lang === 'fql10' ? x.metrics.stats.contention_retries : 0));
    expect(Math.max(...retries)).toBeGreaterThanOrEqual(1);
    other.close();
  });
});
