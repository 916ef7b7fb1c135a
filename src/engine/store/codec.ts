// How values are kept in IndexedDB: a structured-clone-safe tagged form, since class instances
// lose their prototype in the store. Only data values are storable; a module or a null document
// cannot be a field of a stored document.
import { Page, SetV } from '../values/set';
import { Bytes, DateV, Doc, DocRef, Double, Func, Module, NullDoc, Time, typeName, type Value } from '../values/value';
import { FqlError } from '../errors';
import { utf8Length } from './utf8';

export type Stored =
  | null
  | boolean
  | string
  | number
  | bigint
  | Stored[]
  | { d: number }
  | { t: number }
  | { date: string }
  | { bytes: string }
  | { ref: [string, string] }
  | { o: Array<[string, Stored]> };

export function encode(v: Value): Stored {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return v;
  if (v instanceof Double) return { d: v.value };
  if (v instanceof Time) return { t: v.micros };
  if (v instanceof DateV) return { date: v.iso };
  if (v instanceof Bytes) return { bytes: v.toBase64() };
  if (Array.isArray(v)) return v.map(encode);
  if (v instanceof Map) return { o: [...v].map(([k, x]) => [k, encode(x)] as [string, Stored]) };
  if (v instanceof Doc) return { ref: [v.ref.coll, v.ref.id] };
  if (v instanceof DocRef) return { ref: [v.coll, v.id] };
  if (v instanceof NullDoc) return { ref: [v.ref.coll, v.ref.id] };
  if (v instanceof Module || v instanceof Func || v instanceof SetV || v instanceof Page) {
    throw new FqlError('invalid_argument', `Cannot store a value of type ${typeName(v)}.`);
  }
  const never: never = v;
  return never;
}

export function decode(s: Stored): Value {
  if (s === null || typeof s !== 'object') return s;
  if (Array.isArray(s)) return s.map(decode);
  if ('d' in s) return new Double(s.d);
  if ('t' in s) return new Time(s.t);
  if ('date' in s) return new DateV(s.date);
  if ('bytes' in s) return Bytes.fromBase64(s.bytes) ?? new Bytes(new Uint8Array());
  if ('ref' in s) return new DocRef(s.ref[0], s.ref[1]);
  return new Map(s.o.map(([k, x]) => [k, decode(x)]));
}

/**
 * Bytes a stored value occupies in the cost model's document encoding: a one-byte tag per value,
 * fixed widths for numbers and times, length-prefixed UTF-8 for strings and keys.
 */
export function storedSize(s: Stored): number {
  if (s === null || typeof s === 'boolean') return 1;
  if (typeof s === 'number') return 5;
  if (typeof s === 'bigint') return 9;
  if (typeof s === 'string') return 3 + utf8Length(s);
  if (Array.isArray(s)) return 3 + s.reduce<number>((n, x) => n + storedSize(x), 0);
  if ('d' in s || 't' in s) return 9;
  if ('date' in s) return 5;
  if ('bytes' in s) return 3 + Math.floor((s.bytes.length * 3) / 4);
  if ('ref' in s) return 1 + 8 + 3 + utf8Length(s.ref[0]);
  return 3 + s.o.reduce<number>((n, [k, x]) => n + 3 + utf8Length(k) + storedSize(x), 0);
}
