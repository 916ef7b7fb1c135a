// The parsed form of a v4 query: the JSON tree the faunadb-js driver would send, node for node,
// each node carrying the source span it came from.
//
// Keeping the wire shape (rather than a call-shaped tree) is deliberate: Fauna evaluates that
// JSON, so positions (`["params", "object", "password"]`), key order, varargs flattening
// (`Equals(a)` sends `{"equals": a}`) and object wrapping (`{"object": …}`) all follow from the
// tree itself, and `bytesIn` is just its serialisation.
import type { Span } from '../api';

/** A JSON scalar as it goes over the wire; numbers are the JS numbers the driver serialises. */
export interface V4Scalar {
  kind: 'scalar';
  value: null | boolean | string | number;
  span: Span;
}

export interface V4Array {
  kind: 'array';
  items: V4Node[];
  span: Span;
}

/** A JSON object: either a function form (`{"login": …, "params": …}`) or an `{"object": …}` body. */
export interface V4Object {
  kind: 'object';
  entries: Array<[string, V4Node]>;
  span: Span;
}

export type V4Node = V4Scalar | V4Array | V4Object;

/** A position in the request expression, as Fauna reports it in `errors[].position`. */
export type Path = Array<string | number>;

/** The child of a form under `key`, if present. */
export function child(node: V4Object, key: string): V4Node | undefined {
  for (const [k, v] of node.entries) if (k === key) return v;
  return undefined;
}
