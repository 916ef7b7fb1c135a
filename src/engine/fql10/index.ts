// FQL v10 entry point: source text in, a result value (materialized) out.
import type { QueryTx } from '../store/query-tx';
import type { Value } from '../values/value';
import { Interpreter } from './interpreter';
import { materialize } from './materialize';
import { parse } from './parser';
import { ADMIN, type Principal } from '../auth/principal';

/** `bindings` are values bound to names before evaluation: driver arguments and template values. */
export async function evalFql10(
  source: string,
  tx: QueryTx,
  bindings?: Map<string, Value>,
  /** Receives the `info` lines of `log()`/`dbg()`, also when the query then fails. */
  logs: string[] = [],
  principal: Principal = ADMIN,
): Promise<Value> {
  const program = parse(source);
  const interp = new Interpreter(tx, source, logs, principal);
  return materialize(interp, await interp.run(program, bindings));
}
