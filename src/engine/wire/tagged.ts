// v10 wire formats (fql-surface §5.1, wire-protocol §2.5): `tagged` (type-preserving JSON the
// drivers decode into their classes) and `simple` (plain JSON). Documents are expanded at the top
// and shown as references inside other documents, as in the decorated text.
import { formatTime, parseTime } from '../values/time';
import { Page, SetV } from '../values/set';
import { DateV, Doc, DocRef, Double, Func, Module, NullDoc, Time, isNamed, type Value } from '../values/value';
import { FqlError } from '../errors';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isInt32 = (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;

function doubleText(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return Number.isInteger(x) && Math.abs(x) < 1e21 ? x.toFixed(1) : String(x);
}

function docHead(d: Doc | DocRef, ref: DocRef, tagged: boolean): Record<string, Json> {
  const coll = tagged ? { '@mod': ref.coll } : ref.coll;
  return isNamed(ref.coll) ? { name: ref.id, coll } : { id: ref.id, coll };
}

export function toTagged(v: Value, insideDoc = false): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return isInt32(v) ? { '@int': String(v) } : { '@double': doubleText(v) };
  if (typeof v === 'bigint') return { '@long': v.toString() };
  if (v instanceof Double) return { '@double': doubleText(v.value) };
  if (v instanceof Time) return { '@time': formatTime(v) };
  if (v instanceof DateV) return { '@date': v.iso };
  if (v instanceof Module) return { '@mod': v.name };
  if (v instanceof Func) return `[function ${v.name}]`;
  if (v instanceof DocRef) return { '@ref': docHead(v, v, true) };
  if (v instanceof NullDoc) return { '@ref': { ...docHead(v.ref, v.ref, true), exists: false, cause: v.cause } };
  if (Array.isArray(v)) return v.map((x) => toTagged(x, insideDoc));
  if (v instanceof Map) {
    const out: Record<string, Json> = {};
    for (const [k, x] of v) out[k] = toTagged(x, insideDoc);
    return [...v.keys()].some((k) => k.startsWith('@')) ? { '@object': out } : out;
  }
  if (v instanceof Page) {
    const page: Record<string, Json> = { data: v.data.map((x) => toTagged(x, insideDoc)) };
    if (v.after !== undefined) page.after = v.after;
    return { '@set': page };
  }
  if (v instanceof SetV) return '[set]';
  if (insideDoc) return { '@ref': docHead(v, v.ref, true) };
  const out: Record<string, Json> = { ...docHead(v, v.ref, true), ts: { '@time': formatTime(new Time(v.ts)) } };
  if (v.ttl !== undefined) out.ttl = { '@time': formatTime(new Time(v.ttl)) };
  for (const [k, x] of v.fields) out[k] = toTagged(x, true);
  if (v.secret !== undefined) out.secret = v.secret;
  return { '@doc': out };
}

export function toSimple(v: Value, insideDoc = false): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Double) return Number.isFinite(v.value) ? v.value : doubleText(v.value);
  if (v instanceof Time) return formatTime(v);
  if (v instanceof DateV) return v.iso;
  if (v instanceof Module) return v.name;
  if (v instanceof Func) return `[function ${v.name}]`;
  if (v instanceof DocRef) return docHead(v, v, false);
  if (v instanceof NullDoc) return null;
  if (Array.isArray(v)) return v.map((x) => toSimple(x, insideDoc));
  if (v instanceof Map) {
    const out: Record<string, Json> = {};
    for (const [k, x] of v) out[k] = toSimple(x, insideDoc);
    return out;
  }
  if (v instanceof Page) {
    const page: Record<string, Json> = { data: v.data.map((x) => toSimple(x, insideDoc)) };
    if (v.after !== undefined) page.after = v.after;
    return page;
  }
  if (v instanceof SetV) return '[set]';
  if (insideDoc) return docHead(v, v.ref, false);
  const out: Record<string, Json> = { ...docHead(v, v.ref, false), ts: formatTime(new Time(v.ts)) };
  if (v.ttl !== undefined) out.ttl = formatTime(new Time(v.ttl));
  for (const [k, x] of v.fields) out[k] = toSimple(x, true);
  if (v.secret !== undefined) out.secret = v.secret;
  return out;
}

const bad = (what: string) => new FqlError('invalid_request', `Invalid request body: ${what}`);

/** Decodes a tagged value sent by a driver (query `value` nodes and `arguments`). */
export function fromTagged(j: Json): Value {
  if (j === null || typeof j === 'boolean' || typeof j === 'string') return j;
  if (typeof j === 'number') return Number.isInteger(j) && isInt32(j) ? j : new Double(j);
  if (Array.isArray(j)) return j.map(fromTagged);
  const keys = Object.keys(j);
  if (keys.length === 1 && keys[0]!.startsWith('@')) {
    const tag = keys[0]!;
    const x = j[tag]!;
    switch (tag) {
      case '@int': {
        if (typeof x !== 'string' || !/^-?\d+$/.test(x) || !isInt32(Number(x))) throw bad(`bad @int ${JSON.stringify(x)}`);
        return Number(x);
      }
      case '@long': {
        if (typeof x !== 'string' || !/^-?\d+$/.test(x)) throw bad(`bad @long ${JSON.stringify(x)}`);
        return BigInt(x);
      }
      case '@double': {
        if (typeof x !== 'string' || Number.isNaN(Number(x)) && x !== 'NaN') throw bad(`bad @double ${JSON.stringify(x)}`);
        return new Double(Number(x));
      }
      case '@time': {
        const t = typeof x === 'string' ? parseTime(x) : undefined;
        if (!t) throw bad(`bad @time ${JSON.stringify(x)}`);
        return t;
      }
      case '@date': {
        if (typeof x !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(x)) throw bad(`bad @date ${JSON.stringify(x)}`);
        return new DateV(x);
      }
      case '@mod':
        if (typeof x !== 'string') throw bad('bad @mod');
        return new Module(x, 'user-collection');
      case '@ref':
      case '@doc': {
        if (typeof x === 'string') {
          const [coll, id] = x.split(':');
          if (!coll || !id) throw bad(`bad ${tag}`);
          return new DocRef(coll, id);
        }
        if (!x || typeof x !== 'object' || Array.isArray(x)) throw bad(`bad ${tag}`);
        const coll = x.coll;
        const name = coll && typeof coll === 'object' && !Array.isArray(coll) ? coll['@mod'] : undefined;
        const id = x.id ?? x.name;
        if (typeof name !== 'string' || typeof id !== 'string') throw bad(`bad ${tag}`);
        return new DocRef(name, id);
      }
      case '@object': {
        if (!x || typeof x !== 'object' || Array.isArray(x)) throw bad('bad @object');
        return new Map(Object.entries(x).map(([k, v]) => [k, fromTagged(v)]));
      }
      default:
        throw bad(`unknown tag ${tag}`);
    }
  }
  return new Map(Object.entries(j).map(([k, v]) => [k, fromTagged(v)]));
}
