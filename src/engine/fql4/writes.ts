// v4 functions that create and read: Create, CreateCollection, Get, Exists (WriteFunctions.scala,
// ReadFunctions.scala in the core). Error positions follow the core: argument checks at the
// argument, create failures (permission, validation, existence) at the function key
// (`["create"]`), read failures (permission, not found) at the call itself. Every read and write
// is checked against the caller's rights (guard.ts); a denied create writes nothing.
import { createCredential, createToken, setPassword } from '../auth/identity';
import { createCollection, createDocument, isRefusal } from '../store/documents';
import { newId } from '../store/ids';
import { CREDENTIAL, FUNCTION, TOKEN } from '../store/records';
import { collectionSize } from '../store/sizes';
import { DocRef, Module, Time, type ObjectV, type Value } from '../values/value';
import { checkUnique, createIndexForm, indexDocV4 } from './indexes';
import { INDEX, V4Set, literalOf } from './sets';
import { createFunctionForm, functionDocV4 } from './udf';
import type { Path, V4Object } from './ast';
import {
  castIdentifier,
  fail,
  invalidArgument,
  isMissingRole,
  isNativeColl,
  unresolvedCollection,
  unresolvedError,
} from './casts';
import { collectionDocV4, credentialDocV4, docV4, refOf } from './docs';
import { createKeyDoc, createRoleDoc } from './security';
import { arg, optArg, type Arg, type Env, type Evaluator, type Form } from './form';
import { asDoc, canRead, pendingDoc, permissionDenied, requireAllowed } from './guard';
import { INVALID_DATA, checkStorable, field, isMap, isRef, isString, isTime, orderOf, tokenResult, writeParams } from './params';

async function createUserDoc(
  ev: Evaluator,
  node: V4Object,
  at: Path,
  coll: string,
  id: string | undefined,
  params: ObjectV,
) {
  const coll0 = await ev.tx.getCollection(coll);
  // A collection written by this very transaction has a `ts` equal to it.
  if (coll0 && coll0.ts === ev.tx.txnTs) {
    fail('invalid argument', 'Cannot create a collection and a document in it in the same transaction.', node, at);
  }
  // Permission first (the core's precheck), on the document as it would be created.
  const docId = id ?? newId();
  const raw = params.get('data');
  const pending = pendingDoc(ev, coll, docId, raw instanceof Map ? raw : new Map());
  await requireAllowed(ev, id === undefined ? 'create' : 'create_with_id', coll, [pending], node, at);
  const data = field(params, 'data', isMap, node, at);
  const ttl = field(params, 'ttl', isTime, node, at);
  const creds = field(params, 'credentials', isMap, node, at);
  const password = creds ? field(creds, 'password', isString, node, at) : undefined;
  checkStorable(data, node, at);
  const rec = await createDocument(ev.tx, coll, docId, data ?? new Map(), ttl?.micros);
  if (isRefusal(rec)) {
    return rec.refused === 'exists'
      ? fail('instance already exists', 'Document already exists.', node, at)
      : unresolvedError(coll, node, at);
  }
  await checkUnique(ev, rec, node, at);
  const ref = refOf(rec);
  // `credentials` never reaches the document: it becomes (or updates) the identity's credential.
  if (password !== undefined) await setPassword(ev.tx, ref, password);
  // Without a password the credential still exists (no login will succeed); an existing one stays.
  else if (creds) await createCredential(ev.tx, ref, undefined);
  const out: ObjectV = new Map<string, Value>([
    ['ref', ref],
    ['ts', BigInt(rec.ts)],
  ]);
  for (const k of orderOf(params, ['data', 'ttl'])) {
    if (k === 'data' && data) out.set('data', data);
    if (k === 'ttl' && ttl) out.set('ttl', ttl);
  }
  return out;
}

/** `{document, data?}`: a token or credential about to be created, as the access rules see it. */
function pendingNative(ev: Evaluator, coll: string, params: ObjectV): Value {
  const fields: ObjectV = new Map([['document', params.get('instance') ?? null]]);
  if (params.get('data') instanceof Map) fields.set('data', params.get('data')!);
  return pendingDoc(ev, coll, newId(), fields);
}

async function createTokenDoc(ev: Evaluator, node: V4Object, at: Path, params: ObjectV) {
  await requireAllowed(ev, 'create', TOKEN, [pendingNative(ev, TOKEN, params)], node, at);
  const instance = field(params, 'instance', isRef, node, at);
  if (!instance) return fail('validation failed', INVALID_DATA, node, at);
  const data = field(params, 'data', isMap, node, at);
  const ttl = field(params, 'ttl', isTime, node, at);
  checkStorable(data, node, at);
  const { record, secret } = await createToken(ev.tx, instance, { data, ttl: ttl?.micros });
  return tokenResult(record, secret, orderOf(params, ['instance', 'data', 'ttl']));
}

