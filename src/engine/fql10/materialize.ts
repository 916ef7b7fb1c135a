// Before a result leaves the engine, references that are not inside a document are read, so the
// result shows documents (or why they are missing), as Fauna's materialization does.
import { EmbeddedSet, Page, SetV } from '../values/set';
import { DocRef, IndexedRef, type Value } from '../values/value';
import type { Interpreter } from './interpreter';
import { cursorOf, materializeSet } from './stdlib/sets';

/** Sets nested deeper than this stay sets (shown by their cursor), as in Fauna. */
const MAX_SET_DEPTH = 10;

export async function materialize(interp: Interpreter, v: Value, depth = 0): Promise<Value> {
  if (v instanceof IndexedRef && v.callSpan) {
    const what = `Full documents returned from ${v.index}. See https://docs.fauna.com/performance_hint/non_covered_document_read.`;
    interp.hint('non_covered_document_read', what, v.callSpan);
  }
  if (v instanceof DocRef) return interp.resolve(v);
  if (v instanceof SetV) {
    if (depth >= MAX_SET_DEPTH) return new EmbeddedSet(cursorOf(interp, v));
    const page = await materializeSet(interp, v);
    return new Page(await Promise.all(page.data.map((x) => materialize(interp, x, depth + 1))), page.after);
  }
  if (Array.isArray(v)) return Promise.all(v.map((x) => materialize(interp, x, depth)));
  if (v instanceof Map) {
    const out = new Map<string, Value>();
    for (const [k, x] of v) out.set(k, await materialize(interp, x, depth));
    return out;
  }
  return v;
}
