// Request headers Fauna's core validates before running a query (RequestParams.scala), and the
// query tags header (QueryLogContext.scala). Each check returns the core's message on failure:
// "Invalid header '<name>': <why>".

/** `x-query-timeout-ms` / `x-query-timeout` may not exceed this (MaxQueryTimeSeconds: 10 min). */
export const MAX_QUERY_TIMEOUT_MS = 600_000;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const invalid = (header: string, why: string): { ok: false; message: string } => ({
  ok: false,
  message: `Invalid header '${header}': ${why}`,
});

/** Java's Long.parseLong: an optional sign and decimal digits, within 64 bits. */
function toLong(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** Scala's toBooleanOption: `true` or `false`, any case. */
function toBoolean(s: string): boolean | undefined {
  const l = s.toLowerCase();
  return l === 'true' ? true : l === 'false' ? false : undefined;
}

export function timestampParam(headers: Headers, name: string): Checked<bigint | undefined> {
  const v = headers.get(name);
  if (v === null) return { ok: true, value: undefined };
  const n = toLong(v);
  return n === undefined ? invalid(name, `Invalid timestamp '${v}'.`) : { ok: true, value: n };
}

export function timeoutParam(headers: Headers, name: string): Checked<number | undefined> {
  const v = headers.get(name);
  if (v === null) return { ok: true, value: undefined };
  const n = toLong(v);
  if (n === undefined) return invalid(name, `Invalid number '${v}'.`);
  if (n <= 0n) return invalid(name, 'Must be greater than 0.');
  if (n > BigInt(MAX_QUERY_TIMEOUT_MS)) return invalid(name, `Must be less than or equal to ${MAX_QUERY_TIMEOUT_MS}.`);
  return { ok: true, value: Number(n) };
}

export function retriesParam(headers: Headers, name: string): Checked<number | undefined> {
  const v = headers.get(name);
  if (v === null) return { ok: true, value: undefined };
  const n = /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) return invalid(name, `Invalid number '${v}'.`);
  if (n < 0 || n > 7) return invalid(name, 'Must be between 0 and 7.');
  return { ok: true, value: n };
}

export function booleanParam(headers: Headers, name: string): Checked<boolean | undefined> {
  const v = headers.get(name);
  if (v === null) return { ok: true, value: undefined };
  const b = toBoolean(v);
  return b === undefined ? invalid(name, 'Must be a boolean value.') : { ok: true, value: b };
}

export type Format = 'simple' | 'tagged' | 'decorated';

/** `x-format`; the core's default is `simple` (the drivers send `tagged`, the shell `decorated`). */
export function formatParam(headers: Headers): Checked<Format> {
  const v = headers.get('x-format');
  if (v === null) return { ok: true, value: 'simple' };
  if (v === 'simple' || v === 'tagged' || v === 'decorated') return { ok: true, value: v };
  return invalid('x-format', `Invalid format ${v}`);
}

const V4_API_VERSIONS = new Set(['2.0', '2.1', '2.7', '2.12', '3', '4', '5', 'UNSTABLE']);

export function apiVersionParam(headers: Headers): Checked<string> {
  const v = headers.get('x-faunadb-api-version');
  if (v === null) return { ok: true, value: '2.1' };
  return V4_API_VERSIONS.has(v) ? { ok: true, value: v } : invalid('x-faunadb-api-version', `Unsupported or invalid API version '${v}'.`);
}

/** Limits of CoreConfig: header bytes, pairs, key and value lengths. */
const TAGS = { maxHeader: 3000, maxPairs: 25, maxKey: 40, maxValue: 80 };

/**
 * Query tags (`k=v,k2=v2`, `[A-Za-z0-9_]` only) as the core echoes them: an empty header is no
 * tags, and the core folds the pairs from the right, so they come back in reverse order.
 */
export function tagsParam(headers: Headers, name: string): Checked<string | undefined> {
  const v = headers.get(name);
  if (v === null || v === '') return { ok: true, value: undefined };
  if (v.length > TAGS.maxHeader) return invalid(name, 'header is too long');
  if (!/^[A-Za-z0-9_]+=[A-Za-z0-9_]+(,[A-Za-z0-9_]+=[A-Za-z0-9_]+)*$/.test(v)) return invalid(name, 'invalid tags');
  const pairs = v.split(',').map((p) => p.split('=') as [string, string]);
  if (pairs.length > TAGS.maxPairs) return invalid(name, 'too many tags');
  const seen = new Set<string>();
  const echoed: string[] = [];
  for (const [k, val] of [...pairs].reverse()) {
    if (k.length > TAGS.maxKey) return invalid(name, 'invalid key');
    if (val.length > TAGS.maxValue) return invalid(name, 'invalid value');
    if (seen.has(k)) return invalid(name, 'duplicate key');
    seen.add(k);
    echoed.push(`${k}=${val}`);
  }
  return { ok: true, value: echoed.join(',') };
}
