// v4 sets (the core's EventSet family): `Documents(coll)`, `Match(index, terms)`, the native sets
// (`Collections()`, `Keys()`, …) and their combinations (`Union`, `Intersection`, `Difference`,
// `Distinct`, `Reverse`). A set is a value that reads nothing until it is paginated or reduced;
// then it loads its elements, sorted in the core's tuple order: the index's covered values (each
// in its own direction), then the ref. An element shows as its covered values (the ref when the
// index covers none, the single value when it covers one, an array otherwise) and its cursor is
// the values followed by the ref (IndexTuple.cursor).
import { compareKeys, keyOf } from '../store/index-keys';
import { FUNCTION, KEY, ROLE, TOKEN, CREDENTIAL } from '../store/records';
import { DocRef, Func, Module, type Value } from '../values/value';
import { SET_ENTRY_BYTES } from '../fql10/stdlib/sets';
import { canRead } from './guard';
import type { Evaluator } from './form';
import { displayV4 } from '../render/v4-display';

/** One element of a set: the values an index covers (none: the ref is the value) and the ref. */
export interface Elem {
  values: Value[];
  ref: Value;
}

/** Native schema collections of v4 documents kept as named records. */
export const INDEX = 'Index';
export const DATABASE = 'Database';

/**
 * What a set is made of, for its wire form (the core's RenderContext.writeSetRef): a native
 * schema set and `Documents`' source render as refs, the others as `{"@set": {…}}`.
 */
export type SetExpr =
  | { kind: 'native'; id: string }
  | { kind: 'documents'; coll: string }
  | { kind: 'match'; index: string; terms: Value }
  | { kind: 'union' | 'intersection' | 'difference'; sets: V4Set[] }
  | { kind: 'distinct' | 'reverse'; set: V4Set }
  | { kind: 'filter'; lambdaWire: string; set: V4Set };

export class V4Set extends Func {
  /** How the v4 shell prints the set: the expression that made it (the driver's SetRef). */
  readonly v4Text: string;
  /** What it is made of, for the wire JSON (set where the set is made). */
  expr?: SetExpr;

  constructor(
    text: string,
    /** Loads every element, in the set's order, billing the set pages it reads. */
    readonly load: () => Promise<Elem[]>,
    /** Per covered value, whether it sorts descending (an index value with `reverse: true`). */
    readonly desc: boolean[] = [],
    /** A reversed set: its order, and so its cursors' direction, is flipped. */
    readonly reversed = false,
  ) {
    super('<set>', () => Promise.reject(new Error('a v4 set is read by the v4 evaluator')), 0);
    this.v4Text = text;
  }
}

export function isV4Set(v: Value): v is V4Set {
  return v instanceof V4Set;
}

/** What an element shows as. */
export function literalOf(e: Elem): Value {
  if (e.values.length === 0) return e.ref;
  return e.values.length === 1 ? e.values[0]! : e.values;
}

export function cursorOf(e: Elem): Value[] {
  return [...e.values, e.ref];
}

/** A sort key for any value; collection refs and named documents sort by name. */
export function valueKey(v: Value): IDBValidKey {
  if (v instanceof Module) return [6, 'Collection', v.name];
  if (v instanceof DocRef && !/^\d+$/.test(v.id)) return [6, v.coll, v.id];
  return keyOf(v);
}

export function compareValues(a: Value, b: Value): number {
  return compareKeys(valueKey(a), valueKey(b));
}

/**
 * Compares two cursors (or an element's cursor with a user's), position by position, each
 * covered value in its direction; a shorter cursor equal so far sorts first (a lower bound).
 */
export function compareCursors(a: Value[], b: Value[], desc: boolean[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return desc[i] ? -c : c;
  }
  return a.length - b.length;
}

export function sortElems(elems: Elem[], desc: boolean[]): Elem[] {
  return elems.sort((x, y) => compareCursors(cursorOf(x), cursorOf(y), desc));
}

/** Bills one read of a set's entries: Fauna's set page, 8 partitions without terms (§6 R3). */
export function billSet(ev: Evaluator, count: number, partitions: number): void {
  ev.tx.metrics.setRead(SET_ENTRY_BYTES * Math.max(1, count), partitions);
}

/** Documents the caller may not read are silently left out of a set (the core's filtered sets). */
async function readableRefs(ev: Evaluator, coll: string, refs: DocRef[]): Promise<DocRef[]> {
  if (await ev.access.readsAll(coll)) return refs;
  const out: DocRef[] = [];
  for (const r of refs) if (await canRead(ev, r, await ev.tx.getDoc(r.coll, r.id, true))) out.push(r);
  return out;
}

/** `Documents(Collection("spells"))`: every document of a collection, by ref. */
export function documentsSet(ev: Evaluator, coll: string): V4Set {
  const set = new V4Set(`Documents(Collection(${JSON.stringify(coll)}))`, async () => {
    const recs = await ev.tx.scanCollection(coll);
    billSet(ev, recs.length, 8);
    const refs = await readableRefs(ev, coll, recs.map((r) => new DocRef(r.coll, r.id)));
    return sortElems(refs.map((ref) => ({ values: [], ref })), []);
  });
  set.expr = { kind: 'documents', coll };
  return set;
}

