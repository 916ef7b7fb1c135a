// v4 functions that touch the store: Create, CreateCollection, Login, Identify, Get, Exists
// (WriteFunctions.scala, AuthFunctions.scala, ReadFunctions in the core). Error positions follow
// the core: argument checks at the argument (`["login"]`), write failures at the function key
// (`["create"]`), authentication and not-found failures at the call itself.
import { createCredential, createToken, credentialOf, passwordMatches, setPassword } from '../auth/identity';
import { decode } from '../store/codec';
import { createCollection, createDocument, isRefusal } from '../store/documents';
import type { DocRecord } from '../store/records';
import { MISSING_DOC_BYTES, collectionSize } from '../store/sizes';
import { DocRef, Module, Time, type ObjectV, type Value } from '../values/value';
import type { Path, V4Object } from './ast';
import {
  castIdentifier,
  castObject,
  castString,
  fail,
  hasUnresolvedRef,
  invalidArgument,
  isNativeColl,
  unresolvedCollection,
  unresolvedError,
} from './casts';
import { collectionDocV4, credentialDocV4, instanceRef, refOf, tokenDocV4, userDocV4 } from './docs';
import { arg, optArg, type Arg, type Evaluator, type Form } from './form';

const INVALID_DATA = 'document data is not valid.';

/** The params object of a write, checked like the core's RefValidator (unresolved refs). */
async function writeParams(ev: Evaluator, a: Arg | undefined, node: V4Object, pos: Path): Promise<ObjectV> {
  if (!a) return new Map();
  const params = castObject(a.value, a.node, a.pos);
  if (await hasUnresolvedRef(ev.tx, params)) fail('validation failed', INVALID_DATA, node, pos);
  return params;
}

/**
 * The shared store keeps document refs but not collection refs (codec.ts); v4 could store
 * `Collection("x")` in a document, the playground cannot yet, so it says so plainly.
 */
function checkStorable(v: Value | undefined, node: V4Object, pos: Path): void {
  if (v instanceof Module) {
    fail('invalid argument', 'The playground cannot store collection refs inside documents yet.', node, pos);
  }
  if (Array.isArray(v)) for (const x of v) checkStorable(x, node, pos);
  if (v instanceof Map) for (const x of v.values()) checkStorable(x, node, pos);
}

/** An optional field of a given kind; anything else fails validation at `pos`. */
function field<T extends Value>(
  params: ObjectV,
  key: string,
  ok: (v: Value) => v is T,
  node: V4Object,
  pos: Path,
): T | undefined {
  const v = params.get(key);
  if (v === undefined || v === null) return undefined;
  return ok(v) ? v : fail('validation failed', INVALID_DATA, node, pos);
}

const isMap = (v: Value): v is ObjectV => v instanceof Map;
const isTime = (v: Value): v is Time => v instanceof Time;
const isRef = (v: Value): v is DocRef => v instanceof DocRef;
const isString = (v: Value): v is string => typeof v === 'string';

/** A token as its create/login result shows it: the params' fields in their order, then `secret`. */
function tokenResult(rec: DocRecord, secret: string, order: string[]): ObjectV {
  const out: ObjectV = new Map<string, Value>([
    ['ref', refOf(rec)],
    ['ts', BigInt(rec.ts)],
  ]);
  for (const k of order) {
    if (k === 'instance' && rec.instance !== undefined) out.set('instance', instanceRef(rec.instance));
    if (k === 'data' && rec.data !== null) out.set('data', decode(rec.data));
    if (k === 'ttl' && rec.ttl !== undefined) out.set('ttl', new Time(rec.ttl));
  }
  out.set('secret', secret);
  return out;
}

const orderOf = (params: ObjectV, keys: string[]) => [...params.keys()].filter((k) => keys.includes(k));

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
  const data = field(params, 'data', isMap, node, at);
  const ttl = field(params, 'ttl', isTime, node, at);
  const creds = field(params, 'credentials', isMap, node, at);
  const password = creds ? field(creds, 'password', isString, node, at) : undefined;
  checkStorable(data, node, at);
  const rec = await createDocument(ev.tx, coll, id, data ?? new Map(), ttl?.micros);
  if (isRefusal(rec)) {
    return rec.refused === 'exists'
      ? fail('instance already exists', 'Document already exists.', node, at)
      : unresolvedError(coll, node, at);
  }
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

async function createTokenDoc(ev: Evaluator, node: V4Object, at: Path, params: ObjectV) {
  const instance = field(params, 'instance', isRef, node, at);
  if (!instance) return fail('validation failed', INVALID_DATA, node, at);
  const data = field(params, 'data', isMap, node, at);
  const ttl = field(params, 'ttl', isTime, node, at);
  checkStorable(data, node, at);
  const { record, secret } = await createToken(ev.tx, instance, { data, ttl: ttl?.micros });
  return tokenResult(record, secret, orderOf(params, ['instance', 'data', 'ttl']));
}

async function createCredentialDoc(ev: Evaluator, node: V4Object, at: Path, params: ObjectV) {
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
    const unsupported = 'The playground cannot create keys, or native documents with a chosen id.';
    return fail('invalid argument', unsupported, target.node, at);
  },
};

