// Values as Fauna's v4 API sends them (the core's RenderContext): plain JSON with `@`-tagged
// refs, times and dates, `{"@obj": …}` around objects that have a key starting with `@`, and
// the `{"resource": …}` / `{"errors": […]}` envelopes. Compact, so lengths are `bytesOut`.
import { V4Lambda } from '../fql4/lambda';
import { V4Set } from '../fql4/sets';
import { Page, SetV } from '../values/set';
import { Bytes, DateV, Doc, DocRef, Double, Func, Module, NullDoc, Time, type ObjectV, type Value } from '../values/value';

/** Native collections: v10 name → v4 id (`{"@ref":{"id":"tokens"}}`). */
const NATIVE_IDS = new Map([
  ['Token', 'tokens'],
  ['Credential', 'credentials'],
  ['Key', 'keys'],
  ['Collection', 'collections'],
  ['Role', 'roles'],
  ['Function', 'functions'],
  ['Index', 'indexes'],
  ['Database', 'databases'],
]);

const str = (s: string) => JSON.stringify(s);

export function v4Json(v: Value): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
  if (v instanceof Double) return javaDouble(v.value);
  if (v instanceof Time) return `{"@ts":${str(v4Instant(v.micros))}}`;
  if (v instanceof DateV) return `{"@date":${str(v.iso)}}`;
  if (v instanceof DocRef) return refJson(v);
  if (v instanceof NullDoc) return refJson(v.ref);
  if (v instanceof Module) return collectionJson(v);
  if (v instanceof Bytes) return `{"@bytes":${str(v.toBase64())}}`;
  if (v instanceof Doc) return v4Json(docAsObject(v));
  if (Array.isArray(v)) return `[${v.map(v4Json).join(',')}]`;
  // A v4 `Query(Lambda(…))` travels as `{"@query": <its wire expression>}`.
  if (v instanceof V4Lambda) return `{"@query":${v.wire}}`;
  if (v instanceof V4Set) return setJson(v);
  if (v instanceof Func) return str(`[function ${v.name}]`);
  if (v instanceof SetV) return str('[set]');
  if (v instanceof Page) {
    return `{"data":${v4Json(v.data)}${v.after !== undefined ? `,"after":${str(v.after)}` : ''}}`;
  }
  const body = `{${[...v].map(([k, x]) => `${str(k)}:${v4Json(x)}`).join(',')}}`;
  // The core escapes an object with an `@` key so the client cannot mistake it for a tag.
  return [...v.keys()].some((k) => k.startsWith('@')) ? `{"@obj":${body}}` : body;
}

export function v4ResourceJson(v: Value): string {
  return `{"resource":${v4Json(v)}}`;
}

export interface V4ErrorEntry {
  position: Array<string | number>;
  code: string;
  description: string;
}

/** The error body; fields in the core's order (APIResponse.scala): position, code, description. */
export function v4ErrorsJson(errors: V4ErrorEntry[]): string {
  const one = (e: V4ErrorEntry) =>
    `{"position":[${e.position.map((p) => (typeof p === 'number' ? String(p) : str(p))).join(',')}],` +
    `"code":${str(e.code)},"description":${str(e.description)}}`;
  return `{"errors":[${errors.map(one).join(',')}]}`;
}

/** A set as the core renders a set ref: native sets and `Documents`' source as refs, else `@set`. */
function setJson(s: V4Set): string {
  const e = s.expr;
  if (!e) return str(`[set ${s.v4Text}]`);
  switch (e.kind) {
    case 'native':
      return `{"@ref":{"id":${str(e.id)}}}`;
    case 'documents':
      return `{"@set":{"documents":${collectionJson(new Module(e.coll, 'user-collection'))}}}`;
    case 'match': {
      const index = `{"@ref":{"id":${str(e.index)},"collection":{"@ref":{"id":"indexes"}}}}`;
      const noTerms = Array.isArray(e.terms) && e.terms.length === 0;
      return `{"@set":{"match":${index}${noTerms ? '' : `,"terms":${v4Json(e.terms)}`}}}`;
    }
    case 'union':
    case 'intersection':
    case 'difference':
      return `{"@set":{${str(e.kind)}:[${e.sets.map(setJson).join(',')}]}}`;
    case 'distinct':
    case 'reverse':
      return `{"@set":{${str(e.kind)}:${setJson(e.set)}}}`;
    case 'filter':
      return `{"@set":{"filter":{"@query":${e.lambdaWire}},"collection":${setJson(e.set)}}}`;
  }
}

function collectionJson(m: Module): string {
  const native = NATIVE_IDS.get(m.name);
  if (m.kind !== 'user-collection' && native !== undefined) return `{"@ref":{"id":${str(native)}}}`;
  return `{"@ref":{"id":${str(m.name)},"collection":{"@ref":{"id":"collections"}}}}`;
}

function refJson(r: DocRef): string {
  const native = NATIVE_IDS.get(r.coll);
  const coll =
    native !== undefined
      ? `{"@ref":{"id":${str(native)}}}`
      : `{"@ref":{"id":${str(r.coll)},"collection":{"@ref":{"id":"collections"}}}}`;
  return `{"@ref":{"id":${str(r.id)},"collection":${coll}}}`;
}

/** A v10 document value seen from v4: `{ref, ts, data}`. */
export function docAsObject(d: Doc): ObjectV {
  const out: ObjectV = new Map<string, Value>([
    ['ref', d.ref],
    ['ts', BigInt(d.ts)],
  ]);
  if (d.ttl !== undefined) out.set('ttl', new Time(d.ttl));
  out.set('data', d.fields);
  return out;
}

/**
 * Java's Instant.toString, which the core uses for `@ts`: no fraction on whole seconds, else
 * 3 or 6 digits (the store keeps microseconds, so never 9).
 */
export function v4Instant(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const frac = micros - seconds * 1_000_000;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (frac === 0) return `${base}Z`;
  if (frac % 1000 === 0) return `${base}.${String(frac / 1000).padStart(3, '0')}Z`;
  return `${base}.${String(frac).padStart(6, '0')}Z`;
}

/** Java's Double.toString (Jackson writes doubles with it): `1.0`, `0.5`, `1.0E7`, `1.5E-5`. */
export function javaDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exp] = d.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exp.replace('+', '')}`;
}
