// `Select(path, from, default?)`: walking a value along a path of keys and indexes
// (ReadAdaptor.valueAtPath in the core). Refs answer `id` and `collection`.
import type { QueryTx } from '../store/query-tx';
import { DocRef, Module, type Value } from '../values/value';
import { invalidArgument, isNativeColl, unresolvedCollection, unresolvedError } from './casts';
import type { V4Node } from './ast';
import type { Arg } from './form';

/** The path argument: one key or index, or an array of them. */
export function castPath(path: Arg): Array<string | number> {
  const one = (v: Value, node: V4Node, at: Array<string | number>): string | number => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    return invalidArgument(['String', 'Integer'], v, node, at);
  };
  if (!Array.isArray(path.value)) return [one(path.value, path.node, path.pos)];
  const items = path.node.kind === 'array' ? path.node.items : [];
  return path.value.map((v, i) => one(v, items[i] ?? path.node, [...path.pos, i]));
}

/** The value at `path`, or undefined when something along it is missing. */
export async function valueAtPath(tx: QueryTx, from: Arg, path: Array<string | number>): Promise<Value | undefined> {
  // Only a ref at the top is checked for existence; refs met along the way are just values.
  const missing = await unresolvedCollection(tx, from.value);
  if (missing !== undefined) unresolvedError(missing, from.node, from.pos);
  let v: Value = from.value;
  for (const p of path) {
    const next = step(v, p);
    if (next === undefined) return undefined;
    v = next;
  }
  return v;
}

function step(v: Value, p: string | number): Value | undefined {
  if (v instanceof Map) return typeof p === 'string' ? v.get(p) : undefined;
  if (Array.isArray(v)) return typeof p === 'number' && p >= 0 ? v[p] : undefined;
  if (v instanceof DocRef) {
    if (p === 'id') return v.id;
    if (p === 'collection') return new Module(v.coll, isNativeColl(v.coll) ? 'native-collection' : 'user-collection');
    return undefined;
  }
  if (v instanceof Module) {
    if (p === 'id') return nativeId(v) ?? v.name;
    // A user collection lives in the native Collections(); native ones have no collection.
    if (p === 'collection' && v.kind === 'user-collection') return new Module('Collection', 'native-collection');
    return undefined;
  }
  return undefined;
}

const NATIVE_IDS = new Map([
  ['Token', 'tokens'],
  ['Credential', 'credentials'],
  ['Key', 'keys'],
  ['Collection', 'collections'],
]);

function nativeId(m: Module): string | undefined {
  if (m.kind === 'user-collection') return undefined;
  return NATIVE_IDS.get(m.name);
}
