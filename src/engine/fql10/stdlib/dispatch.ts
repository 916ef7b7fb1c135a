// Name resolution and method dispatch for v10: which module or document a name or a call
// reaches. Each module's behaviour lives in its own file.
import type { Span } from '../../api';
import { FqlError } from '../../errors';
import { CREDENTIAL, TOKEN } from '../../store/records';
import { Doc, DocRef, Func, Module, NullDoc, Time, typeName, type Value } from '../../values/value';
import { documentNotFound, type Interpreter } from '../interpreter';
import { arity, type CallSpans } from './args';
import { collectionCreate, documentById, documentCreate } from './collection';
import { credentialByDocument, credentialCreate, credentialLogin, credentialVerify } from './credential';
import { timeFromString, timeNow } from './time';
import { tokenCreate } from './token';

type Method = (interp: Interpreter, args: Value[], spans: CallSpans) => Promise<Value> | Value;

/** Built-in modules and their static methods. */
const MODULES: Record<string, { kind: Module['kind']; methods: Record<string, Method>; call?: Method }> = {
  Collection: { kind: 'builtin', methods: { create: collectionCreate } },
  Credential: {
    kind: 'native-collection',
    methods: {
      create: credentialCreate,
      byDocument: credentialByDocument,
      byId: (_i, args, spans) => documentById(CREDENTIAL, args, spans),
    },
  },
  Token: {
    kind: 'native-collection',
    methods: { create: tokenCreate, byId: (_i, args, spans) => documentById(TOKEN, args, spans) },
  },
  Time: {
    kind: 'builtin',
    methods: { now: timeNow, fromString: (_i, args, spans) => timeFromString(args, spans) },
    call: (_i, args, spans) => timeFromString(args, spans),
  },
};
const ALIASES: Record<string, string> = { Credentials: 'Credential' };

export async function isUserCollection(interp: Interpreter, name: string): Promise<boolean> {
  return !(name in MODULES) && (await interp.tx.getCollection(name)) !== null;
}

export async function resolveGlobal(interp: Interpreter, name: string, span: Span): Promise<Value> {
  const builtin = ALIASES[name] ?? name;
  const mod = MODULES[builtin];
  if (mod) return new Module(builtin, mod.kind);
  if (await interp.tx.getCollection(name)) return new Module(name, 'user-collection');
  throw new FqlError('unbound_variable', `Unbound variable \`${name}\``, span);
}

export async function getField(
  interp: Interpreter,
  target: Value,
  name: string,
  span: Span,
  targetSpan: Span,
): Promise<Value> {
  if (target === null) throw new FqlError('invalid_null_access', `Cannot access \`${name}\` on null.`, span);
  const doc = target instanceof DocRef ? await interp.resolve(target) : target;
  if (doc instanceof NullDoc) throw documentNotFound(doc, span);
  if (doc instanceof Doc) {
    switch (name) {
      case 'id':
        return doc.ref.coll === 'Collection' ? null : doc.ref.id;
      case 'coll':
        return new Module(doc.ref.coll, doc.ref.coll === TOKEN || doc.ref.coll === CREDENTIAL ? 'native-collection' : 'user-collection');
      case 'ts':
        return new Time(doc.ts);
      case 'ttl':
        return doc.ttl === undefined ? null : new Time(doc.ttl);
      case 'name':
        if (doc.ref.coll === 'Collection') return doc.ref.id;
        break;
      case 'secret':
        if (doc.ref.coll === TOKEN) return doc.secret ?? null;
        break;
    }
    return doc.fields.get(name) ?? null;
  }
  if (doc instanceof Map) return doc.get(name) ?? null;
  if (doc instanceof Module) {
    throw new FqlError('invalid_query', `Module \`${doc.name}\` has no field \`${name}\`.`, span);
  }
  void targetSpan;
  return null;
}

export async function callMethod(
  interp: Interpreter,
  recv: Value,
  name: string,
  args: Value[],
  spans: CallSpans,
): Promise<Value> {
  if (recv === null) throw new FqlError('invalid_null_access', `Cannot access \`${name}\` on null.`, spans.receiver);
  if (recv instanceof Module) {
    if (recv.kind === 'user-collection') {
      if (name === 'create') return documentCreate(interp, recv.name, args, spans);
      if (name === 'byId') return documentById(recv.name, args, spans);
    } else {
      const method = MODULES[recv.name]?.methods[name];
      if (method) return method(interp, args, spans);
    }
    throw noSuchFunction(name, recv.name, spans.call);
  }
  if (recv instanceof DocRef || recv instanceof Doc || recv instanceof NullDoc) {
    const ref = recv instanceof DocRef ? recv : recv.ref;
    if (name === 'exists') {
      arity(args, 0, 0, spans);
      return !(await interp.isNull(recv));
    }
    const doc = recv instanceof DocRef ? await interp.resolve(recv) : recv;
    if (doc instanceof NullDoc) throw documentNotFound(doc, spans.receiver);
    if (ref.coll === CREDENTIAL && name === 'login') return credentialLogin(interp, ref, args, spans);
    if (ref.coll === CREDENTIAL && name === 'verify') return credentialVerify(interp, ref, args, spans);
    throw noSuchFunction(name, ref.coll, spans.call);
  }
  const field = recv instanceof Map ? recv.get(name) : undefined;
  if (field instanceof Func) return field.invoke(args);
  throw noSuchFunction(name, typeName(recv), spans.call);
}

export async function callFunction(interp: Interpreter, callee: Value, args: Value[], spans: CallSpans): Promise<Value> {
  if (callee instanceof Func) return callee.invoke(args);
  if (callee instanceof Module) {
    const call = MODULES[callee.name]?.call;
    if (call) return call(interp, args, spans);
  }
  throw new FqlError(
    'invalid_function_invocation',
    `\`${typeName(callee)}\` is not a function.`,
    spans.receiver,
  );
}

function noSuchFunction(name: string, on: string, span: Span): FqlError {
  return new FqlError('invalid_function_invocation', `The function \`${name}\` does not exist on \`${on}\``, span);
}
