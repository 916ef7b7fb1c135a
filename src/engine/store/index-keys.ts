// Index entries: for each document of a collection with indexes, one entry per index holding the
// document's term values and covered values as IndexedDB keys, so a lookup by terms is a key
// range read and never a collection scan. Values become keys that sort in Fauna's order:
// a type rank first (null, booleans, numbers, strings, times, dates, refs, arrays, objects).
import { decode, encode, type Stored } from './codec';
import type { CollectionRecord, DocRecord, IndexDef } from './records';
import { DateV, Doc, DocRef, Double, NullDoc, Time, type Value } from '../values/value';

export interface EntryRecord {
  coll: string;
  index: string;
  terms: IDBValidKey[];
  values: IDBValidKey[];
  /** The document id, zero-padded so ids sort numerically. */
  id: string;
  /** The covered values as stored, to serve them without reading the document. */
  covered: Stored[];
}

export const padId = (id: string) => id.padStart(20, '0');
export const unpadId = (id: string) => id.replace(/^0+(?=\d)/, '');

/** Above every encoded value: the upper bound of a range over one term tuple. */
export const MAX_KEY: IDBValidKey = [[9]];

export function keyOf(v: Value): IDBValidKey {
  if (v === null || v instanceof NullDoc) return [0];
  if (typeof v === 'boolean') return [1, v ? 1 : 0];
  if (typeof v === 'number' || typeof v === 'bigint') return [2, Number(v)];
  if (v instanceof Double) return [2, Number.isNaN(v.value) ? Number.MAX_VALUE : v.value];
  if (typeof v === 'string') return [3, v];
  if (v instanceof Time) return [4, v.micros];
  if (v instanceof DateV) return [5, v.iso];
  if (v instanceof DocRef || v instanceof Doc) {
    const r = v instanceof Doc ? v.ref : v;
    return [6, r.coll, padId(r.id)];
  }
  if (Array.isArray(v)) return [7, ...v.map(keyOf)];
  if (v instanceof Map) return [8, JSON.stringify([...v.keys()]), ...[...v.values()].map(keyOf)];
  return [9];
}

/** Reads `a.b.c` in a document's fields (or its id/ts for `.id` / `.ts`). */
export function fieldAt(rec: DocRecord, fields: Map<string, Value>, path: string[]): Value {
  if (path.length === 1 && path[0] === 'id') return rec.id;
  if (path.length === 1 && path[0] === 'ts') return new Time(rec.ts);
  // v4 indexes may cover the document's ref itself (`{field: ["ref"]}`).
  if (path.length === 1 && path[0] === '@ref') return new DocRef(rec.coll, rec.id);
  let v: Value = fields;
  for (const p of path) {
    if (!(v instanceof Map)) return null;
    v = v.get(p) ?? null;
  }
  return v;
}

/** Every index entry a document version has, for each index of its collection. */
export function entriesFor(rec: DocRecord, coll: CollectionRecord): EntryRecord[] {
  const defs = allIndexes(coll);
  if (defs.length === 0) return [];
  const decoded = decode(rec.data);
  const fields = decoded instanceof Map ? decoded : new Map<string, Value>();
  return defs.map(([name, def]) => {
    const values = def.values.map((v) => fieldAt(rec, fields, v.path));
    return {
      coll: rec.coll,
      index: name,
      terms: def.terms.map((t) => keyOf(fieldAt(rec, fields, t))),
      values: values.map(keyOf),
      id: padId(rec.id),
      covered: values.map(encode),
    };
  });
}

/** The collection's indexes plus one hidden index per unique constraint. */
export function allIndexes(coll: CollectionRecord): Array<[string, IndexDef]> {
  const out: Array<[string, IndexDef]> = Object.entries(coll.indexes ?? {});
  (coll.constraints ?? []).forEach((c, i) => out.push([uniqueIndexName(i), { terms: c.unique, values: [] }]));
  return out;
}

export const uniqueIndexName = (i: number) => `$unique${i}`;

export function entryKey(e: EntryRecord): IDBValidKey {
  return [e.coll, e.index, e.terms, e.values, e.id];
}

/** IndexedDB's key order for the keys this file makes: numbers < strings < arrays. */
export function compareKeys(a: IDBValidKey, b: IDBValidKey): number {
  const rank = (k: IDBValidKey) => (typeof k === 'number' ? 0 : typeof k === 'string' ? 2 : Array.isArray(k) ? 4 : 1);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareKeys(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
