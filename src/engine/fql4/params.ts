// The params objects of v4 writes (`Create`, `Update`, `Login`, `CreateKey`, …): reading their
// fields with the core's checks (RefValidator for unresolved refs, "document data is not valid."
// for wrong kinds) and shaping the token a write returns.
import { decode } from '../store/codec';
import type { DocRecord } from '../store/records';
import { DocRef, Module, Time, type ObjectV, type Value } from '../values/value';
import type { Path, V4Object } from './ast';
import { castObject, fail, hasUnresolvedRef } from './casts';
import { refOf } from './docs';
import type { Arg, Evaluator } from './form';

export const INVALID_DATA = 'document data is not valid.';

/** The params object of a write, checked like the core's RefValidator (unresolved refs). */
export async function writeParams(ev: Evaluator, a: Arg | undefined, node: V4Object, pos: Path): Promise<ObjectV> {
  if (!a) return new Map();
  const params = castObject(a.value, a.node, a.pos);
  if (await hasUnresolvedRef(ev.tx, params)) fail('validation failed', INVALID_DATA, node, pos);
  return params;
}

/**
 * The shared store keeps document refs but not collection refs (codec.ts); v4 could store
 * `Collection("x")` in a document, the playground cannot yet, so it says so plainly.
 */
export function checkStorable(v: Value | undefined, node: V4Object, pos: Path): void {
  if (v instanceof Module) {
    fail('invalid argument', 'The playground cannot store collection refs inside documents yet.', node, pos);
  }
  if (Array.isArray(v)) for (const x of v) checkStorable(x, node, pos);
  if (v instanceof Map) for (const x of v.values()) checkStorable(x, node, pos);
}

/** An optional field of a given kind; anything else fails validation at `pos`. */
export function field<T extends Value>(
  params: ObjectV,
  key: string,
  ok: (v: Value) => v is T,
  node: V4Object,
  pos: Path,
): T | undefined {
  const v = params.get(key);
  if (v === undefined || v === null) return undefined;
  return ok(v) ? v : fail('validation failed', INVALID_DATA, node, pos);
}

export const isMap = (v: Value): v is ObjectV => v instanceof Map;
export const isTime = (v: Value): v is Time => v instanceof Time;
export const isRef = (v: Value): v is DocRef => v instanceof DocRef;
export const isString = (v: Value): v is string => typeof v === 'string';

/** The keys of `params` among `keys`, in the params' order (results list fields as written). */
export const orderOf = (params: ObjectV, keys: string[]): string[] => [...params.keys()].filter((k) => keys.includes(k));

/** A token as its create/login result shows it: the params' fields in their order, then `secret`. */
export function tokenResult(rec: DocRecord, secret: string, order: string[]): ObjectV {
  const out: ObjectV = new Map<string, Value>([
    ['ref', refOf(rec)],
    ['ts', BigInt(rec.ts)],
  ]);
  for (const k of order) {
    if (k === 'instance' && rec.instance !== undefined) out.set('instance', DocRef.fromKey(rec.instance));
    if (k === 'data' && rec.data !== null) out.set('data', decode(rec.data));
    if (k === 'ttl' && rec.ttl !== undefined) out.set('ttl', new Time(rec.ttl));
  }
  out.set('secret', secret);
  return out;
}

/**
 * v4's Update merge (the core's Diff patch): objects merge key by key, `null` removes a key,
 * anything else replaces.
 */
export function mergePatch(old: Value | undefined, patch: Value): Value | undefined {
  if (!(patch instanceof Map)) return patch === null ? undefined : patch;
  const out: ObjectV = old instanceof Map ? new Map(old) : new Map();
  for (const [k, v] of patch) {
    const merged = mergePatch(out.get(k), v);
    if (merged === undefined) out.delete(k);
    else out.set(k, merged);
  }
  return out;
}

/** An object with its `null` fields removed, recursively (what Create and Replace store). */
export function withoutNulls(v: ObjectV): ObjectV {
  return mergePatch(undefined, v) as ObjectV;
}
