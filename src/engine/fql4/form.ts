// What a v4 form handler sees: the evaluator, its node, its position, the bound variables.
import type { Access } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { QueryTx } from '../store/query-tx';
import type { Value } from '../values/value';
import { child, type Path, type V4Node, type V4Object } from './ast';

export type Env = ReadonlyMap<string, Value>;

export interface Evaluator {
  readonly tx: QueryTx;
  /** Who runs the query: identity functions, `Logout` and self refs answer from it. */
  readonly principal: Principal;
  /** What this code may do: the principal's rights, or read-only inside role predicates. */
  readonly access: Access;
  evalNode(node: V4Node, pos: Path, env: Env): Promise<Value>;
  /** Marks a document a write just created: a query whose result is one answers HTTP 201. */
  created(doc: Value): Value;
  /** The same query run with other rights (a UDF's role): same transaction, same caller. */
  withAccess(access: Access): Evaluator;
}

export interface Form {
  /** The JSON keys the form requires, its own name first (the core matches forms by key set). */
  keys: string[];
  /** Keys it also accepts. */
  optional?: string[];
  /**
   * A function call (the core's NativeCall), billed one raw compute unit. Special forms (`let`,
   * `var`, `if`, `do`, `select`, object bodies) are not.
   */
  call: boolean;
  /** Keys holding a literal `Lambda(…)` (Map, Filter, …): checked as lambdas, not as forms. */
  lambdaKeys?: string[];
  run(ev: Evaluator, node: V4Object, pos: Path, env: Env): Promise<Value>;
}

/** An argument of a form: its node, its position, and its evaluated value. */
export interface Arg {
  node: V4Node;
  pos: Path;
  value: Value;
}

/** Evaluates the argument under `key` (the parser only builds forms with their required keys). */
export async function arg(ev: Evaluator, node: V4Object, key: string, pos: Path, env: Env): Promise<Arg> {
  const n = child(node, key);
  if (!n) throw new Error(`v4 form without its ${key} argument`);
  const at = [...pos, key];
  return { node: n, pos: at, value: await ev.evalNode(n, at, env) };
}

/** Evaluates an optional argument; undefined when the driver did not send it. */
export async function optArg(
  ev: Evaluator,
  node: V4Object,
  key: string,
  pos: Path,
  env: Env,
): Promise<Arg | undefined> {
  return child(node, key) ? arg(ev, node, key, pos, env) : undefined;
}
