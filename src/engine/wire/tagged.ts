// v10 wire formats (fql-surface §5.1, wire-protocol §2.5; MaterializedValue.scala and
// UndecidedValue.scala in Fauna's core): `tagged` (type-preserving JSON the drivers decode into
// their classes) and `simple` (plain JSON), both ways. Documents are expanded at the top and
// shown as references inside other documents, as in the decorated text.
import { EmbeddedSet, Page, SetV } from '../values/set';
import { formatTime, parseTime } from '../values/time';
import { Bytes, DateV, Doc, DocRef, Double, Func, Module, NATIVE_COLLECTIONS, NullDoc, Time, isNamed, type Value } from '../values/value';
import { javaDouble } from './v4-json';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isInt32 = (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Java's Instant.toString, as the core prints times: no fraction on whole seconds, else 3 or 6 digits. */
export function instantText(t: Time): string {
  return formatTime(t);
}

function funcText(f: Func): string {
  // The core squashes functions into strings; natives get `()` in the JSON formats.
  return f.name === '<lambda>' ? '[function <lambda>]' : `[function ${f.name}()]`;
}

function docHead(ref: DocRef, tagged: boolean): Record<string, Json> {
  const coll = tagged ? { '@mod': ref.coll } : ref.coll;
  return isNamed(ref.coll) ? { name: ref.id, coll } : { id: ref.id, coll };
}

export function toTagged(v: Value, insideDoc = false): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return isInt32(v) ? { '@int': String(v) } : { '@double': javaDouble(v) };
  if (typeof v === 'bigint') return { '@long': v.toString() };
  if (v instanceof Double) return { '@double': javaDouble(v.value) };
  if (v instanceof Time) return { '@time': instantText(v) };
  if (v instanceof DateV) return { '@date': v.iso };
  if (v instanceof Bytes) return { '@bytes': v.toBase64() };
  if (v instanceof Module) return { '@mod': v.name };
  if (v instanceof Func) return funcText(v);
  if (v instanceof DocRef) return { '@ref': docHead(v, true) };
  if (v instanceof NullDoc) return { '@ref': { ...docHead(v.ref, true), exists: false, cause: v.cause } };
  if (Array.isArray(v)) return v.map((x) => toTagged(x, insideDoc));
  if (v instanceof Map) {
    const out: Record<string, Json> = {};
    for (const [k, x] of v) out[k] = toTagged(x, insideDoc);
    return [...v.keys()].some((k) => k.startsWith('@')) ? { '@object': out } : out;
  }
  if (v instanceof EmbeddedSet) return { '@set': v.cursor };
  if (v instanceof Page) {
    const page: Record<string, Json> = { data: v.data.map((x) => toTagged(x, insideDoc)) };
    if (v.after !== undefined) page.after = v.after;
    return { '@set': page };
  }
  if (v instanceof SetV) return '[set]'; // the engine materializes sets into pages first
  if (!(v instanceof Doc)) return String(v);
  if (insideDoc) return { '@ref': docHead(v.ref, true) };
  const out: Record<string, Json> = { ...docHead(v.ref, true), ts: { '@time': instantText(new Time(v.ts)) } };
  if (v.ttl !== undefined) out.ttl = { '@time': instantText(new Time(v.ttl)) };
  for (const [k, x] of v.fields) out[k] = toTagged(x, true);
  if (v.secret !== undefined) out.secret = v.secret;
  return { '@doc': out };
}

export function toSimple(v: Value, insideDoc = false): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Double) return Number.isFinite(v.value) ? v.value : javaDouble(v.value);
  if (v instanceof Time) return instantText(v);
  if (v instanceof DateV) return v.iso;
  if (v instanceof Bytes) return v.toBase64();
  if (v instanceof Module) return v.name;
  if (v instanceof Func) return funcText(v);
  if (v instanceof DocRef) return docHead(v, false);
  if (v instanceof NullDoc) return null;
  if (Array.isArray(v)) return v.map((x) => toSimple(x, insideDoc));
  if (v instanceof Map) {
    const out: Record<string, Json> = {};
    for (const [k, x] of v) out[k] = toSimple(x, insideDoc);
    return out;
  }
  if (v instanceof EmbeddedSet) return v.cursor;
  if (v instanceof Page) {
    const page: Record<string, Json> = { data: v.data.map((x) => toSimple(x, insideDoc)) };
    if (v.after !== undefined) page.after = v.after;
    return page;
  }
  if (v instanceof SetV) return '[set]';
  if (!(v instanceof Doc)) return String(v);
  if (insideDoc) return docHead(v.ref, false);
  const out: Record<string, Json> = { ...docHead(v.ref, false), ts: instantText(new Time(v.ts)) };
  if (v.ttl !== undefined) out.ttl = instantText(new Time(v.ttl));
  for (const [k, x] of v.fields) out[k] = toSimple(x, true);
  if (v.secret !== undefined) out.secret = v.secret;
  return out;
}

/** A value the core's decoder rejects; the message is lowercase (it is embedded in a sentence). */
export class InvalidValue extends Error {}

/** Built-in modules that are not collections of documents with ids. */
const BUILTIN_MODULES = new Set([
  'Collection', 'Function', 'Role', 'Database', 'AccessProvider', 'Query',
  'Time', 'Date', 'Math', 'Object', 'Array', 'Set', 'String', 'Number', 'Boolean',
]);