const createCollectionForm: Form = {
  keys: ['create_collection'],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, 'create_collection', pos, env);
    const params = await writeParams(ev, a, node, pos);
    return ev.created(await createCollectionDoc(ev, node, a.pos, params));
  },
};

const AUTH_FAILED = 'The document was not found or provided password was incorrect.';

/**
 * `Login(identity, {password, ttl?, data?})`: needs the identity's credential and its password;
 * the identity document itself is not read (Fauna only checks the credential).
 */
const loginForm: Form = {
  keys: ['login', 'params'],
  call: true,
  async run(ev, node, pos, env) {
    const identity = await arg(ev, node, 'login', pos, env);
    const paramsArg = await arg(ev, node, 'params', pos, env);
    const who = await castIdentifier(ev.tx, identity.value, identity.node, identity.pos);
    const params = castObject(paramsArg.value, paramsArg.node, paramsArg.pos);
    const password = field(params, 'password', isString, node, pos);
    let matched = false;
    if (who instanceof DocRef) {
      const cred = await credentialOf(ev.tx, who);
      matched = cred !== null && password !== undefined && (await passwordMatches(cred, password));
    } else {
      // A set's first member would be tried; none of a collection's own refs has a credential.
      ev.tx.metrics.documentRead(MISSING_DOC_BYTES);
    }
    if (!matched || !(who instanceof DocRef)) return fail('authentication failed', AUTH_FAILED, node, pos);
    const data = field(params, 'data', isMap, node, pos);
    const ttl = field(params, 'ttl', isTime, node, pos);
    checkStorable(data, node, pos);
    const { record, secret } = await createToken(ev.tx, who, { data, ttl: ttl?.micros });
    return ev.created(tokenResult(record, secret, [...orderOf(params, ['data', 'ttl']), 'instance']));
  },
};

/** `Identify(identity, password)`: true when the credential exists and matches; never an error. */
const identifyForm: Form = {
  keys: ['identify', 'password'],
  call: true,
  async run(ev, node, pos, env) {
    const identity = await arg(ev, node, 'identify', pos, env);
    const pw = await arg(ev, node, 'password', pos, env);
    const who = await castIdentifier(ev.tx, identity.value, identity.node, identity.pos);
    const password = castString(pw.value, pw.node, pw.pos);
    if (!(who instanceof DocRef)) return false;
    const cred = await credentialOf(ev.tx, who);
    return cred !== null && passwordMatches(cred, password);
  },
};

/** The optional snapshot time of Get/Exists: checked, then ignored (the store keeps no history). */
function checkTs(ts: Arg | undefined): void {
  if (ts && !(ts.value instanceof Time) && typeof ts.value !== 'number' && typeof ts.value !== 'bigint') {
    invalidArgument(['Time'], ts.value, ts.node, ts.pos);
  }
}

function notFoundMessage(coll: string): string {
  if (coll === 'Token') return 'Token not found.';
  if (coll === 'Credential') return 'Credentials not found.';
  if (coll === 'Key') return 'Key not found.';
  return 'Document not found.';
}

const SETS_UNSUPPORTED = 'Reading a native collection as a set is not supported by the playground yet.';

const getForm: Form = {
  keys: ['get'],
  optional: ['ts'],
  call: true,
  async run(ev, node, pos, env) {
    const target = await arg(ev, node, 'get', pos, env);
    checkTs(await optArg(ev, node, 'ts', pos, env));
    const t = await castIdentifier(ev.tx, target.value, target.node, target.pos);
    if (t instanceof Module) {
      if (t.kind !== 'user-collection') return fail('invalid argument', SETS_UNSUPPORTED, target.node, target.pos);
      const rec = (await ev.tx.getCollection(t.name))!;
      ev.tx.metrics.documentRead(collectionSize(rec));
      return collectionDocV4(rec);
    }
    const rec = await ev.tx.getDoc(t.coll, t.id);
    if (!rec) return fail('instance not found', notFoundMessage(t.coll), node, pos);
    if (t.coll === 'Token') return tokenDocV4(rec);
    if (t.coll === 'Credential') return credentialDocV4(rec);
    return userDocV4(rec);
  },
};

const existsForm: Form = {
  keys: ['exists'],
  optional: ['ts'],
  call: true,
  async run(ev, node, pos, env) {
    const target = await arg(ev, node, 'exists', pos, env);
    checkTs(await optArg(ev, node, 'ts', pos, env));
    const t = target.value;
    if (!(t instanceof DocRef) && !(t instanceof Module)) {
      return invalidArgument(['Ref', 'Set'], t, target.node, target.pos);
    }
    // A ref into a missing collection simply does not exist.
    if ((await unresolvedCollection(ev.tx, t)) !== undefined) return false;
    if (t instanceof Module) {
      if (t.kind !== 'user-collection') return fail('invalid argument', SETS_UNSUPPORTED, target.node, target.pos);
      ev.tx.metrics.documentRead(collectionSize((await ev.tx.getCollection(t.name))!));
      return true;
    }
    return (await ev.tx.getDoc(t.coll, t.id)) !== null;
  },
};

export const WRITE_FORMS: Record<string, Form> = {
  create: createForm,
  create_collection: createCollectionForm,
  login: loginForm,
  identify: identifyForm,
  get: getForm,
  exists: existsForm,
};
