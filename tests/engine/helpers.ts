// Engine test helpers: a fresh playground database per test on fake-indexeddb, and a dump of
// every store to compare states before and after a query.
import 'fake-indexeddb/auto';
import { openEngine, type Engine, type RunResult } from '../../src/engine';
import { openStore } from '../../src/engine/store/open';

let counter = 0;

export function freshName(): string {
  return `test-${process.pid}-${Date.now()}-${counter++}`;
}

export async function freshEngine(): Promise<{ engine: Engine; name: string }> {
  const name = freshName();
  return { engine: await openEngine({ indexedDB, name }), name };
}

/** Runs a query and fails the test with the error summary if it did not succeed. */
export async function ok(engine: Engine, lang: 'fql10' | 'fql4', source: string): Promise<Extract<RunResult, { ok: true }>> {
  const r = await engine.run({ lang, source });
  if (!r.ok) throw new Error(`query failed: ${r.error.code}\n${r.error.summary}`);
  return r;
}

export async function fail(engine: Engine, lang: 'fql10' | 'fql4', source: string): Promise<Extract<RunResult, { ok: false }>> {
  const r = await engine.run({ lang, source });
  if (r.ok) throw new Error(`query succeeded but should have failed:\n${r.text}`);
  return r;
}

/** Every record of every store, as JSON text (bigints as strings). */
export async function dumpStores(name: string): Promise<string> {
  const db = await openStore(indexedDB, name);
  const out: Record<string, unknown[]> = {};
  for (const store of db.objectStoreNames) out[store] = await db.getAll(store as 'docs');
  db.close();
  return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}
