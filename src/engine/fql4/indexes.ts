// v4 indexes: `CreateIndex`, `Index("name")`, `Match(index, terms)` and unique indexes. There is
// one index implementation: a v4 index is an index of its source collection's definition (the
// one v10 declares with `indexes`), so entries are kept by the store as documents change and a
// match is a key-range read. What only v4 knows (the v4 field paths, `unique`, `serialized`, the
// index's own `data`) is kept in an `Index` document named like the index.
import { decode, encode } from '../store/codec';
import { entriesFor, compareKeys, unpadId, keyOf } from '../store/index-keys';
import type { CollectionRecord, DocRecord, IndexDef } from '../store/records';
import { DocRef, Module, Time, type ObjectV, type Value } from '../values/value';
import type { Path, V4Object } from './ast';
import { castString, fail, invalidArgument, long } from './casts';
import { arg, type Evaluator, type Form } from './form';
import { permissionDenied } from './guard';
import { INVALID_DATA, checkStorable, writeParams } from './params';
import { INDEX, V4Set, billSet, exprValueText, sortElems, type Elem } from './sets';

/** A v4 field path and its place in the store's index definition. */
interface V4Field {
  field: string[];
  reverse: boolean;
}

const invalid = (node: V4Object, at: Path): never => fail('validation failed', INVALID_DATA, node, at);

/** `["data", "a", "b"]` → `["a", "b"]`; `["ref"]` and `["ts"]` are the document's own. */
function storePath(field: string[]): string[] | undefined {
  if (field.length === 1 && field[0] === 'ref') return ['@ref'];
  if (field.length === 1 && field[0] === 'ts') return ['ts'];
  if (field.length > 1 && field[0] === 'data') return field.slice(1);
  return undefined;
}

/** `[{field: […], reverse?}]` (a field may also be one string), or undefined when malformed. */
function v4Fields(v: Value | undefined, withReverse: boolean): V4Field[] | undefined {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  const out: V4Field[] = [];
  for (const item of list) {
    if (!(item instanceof Map)) return undefined;
    const f = item.get('field');
    const path = typeof f === 'string' ? [f] : Array.isArray(f) && f.every((x) => typeof x === 'string') ? (f as string[]) : undefined;
    if (!path || path.length === 0) return undefined;
    const reverse = item.get('reverse') ?? false;
    if (typeof reverse !== 'boolean' || (!withReverse && item.has('reverse'))) return undefined;
    out.push({ field: path, reverse });
  }
  return out;
}

const NAME_RESERVED = new Set(['events', 'set', 'self', 'documents', '_']);

/** An index's v4 definition, as kept in its `Index` document. */
export interface V4IndexDef {
  name: string;
  source: string;
  terms: V4Field[];
  values: V4Field[];
  unique: boolean;
  serialized: boolean;
  /** The fields of the create params in their order, for the document as Fauna shows it. */
  order: string[];
  data?: Value;
}

function defOfRecord(rec: DocRecord): V4IndexDef {
  const m = decode(rec.data) as ObjectV;
  const fields = (k: string) =>
    ((m.get(k) as Value[] | undefined) ?? []).map((f) => {
      const x = f as ObjectV;
      return { field: x.get('field') as string[], reverse: x.get('reverse') === true };
    });
  const def: V4IndexDef = {
    name: rec.id,
    source: m.get('source') as string,
    terms: fields('terms'),
    values: fields('values'),
    unique: m.get('unique') === true,
    serialized: m.get('serialized') !== false,
    order: (m.get('order') as string[] | undefined) ?? [],
  };
  if (m.has('data')) def.data = m.get('data')!;
  return def;
}

function recordOfDef(def: V4IndexDef, ts: number): DocRecord {
  const fields = (list: V4Field[]) =>
    list.map((f) => new Map<string, Value>([['field', f.field], ...(f.reverse ? [['reverse', true] as [string, Value]] : [])]));
  const m: ObjectV = new Map<string, Value>([
    ['source', def.source],
    ['terms', fields(def.terms)],
    ['values', fields(def.values)],
    ['unique', def.unique],
    ['serialized', def.serialized],
    ['order', def.order],
  ]);
  if (def.data !== undefined) m.set('data', def.data);
  return { coll: INDEX, id: def.name, ts, data: encode(m) };
}

