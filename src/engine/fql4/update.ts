// `Update`, `Replace` and `Delete` of documents (WriteFunctions.scala / WriteAdaptor.scala): user
// documents, tokens, credentials, keys and roles. The core's order is kept: the previous version
// (`instance not found` at `["update"]`), then the write permission on (old, new) at the call,
// then validation (`validation failed` at the call). `Update` merges (`null` removes a field),
// `Replace` starts from nothing but what is write-protected (a token's or key's hash).
import { dropKeysOpening } from '../auth/databases';
import { createCredential, credentialOf, setPassword } from '../auth/identity';
import { hashPassword, verifyPassword } from '../auth/password';
import { parseSecret, secretMatches } from '../auth/secret';
import { decode, encode } from '../store/codec';
import { CREDENTIAL, KEY, ROLE, TOKEN, type DocRecord } from '../store/records';
import { DocRef, Module, Time, type ObjectV, type Value } from '../values/value';
import type { Path, V4Object } from './ast';
import { castIdentifier, fail, invalidArgument } from './casts';
import { docV4 } from './docs';
import { arg, type Evaluator, type Form } from './form';
import { asDoc, isServerKey, requireAllowed } from './guard';
import { INVALID_DATA, checkStorable, mergePatch, withoutNulls, writeParams } from './params';
import { patchDatabase, roleName, roleRecord } from './security';
import { notFoundMessage } from './writes';
import { checkUnique } from './indexes';

/** A new version, and what must happen once it is allowed (a password change, a credential). */
interface Patched {
  record: DocRecord;
  /** Validation failed: reported after the permission check, as the core does. */
  invalid: boolean;
  /** A second credential for one identity (`instance not unique`), also after the check. */
  notUnique?: boolean;
  after?: () => Promise<void>;
}

type Mode = 'update' | 'replace';

/** A field of the new version: `Update` keeps an absent one, `null` clears it. */
function next(mode: Mode, patch: ObjectV, key: string, old: Value | undefined): Value | undefined {
  if (!patch.has(key)) return mode === 'update' ? old : undefined;
  const v = patch.get(key)!;
  if (v === null) return undefined;
  return mode === 'update' && v instanceof Map ? mergePatch(old, v) : v instanceof Map ? withoutNulls(v) : v;
}

function ttlOf(mode: Mode, patch: ObjectV, rec: DocRecord): { ttl?: number; bad: boolean } {
  const v = next(mode, patch, 'ttl', rec.ttl === undefined ? undefined : new Time(rec.ttl));
  if (v === undefined) return { bad: false };
  return v instanceof Time ? { ttl: v.micros, bad: false } : { bad: true };
}

const fieldsOf = (rec: DocRecord): ObjectV => {
  const v = decode(rec.data);
  return v instanceof Map ? v : new Map();
};

function withTtl(rec: DocRecord, ttl: number | undefined): DocRecord {
  const { ttl: _old, ...rest } = rec;
  return ttl === undefined ? rest : { ...rest, ttl };
}

async function patchUserDoc(ev: Evaluator, rec: DocRecord, patch: ObjectV, mode: Mode, node: V4Object, pos: Path): Promise<Patched> {
  const data = next(mode, patch, 'data', fieldsOf(rec)) ?? new Map();
  const { ttl, bad } = ttlOf(mode, patch, rec);
  const creds = patch.get('credentials');
  const invalid = bad || !(data instanceof Map) || (creds !== undefined && creds !== null && !(creds instanceof Map));
  if (data instanceof Map) checkStorable(data, node, pos);
  const record = withTtl({ ...rec, ts: ev.tx.txnTs, data: encode(data instanceof Map ? data : new Map()) }, ttl);
  const password = creds instanceof Map ? creds.get('password') : undefined;
  // `credentials` never reaches the document; the credential is written with server rights.
  const after =
    creds instanceof Map
      ? async () => {
          const ref = new DocRef(rec.coll, rec.id);
          if (typeof password === 'string') await setPassword(ev.tx, ref, password);
          // Without a password the credential still exists (no login succeeds); one that exists stays.
          else await createCredential(ev.tx, ref, undefined);
        }
      : undefined;
  return { record, invalid: invalid || (password !== undefined && password !== null && typeof password !== 'string'), ...(after ? { after } : {}) };
}

