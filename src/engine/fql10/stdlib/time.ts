// `Time(…)`, `Time.now()`, `Time.fromString(…)`. `now()` is the transaction's time, so every
// call in one query agrees, as in Fauna.
import { FqlError } from '../../errors';
import { parseTime } from '../../values/time';
import { Time, type Value } from '../../values/value';
import type { Interpreter } from '../interpreter';
import { argString, arity, type CallSpans } from './args';

export function timeFromString(args: Value[], spans: CallSpans): Value {
  arity(args, 1, 1, spans);
  const text = argString('time', args[0], spans.args[0]!);
  const t = parseTime(text);
  if (!t) throw new FqlError('invalid_time', `\`${text}\` is not a valid time.`, spans.call);
  return t;
}

export function timeNow(interp: Interpreter, args: Value[], spans: CallSpans): Value {
  arity(args, 0, 0, spans);
  return new Time(interp.tx.txnTs);
}
