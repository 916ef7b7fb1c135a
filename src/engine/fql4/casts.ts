// Argument checks shared by the v4 functions, with Fauna's v4 wording (RenderError in the
// core's Renderable.scala: "Ref or Set expected, Integer provided.").
import { FqlError } from '../errors';
import type { QueryTx } from '../store/query-tx';
import { DateV, Doc, DocRef, Double, Func, Module, NullDoc, Time, type Value } from '../values/value';
import type { Path, V4Node } from './ast';

/** Native collections, by their v10 names. */
const NATIVE_COLLS = new Set(['Token', 'Credential', 'Key', 'Collection', 'Role', 'Index', 'Function', 'Database']);

export function isNativeColl(coll: string): boolean {
  return NATIVE_COLLS.has(coll);
}

export function fail(code: string, message: string, node: V4Node, pos: Path): never {
  throw new FqlError(code, message, { start: node.span.start, end: node.span.end }, pos);
}

/** Fauna v4's type name of a value (`Type.getType` in the core). */
export function v4Type(v: Value): string {
  if (v === null) return 'Null';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number' || typeof v === 'bigint') return 'Integer';
  if (v instanceof Double) return 'Double';
  if (v instanceof Time) return 'Time';
  if (v instanceof DateV) return 'Date';
  if (Array.isArray(v)) return 'Array';
  if (v instanceof Map || v instanceof Doc) return 'Object';
  if (v instanceof DocRef) return v.coll === 'Key' ? 'Key Ref' : 'Ref';
  if (v instanceof NullDoc) return 'Ref';
  if (v instanceof Module) return 'Collection Ref';
  // A v4 set (sets.ts) is a Func subclass that loads elements.
  if (v instanceof Func && 'load' in v) return 'Set';
  if (v instanceof Func) return 'Lambda';
  return 'Any';
}

/** "A expected, B provided." with Fauna's list joining. */
export function expected(types: string[], provided: Value): string {
  const p = v4Type(provided);
  if (types.length === 1) return `${types[0]} expected, ${p} provided.`;
  if (types.length === 2) return `${types[0]} or ${types[1]} expected, ${p} provided.`;
  return `${types.slice(0, -1).join(', ')}, or ${types[types.length - 1]} expected, ${p} provided.`;
}

export function invalidArgument(types: string[], v: Value, node: V4Node, pos: Path): never {
  return fail('invalid argument', expected(types, v), node, pos);
}

export function castString(v: Value, node: V4Node, pos: Path): string {
  if (typeof v === 'string') return v;
  return invalidArgument(['String'], v, node, pos);
}

export function castBoolean(v: Value, node: V4Node, pos: Path): boolean {
  if (typeof v === 'boolean') return v;
  return invalidArgument(['Boolean'], v, node, pos);
}

export function castInteger(v: Value, node: V4Node, pos: Path): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'bigint') return v;
  return invalidArgument(['Integer'], v, node, pos);
}

export function castObject(v: Value, node: V4Node, pos: Path): Map<string, Value> {
  if (v instanceof Map) return v;
  return invalidArgument(['Object'], v, node, pos);
}

/** v4 integers are 64-bit; small ones are kept as Int so both languages read them alike. */
export function long(n: bigint): number | bigint {
  return n >= -2147483648n && n <= 2147483647n ? Number(n) : n;
}

/**
 * Whether a ref names something that exists as a schema object. A ref into a collection that
 * does not exist is Fauna's "unresolved ref": fine as a value, an error where it is used.
 */
export async function unresolvedCollection(tx: QueryTx, v: Value): Promise<string | undefined> {
  let coll: string | undefined;
  if (v instanceof DocRef && !isNativeColl(v.coll)) coll = v.coll;
  // `Collection("Token")` names a user collection, which cannot exist beside the native one.
  if (v instanceof Module && v.kind === 'user-collection') coll = v.name;
  if (coll === undefined) return undefined;
  return !isNativeColl(coll) && (await tx.getCollection(coll)) ? undefined : coll;
}

/** The "invalid ref" error of a ref into a missing collection. */
export function unresolvedError(coll: string, node: V4Node, pos: Path): never {
  return fail('invalid ref', `Ref refers to undefined collection '${coll}'`, node, pos);
}

/** Named schema documents, by collection, with the word Fauna's "undefined …" error uses. */
const NAMED_KINDS = new Map([
  ['Role', 'role'],
  ['Index', 'index'],
  ['Function', 'function'],
]);

/**
 * `Role("x")`, `Index("x")`, `Function("x")` naming nothing: an unresolved ref, like a missing
 * collection.
 */
export async function isMissingRole(tx: QueryTx, v: Value): Promise<boolean> {
  return v instanceof DocRef && NAMED_KINDS.has(v.coll) && !(await tx.getDoc(v.coll, v.id, true));
}

export function missingRoleError(name: string, node: V4Node, pos: Path, coll = 'Role'): never {
  return fail('invalid ref', `Ref refers to undefined ${NAMED_KINDS.get(coll) ?? 'role'} '${name}'`, node, pos);
}

/**
 * Fauna's `Identifier` cast (Login, Get, Identify): a Ref or a Set. Refs into missing
 * collections fail here with "invalid ref".
 */
export async function castIdentifier(tx: QueryTx, v: Value, node: V4Node, pos: Path): Promise<DocRef | Module> {
  if (!(v instanceof DocRef) && !(v instanceof Module)) return invalidArgument(['Ref', 'Set'], v, node, pos);
  const missing = await unresolvedCollection(tx, v);
  if (missing !== undefined) unresolvedError(missing, node, pos);
  if (await isMissingRole(tx, v)) missingRoleError((v as DocRef).id, node, pos, (v as DocRef).coll);
  return v;
}

/** Any unresolved ref nested in a write's parameters (the core's RefValidator). */
export async function hasUnresolvedRef(tx: QueryTx, v: Value): Promise<boolean> {
  if (v instanceof DocRef || v instanceof Module) {
    return (await unresolvedCollection(tx, v)) !== undefined || (await isMissingRole(tx, v));
  }
  if (Array.isArray(v)) {
    for (const x of v) if (await hasUnresolvedRef(tx, x)) return true;
  } else if (v instanceof Map) {
    for (const x of v.values()) if (await hasUnresolvedRef(tx, x)) return true;
  }
  return false;
}

/** Structural equality as v4 `Equals` sees it: Integer 1 and Double 1.0 differ. */
export function valuesEqual(a: Value, b: Value): boolean {
  const isInt = (x: Value): x is number | bigint => typeof x === 'number' || typeof x === 'bigint';
  if (isInt(a) || isInt(b)) return isInt(a) && isInt(b) && BigInt(a) === BigInt(b);
  if (a instanceof Double || b instanceof Double) {
    return a instanceof Double && b instanceof Double && a.value === b.value;
  }
  if (a instanceof Time || b instanceof Time) return a instanceof Time && b instanceof Time && a.micros === b.micros;
  if (a instanceof DateV || b instanceof DateV) return a instanceof DateV && b instanceof DateV && a.iso === b.iso;
  if (a instanceof DocRef || b instanceof DocRef) {
    return a instanceof DocRef && b instanceof DocRef && a.coll === b.coll && a.id === b.id;
  }
  if (a instanceof Module || b instanceof Module) {
    return a instanceof Module && b instanceof Module && a.name === b.name && a.kind === b.kind;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]!));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, x] of a) if (!b.has(k) || !valuesEqual(x, b.get(k)!)) return false;
    return true;
  }
  return a === b;
}