async function createCredentialDoc(ev: Evaluator, node: V4Object, at: Path, params: ObjectV) {
  await requireAllowed(ev, 'create', CREDENTIAL, [pendingNative(ev, CREDENTIAL, params)], node, at);
  const instance = field(params, 'instance', isRef, node, at);
  if (!instance) return fail('validation failed', INVALID_DATA, node, at);
  const password = field(params, 'password', isString, node, at);
  const data = field(params, 'data', isMap, node, at);
  checkStorable(data, node, at);
  const rec = await createCredential(ev.tx, instance, password, data);
  if ('refused' in rec) return fail('instance not unique', 'document is not unique.', node, at);
  return credentialDocV4(rec);
}

/** Names a v4 collection may not take: v4's reserved words and the v10 native collections. */
const RESERVED = new Set([
  ...['events', 'set', 'self', 'documents', '_'],
  ...['Collection', 'Credential', 'Credentials', 'Token', 'Key', 'Database', 'Function', 'Role', 'AccessProvider', 'Index'],
]);

async function createCollectionDoc(ev: Evaluator, node: V4Object, at: Path, params: ObjectV) {
  if (!(await ev.access.canManageSchema('create', 'Collection', [params]))) permissionDenied(node, at);
  const name = params.get('name');
  if (typeof name !== 'string' || name === '' || name.includes('/') || RESERVED.has(name)) {
    return fail('validation failed', INVALID_DATA, node, at);
  }
  const days = (key: string, dflt: number | null): number | null => {
    const v = params.get(key);
    if (v === undefined || v === null) return dflt;
    if ((typeof v === 'number' || typeof v === 'bigint') && v >= 0) return Number(v);
    return fail('validation failed', INVALID_DATA, node, at);
  };
  // v4 keeps 30 days of history unless told otherwise.
  const historyDays = days('history_days', 30)!;
  const rec = await createCollection(ev.tx, name, { historyDays, ttlDays: days('ttl_days', null) });
  if (isRefusal(rec)) return fail('instance already exists', 'Collection already exists.', node, at);
  return collectionDocV4(rec);
}

const createForm: Form = {
  keys: ['create'],
  optional: ['params'],
  call: true,
  async run(ev, node, pos, env) {
    const target = await arg(ev, node, 'create', pos, env);
    const params = await writeParams(ev, await optArg(ev, node, 'params', pos, env), node, pos);
    const at = target.pos;
    let t = target.value;
    // A collection may be named by a plain string.
    if (typeof t === 'string') t = new Module(t, 'user-collection');
    if (!(t instanceof Module) && !(t instanceof DocRef)) return invalidArgument(['Identifier'], t, target.node, at);
    const missing = await unresolvedCollection(ev.tx, t);
    if (missing !== undefined) unresolvedError(missing, target.node, at);
    if (t instanceof DocRef && !isNativeColl(t.coll)) {
      return ev.created(await createUserDoc(ev, node, at, t.coll, t.id, params));
    }
    if (t instanceof Module && t.kind === 'user-collection') {
      return ev.created(await createUserDoc(ev, node, at, t.name, undefined, params));
    }
    if (t instanceof Module && t.name === 'Token') return ev.created(await createTokenDoc(ev, node, at, params));
    if (t instanceof Module && t.name === 'Credential') return ev.created(await createCredentialDoc(ev, node, at, params));
    if (t instanceof Module && t.name === 'Collection') return ev.created(await createCollectionDoc(ev, node, at, params));
    if (t instanceof Module && t.name === 'Key') return ev.created(await createKeyDoc(ev, node, at, params));
    if (t instanceof Module && t.name === 'Role') return ev.created(await createRoleDoc(ev, node, at, params));
    if (t instanceof Module && t.name === INDEX) return createIndexForm(ev, node, at, params);
    if (t instanceof Module && t.name === FUNCTION) return createFunctionForm(ev, node, at, params);
    const unsupported = 'The playground cannot create native documents with a chosen id.';
    return fail('invalid argument', unsupported, target.node, at);
  },
};

async function runCreateCollection(ev: Evaluator, node: V4Object, pos: Path, env: Env, key: string): Promise<Value> {
  const a = await arg(ev, node, key, pos, env);
  const params = await writeParams(ev, a, node, pos);
  return ev.created(await createCollectionDoc(ev, node, a.pos, params));
}

const createCollectionForm: Form = {
  keys: ['create_collection'],
  call: true,
  run: (ev, node, pos, env) => runCreateCollection(ev, node, pos, env, 'create_collection'),
};

