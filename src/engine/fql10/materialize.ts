// Before a result leaves the engine, references that are not inside a document are read, so the
// result shows documents (or why they are missing), as Fauna's materialization does.
import { EmbeddedSet, Page, SetV } from '../values/set';
import { Doc, DocRef, IndexedRef, type ObjectV, type Value } from '../values/value';
import type { Interpreter } from './interpreter';
import { collectionGone } from './stdlib/dispatch';
import { cursorOf, materializeSet } from './stdlib/sets';

/** Sets nested deeper than this stay sets (shown by their cursor), as in Fauna. */
const MAX_SET_DEPTH = 10;

export async function materialize(interp: Interpreter, v: Value, depth = 0): Promise<Value> {
  if (v instanceof IndexedRef && v.callSpan) {
    const what = `Full documents returned from ${v.index}. See https://docs.fauna.com/performance_hint/non_covered_document_read.`;
    interp.hint('non_covered_document_read', what, v.callSpan);
  }
  if (v instanceof DocRef || v instanceof Doc) {
    const doc = v instanceof DocRef ? await interp.resolve(v) : v;
    return doc instanceof Doc ? new Doc(doc.ref, doc.ts, (await inDeleted(interp, doc.fields)) as ObjectV, doc.ttl, doc.secret) : doc;
  }
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

/**
 * References a document holds into a collection deleted since: Fauna shows them in `Deleted`
 * (FQL2CollectionsSpec "refs" "materialize correctly").
 */
async function inDeleted(interp: Interpreter, v: Value): Promise<Value> {
  if (v instanceof DocRef) return (await collectionGone(interp, v.coll)) ? new DocRef('Deleted', v.id) : v;
  if (Array.isArray(v)) return Promise.all(v.map((x) => inDeleted(interp, x)));
  if (v instanceof Map) {
    const out = new Map<string, Value>();
    for (const [k, x] of v) out.set(k, await inDeleted(interp, x));
    return out;
  }
  return v;
}