/** The v4 ids of the native sets (`{"@ref":{"id":"keys"}}`), by the store's collection name. */
const NATIVE_SET_IDS = new Map([
  ['Collection', 'collections'],
  [TOKEN, 'tokens'],
  [CREDENTIAL, 'credentials'],
  [KEY, 'keys'],
  [ROLE, 'roles'],
  [FUNCTION, 'functions'],
  [INDEX, 'indexes'],
  [DATABASE, 'databases'],
]);

/** v4 names of the native sets, by the store's collection name. */
const NATIVE_SET_TEXT = new Map([
  ['Collection', 'Collections()'],
  [TOKEN, 'Tokens()'],
  [CREDENTIAL, 'Credentials()'],
  [KEY, 'Keys()'],
  [ROLE, 'Roles()'],
  [FUNCTION, 'Functions()'],
  [INDEX, 'Indexes()'],
  [DATABASE, 'Databases()'],
]);

/** A native collection read as a set (`Paginate(Keys())`): its documents' refs. */
export function nativeSet(ev: Evaluator, coll: string): V4Set | undefined {
  const text = NATIVE_SET_TEXT.get(coll);
  if (text === undefined) return undefined;
  const set = new V4Set(text, async () => {
    if (coll === DATABASE) {
      billSet(ev, 0, 8);
      return [];
    }
    if (coll === 'Collection') {
      const all = await ev.tx.scanCollections();
      billSet(ev, all.length, 8);
      const out: Elem[] = [];
      for (const c of all) {
        if (await ev.access.allows('read', 'Collection', [new DocRef('Collection', c.name)])) {
          out.push({ values: [], ref: new Module(c.name, 'user-collection') });
        }
      }
      return sortElems(out, []);
    }
    const recs = await ev.tx.scanCollection(coll);
    billSet(ev, recs.length, 8);
    const refs = await readableRefs(ev, coll, recs.map((r) => new DocRef(r.coll, r.id)));
    return sortElems(refs.map((ref) => ({ values: [], ref })), []);
  });
  set.expr = { kind: 'native', id: NATIVE_SET_IDS.get(coll)! };
  return set;
}

/** The driver's Expr.toString of a value inside a set expression: strings JSON-quoted. */
export function exprValueText(v: Value): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(exprValueText).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `"${k}": ${exprValueText(x)}`).join(', ')}}`;
  if (v instanceof V4Set) return v.v4Text;
  return displayV4(v);
}

/** Elements that are equal as values (what `Distinct` and the set algebra compare). */
const sameKey = (e: Elem): string => JSON.stringify(valueKey(literalOf(e)));

/** `Union`, `Intersection`, `Difference` of sets, in the first set's value order. */
export function combineSets(ev: Evaluator, op: 'Union' | 'Intersection' | 'Difference', sets: V4Set[]): V4Set {
  const text = `${op}(${sets.map((s) => s.v4Text).join(', ')})`;
  const desc = sets[0]?.desc ?? [];
  const combined = new V4Set(
    text,
    async () => {
      const all = [];
      for (const s of sets) all.push(await s.load());
      const keys = all.map((elems) => new Set(elems.map(sameKey)));
      let out: Elem[];
      if (op === 'Union') {
        const seen = new Map<string, Elem>();
        for (const elems of all) for (const e of elems) if (!seen.has(sameKey(e))) seen.set(sameKey(e), e);
        out = [...seen.values()];
      } else if (op === 'Intersection') {
        out = (all[0] ?? []).filter((e) => keys.every((k) => k.has(sameKey(e))));
      } else {
        out = (all[0] ?? []).filter((e) => keys.slice(1).every((k) => !k.has(sameKey(e))));
      }
      void ev;
      return sortElems(out, desc);
    },
    desc,
  );
  combined.expr = { kind: op === 'Union' ? 'union' : op === 'Intersection' ? 'intersection' : 'difference', sets };
  return combined;
}

/** `Distinct(set)`: one element per distinct value, the first in order. */
export function distinctSet(set: V4Set): V4Set {
  const distinct = new V4Set(
    `Distinct(${set.v4Text})`,
    async () => {
      const seen = new Set<string>();
      const out: Elem[] = [];
      for (const e of await set.load()) {
        const k = sameKey(e);
        if (seen.has(k)) continue;
        seen.add(k);
        // Distinct values have no document of their own: the cursor is the value alone.
        out.push(e.values.length === 0 ? e : { values: e.values, ref: null });
      }
      return out;
    },
    set.desc,
    set.reversed,
  );
  distinct.expr = { kind: 'distinct', set };
  return distinct;
}

/** `Reverse(set)`: the same elements, last first. */
export function reverseSet(set: V4Set): V4Set {
  const reversed = new V4Set(`Reverse(${set.v4Text})`, async () => [...(await set.load())].reverse(), set.desc, !set.reversed);
  reversed.expr = { kind: 'reverse', set };
  return reversed;
}