export async function indexDef(ev: Evaluator, name: string): Promise<V4IndexDef | undefined> {
  const rec = await ev.tx.getDoc(INDEX, name, true);
  return rec ? defOfRecord(rec) : undefined;
}

/** An index document as v4 reads it: `{ref, ts, active, serialized, name, source, terms, …, partitions}`. */
export function indexDocV4(rec: DocRecord): ObjectV {
  const def = defOfRecord(rec);
  const out: ObjectV = new Map<string, Value>([
    ['ref', new DocRef(INDEX, def.name)],
    ['ts', BigInt(rec.ts)],
    ['active', true],
    ['serialized', def.serialized],
  ]);
  const fields = (list: V4Field[]) =>
    list.map((f) => new Map<string, Value>([['field', f.field], ...(f.reverse ? [['reverse', true] as [string, Value]] : [])]));
  for (const k of def.order) {
    if (k === 'name') out.set('name', def.name);
    if (k === 'source') out.set('source', new Module(def.source, 'user-collection'));
    if (k === 'terms' && def.terms.length) out.set('terms', fields(def.terms));
    if (k === 'values' && def.values.length) out.set('values', fields(def.values));
    if (k === 'unique') out.set('unique', def.unique);
    if (k === 'data' && def.data !== undefined) out.set('data', def.data);
  }
  out.set('partitions', long(def.terms.length > 0 ? 1n : 8n));
  return out;
}

/** `CreateIndex({name, source, terms?, values?, unique?, serialized?, data?})`. */
async function createIndexDoc(ev: Evaluator, node: V4Object, at: Path, params: ObjectV): Promise<ObjectV> {
  if (!(await ev.access.canManageSchema('create', INDEX, [params]))) permissionDenied(node, at);
  const name = params.get('name');
  if (typeof name !== 'string' || name === '' || name.includes('/') || NAME_RESERVED.has(name)) return invalid(node, at);
  const source = params.get('source');
  if (!(source instanceof Module) || source.kind !== 'user-collection') return invalid(node, at);
  const terms = v4Fields(params.get('terms'), false);
  const values = v4Fields(params.get('values'), true);
  const unique = params.get('unique') ?? false;
  const serialized = params.get('serialized') ?? true;
  if (!terms || !values || typeof unique !== 'boolean' || typeof serialized !== 'boolean') return invalid(node, at);
  const data = params.get('data');
  if (data !== undefined && data !== null && !(data instanceof Map)) return invalid(node, at);
  checkStorable(data ?? undefined, node, at);
  const unsupported = [...terms, ...values].find((f) => storePath(f.field) === undefined);
  if (unsupported) {
    fail('invalid argument', `The playground indexes the fields ref, ts and data.… only, not [${unsupported.field.join(', ')}].`, node, at);
  }
  const coll = (await ev.tx.getCollection(source.name))!;
  if ((await ev.tx.getDoc(INDEX, name, true)) || coll.indexes?.[name]) {
    return fail('instance already exists', 'Index already exists.', node, at);
  }
  const def: V4IndexDef = {
    name,
    source: source.name,
    terms,
    values,
    unique,
    serialized,
    order: [...params.keys()].filter((k) => ['name', 'source', 'terms', 'values', 'unique', 'data'].includes(k)),
  };
  if (data instanceof Map) def.data = data;
  const rec = recordOfDef(def, ev.tx.txnTs);
  ev.tx.putDoc(rec);
  const storeDef: IndexDef = {
    terms: terms.map((t) => storePath(t.field)!),
    values: values.map((v) => ({ path: storePath(v.field)!, desc: v.reverse })),
    legacy: true,
  };
  // The collection keeps its own ts: adding an index does not make it "created by this query".
  const next: CollectionRecord = { ...coll, indexes: { ...(coll.indexes ?? {}), [name]: storeDef } };
  ev.tx.putCollection(next);
  const existing = await ev.tx.scanCollection(source.name);
  if (existing.length > 0) {
    ev.tx.buildIndex(source.name, name);
    // A synchronous build charges a compute unit per covered field per document (§6 C5).
    ev.tx.metrics.compute(Math.max(1, terms.length + values.length) * existing.length);
  }
  return indexDocV4(rec);
}

export async function createIndexForm(ev: Evaluator, node: V4Object, at: Path, params: ObjectV): Promise<ObjectV> {
  return ev.created(await createIndexDoc(ev, node, at, params)) as ObjectV;
}

