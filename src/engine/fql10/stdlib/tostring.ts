// Fauna's two text forms of a value (runtime/fql2/ToString.scala): the *display* string that
// `toString()`, `Object.toString()`, `+` and string interpolation produce, and the *debug*
// string (FQL-like source) used for arrays, objects and documents inside it.
import { Page, SetV } from '../../values/set';
import { Bytes, DateV, Doc, DocRef, Double, Func, Module, NullDoc, Time, type Value } from '../../values/value';
import type { Interpreter } from '../interpreter';
import { instantString } from './time';

const ESCAPES: Record<string, string> = {
  '\\': '\\', '\0': '0', "'": "'", '"': '"', '`': '`', '\n': 'n', '\r': 'r', '\v': 'v', '\t': 't', '\b': 'b', '\f': 'f', '#': '#',
};

/** A string as an FQL literal (`MaterializedValue.escape`). */
export function escapeString(s: string): string {
  let out = '"';
  for (const c of s) out += c in ESCAPES ? '\\' + ESCAPES[c] : c;
  return out + '"';
}

/** Keys that print bare: a letter, then letters, digits or `_` (`MaterializedValue.isIdent`). */
const isIdent = (k: string) => /^\p{L}[\p{L}\p{Nd}_]*$/u.test(k);

/** Java's `Double.toString`: `2.0`, `0.001`, `1.0E7`, `1.5E-7`, `NaN`, `Infinity`. */
export function javaDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : s + '.0';
  }
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : mantissa + '.0'}E${exp.replace('+', '')}`;
}

/** How a Double displays: a whole number without a fraction (`2`), otherwise as Java prints it. */
export function displayDouble(x: number): string {
  if (Number.isInteger(x)) return Object.is(x, -0) ? '-0' : BigInt(x).toString();
  return javaDouble(x);
}

/** The fields of a document as Fauna's `getAllFields` lists them, `id` first. */
export function docEntries(doc: Doc): Array<[string, Value]> {
  const named = doc.ref.coll === 'Collection';
  const head: Array<[string, Value]> = [
    [named ? 'name' : 'id', doc.ref.id],
    ['coll', new Module(doc.ref.coll, named ? 'builtin' : 'user-collection')],
    ['ts', new Time(doc.ts)],
  ];
  if (doc.ttl !== undefined) head.push(['ttl', new Time(doc.ttl)]);
  return [...head, ...doc.fields];
}

/** `toString()`: scalars as plain text, everything else as its debug string. */
export async function displayString(interp: Interpreter, v: Value): Promise<string> {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Double) return displayDouble(v.value);
  if (v instanceof Time) return instantString(v);
  if (v instanceof DateV) return v.iso;
  if (v instanceof Bytes) return v.toBase64();
  return debugString(interp, v);
}

/** The debug string; `nested` is set inside a document, where documents print as `[doc 1 in C]`. */
export async function debugString(interp: Interpreter, v: Value, nested = false): Promise<string> {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return escapeString(v);
  if (v instanceof Double) return javaDouble(v.value);
  if (v instanceof Time) return `Time("${instantString(v)}")`;
  if (v instanceof DateV) return `Date("${v.iso}")`;
  if (v instanceof Bytes) return `Bytes("${v.toBase64()}")`;
  if (Array.isArray(v)) {
    const items: string[] = [];
    for (const x of v) items.push(await debugString(interp, x, nested));
    return `[${items.join(', ')}]`;
  }
  if (v instanceof Map || v instanceof Page) {
    const entries: Array<[string, Value]> = v instanceof Map ? [...v] : [['data', v.data]];
    if (v instanceof Page && v.after !== undefined) entries.push(['after', v.after]);
    return structString(interp, entries, nested);
  }
  if (v instanceof Module) return v.name;
  if (v instanceof Func) return v.name === '<lambda>' ? '[function <lambda>]' : `[function ${v.name}()]`;
  if (v instanceof SetV) return '[set]';
  const doc = v instanceof DocRef ? await interp.resolve(v) : v;
  if (doc instanceof NullDoc) return 'null';
  if (nested) return `[doc ${doc.ref.id} in ${doc.ref.coll}]`;
  const entries = docEntries(doc);
  const parts: string[] = [];
  for (const [k, x] of entries) {
    let text: string;
    if (k === 'id' && entries[0]![0] === 'id' && x === doc.ref.id) text = `ID("${doc.ref.id}")`;
    // A document written by this query has the transaction's time, not yet known to Fauna.
    else if (k === 'ts' && doc.ts === interp.tx.txnTs) text = 'TransactionTime()';
    else text = await debugString(interp, x, true);
    parts.push(`${isIdent(k) ? k : escapeString(k)}: ${text}`);
  }
  return `{ ${parts.join(', ')} }`;
}

async function structString(interp: Interpreter, entries: Array<[string, Value]>, nested: boolean): Promise<string> {
  if (entries.length === 0) return '{}';
  const parts: string[] = [];
  for (const [k, x] of entries) parts.push(`${isIdent(k) ? k : escapeString(k)}: ${await debugString(interp, x, nested)}`);
  return `{ ${parts.join(', ')} }`;
}
