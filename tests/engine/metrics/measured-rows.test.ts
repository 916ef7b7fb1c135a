// The rows of fql-surface §6's calibration table measured on Fauna itself rather than taken from
// FQL2MetricsSpec: the v4 forum rows (a 58 KB document read and updated; a UDF's loop of calls)
// and the seeds' nine v4 query metrics.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import type { CostRow } from '../../../src/engine/metrics/collector';
import { freshEngine, ok } from '../helpers';

const v4 = async (engine: Engine, source: string) => {
  const r = await ok(engine, 'fql4', source);
  if (r.metrics.lang !== 'fql4') throw new Error('v4 expected');
  return r.metrics.metrics;
};

/** Raw compute units before billing's rounding, from the cost breakdown. */
const rawUnits = (costs: CostRow[] | undefined) => (costs ?? []).reduce((n, c) => n + c.computeUnits, 0);

describe('v4 forum rows', () => {
  it('Get of a 58 KB document and a small Update: 1 compute, 15 reads, 1 write', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql4', 'CreateCollection({ name: "posts" })');
    const body = 'x'.repeat(58 * 1024 - 200);
    await ok(engine, 'fql4', `Create(Ref(Collection("posts"), "1"), { data: { body: "${body}", views: 0 } })`);
    const m = await v4(engine, 'Let({ post: Get(Ref(Collection("posts"), "1")) }, Update(Select("ref", Var("post")), { data: { views: 1 } }))');
    // The document is 58 KB as stored: reading it is ceil(bytes / 4096) = 15 ops.
    expect(Math.round(m.readBytes / 1024)).toBe(58);
    expect([m.computeOps, m.readOps, m.writeOps]).toEqual([1, 15, 1]);
  });

  // v4's CreateFunction and Call are not in the playground yet, so the UDF's 28 iterations of 10
  // calls are written out in one Do; the row rests on C2 (one raw unit per call), which this
  // checks: 28 × 10 = 280 units bill 6 compute ops.
  it('a UDF making 10 calls in each of 28 iterations: 6 compute, 0 reads, 0 writes', async () => {
    const { engine } = await freshEngine();
    const iteration = `Do(${Array.from({ length: 10 }, () => 'Equals(1, 1)').join(', ')})`;
    const r = await ok(engine, 'fql4', `Do(${Array.from({ length: 28 }, () => iteration).join(', ')})`);
    expect(rawUnits(r.costs)).toBe(280);
    const m = r.metrics.lang === 'fql4' ? r.metrics.metrics : undefined;
    expect([m?.computeOps, m?.readOps, m?.writeOps]).toEqual([6, 0, 0]);
  });

  it('the same loop as a v10 UDF: 28 applications of a body making 9 calls bill 6 compute ops', async () => {
    const { engine } = await freshEngine();
    const body = `x => [${Array.from({ length: 9 }, () => 'x.toString()').join(', ')}]`;
    await ok(engine, 'fql10', `Function.create({ name: "tenCalls", body: ${JSON.stringify(body)} })`);
    const r = await ok(engine, 'fql10', `[${Array.from({ length: 28 }, (_, i) => `tenCalls(${i})`).join(', ')}].length`);
    expect(rawUnits(r.costs)).toBe(280);
    const s = r.metrics.lang === 'fql10' ? r.metrics.stats : undefined;
    expect([s?.compute_ops, s?.read_ops, s?.write_ops]).toEqual([6, 0, 0]);
  });
});

describe("the seeds' v4 query metrics (seeds 000 and 003)", () => {
  const IDENTITY = 'Ref(Collection("characters"), "181388642114077184")';

  const seeded = async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql4', 'CreateCollection({ name: "characters" })');
    await ok(engine, 'fql4', `Create(${IDENTITY}, { credentials: { password: "abracadabra" } })`);
    return engine;
  };

  it('Login: all nine figures as the seed prints them (query time is measured, not Fauna’s)', async () => {
    const m = await v4(await seeded(), `Login(\n  ${IDENTITY},\n  { password: "abracadabra" },\n)`);
    expect(m).toEqual({
      bytesIn: 118,
      bytesOut: 313,
      computeOps: 1,
      readOps: 1,
      writeOps: 1,
      readBytes: 214,
      writeBytes: 414,
      queryTime: expect.any(Number),
      retries: 0,
    });
  });

  it('Create(Tokens(), { instance }): all nine figures', async () => {
    const m = await v4(await seeded(), `Create(\n  Tokens(),\n  {\n    instance: Ref(Collection('characters'), '181388642114077184')\n  }\n)`);
    expect(m).toEqual({
      bytesIn: 121,
      bytesOut: 313,
      computeOps: 1,
      readOps: 0,
      writeOps: 1,
      readBytes: 0,
      writeBytes: 414,
      queryTime: expect.any(Number),
      retries: 0,
    });
  });
});
