// Bytes: `Bytes("AQID")` / `Bytes.fromBase64("AQID")` make one from standard base64, and
// `.toBase64()` (as `.toString()`) gives it back (Fauna's BytesCompanion and BytesPrototype).
import { Bytes, type Value } from '../../values/value';
import { argString, arity, invalidArgument, type CallSpans } from './args';
import type { Interpreter } from '../interpreter';
import type { MethodTable, ModuleDef } from './registry';

function fromBase64(_interp: Interpreter, args: Value[], spans: CallSpans): Value {
  arity(args, 1, 1, spans);
  const text = argString('encoded', args[0], spans.args[0] ?? spans.call);
  const bytes = Bytes.fromBase64(text);
  // Fauna's decoder rejects such text without a message of its own; this one names the argument.
  if (!bytes) throw invalidArgument('encoded', 'expected a base64 string', spans.args[0] ?? spans.call);
  return bytes;
}

export const bytesModule: ModuleDef = {
  kind: 'builtin',
  call: fromBase64,
  methods: { fromBase64 },
};

export const bytesMethods: MethodTable<Bytes> = {
  toBase64: (_interp, recv, args, spans) => {
    arity(args, 0, 0, spans);
    return recv.toBase64();
  },
};
