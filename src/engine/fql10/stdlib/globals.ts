// Global functions: `abort`, `log`, `dbg`, `newId`, `asc`, `desc`.
import { FqlError } from '../../errors';
import { newId } from '../../store/ids';
import { Func, Time, type Value } from '../../values/value';
import { renderDecorated } from '../../render/decorated';
import { renderDiagnostic } from '../../render/diagnostic';
import { arity } from './args';
import { Ordering } from './ordering';
import type { Static } from './registry';

/** Raised by `abort(value)`: Fauna returns the value to the client beside the error. */
export class AbortError extends FqlError {
  constructor(
    readonly value: Value,
    span: import('../../api').Span,
  ) {
    super('abort', 'Query aborted.', span);
  }
}

const ordering = (descending: boolean): Static => (_i, args, spans) => {
  arity(args, 1, 1, spans);
  const f = args[0];
  if (!(f instanceof Func)) throw new FqlError('invalid_argument', 'invalid argument `accessor`: expected a function', spans.args[0]);
  return new Ordering(f, descending);
};

export const globals: Record<string, Static> = {
  abort: (_i, args, spans) => {
    arity(args, 1, 1, spans);
    throw new AbortError(args[0]!, spans.call);
  },
  newId: (_i, args, spans) => {
    arity(args, 0, 0, spans);
    return newId();
  },
  log: (interp, args, spans) => {
    interp.log(spans.call, args.map((a) => (typeof a === 'string' ? a : renderDecorated(a))).join(' '));
    return null;
  },
  dbg: (interp, args, spans) => {
    arity(args, 1, 1, spans);
    // dbg logs the long form, with the value as the message and the call's caret (FQL2LoggingSpec).
    interp.logs.push(renderDiagnostic('info', renderDecorated(args[0]!), interp.source, spans.call));
    return args[0]!;
  },
  asc: ordering(false),
  desc: ordering(true),
  // The time this query commits at: the ts of every document it writes (FQL2DocsSpec "ts things").
  TransactionTime: (interp, args, spans) => {
    arity(args, 0, 0, spans);
    return new Time(interp.tx.txnTs);
  },
};
