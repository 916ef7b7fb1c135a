// `Token.create({ document, ttl?, data? })`: a token for an identity, its secret shown once.
import { createToken } from '../../auth/identity';
import type { Value } from '../../values/value';
import { Time } from '../../values/value';
import { recordToDoc } from '../docs';
import type { Interpreter } from '../interpreter';
import { argDocRef, argObject, arity, invalidArgument, unknownFields, type CallSpans } from './args';
import { billedSet, readable } from './sets';
import { DocRef } from '../../values/value';
import { constraintFailure } from './constraint';
import { isUserCollection } from './dispatch';
import { documentById } from './collection';
import { TOKEN } from '../../store/records';
import type { ModuleDef } from './registry';

export async function tokenCreate(interp: Interpreter, args: Value[], spans: CallSpans): Promise<Value> {
  arity(args, 1, 1, spans);
  const input = argObject('data', args[0], spans.args[0]!);
  const headline = 'Failed to create document in collection `Token`.';
  const extra = unknownFields(input, ['document', 'ttl', 'data']);
  if (extra.length > 0) {
    const why = extra[0] === 'secret' || extra[0] === 'hashed_secret' ? 'The field is readonly.' : 'Unexpected field provided';
    throw constraintFailure(headline, extra[0]!, why, spans.call);
  }
  const identity = argDocRef(input.get('document'));
  if (!identity || !(await isUserCollection(interp, identity.coll))) {
    throw constraintFailure(headline, 'document', 'Expected document from a user-defined collection.', spans.call);
  }
  const ttl = input.get('ttl') ?? null;
  if (ttl !== null && !(ttl instanceof Time)) throw constraintFailure(headline, 'ttl', 'Expected Time | Null', spans.call);
  const data = input.get('data') ?? null;
  if (data !== null && !(data instanceof Map)) {
    throw constraintFailure(headline, 'data', 'Expected { *: Any } | Null', spans.call);
  }
  const { record, secret } = await createToken(interp.tx, identity, {
    ...(ttl ? { ttl: ttl.micros } : {}),
    ...(data ? { data } : {}),
  });
  await interp.require('create', TOKEN, [recordToDoc(record)], spans.call);
  return recordToDoc(record, secret);
}

export const tokenModule: ModuleDef = {
  kind: 'native-collection',
  methods: {
    create: tokenCreate,
    byId: (_i, args, spans) => documentById(TOKEN, args, spans),
    /** Every token the caller may read (a token sees its own only). */
    all: (interp, args, spans) => {
      arity(args, 0, 0, spans);
      return billedSet(interp, 8, async () => readable(interp, TOKEN, (await interp.tx.scanCollection(TOKEN)).map((r) => new DocRef(TOKEN, r.id))));
    },
    /** The Set of an identity's tokens. */
    byDocument: (interp, args, spans) => {
      arity(args, 1, 1, spans);
      const identity = argDocRef(args[0]);
      if (!identity) throw invalidArgument('document', 'expected a document', spans.args[0]!);
      return billedSet(interp, 1, async () =>
        readable(interp, TOKEN, (await interp.tx.findByInstance(TOKEN, identity.key, true)).map((r) => new DocRef(TOKEN, r.id))),
      );
    },
  },
};
