// Name resolution and method dispatch for v10: which module, method or field a name, a call or
// an access reaches. Behaviour lives in one file per module; this file only routes.
import type { Span } from '../../api';
import { FqlError } from '../../errors';
import { CREDENTIAL, FUNCTION, TOKEN } from '../../store/records';
import { SetV } from '../../values/set';
import { Bytes, DateV, Doc, DocRef, Double, Func, IndexedRef, Module, NATIVE_COLLECTIONS, NullDoc, Time, isNamed, typeName, type Value } from '../../values/value';
import { bytesMethods, bytesModule } from './bytes';
import { documentNotFound, type Interpreter } from '../interpreter';
import { displayString } from './tostring';
import { arity, type CallSpans } from './args';
import { checkApply } from './params';
import { arrayFields, arrayMethods, arrayModule } from './arrays';
import { collectionModule, userCollectionMethods } from './collection';
import { credentialMethods, credentialModule } from './credential';
import { dateFields, dateMethods, dateModule } from './dates';
import { documentMethods } from './documents';
import { functionModule, udf, udfDefinition } from './functions';
import { globals } from './globals';
import { keyModule, queryModule, roleModule } from './security';
import { TYPE_MODULES } from './types';
import { databaseModule } from './databases';
import { mathModule } from './math';
import { numberMethods } from './numbers';
import { objectModule } from './objects';
import type { Method, MethodTable, ModuleDef } from './registry';
import { setMethods, setModule } from './sets';
import { stringFields, stringMethods } from './strings';
import { timeFields, timeMethods, timeModule } from './time';
import { tokenModule } from './token';

/** A table's own entry: names like `constructor` or `toString` must not reach Object.prototype. */
function own<T>(table: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return table && Object.hasOwn(table, name) ? table[name] : undefined;
}

/** Built-in modules by name. */
const MODULES: Record<string, ModuleDef> = {
  Collection: collectionModule,
  Credential: credentialModule,
  Token: tokenModule,
  Time: timeModule,
  Date: dateModule,
  Math: mathModule,
  Object: objectModule,
  Array: arrayModule,
  Set: setModule,
  Function: functionModule,
  Key: keyModule,
  Role: roleModule,
  Query: queryModule,
  Database: databaseModule,
  Bytes: bytesModule,
  ...TYPE_MODULES,
};
const ALIASES: Record<string, string> = { Credentials: 'Credential', Tokens: 'Token' };

export function isBuiltinModule(name: string): boolean {
  return Object.hasOwn(MODULES, name) || Object.hasOwn(ALIASES, name);
}

export function moduleNamed(name: string): Module {
  const builtin = own(ALIASES, name) ?? name;
  const def = own(MODULES, builtin);
  return def ? new Module(builtin, def.kind) : new Module(name, 'user-collection');
}

export async function isUserCollection(interp: Interpreter, name: string): Promise<boolean> {
  return !isBuiltinModule(name) && (await interp.tx.getCollection(name)) !== null;
}

export async function resolveGlobal(interp: Interpreter, name: string, span: Span): Promise<Value> {
  if (isBuiltinModule(name)) return moduleNamed(name);
  const global = own(globals, name);
  if (global) return new Func(name, (args) => Promise.resolve(global(interp, args, { call: span, receiver: span, args: [] })), 0, true);
  if (await interp.tx.getCollection(name)) return new Module(name, 'user-collection');
  const fn = await interp.tx.getDoc(FUNCTION, name, true);
  if (fn) return udf(interp, fn);
  throw new FqlError('unbound_variable', `Unbound variable \`${name}\``, span);
}

export async function getField(interp: Interpreter, target: Value, name: string, span: Span, targetSpan: Span): Promise<Value> {
  if (target === null) throw new FqlError('invalid_null_access', `Cannot access \`${name}\` on null.`, span);
  // A reference knows its id and collection: reading them reads no document (as in Fauna).
  if (target instanceof DocRef && name === 'id' && !isNamed(target.coll)) return target.id;
  if (target instanceof DocRef && name === 'coll') return moduleNamed((await collectionGone(interp, target.coll)) ? 'Deleted' : target.coll);
  if (target instanceof IndexedRef) {
    const covered = target.covered.get(name);
    if (covered !== undefined) return covered;
    uncoveredHint(interp, target, name, span);
  }
  const v = target instanceof DocRef ? await interp.resolve(target) : target;
  // Fauna blames the missing document, not the field read from it.
  if (v instanceof NullDoc) throw documentNotFound(v, targetSpan);
  if (v instanceof Doc) return docField(v, name);
  if (v instanceof Map) return v.get(name) ?? null;
  if (typeof v === 'string') return own(stringFields, name)?.(v) ?? boundMethod(interp, v, name, span);
  if (Array.isArray(v)) return own(arrayFields, name)?.(v) ?? boundMethod(interp, v, name, span);
  if (v instanceof Time) return own(timeFields, name)?.(v) ?? boundMethod(interp, v, name, span);
  if (v instanceof DateV) return own(dateFields, name)?.(v) ?? boundMethod(interp, v, name, span);
  if (v instanceof SetV || v instanceof Bytes || typeof v === 'number' || typeof v === 'bigint' || v instanceof Double) return boundMethod(interp, v, name, span);
  if (v instanceof Func && name === 'definition') {
    const def = udfDefinition(v);
    if (def) return def;
  }
  if (v instanceof Module) {
    const def = own(MODULES, v.name);
    const field = own(def?.fields, name);
    if (field !== undefined) return field;
    if (v.kind === 'user-collection' && name === 'definition') return (await import('./collection')).definitionOf(interp, v.name, span);
    if (own(def?.methods, name) || (v.kind === 'user-collection' && own(userCollectionMethods, name))) {
      return new Func(`${v.name}.${name}`, (args) => callMethod(interp, v, name, args, { call: span, receiver: span, args: [] }), 0, true);
    }
  }
  return noSuchField(name, v, span);
}

