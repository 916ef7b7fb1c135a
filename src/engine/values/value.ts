// The value model shared by FQL v10 and v4. Plain JS primitives where they carry no ambiguity,
// small classes where Fauna distinguishes what JS would not (Int vs Double, Long, Time, refs).
//
//   null, boolean, string           as themselves
//   number                          Int (a 32-bit integer)
//   bigint                          Long (64-bit integer; v4 numbers and timestamps)
//   Double                          a double, printed with its fraction (`3.0`)
//   Time, DateV                     instants in microseconds, calendar dates
//   Bytes                           a byte string
//   Value[]                         arrays
//   Map<string, Value>              objects (insertion order kept, even for numeric keys)
//   DocRef                          a reference to a document (read lazily)
//   Doc                             a document as read or written by this query
//   NullDoc                         a reference that resolves to nothing, with Fauna's cause
//   Module                          a collection or a built-in module (`Customer`, `Token`, `Time`)
//   Func                            a lambda or a native function

export class Double {
  constructor(readonly value: number) {}
}

export class Time {
  /** Microseconds since the Unix epoch. */
  constructor(readonly micros: number) {}
}

export class DateV {
  /** `YYYY-MM-DD` */
  constructor(readonly iso: string) {}
}

/** A byte string (Fauna's Bytes); shown and sent as standard, padded base64. */
export class Bytes {
  constructor(readonly bytes: Uint8Array) {}

  toBase64(): string {
    let bin = '';
    for (const b of this.bytes) bin += String.fromCharCode(b);
    return btoa(bin);
  }

  /** Standard base64, padding optional; undefined if the text is not base64. */
  static fromBase64(text: string): Bytes | undefined {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
    const bin = atob(text.replace(/=+$/, '').padEnd(Math.ceil(text.replace(/=+$/, '').length / 4) * 4, '='));
    return new Bytes(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  }
}

/** Schema collections whose documents are named rather than numbered. */
export const NAMED_COLLECTIONS = new Set(['Collection', 'Function', 'Role', 'Database', 'AccessProvider']);
/** Collections of the system whose documents have numeric ids (`Token("1")`). */
export const NATIVE_COLLECTIONS = new Set(['Token', 'Credential', 'Key']);

export const isNamed = (coll: string) => NAMED_COLLECTIONS.has(coll);

/** A document by collection and id; collection names are v10 names (`Token`, `Credential`). */
export class DocRef {
  constructor(
    readonly coll: string,
    readonly id: string,
  ) {}
  get key(): string {
    return `${this.coll}/${this.id}`;
  }

  /** The inverse of `key`: `Coll/id` (how records name an identity) as a reference. */
  static fromKey(key: string): DocRef {
    const i = key.lastIndexOf('/');
    return new DocRef(key.slice(0, i), key.slice(i + 1));
  }
}

/**
 * A reference that came out of an index: it carries the values the index covers, so reading
 * those fields needs no document read (Fauna's covered values).
 */
export class IndexedRef extends DocRef {
  constructor(
    coll: string,
    id: string,
    /** Covered values by top-level field name. */
    readonly covered: Map<string, Value>,
    /** `Coll.index` for the performance hint when an uncovered field is read. */
    readonly index: string,
    /** The index call's argument list: where Fauna blames full documents read from it. */
    readonly callSpan?: { start: number; end: number },
  ) {
    super(coll, id);
  }
}

/** A document as this query sees it. `fields` are the user-visible fields in stored order. */
export class Doc {
  constructor(
    readonly ref: DocRef,
    /** Microseconds of the transaction that wrote this version. */
    readonly ts: number,
    readonly fields: ObjectV,
    /** Absolute expiry in microseconds, if any. */
    readonly ttl?: number,
    /** Shown once: a token's secret in its create/login result. */
    readonly secret?: string,
  ) {}
}

export type NullCause = 'not found' | 'deleted' | 'permission denied' | 'collection deleted';

export class NullDoc {
  constructor(
    readonly ref: DocRef,
    readonly cause: NullCause,
    /** For lookups that name no id (`Credential.byDocument(doc)`): what was looked for. */
    readonly describe?: string,
  ) {}
}

/** A named module: a user collection, a native collection or a built-in namespace. */
export class Module {
  constructor(
    readonly name: string,
    readonly kind: 'user-collection' | 'native-collection' | 'builtin',
  ) {}
}

/** A function value: a lambda or a native function. */
export class Func {
  constructor(
    /** `<lambda>` for lambdas, the native's name otherwise (how Fauna prints it). */
    readonly name: string,
    /** `span`: the call's argument list, for functions whose errors cannot point inside themselves. */
    readonly invoke: (args: Value[], span?: { start: number; end: number }) => Promise<Value>,
    /** Parameters it declares; a variadic function takes at least `arity - 1`. */
    readonly arity: number,
    readonly variadic = false,
  ) {}
}

export type ObjectV = Map<string, Value>;

import { Page, SetV } from './set';

export type Value =
  | null
  | boolean
  | string
  | number
  | bigint
  | Double
  | Time
  | DateV
  | Bytes
  | Value[]
  | ObjectV
  | DocRef
  | Doc
  | NullDoc
  | Module
  | Func
  | SetV
  | Page;

export function isObject(v: Value): v is ObjectV {
  return v instanceof Map;
}

/** Builds an object value from entries, keeping their order. */
export function obj(entries: Array<[string, Value]>): ObjectV {
  return new Map(entries);
}

/** Fauna's type name of a value, as used in error messages (`expected type: String`). */
export function typeName(v: Value): string {
  if (v === null) return 'Null';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'Int';
  if (typeof v === 'bigint') return 'Long';
  if (v instanceof Double) return 'Double';
  if (v instanceof Time) return 'Time';
  if (v instanceof DateV) return 'Date';
  if (v instanceof Bytes) return 'Bytes';
  if (Array.isArray(v)) return 'Array';
  if (v instanceof Map) return 'Object';
  if (v instanceof Doc || v instanceof DocRef) return v instanceof Doc ? v.ref.coll : v.coll;
  if (v instanceof NullDoc) return 'Null';
  if (v instanceof Func) return 'Function';
  if (v instanceof Module) return v.name;
  if (v instanceof Page) return 'Object';
  if (v instanceof SetV) return 'Set';
  const never: never = v;
  return never;
}
