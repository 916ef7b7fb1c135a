// `Paginate(set, {size, after, before, ts, events, sources})` (PaginateFunction.scala and
// ReadAdaptor.paginate in the core). A page is `{before?, after?, data}`. Going forward
// (`after`, or no cursor) the cursor is inclusive and the next `after` is the first element not
// shown; going backward (`before`) it is exclusive and the next `before` is the first element
// shown. The cursor given comes back on the other side. Cursors are arrays: the element's covered
// values, then its ref.
import { DocRef, Module, Time, type Value } from '../values/value';
import type { Path, V4Node, V4Object } from './ast';
import { castBoolean, castInteger, fail, invalidArgument, unresolvedCollection, unresolvedError } from './casts';
import { arg, optArg, type Arg, type Evaluator, type Form } from './form';
import { V4Set, compareCursors, cursorOf, literalOf, nativeSet, type Elem } from './sets';

/**
 * A page as a value: an object `{before?, after?, data}` that the collection functions map. It
 * keeps each element's cursor (the core's unmapped values) so `Take` and `Drop` can move the
 * page's cursors after `Map` changed its data.
 */
export class V4Page extends Map<string, Value> {
  cursors: Value[][] = [];

  static of(before: Value[] | undefined, after: Value[] | undefined, data: Value[], cursors: Value[][]): V4Page {
    const p = new V4Page();
    if (before !== undefined) p.set('before', before);
    if (after !== undefined) p.set('after', after);
    p.set('data', data);
    p.cursors = cursors;
    return p;
  }

  get data(): Value[] {
    return this.get('data') as Value[];
  }

  get before(): Value[] | undefined {
    return this.get('before') as Value[] | undefined;
  }

  get after(): Value[] | undefined {
    return this.get('after') as Value[] | undefined;
  }

  /** The same page with other data (what `Map` over a page returns). */
  withData(data: Value[], cursors = this.cursors): V4Page {
    return V4Page.of(this.before, this.after, data, cursors);
  }
}

const DEFAULT_SIZE = 64;
const MAX_SIZE = 100_000;

/**
 * What `Paginate` and the set readers accept as a set (the core's Identifier cast): a set, or a
 * native collection handle (`Keys()`), read as its documents.
 */
export async function castSet(ev: Evaluator, a: Arg): Promise<V4Set> {
  const v = a.value;
  if (v instanceof V4Set) return v;
  if (v instanceof Module && v.kind !== 'user-collection') {
    const s = nativeSet(ev, v.name);
    if (s) return s;
  }
  if (v instanceof Module || v instanceof DocRef) {
    const missing = await unresolvedCollection(ev.tx, v);
    if (missing !== undefined) unresolvedError(missing, a.node, a.pos);
    return fail('invalid argument', 'The playground paginates sets, not single documents (Singleton).', a.node, a.pos);
  }
  return invalidArgument(['Ref', 'Set'], v, a.node, a.pos);
}

const asCursor = (v: Value): Value[] => (Array.isArray(v) ? v : [v]);

/** The page of `elems` (already in the set's order) for a cursor and direction. */
export function pageOf(set: V4Set, elems: Elem[], size: number, cursor: Value[] | undefined, ascending: boolean): V4Page {
  const cmp = (e: Elem, c: Value[]) => {
    const r = compareCursors(cursorOf(e), c, set.desc);
    return set.reversed ? -r : r;
  };
  if (ascending) {
    const start = cursor === undefined ? 0 : elems.findIndex((e) => cmp(e, cursor) >= 0);
    const from = start < 0 ? elems.length : start;
    const shown = elems.slice(from, from + size);
    const next = size === 0 ? cursor : elems[from + size] ? cursorOf(elems[from + size]!) : undefined;
    return V4Page.of(cursor, next, shown.map(literalOf), shown.map(cursorOf));
  }
  // Backward: the elements before the cursor, exclusive, the last `size` of them.
  let end = cursor === undefined ? elems.length : elems.findIndex((e) => cmp(e, cursor) >= 0);
  if (end < 0) end = elems.length;
  const from = Math.max(0, end - size);
  const shown = elems.slice(from, end);
  const next = size === 0 ? cursor : from > 0 ? cursorOf(elems[from]!) : undefined;
  return V4Page.of(next, cursor, shown.map(literalOf), shown.map(cursorOf));
}

function checkTs(ts: Arg | undefined): void {
  if (ts && !(ts.value instanceof Time) && typeof ts.value !== 'number' && typeof ts.value !== 'bigint') {
    invalidArgument(['Time'], ts.value, ts.node, ts.pos);
  }
}

const noForm = (node: V4Object, pos: Path): never =>
  fail('invalid expression', `No form/function found, or invalid argument keys: { ${node.entries.map(([k]) => k).join(', ')} }.`, node, pos);

export const paginateForm: Form = {
  keys: ['paginate'],
  optional: ['size', 'after', 'before', 'cursor', 'ts', 'events', 'sources'],
  call: true,
  async run(ev, node, pos, env) {
    const keys = node.entries.map(([k]) => k);
    // `after`, `before` and `cursor` are three forms of Paginate in the core: at most one.
    if (keys.filter((k) => k === 'after' || k === 'before' || k === 'cursor').length > 1) noForm(node, pos);
    const setArg = await arg(ev, node, 'paginate', pos, env);
    const after = await optArg(ev, node, 'after', pos, env);
    const before = await optArg(ev, node, 'before', pos, env);
    const cursorObj = await optArg(ev, node, 'cursor', pos, env);
    checkTs(await optArg(ev, node, 'ts', pos, env));
    const sizeArg = await optArg(ev, node, 'size', pos, env);
    const events = await optArg(ev, node, 'events', pos, env);
    const sources = await optArg(ev, node, 'sources', pos, env);
    if (events && castBoolean(events.value, events.node, events.pos)) {
      fail('invalid argument', 'The playground keeps no set history: events are not supported.', events.node, events.pos);
    }
    if (sources) castBoolean(sources.value, sources.node, sources.pos);
    const set = await castSet(ev, setArg);
    let size = DEFAULT_SIZE;
    if (sizeArg) size = Number(castInteger(sizeArg.value, sizeArg.node, sizeArg.pos));
    if (size < 0) size = 0;
    size = Math.min(size, MAX_SIZE);
    let cursor: Value[] | undefined;
    let ascending = true;
    if (after && after.value !== null) cursor = asCursor(after.value);
    if (before) {
      ascending = false;
      if (before.value !== null) cursor = asCursor(before.value);
    }
    if (cursorObj) {
      const c = cursorObj.value;
      const dir = c instanceof Map ? (c.has('after') ? 'after' : c.has('before') ? 'before' : undefined) : undefined;
      if (!(c instanceof Map) || c.size !== 1 || dir === undefined) return cursorError(cursorObj.node, cursorObj.pos);
      ascending = dir === 'after';
      const v = c.get(dir)!;
      if (v !== null) cursor = asCursor(v);
    }
    return pageOf(set, await set.load(), size, cursor, ascending);
  },
};

function cursorError(node: V4Node, pos: Path): never {
  return fail('invalid argument', "Invalid cursor object. Expected an object with either 'before' or 'after' key in it.", node, pos);
}