export function uncoveredHint(interp: Interpreter, ref: IndexedRef, name: string, span: Span): void {
  interp.hint('non_covered_document_read', `.${name} is not covered by the ${ref.index} index. See https://docs.fauna.com/performance_hint/non_covered_document_read.`, span);
}

/** A user collection that no longer exists: references into it say `Deleted`, as in Fauna. */
export async function collectionGone(interp: Interpreter, coll: string): Promise<boolean> {
  return !isNamed(coll) && !NATIVE_COLLECTIONS.has(coll) && !isBuiltinModule(coll) && coll !== 'Deleted' && !(await interp.tx.getCollection(coll));
}

/** `'ab'.includes` as a value: the method bound to its receiver (`arr.map('ab'.includes)`). */
function boundMethod(interp: Interpreter, recv: Value, name: string, span: Span): Value {
  if (!own(methodsOf(recv), name) && name !== 'toString') return noSuchField(name, recv, span);
  return new Func(name, (args) => callMethod(interp, recv, name, args, { call: span, receiver: span, args: args.map(() => span) }), 1, true);
}

function noSuchField(name: string, v: Value, span: Span): never {
  throw new FqlError('invalid_query', `Type \`${typeName(v)}\` does not have field \`${name}\``, span);
}

function docField(doc: Doc, name: string): Value {
  switch (name) {
    case 'id':
      return isNamed(doc.ref.coll) ? null : doc.ref.id;
    case 'coll':
      return moduleNamed(doc.ref.coll);
    case 'ts':
      return new Time(doc.ts);
    case 'ttl':
      return doc.ttl === undefined ? null : new Time(doc.ttl);
    case 'name':
      if (isNamed(doc.ref.coll)) return doc.ref.id;
      break;
    case 'secret':
      if (doc.ref.coll === TOKEN || doc.ref.coll === 'Key') return doc.secret ?? null;
      break;
  }
  return doc.fields.get(name) ?? null;
}

export async function callMethod(interp: Interpreter, recv: Value, name: string, args: Value[], spans: CallSpans): Promise<Value> {
  // Null's only method is the one every type has: `null.toString()` is "null".
  if (recv === null && name !== 'toString') throw new FqlError('invalid_null_access', `Cannot access \`${name}\` on null.`, spans.receiver);
  if (recv instanceof Module) {
    if (recv.kind === 'user-collection') {
      if (name === 'toString') {
        arity(args, 0, 0, spans);
        return recv.name;
      }
      const method = own(userCollectionMethods, name);
      if (method) return method(interp, recv.name, args, spans);
      return (await import('./indexes')).callIndex(interp, recv.name, name, args, spans);
    }
    const method = own(own(MODULES, recv.name)?.methods, name);
    if (method) return method(interp, args, spans);
    return noSuchFunction(name, recv.name, spans.call);
  }
  if (recv instanceof DocRef || recv instanceof Doc || recv instanceof NullDoc) {
    const ref = recv instanceof DocRef ? recv : recv.ref;
    const table = ref.coll === CREDENTIAL ? { ...documentMethods, ...credentialMethods } : documentMethods;
    const method = own(table, name);
    if (method) return method(interp, recv, args, spans);
    const doc = recv instanceof DocRef ? await interp.resolve(recv) : recv;
    if (doc instanceof NullDoc) throw documentNotFound(doc, spans.receiver);
    const field = doc.fields.get(name);
    if (field instanceof Func) return interp.apply(field, args, spans.call);
    return noSuchFunction(name, ref.coll, spans.call);
  }
  if (name === 'toString' && !(recv instanceof Map) && !(recv instanceof SetV)) {
    arity(args, 0, 0, spans);
    return displayString(interp, recv);
  }
  const method = own(methodsOf(recv), name) as Method<Value> | undefined;
  if (method) return method(interp, recv, args, spans);
  if (recv instanceof Map) {
    const field = recv.get(name);
    if (field instanceof Func) return interp.apply(field, args, spans.call);
  }
  return noSuchFunction(name, typeName(recv), spans.call);
}

function methodsOf(v: Value): MethodTable<never> | undefined {
  if (typeof v === 'string') return stringMethods as MethodTable<never>;
  if (Array.isArray(v)) return arrayMethods as MethodTable<never>;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Double) return numberMethods as MethodTable<never>;
  if (v instanceof Time) return timeMethods as MethodTable<never>;
  if (v instanceof DateV) return dateMethods as MethodTable<never>;
  if (v instanceof SetV) return setMethods as MethodTable<never>;
  if (v instanceof Bytes) return bytesMethods as MethodTable<never>;
  return undefined;
}

export async function callFunction(interp: Interpreter, callee: Value, args: Value[], spans: CallSpans): Promise<Value> {
  if (callee instanceof Func) {
    const global = own(globals, callee.name);
    if (global) return global(interp, args, spans);
    checkApply(callee, args.length, spans.call);
    return callee.invoke(args, spans.call);
  }
  if (callee instanceof Module) {
    // `Coll(id)` builds the reference as `Coll.byId(id)` does (Fauna's collection `apply`).
    if (callee.kind === 'user-collection') return (await import('./collection')).documentById(callee.name, args, spans);
    const call = own(MODULES, callee.name)?.call;
    if (call) return call(interp, args, spans);
  }
  throw new FqlError('invalid_function_invocation', `\`${typeName(callee)}\` is not a function.`, spans.receiver);
}

export function noSuchFunction(name: string, on: string, span: Span): never {
  throw new FqlError('invalid_function_invocation', `The function \`${name}\` does not exist on \`${on}\``, span);
}
