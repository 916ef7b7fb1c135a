// What the metrics collector costs: the same v10 workload (a loop-heavy compute query, reads by
// id and by index, writes) run through engine.execute with the real collector and with the null
// one (`metrics: false`), in interleaved rounds whose order alternates, so drift in machine load
// hits both modes alike. Reported: CPU-time medians per query and mode, each query's median
// paired (adjacent) on/off ratio, and the workload's: the headline overhead.
import 'fake-indexeddb/auto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { openEngine, type Engine } from '../src/engine';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../src/engine/store/export';
import { median } from './stats';

const WARMUP = 5;
/** Rounds per database (see items()). */
const FRESH_EVERY = 5;
const ROUNDS = 101;
/** COLLECTOR_AA=1 runs both arms with the collector on: the noise floor of the ratios. */
const AA = process.env.COLLECTOR_AA === '1';

/** Each query's text for the k-th run (writes change a value on every run, so none is a no-op). */
const WORKLOAD: Record<string, (k: number) => string> = {
  compute_loop: () =>
    'Set.sequence(0, 1500).toArray().map(x => x * 2).fold(0, (acc, x) => if (x % 3 == 0) acc + x else acc - 1)',
  read_by_id: () => `[${Array.from({ length: 20 }, (_, i) => `Item.byId("${1000 + i * 7}")!.n`).join(', ')}]`,
  read_by_index: (r) => `Item.byCat("c${r % 10}").map(.n).toArray()`,
  write: (r) => `Item.byId("1001")!.update({ n: ${r} })\nItem.create({ cat: "w", n: ${r} }).n`,
};

type Mode = 'on' | 'off';

/**
 * CPU milliseconds of this process while the query runs: on two cores shared with other work,
 * wall time mostly measures waiting for a core, CPU time the work done.
 */
async function timed(engine: Engine, source: string, mode: Mode): Promise<{ ms: number; value: unknown }> {
  const t0 = process.cpuUsage();
  const x = await engine.execute({ lang: 'fql10', source, ...(mode === 'off' && !AA ? { metrics: false as const } : {}) });
  const t = process.cpuUsage(t0);
  if (!x.ok) throw new Error(x.error.summary);
  return { ms: (t.user + t.system) / 1000, value: x.lang === 'fql10' ? x.value : undefined };
}

/**
 * A fresh database of 300 items, loaded through the import (one transaction). fake-indexeddb
 * keeps every finished transaction and scans them all for each new one, so a long-lived database
 * would make every query slower as the bench goes on, burying the collector's share.
 */
async function items(): Promise<Engine> {
  const engine = await openEngine({ indexedDB, name: `bench-collector-${Date.now()}-${Math.random()}` });
  const ts = Date.now() * 1000;
  await engine.importData({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    globalId: '1',
    lastTs: ts,
    collections: [
      { name: 'Item', ts, historyDays: 0, ttlDays: null, indexes: { byCat: { terms: [['cat']], values: [{ path: ['n'], desc: false }] } } },
    ],
    docs: Array.from({ length: 300 }, (_, i) => ({ coll: 'Item', id: String(1000 + i), ts, data: { o: [['cat', `c${i % 10}`], ['n', i]] } })),
  });
  return engine;
}

test('metrics collector overhead (v10)', async () => {
  let engine = await items();
  const times: Record<Mode, Record<string, number[]>> = { on: {}, off: {} };
  const paired: Record<string, number[]> = {};
  /** Per round: the whole workload's on/off ratio, each query's two runs adjacent in time. */
  const roundRatios: number[] = [];
  let k = 0;
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    if (round > 0 && round % FRESH_EVERY === 0) {
      engine.close();
      engine = await items();
    }
    // ABBA: each query runs in both modes back to back, the first mode alternating by round.
    const order: Mode[] = round % 2 ? ['off', 'on'] : ['on', 'off'];
    const total: Record<Mode, number> = { on: 0, off: 0 };
    for (const [name, query] of Object.entries(WORKLOAD)) {
      const ms: Partial<Record<Mode, number>> = {};
      for (const mode of order) {
        const run = await timed(engine, query(k++), mode);
        // The null collector must not change what a query computes, only what it accounts.
        if (name === 'compute_loop') expect(run.value).toBe(747500);
        ms[mode] = run.ms;
      }
      if (round < WARMUP) continue;
      (times.on[name] ??= []).push(ms.on!);
      (times.off[name] ??= []).push(ms.off!);
      (paired[name] ??= []).push(ms.on! / ms.off!);
      total.on += ms.on!;
      total.off += ms.off!;
    }
    if (round >= WARMUP) roundRatios.push(total.on / total.off);
  }
  engine.close();

  const r2 = (x: number) => Math.round(x * 100) / 100;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const medians: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  for (const name of Object.keys(times.on)) {
    medians[`${name}_on`] = r2(median(times.on[name]!));
    medians[`${name}_off`] = r2(median(times.off[name]!));
    // Median of the ratios of adjacent on/off runs: robust to load drifting between rounds.
    ratios[`${name}_paired_ratio`] = r3(median(paired[name]!));
  }
  // The workload: each query once, at its median.
  const sum = (mode: Mode) => Object.values(times[mode]).reduce((n, xs) => n + median(xs), 0);
  medians.workload_on = r2(sum('on'));
  medians.workload_off = r2(sum('off'));
  // The headline: the median over rounds of the workload's paired ratio. The ratio of the
  // medians is reported too; it moves more with load, the two runs of a pair being further apart.
  const overhead = median(roundRatios);
  const result = {
    environment: `node ${process.version}, fake-indexeddb, engine.execute, CPU time, ${ROUNDS} interleaved rounds after ${WARMUP} warm-up${AA ? ', A/A (both arms on)' : ''}`,
    medians_ms: medians,
    ...ratios,
    workload_on_over_off_ratio: r3(sum('on') / sum('off')),
    workload_paired_ratio: r3(overhead),
    figures: { collector_overhead_pct: r2((overhead - 1) * 100), budget_pct: 5 },
  };
  const file = 'bench/results.json';
  const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  all.collector = result;
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
  expect(result.medians_ms.workload_off).toBeGreaterThan(0);
}, 600_000);
