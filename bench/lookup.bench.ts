// Index lookup, byId and firstWhere at 1,000 vs 100,000 documents (ratio of medians from one
// run: an index method and byId read key ranges, so they should not grow with the collection;
// firstWhere scans), and parse + evaluate throughput of a 1,000-line query.
import 'fake-indexeddb/auto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { openEngine, type Engine } from '../src/engine';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../src/engine/store/export';
import { median, sample } from './stats';

const RUNS = 25;

/** A database of `n` users, loaded through the engine's import (one transaction, indexes rebuilt). */
async function users(n: number): Promise<Engine> {
  const engine = await openEngine({ indexedDB, name: `bench-lookup-${n}-${Date.now()}` });
  const ts = Date.now() * 1000;
  const docs = Array.from({ length: n }, (_, i) => ({
    coll: 'User',
    id: String(1000 + i),
    ts,
    data: { o: [['email', `u${i}@x`], ['n', i]] },
  }));
  await engine.importData({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    globalId: '1',
    lastTs: ts,
    collections: [{ name: 'User', ts, historyDays: 0, ttlDays: null, indexes: { byEmail: { terms: [['email']], values: [] } } }],
    docs,
  });
  return engine;
}

async function timeQuery(engine: Engine, source: string): Promise<number> {
  const times = await sample(RUNS, async () => {
    const r = await engine.run({ lang: 'fql10', source });
    if (!r.ok) throw new Error(r.error.summary);
  });
  return median(times);
}

test('lookups at 1,000 vs 100,000 documents', async () => {
  const out: Record<string, number> = {};
  for (const n of [1000, 100000]) {
    const engine = await users(n);
    const mid = Math.floor(n / 2);
    out[`index_lookup_${n}`] = await timeQuery(engine, `User.byEmail("u${mid}@x").first()!.n`);
    out[`by_id_${n}`] = await timeQuery(engine, `User.byId("${1000 + mid}")!.n`);
    out[`first_where_${n}`] = await timeQuery(engine, `User.firstWhere(.email == "u${mid}@x")!.n`);
    engine.close();
  }
  const engine = await openEngine({ indexedDB, name: `bench-parse-${Date.now()}` });
  const lines = Array.from({ length: 1000 }, (_, i) => `let v${i} = { a: ${i}, b: "s${i}", c: [${i}, ${i} * 2] }.c[1] + ${i}`).join('\n');
  const parseEval = await timeQuery(engine, `${lines}\nv999`);
  engine.close();
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const result = {
    environment: `node ${process.version}, fake-indexeddb, ${RUNS} runs each`,
    medians_ms: { ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k, r2(v)])), parse_eval_1000_lines: r2(parseEval) },
    index_lookup_100k_over_1k_ratio: r2(out.index_lookup_100000! / out.index_lookup_1000!),
    by_id_100k_over_1k_ratio: r2(out.by_id_100000! / out.by_id_1000!),
    first_where_100k_over_1k_ratio: r2(out.first_where_100000! / out.first_where_1000!),
    parse_eval_lines_per_s: Math.round(1000 / (parseEval / 1000)),
  };
  const file = 'bench/results.json';
  const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  all.lookup = result;
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
  expect(result.by_id_100k_over_1k_ratio).toBeGreaterThan(0);
}, 600_000);
