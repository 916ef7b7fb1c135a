// `Credential` (alias `Credentials`): create, byDocument, byId, and a credential's login/verify.
import { FqlError } from '../../errors';
import { createCredential, createToken, credentialOf, passwordMatches } from '../../auth/identity';
import { CREDENTIAL, TOKEN } from '../../store/records';
import { Doc, DocRef, NullDoc, type Value } from '../../values/value';
import { documentById } from './collection';
import type { MethodTable, ModuleDef } from './registry';
import { recordToDoc } from '../docs';
import type { Interpreter } from '../interpreter';
import { argDocRef, argObject, argString, argTimeOrNull, arity, invalidArgument, unknownFields, type CallSpans } from './args';
import { constraintFailure } from './constraint';
import { isUserCollection } from './dispatch';
import { billedSet, readable } from './sets';

export async function credentialCreate(interp: Interpreter, args: Value[], spans: CallSpans): Promise<Value> {
  arity(args, 1, 1, spans);
  const input = argObject('data', args[0], spans.args[0]!);
  const headline = 'Failed to create document in collection `Credential`.';
  const extra = unknownFields(input, ['document', 'password', 'data']);
  if (extra.length > 0) throw constraintFailure(headline, extra[0]!, 'Unexpected field provided', spans.call);
  const identity = argDocRef(input.get('document'));
  if (!identity || !(await isUserCollection(interp, identity.coll))) {
    throw constraintFailure(headline, 'document', 'Expected document from a user-defined collection.', spans.call);
  }
  const password = input.get('password');
  if (password !== undefined && password !== null && typeof password !== 'string') {
    throw constraintFailure(headline, 'password', 'Expected String | Null', spans.call);
  }
  const data = input.get('data');
  if (data !== undefined && data !== null && !(data instanceof Map)) {
    throw constraintFailure(headline, 'data', 'Expected { *: Any } | Null', spans.call);
  }
  const made = await createCredential(interp.tx, identity, password ?? undefined, data ?? undefined);
  if ('refused' in made) {
    throw constraintFailure(headline, 'document', 'Failed unique constraint.', spans.call);
  }
  await interp.require('create', CREDENTIAL, [recordToDoc(made)], spans.call);
  return recordToDoc(made);
}

export async function credentialByDocument(interp: Interpreter, args: Value[], spans: CallSpans): Promise<Value> {
  arity(args, 1, 1, spans);
  const identity = argDocRef(args[0]);
  if (!identity) throw invalidArgument('document', 'expected a document', spans.args[0]!);
  const cred = await credentialOf(interp.tx, identity);
  if (!cred) {
    return new NullDoc(new DocRef(CREDENTIAL, '0'), 'not found', `Credential for document \`${identity.coll}("${identity.id}")\``);
  }
  return interp.resolve(new DocRef(CREDENTIAL, cred.id));
}

async function loadCredential(interp: Interpreter, recv: DocRef, spans: CallSpans) {
  const rec = await interp.tx.getDoc(CREDENTIAL, recv.id);
  if (!rec) {
    throw new FqlError('document_not_found', `Collection \`Credential\` does not contain document with id ${recv.id}.`, spans.receiver);
  }
  return rec;
}

export async function credentialLogin(interp: Interpreter, recv: DocRef, args: Value[], spans: CallSpans): Promise<Value> {
  arity(args, 1, 2, spans);
  const password = argString('secret', args[0], spans.args[0]!);
  const ttl = argTimeOrNull('ttl', args[1], spans.args[1] ?? spans.call);
  const cred = await loadCredential(interp, recv, spans);
  if (!(await passwordMatches(cred, password))) {
    throw new FqlError('invalid_secret', 'Provided secret did not match.', spans.call);
  }
  const opts = ttl ? { ttl: ttl.micros } : {};
  const { record, secret } = await createToken(interp.tx, DocRef.fromKey(cred.instance!), opts);
  // v10 login runs with the caller's rights: it creates a Token (unlike v4 Login).
  await interp.require('create', TOKEN, [recordToDoc(record)], spans.call);
  return recordToDoc(record, secret);
}

export async function credentialVerify(interp: Interpreter, recv: DocRef, args: Value[], spans: CallSpans): Promise<Value> {
  arity(args, 1, 1, spans);
  const password = argString('secret', args[0], spans.args[0]!);
  return passwordMatches(await loadCredential(interp, recv, spans), password);
}

type DocLike = DocRef | Doc | NullDoc;
const refOf = (d: DocLike) => (d instanceof DocRef ? d : d.ref);

export const credentialModule: ModuleDef = {
  kind: 'native-collection',
  methods: {
    create: credentialCreate,
    byDocument: credentialByDocument,
    byId: (_i, args, spans) => documentById(CREDENTIAL, args, spans),
    /** Every credential the caller may read (a token sees its own only). */
    all: (interp, args, spans) => {
      arity(args, 0, 0, spans);
      return billedSet(interp, 8, async () =>
        readable(interp, CREDENTIAL, (await interp.tx.scanCollection(CREDENTIAL)).map((r) => new DocRef(CREDENTIAL, r.id))),
      );
    },
  },
};

export const credentialMethods: MethodTable<DocLike> = {
  login: (interp, recv, args, spans) => credentialLogin(interp, refOf(recv), args, spans),
  verify: (interp, recv, args, spans) => credentialVerify(interp, refOf(recv), args, spans),
};
