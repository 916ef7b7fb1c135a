// Values leaving `at (time) expr` keep reading that snapshot: a reference is read there and then,
// and a set (lazy, read whenever its consumer pulls) reads at that time on every step.
import { SetV } from '../values/set';
import { DocRef, type Value } from '../values/value';
import type { QueryTx } from '../store/query-tx';

export async function pinToSnapshot(tx: QueryTx, ts: number, v: Value, resolve: (r: DocRef) => Promise<Value>): Promise<Value> {
  if (v instanceof DocRef) return resolve(v);
  if (Array.isArray(v)) {
    const out: Value[] = [];
    for (const x of v) out.push(await pinToSnapshot(tx, ts, x, resolve));
    return out;
  }
  if (v instanceof Map) {
    const out = new Map<string, Value>();
    for (const [k, x] of v) out.set(k, await pinToSnapshot(tx, ts, x, resolve));
    return out;
  }
  if (v instanceof SetV) return snapshotSet(tx, ts, v, resolve);
  return v;
}

function snapshotSet(tx: QueryTx, ts: number, set: SetV, resolve: (r: DocRef) => Promise<Value>): SetV {
  // Each step runs with the snapshot time set, and puts back whatever time its reader had.
  const atSnapshot = async <T>(run: () => Promise<T>): Promise<T> => {
    const outer = tx.readTs;
    tx.readTs = ts;
    try {
      return await run();
    } finally {
      tx.readTs = outer;
    }
  };
  return new SetV(async function* () {
    const it = set.iterate()[Symbol.asyncIterator]();
    try {
      for (;;) {
        const step = await atSnapshot(() => it.next());
        if (step.done) return;
        yield await atSnapshot(() => pinToSnapshot(tx, ts, step.value, resolve));
      }
    } finally {
      await it.return?.();
    }
  }, set.pageSize);
}
