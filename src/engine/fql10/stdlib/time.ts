// The `Time` module and Time methods/fields (Fauna's STDLIB/Time.scala). `now()` is the
// transaction's time, so every call in one query agrees, as in Fauna.
import { FqlError } from '../../errors';
import { parseTime } from '../../values/time';
import { Time, type Value } from '../../values/value';
import { argString, arity, type CallSpans } from './args';
import type { FieldTable, MethodTable, ModuleDef } from './registry';

export function timeFromString(args: Value[], spans: CallSpans): Value {
  arity(args, 1, 1, spans);
  const text = argString('time', args[0], spans.args[0]!);
  const t = parseTime(text);
  if (!t) throw new FqlError('invalid_time', `\`${text}\` is not a valid time.`, spans.call);
  return t;
}

export const timeModule: ModuleDef = {
  kind: 'builtin',
  methods: {
    now: (interp, args, spans) => {
      arity(args, 0, 0, spans);
      return new Time(interp.tx.txnTs);
    },
    fromString: (_i, args, spans) => timeFromString(args, spans),
  },
  call: (_i, args, spans) => timeFromString(args, spans),
};

export const timeFields: FieldTable<Time> = {};
export const timeMethods: MethodTable<Time> = {};