/** Tokens: `instance` (required), `data`, `ttl`; the hash stays, so the secret keeps working. */
function patchToken(ev: Evaluator, rec: DocRecord, patch: ObjectV, mode: Mode): Patched {
  const instance = next(mode, patch, 'instance', rec.instance ? DocRef.fromKey(rec.instance) : undefined);
  const data = next(mode, patch, 'data', rec.data === null ? undefined : decode(rec.data));
  const { ttl, bad } = ttlOf(mode, patch, rec);
  const invalid = bad || !(instance instanceof DocRef) || (data !== undefined && !(data instanceof Map));
  const record = withTtl({ ...rec, ts: ev.tx.txnTs, data: data instanceof Map ? encode(data) : null }, ttl);
  if (instance instanceof DocRef) record.instance = instance.key;
  return { record, invalid };
}

/**
 * Credentials: `instance` (required, one credential per identity), `data`, `password`. Only
 * server keys set a password outright; anyone else (the core's ClientPasswordValidator, which
 * admin keys get too) must give the matching `current_password` once a hash exists.
 */
async function patchCredential(ev: Evaluator, rec: DocRecord, patch: ObjectV, mode: Mode): Promise<Patched> {
  const instance = next(mode, patch, 'instance', rec.instance ? DocRef.fromKey(rec.instance) : undefined);
  const data = next(mode, patch, 'data', rec.data === null ? undefined : decode(rec.data));
  const password = patch.get('password');
  let invalid = !(instance instanceof DocRef) || (data !== undefined && !(data instanceof Map));
  invalid ||= password !== undefined && password !== null && typeof password !== 'string';
  const record: DocRecord = { ...rec, ts: ev.tx.txnTs, data: data instanceof Map ? encode(data) : null };
  if (instance instanceof DocRef) record.instance = instance.key;
  const notUnique = instance instanceof DocRef && instance.key !== rec.instance && (await credentialOf(ev.tx, instance)) !== null;
  if (typeof password === 'string' && !isServerKey(ev) && rec.hashedPassword !== undefined) {
    const current = patch.get('current_password');
    invalid ||= typeof current !== 'string' || !(await verifyPassword(current, rec.hashedPassword));
  }
  if (typeof password === 'string') record.hashedPassword = await hashPassword(password);
  if (password === null && isServerKey(ev)) delete record.hashedPassword;
  return { record, invalid, notUnique };
}

/** Keys: `role`, `data`, `ttl`; `hashed_secret` cannot be written, `secret` only as itself. */
async function patchKey(ev: Evaluator, rec: DocRecord, patch: ObjectV, mode: Mode, node: V4Object, pos: Path): Promise<Patched> {
  const old = fieldsOf(rec);
  const kept = old.get('role');
  const role = patch.has('role')
    ? await roleName(ev, patch.get('role')!, node, pos)
    : mode === 'update' && typeof kept === 'string'
      ? kept
      : undefined;
  const data = next(mode, patch, 'data', old.get('data'));
  const { ttl, bad } = ttlOf(mode, patch, rec);
  // `database: Database("x")` re-targets the key's live secret; null (or Replace without it) clears it.
  const database = patch.has('database') ? patch.get('database') : mode === 'update' ? old.get('database') : undefined;
  const databaseName = database instanceof DocRef ? database.id : typeof database === 'string' ? database : undefined;
  let invalid = bad || role === undefined || (data !== undefined && !(data instanceof Map));
  invalid ||= database != null && !(databaseName !== undefined && (await ev.tx.getDoc('Database', databaseName, true)));
  const secret = patch.get('secret');
  if (secret !== undefined && secret !== null) {
    const parsed = typeof secret === 'string' ? parseSecret(secret) : undefined;
    const same = parsed?.kind === 'key' && parsed.id === rec.id && (await secretMatches(parsed.random, rec.hashedSecret ?? ''));
    invalid ||= !same;
  }
  const fields: ObjectV = new Map([['role', role ?? '']]);
  if (databaseName !== undefined) fields.set('database', databaseName);
  if (data instanceof Map) fields.set('data', data);
  return { record: withTtl({ ...rec, ts: ev.tx.txnTs, data: encode(fields) }, ttl), invalid };
}