/** The optional snapshot time of Get/Exists: checked, then ignored (the store keeps no history). */
function checkTs(ts: Arg | undefined): void {
  if (ts && !(ts.value instanceof Time) && typeof ts.value !== 'number' && typeof ts.value !== 'bigint') {
    invalidArgument(['Time'], ts.value, ts.node, ts.pos);
  }
}

export function notFoundMessage(coll: string): string {
  if (coll === 'Token') return 'Token not found.';
  if (coll === 'Credential') return 'Credentials not found.';
  if (coll === 'Key') return 'Key not found.';
  if (coll === 'Role') return 'Role not found.';
  return 'Document not found.';
}

/** Reading a collection's definition needs read on the native Collections(). */
const canReadCollection = (ev: Evaluator, name: string) =>
  ev.access.allows('read', 'Collection', [new DocRef('Collection', name)]);

const SETS_UNSUPPORTED = 'Reading a native collection as a set is not supported by the playground yet.';

const getForm: Form = {
  keys: ['get'],
  optional: ['ts'],
  call: true,
  async run(ev, node, pos, env) {
    const target = await arg(ev, node, 'get', pos, env);
    checkTs(await optArg(ev, node, 'ts', pos, env));
    // `Get(set)` reads the set's first element (a ref) and gets that.
    if (target.value instanceof V4Set) return getFirst(ev, target.value, node, pos);
    const t = await castIdentifier(ev.tx, target.value, target.node, target.pos);
    if (t instanceof DocRef && (t.coll === INDEX || t.coll === FUNCTION)) {
      const rec = (await ev.tx.getDoc(t.coll, t.id))!;
      if (!(await ev.access.allows('read', t.coll, [asDoc(rec)]))) permissionDenied(node, pos);
      return t.coll === INDEX ? indexDocV4(rec) : functionDocV4(rec);
    }
    if (t instanceof Module) {
      if (t.kind !== 'user-collection') return fail('invalid argument', SETS_UNSUPPORTED, target.node, target.pos);
      const rec = (await ev.tx.getCollection(t.name))!;
      ev.tx.metrics.documentRead(collectionSize(rec));
      if (!(await canReadCollection(ev, t.name))) permissionDenied(node, pos);
      return collectionDocV4(rec);
    }
    const rec = await ev.tx.getDoc(t.coll, t.id);
    // The core checks permission and existence together and reports the permission first.
    if (!(await canRead(ev, t, rec))) permissionDenied(node, pos);
    if (!rec) return fail('instance not found', notFoundMessage(t.coll), node, pos);
    return docV4(ev.tx, rec);
  },
};

/** The first element of a set, read as a document: `instance not found` when the set is empty. */
async function getFirst(ev: Evaluator, set: V4Set, node: V4Object, pos: Path): Promise<Value> {
  const first = (await set.load())[0];
  const ref = first ? literalOf(first) : undefined;
  if (!(ref instanceof DocRef)) return fail('instance not found', 'Set not found.', node, pos);
  const rec = await ev.tx.getDoc(ref.coll, ref.id);
  if (!(await canRead(ev, ref, rec))) permissionDenied(node, pos);
  if (!rec) return fail('instance not found', notFoundMessage(ref.coll), node, pos);
  return docV4(ev.tx, rec);
}

const existsForm: Form = {
  keys: ['exists'],
  optional: ['ts'],
  call: true,
  async run(ev, node, pos, env) {
    const target = await arg(ev, node, 'exists', pos, env);
    checkTs(await optArg(ev, node, 'ts', pos, env));
    const t = target.value;
    if (t instanceof V4Set) return (await t.load()).length > 0;
    if (!(t instanceof DocRef) && !(t instanceof Module)) {
      return invalidArgument(['Ref', 'Set'], t, target.node, target.pos);
    }
    // A ref into a missing collection (or role) simply does not exist.
    if ((await unresolvedCollection(ev.tx, t)) !== undefined || (await isMissingRole(ev.tx, t))) return false;
    if (t instanceof Module) {
      if (t.kind !== 'user-collection') return fail('invalid argument', SETS_UNSUPPORTED, target.node, target.pos);
      ev.tx.metrics.documentRead(collectionSize((await ev.tx.getCollection(t.name))!));
      return canReadCollection(ev, t.name);
    }
    // Exists never fails on rights: what the caller may not read does not exist for it.
    const rec = await ev.tx.getDoc(t.coll, t.id);
    return rec !== null && (await canRead(ev, t, rec));
  },
};

export const WRITE_FORMS: Record<string, Form> = {
  create: createForm,
  create_collection: createCollectionForm,
  // The pre-v2.7 name of CreateCollection.
  create_class: { ...createCollectionForm, keys: ['create_class'], run: (ev, node, pos, env) => runCreateCollection(ev, node, pos, env, 'create_class') },
  get: getForm,
  exists: existsForm,
};
