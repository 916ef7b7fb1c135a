// FQL v4 entry points used by the engine facade: parse (source → the driver's wire tree and
// its size), evaluate (against a QueryTx, which the caller commits), and the error body.
import type { Span } from '../api';
import { ADMIN, type Principal } from '../auth/principal';
import { displayV4 } from '../render/v4-display';
import type { QueryTx } from '../store/query-tx';
import { v4ErrorsJson, v4ResourceJson } from '../wire/v4-json';
import type { V4Node } from './ast';
import { evaluate } from './eval';
import { parseTree } from './parse';
// Installs the evaluator of v4 role predicates into the shared access rules.
import './predicates';
import { utf8Length, wireJson } from './wire';

/** A parsed v4 query: ready to evaluate, with its request size as the v4 JS driver sends it. */
export interface ParsedFql4 {
  /** Byte length (UTF-8) of the compact wire JSON of the expression: v4's `bytesIn`. */
  bytesIn: number;
  /** The request body faunadb-js would POST for this query. */
  wire: string;
  tree: V4Node;
}

/** Result of evaluation, rendered both ways the product needs. */
export interface Fql4Output {
  /** As the v4 shell prints it (util.inspect-like; seed 000 shows the layout). */
  text: string;
  /** Compact JSON of the `{"resource": …}` response body: its UTF-8 length is `bytesOut`. */
  responseJson: string;
  /** The result is a document this query created: Fauna answers 201 instead of 200. */
  created: boolean;
}

/** Throws an FqlError (code `invalid expression`) for text the driver could not have sent. */
export function parseFql4(source: string): ParsedFql4 {
  const tree = parseTree(source);
  const wire = wireJson(tree);
  return { bytesIn: utf8Length(wire), wire, tree };
}

/**
 * Throws an FqlError with the v4 `position` for query errors; writes stay in `tx` uncommitted.
 * `principal` is who runs it (authenticated by the caller): its rights are enforced throughout.
 */
export async function evalFql4(parsed: ParsedFql4, tx: QueryTx, principal: Principal = ADMIN): Promise<Fql4Output> {
  const { value, created } = await evaluate(parsed.tree, tx, principal);
  return { text: displayV4(value), responseJson: v4ResourceJson(value), created };
}

/** Compact JSON of `{"errors":[{position, code, description}]}` for a failed query. */
export function errorResponseJson(code: string, description: string, position: Array<string | number>): string {
  return v4ErrorsJson([{ position, code, description }]);
}

export type { Span };
export { displayV4 } from '../render/v4-display';
