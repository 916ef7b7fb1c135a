// `Database.create/byName/all`: child database documents. Each child is a store of its own
// (store/children.ts), entered by its keys, its tokens and admin keys' `secret:child` paths
// (auth/route.ts).
import { randomInt64 } from '../../auth/random';
import { FqlError } from '../../errors';
import { encode } from '../../store/codec';
import type { DocRecord } from '../../store/records';
import { DocRef, type ObjectV, type Value } from '../../values/value';
import { permissionDenied, type Interpreter } from '../interpreter';
import { argObject, arity, unknownFields, type CallSpans } from './args';
import { constraintFailure } from './constraint';
import type { ModuleDef } from './registry';
import { securityDoc } from './security';
import { billedSet } from './sets';

export const DATABASE = 'Database';
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

async function databaseCreate(interp: Interpreter, args: Value[], spans: CallSpans): Promise<Value> {
  arity(args, 1, 1, spans);
  if (!interp.access.canManageSecurity()) throw permissionDenied(spans.call);
  const spec = argObject('definition', args[0], spans.args[0]!);
  const fail = (f: string, m: string) => constraintFailure('Failed to create Database.', f, m, spans.call);
  const extra = unknownFields(spec, ['name', 'typechecked', 'protected', 'priority', 'data']);
  if (extra.length) throw fail(extra[0]!, 'Unexpected field provided');
  const name = spec.get('name');
  if (typeof name !== 'string' || !NAME.test(name)) throw fail('name', 'Invalid identifier.');
  if (await interp.tx.getDoc(DATABASE, name, true)) throw fail('name', `A Database already exists with the name \`${name}\``);
  const fields: ObjectV = new Map();
  for (const k of ['typechecked', 'protected', 'priority', 'data']) {
    const v = spec.get(k);
    if (v !== undefined && v !== null) fields.set(k, v);
  }
  // The child's own store is found by this id, which its token secrets embed (auth/route.ts).
  fields.set('global_id', randomInt64().toString());
  const rec: DocRecord = { coll: DATABASE, id: name, ts: interp.tx.txnTs, data: encode(fields) };
  interp.tx.putDoc(rec);
  return securityDoc(rec);
}

export const databaseModule: ModuleDef = {
  kind: 'builtin',
  methods: {
    create: databaseCreate,
    byName: async (interp, args, spans) => {
      arity(args, 1, 1, spans);
      const name = args[0];
      if (typeof name !== 'string') throw new FqlError('invalid_argument', 'invalid argument `name`: expected String', spans.args[0]);
      if (!interp.access.canManageSecurity()) throw permissionDenied(spans.call);
      const rec = await interp.tx.getDoc(DATABASE, name, true);
      return rec ? securityDoc(rec) : null;
    },
    all: (interp, args, spans) => {
      arity(args, 0, 0, spans);
      if (!interp.access.canManageSecurity()) throw permissionDenied(spans.call);
      return billedSet(interp, 8, async () => (await interp.tx.scanCollection(DATABASE)).map((r) => new DocRef(DATABASE, r.id)));
    },
  },
};