/** A stored covered value as v4 shows it: the `ts` field is a Long of microseconds. */
function v4Covered(v: Value, field: V4Field): Value {
  return field.field.length === 1 && field.field[0] === 'ts' && v instanceof Time ? BigInt(v.micros) : v;
}

/** The terms of a match: one value for a one-term index, or an array of one value per term. */
function termTuple(terms: Value, n: number): Value[] | undefined {
  if (Array.isArray(terms)) return terms.length === n ? terms : undefined;
  return n === 1 ? [terms] : undefined;
}

/** `Match(Index("x"), terms)`: the index's entries with those terms. */
export function matchSet(ev: Evaluator, def: V4IndexDef, terms: Value): V4Set {
  const text =
    Array.isArray(terms) && terms.length === 0
      ? `Match(Index(${JSON.stringify(def.name)}))`
      : `Match(Index(${JSON.stringify(def.name)}), ${exprValueText(terms)})`;
  const desc = def.values.map((v) => v.reverse);
  const set = new V4Set(
    text,
    async () => {
      const partitions = def.terms.length > 0 ? 1 : 8;
      const coll = await ev.tx.getCollection(def.source);
      const tuple = termTuple(terms, def.terms.length);
      if (!coll || !tuple) {
        billSet(ev, 0, partitions);
        return [];
      }
      const entries = await ev.tx.indexEntries(coll, def.name, tuple.map(keyOf));
      billSet(ev, entries.length, partitions);
      const elems: Elem[] = entries.map((e) => ({
        values: e.covered.map((c, i) => v4Covered(decode(c), def.values[i]!)),
        ref: new DocRef(def.source, unpadId(e.id)),
      }));
      return sortElems(elems, desc);
    },
    desc,
  );
  set.expr = { kind: 'match', index: def.name, terms };
  return set;
}

export const matchForm: Form = {
  keys: ['match'],
  optional: ['terms'],
  call: true,
  async run(ev, node, pos, env) {
    const index = await arg(ev, node, 'match', pos, env);
    const terms = node.entries.some(([k]) => k === 'terms') ? (await arg(ev, node, 'terms', pos, env)).value : [];
    // The core's StringOrIndexRef: an index may be named by a string.
    const ref = typeof index.value === 'string' ? new DocRef(INDEX, index.value) : index.value;
    if (!(ref instanceof DocRef) || ref.coll !== INDEX) return invalidArgument(['Index Ref'], ref, index.node, index.pos);
    const def = await indexDef(ev, ref.id);
    if (!def) return fail('invalid ref', `Ref refers to undefined index '${ref.id}'`, index.node, index.pos);
    if (!(await ev.access.allows('read', def.source, []))) {
      if (!(await ev.access.readsAll(def.source))) permissionDenied(node, pos);
    }
    return matchSet(ev, def, terms);
  },
};

/**
 * After a write of `rec`: every unique index of its collection must name it alone for its terms
 * and values (the core's UniqueConstraintViolation, `instance not unique` at the write).
 */
export async function checkUnique(ev: Evaluator, rec: DocRecord, node: V4Object, pos: Path): Promise<void> {
  const coll = await ev.tx.getCollection(rec.coll);
  if (!coll?.indexes || Object.keys(coll.indexes).length === 0) return;
  for (const e of entriesFor(rec, coll)) {
    const def = coll.indexes[e.index] ? await indexDef(ev, e.index) : undefined;
    if (!def?.unique || def.source !== rec.coll) continue;
    const same = await ev.tx.indexEntries(coll, e.index, e.terms);
    if (same.some((o) => o.id !== e.id && compareKeys(o.values, e.values) === 0)) {
      fail('instance not unique', 'document is not unique.', node, pos);
    }
  }
}

export const INDEX_FORMS: Record<string, Form> = {
  index: {
    keys: ['index'],
    call: true,
    async run(ev, node, pos, env) {
      const a = await arg(ev, node, 'index', pos, env);
      return new DocRef(INDEX, castString(a.value, a.node, a.pos));
    },
  },
  indexes: { keys: ['indexes'], call: true, run: async () => new Module(INDEX, 'native-collection') },
  create_index: {
    keys: ['create_index'],
    call: true,
    async run(ev, node, pos, env) {
      const a = await arg(ev, node, 'create_index', pos, env);
      const params = await writeParams(ev, a, node, pos);
      return createIndexForm(ev, node, a.pos, params);
    },
  },
  match: matchForm,
};
