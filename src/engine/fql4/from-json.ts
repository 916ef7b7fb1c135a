// A v4 request body that arrived as JSON (the wire protocol host: faunadb-js, fauna-shell -v 4)
// turned into the same tree the JS-source parser builds, so both paths evaluate alike. Raw JSON
// has no JS source, so every node spans the whole body; `bytesIn` is the body as received.
import type { Span } from '../api';
import type { V4Node } from './ast';
import type { ParsedFql4 } from './index';
import { utf8Length } from './wire';

/** `body` is the request's JSON.parse result; `text` the raw body it came from. */
export function parseWireFql4(body: unknown, text: string): ParsedFql4 {
  const span: Span = { start: 0, end: text.length };
  return { bytesIn: utf8Length(text), wire: text, tree: toNode(body, span) };
}

function toNode(v: unknown, span: Span): V4Node {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') {
    return { kind: 'scalar', value: v, span };
  }
  if (Array.isArray(v)) return { kind: 'array', items: v.map((x) => toNode(x, span)), span };
  if (typeof v === 'object') {
    // JSON.parse keeps document order except for integer-like keys, which forms never use.
    const entries = Object.entries(v as Record<string, unknown>).map(([k, x]): [string, V4Node] => [k, toNode(x, span)]);
    return { kind: 'object', entries, span };
  }
  return { kind: 'scalar', value: null, span };
}