async function patched(ev: Evaluator, rec: DocRecord, patch: ObjectV, mode: Mode, node: V4Object, pos: Path): Promise<Patched> {
  if (rec.coll === TOKEN) return patchToken(ev, rec, patch, mode);
  if (rec.coll === CREDENTIAL) return patchCredential(ev, rec, patch, mode);
  if (rec.coll === KEY) return patchKey(ev, rec, patch, mode, node, pos);
  if (rec.coll === 'Database') return patchDatabase(ev, rec, patch, mode, node, pos);
  if (rec.coll === ROLE) {
    const name = patch.get('name');
    if (name !== undefined && name !== rec.id) fail('invalid argument', 'The playground cannot rename roles.', node, pos);
    const base = mode === 'update' ? fieldsOf(rec) : new Map<string, Value>();
    const spec: ObjectV = new Map([...base, ...patch, ['name', rec.id]]);
    return { record: { ...(await roleRecord(ev, spec, node, pos, rec.id)), ts: ev.tx.txnTs }, invalid: false };
  }
  return patchUserDoc(ev, rec, patch, mode, node, pos);
}

/** The document a write names: a ref (collections themselves are not written from v4 here). */
async function targetRef(ev: Evaluator, key: string, node: V4Object, pos: Path, env: Parameters<Form['run']>[3]) {
  const target = await arg(ev, node, key, pos, env);
  if (!(target.value instanceof DocRef) && !(target.value instanceof Module)) {
    return invalidArgument(['Ref'], target.value, target.node, target.pos);
  }
  const ref = await castIdentifier(ev.tx, target.value, target.node, target.pos);
  if (ref instanceof Module) {
    return fail('invalid argument', `The playground cannot ${key} collections from v4 yet.`, target.node, target.pos);
  }
  return ref;
}

const writeForm = (mode: Mode): Form => ({
  keys: [mode, 'params'],
  call: true,
  async run(ev, node, pos, env) {
    const ref = await targetRef(ev, mode, node, pos, env);
    const params = await writeParams(ev, await arg(ev, node, 'params', pos, env), node, pos);
    const rec = await ev.tx.getDoc(ref.coll, ref.id);
    if (!rec) return fail('instance not found', notFoundMessage(ref.coll), node, [...pos, mode]);
    const p = await patched(ev, rec, params, mode, node, pos);
    await requireAllowed(ev, 'write', rec.coll, [asDoc(rec), asDoc(p.record)], node, pos);
    if (p.invalid) fail('validation failed', INVALID_DATA, node, pos);
    if (p.notUnique) fail('instance not unique', 'document is not unique.', node, pos);
    await p.after?.();
    ev.tx.putDoc(p.record);
    await checkUnique(ev, p.record, node, pos);
    return docV4(ev.tx, p.record);
  },
});

const deleteForm: Form = {
  keys: ['delete'],
  call: true,
  async run(ev, node, pos, env) {
    const ref = await targetRef(ev, 'delete', node, pos, env);
    const rec = await ev.tx.getDoc(ref.coll, ref.id);
    // The core reports a missing document before a denied delete.
    if (!rec) return fail('instance not found', notFoundMessage(ref.coll), node, pos);
    await requireAllowed(ev, 'delete', rec.coll, [asDoc(rec)], node, pos);
    ev.tx.deleteDoc(rec.coll, rec.id);
    if (rec.coll === 'Database') await dropKeysOpening(ev.tx, rec.id);
    return docV4(ev.tx, rec);
  },
};

export const UPDATE_FORMS: Record<string, Form> = {
  update: writeForm('update'),
  replace: writeForm('replace'),
  delete: deleteForm,
};
