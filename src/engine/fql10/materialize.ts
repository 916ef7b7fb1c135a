// Before a result leaves the engine, references that are not inside a document are read, so the
// result shows documents (or why they are missing), as Fauna's materialization does.
import { DocRef, type Value } from '../values/value';
import type { Interpreter } from './interpreter';

export async function materialize(interp: Interpreter, v: Value): Promise<Value> {
  if (v instanceof DocRef) return interp.resolve(v);
  if (Array.isArray(v)) return Promise.all(v.map((x) => materialize(interp, x)));
  if (v instanceof Map) {
    const out = new Map<string, Value>();
    for (const [k, x] of v) out.set(k, await materialize(interp, x));
    return out;
  }
  return v;
}