/** A module by name, as `@mod` names it; anything not built in is a user collection. */
function moduleNamed(name: string): Module {
  if (NATIVE_COLLECTIONS.has(name)) return new Module(name, 'native-collection');
  return new Module(name, BUILTIN_MODULES.has(name) ? 'builtin' : 'user-collection');
}

const str = (tag: string, x: Json | undefined): string => {
  if (typeof x !== 'string') throw new InvalidValue(`${tag} requires a string value`);
  return x;
};

// Java's Double.parseDouble: trims, accepts NaN/Infinity, signs, exponents and a `d`/`f` suffix.
const JAVA_DOUBLE = /^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?)$/;

/**
 * Decodes a tagged value sent by a driver (template `value` nodes always; `arguments` when the
 * format is tagged or decorated). Throws `InvalidValue` with the core's message.
 */
export function decodeTagged(j: Json): Value {
  if (j === null || typeof j === 'boolean' || typeof j === 'string') return j;
  if (typeof j === 'number') throw new InvalidValue('numbers must be tagged');
  if (Array.isArray(j)) return j.map(decodeTagged);
  const keys = Object.keys(j);
  if (!keys.some((k) => k.startsWith('@'))) return decodeObject(j);
  if (keys.length > 1) throw new InvalidValue('too many keys in tagged value');
  const tag = keys[0]!;
  const x = j[tag];
  switch (tag) {
    case '@int': {
      const s = str(tag, x);
      if (!/^[+-]?\d+$/.test(s) || !isInt32(Number(s))) throw new InvalidValue('invalid integer');
      return Number(s);
    }
    case '@long': {
      const s = str(tag, x);
      if (!/^[+-]?\d+$/.test(s)) throw new InvalidValue('invalid long');
      const n = BigInt(s);
      if (n < INT64_MIN || n > INT64_MAX) throw new InvalidValue('invalid long');
      return n;
    }
    case '@double': {
      const s = str(tag, x).trim();
      if (!JAVA_DOUBLE.test(s)) throw new InvalidValue('invalid double');
      return new Double(Number(s.replace(/[fFdD]$/, '')));
    }
    case '@object': {
      if (!x || typeof x !== 'object' || Array.isArray(x)) throw new InvalidValue(`${tag} requires an object value`);
      return decodeObject(x);
    }
    case '@time': {
      const t = parseTime(str(tag, x));
      if (!t) throw new InvalidValue('invalid time');
      return t;
    }
    case '@date': {
      const s = str(tag, x);
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
      if (!m || !d || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) throw new InvalidValue('invalid date');
      return new DateV(s);
    }
    case '@mod':
      return moduleNamed(str(tag, x));
    case '@ref':
    case '@doc':
      return decodeRef(tag, x);
    case '@bytes': {
      const b = Bytes.fromBase64(str(tag, x));
      if (!b) throw new InvalidValue('invalid bytes');
      return b;
    }
    default:
      throw new InvalidValue(`invalid tag '${tag}'`);
  }
}

function decodeObject(o: { [k: string]: Json }): Value {
  return new Map(Object.entries(o).map(([k, v]) => [k, decodeTagged(v)]));
}

function decodeRef(tag: string, x: Json | undefined): Value {
  if (typeof x === 'string') {
    // The legacy `"Coll:id"` form.
    const parts = x.split(':');
    if (parts.length !== 2) throw new InvalidValue('doc id must be in the format <coll>:<id>');
    const [coll, id] = parts as [string, string];
    if (!isNamed(coll) && !/^\d+$/.test(id)) throw new InvalidValue(`invalid document id '${id}'`);
    return new DocRef(coll, id);
  }
  if (!x || typeof x !== 'object' || Array.isArray(x)) throw new InvalidValue(`${tag} requires an object value`);
  const decoded = decodeTagged(x);
  if (!(decoded instanceof Map)) throw new InvalidValue(`${tag} requires an object value`);
  const coll = decoded.get('coll');
  if (coll === undefined) throw new InvalidValue(`${tag} field 'coll' is required`);
  if (!(coll instanceof Module)) throw new InvalidValue(`${tag} field 'coll' requires a module value`);
  if (isNamed(coll.name)) {
    const name = decoded.get('name');
    if (name === undefined) throw new InvalidValue(`${tag} field 'name' is required`);
    if (typeof name !== 'string') throw new InvalidValue(`${tag} field 'name' requires a string value`);
    return new DocRef(coll.name, name);
  }
  const id = decoded.get('id');
  if (id === undefined) throw new InvalidValue(`${tag} field 'id' is required`);
  if (typeof id !== 'string') throw new InvalidValue(`${tag} field 'id' requires a string value`);
  if (!/^[+-]?\d+$/.test(id)) throw new InvalidValue(`${tag} field 'id' must be an integer`);
  return new DocRef(coll.name, id);
}

/** Decodes `arguments` sent with `x-format: simple`: plain JSON, numbers as Int, Long or Double. */
export function decodeSimple(j: Json): Value {
  if (j === null || typeof j === 'boolean' || typeof j === 'string') return j;
  if (typeof j === 'number') {
    if (!Number.isInteger(j)) return new Double(j);
    return isInt32(j) ? j : BigInt(j);
  }
  if (Array.isArray(j)) return j.map(decodeSimple);
  return new Map(Object.entries(j).map(([k, v]) => [k, decodeSimple(v)]));
}
