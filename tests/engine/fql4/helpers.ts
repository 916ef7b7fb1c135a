// Shared set-up for the v4 engine tests: a fresh IndexedDB store per test (fake-indexeddb),
// one QueryTx per query, committed only when evaluation succeeds (as the facade does).
import 'fake-indexeddb/auto';
import { FqlError } from '../../../src/engine/errors';
import { evalFql4, parseFql4, type Fql4Output, type ParsedFql4 } from '../../../src/engine/fql4/index';
import { MetricsCollector } from '../../../src/engine/metrics/collector';
import { openStore, type PlaygroundDB } from '../../../src/engine/store/open';
import { QueryTx } from '../../../src/engine/store/query-tx';

let counter = 0;

export function freshStore(): Promise<PlaygroundDB> {
  counter += 1;
  return openStore(indexedDB, `fql4-test-${process.pid}-${Date.now()}-${counter}`);
}

export type RunOutcome =
  | { ok: true; out: Fql4Output; parsed: ParsedFql4; metrics: MetricsCollector; tx: QueryTx }
  // Parse errors land here too: the driver would have thrown before sending anything.
  | { ok: false; error: FqlError; metrics: MetricsCollector; tx: QueryTx };

export async function run(db: PlaygroundDB, source: string): Promise<RunOutcome> {
  const metrics = new MetricsCollector();
  const tx = await QueryTx.begin(db, metrics);
  try {
    const parsed = parseFql4(source);
    const out = await evalFql4(parsed, tx);
    await tx.commit();
    return { ok: true, out, parsed, metrics, tx };
  } catch (e) {
    if (e instanceof FqlError) return { ok: false, error: e, metrics, tx };
    throw e;
  }
}

/** Runs a query that must succeed; returns its shell text. */
export async function ok(db: PlaygroundDB, source: string): Promise<Fql4Output & { metrics: MetricsCollector }> {
  const r = await run(db, source);
  if (!r.ok) throw new Error(`${source} failed: ${r.error.code}: ${r.error.message}`);
  return { ...r.out, metrics: r.metrics };
}

/** Runs a query that must fail; returns its error. */
export async function err(db: PlaygroundDB, source: string): Promise<FqlError & { tx: QueryTx }> {
  const r = await run(db, source);
  if (r.ok) throw new Error(`${source} succeeded: ${r.out.text}`);
  return Object.assign(r.error, { tx: r.tx });
}

/** Every stored document, for "nothing was written" checks. */
export async function allDocs(db: PlaygroundDB): Promise<unknown[]> {
  return db.getAll('docs');
}

/** A query's shell text, for a query that must succeed. */
export async function textOf(db: PlaygroundDB, source: string): Promise<string> {
  return (await ok(db, source)).text;
}

/** A query that must fail, as `[code, description, position]`. */
export async function failureOf(db: PlaygroundDB, source: string): Promise<[string, string, Array<string | number> | undefined]> {
  const e = await err(db, source);
  return [e.code, e.message, e.position];
}
