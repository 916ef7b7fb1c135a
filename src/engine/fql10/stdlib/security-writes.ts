// `update`/`replace`/`delete` of keys, roles and database definitions (admin only). A key's new `role` applies to its
// live secret at the next query, since authentication reads the key document each time. Roles
// are named documents: renaming one moves it and renames `role` on every key that uses it
// (FQL2KeySpec "validate FK"), and a role a key still uses cannot be deleted.
import { decode, encode } from '../../store/codec';
import { dropKeysOpening, renameKeysOpening } from '../../auth/databases';
import { DATABASE } from '../../auth/route';
import { KEY, ROLE, type DocRecord } from '../../store/records';
import { Time, type ObjectV, type Value } from '../../values/value';
import type { Interpreter } from '../interpreter';
import type { CallSpans } from './args';
import { ConstraintError, constraintFailure } from './constraint';
import { checkRoleName, requireAdmin, roleExists, roleFields, securityDoc } from './security';

const fieldsOf = (rec: DocRecord): ObjectV => {
  const v = decode(rec.data);
  return v instanceof Map ? v : new Map();
};

/** Keys whose `role` names `role`. */
async function keysUsing(interp: Interpreter, role: string): Promise<DocRecord[]> {
  return (await interp.tx.scanCollection(KEY)).filter((k) => fieldsOf(k).get('role') === role);
}

export async function writeSecurity(
  interp: Interpreter,
  rec: DocRecord,
  patch: ObjectV,
  mode: 'update' | 'replace',
  spans: CallSpans,
): Promise<Value> {
  requireAdmin(interp, spans);
  if (rec.coll === KEY) return writeKey(interp, rec, patch, mode, spans);
  return rec.coll === ROLE ? writeRole(interp, rec, patch, mode, spans) : writeDatabase(interp, rec, patch, mode, spans);
}

/** A child database's definition: its name and settings (what it holds is not kept offline). */
async function writeDatabase(interp: Interpreter, rec: DocRecord, patch: ObjectV, mode: 'update' | 'replace', spans: CallSpans): Promise<Value> {
  const fail = (f: string, m: string) => constraintFailure(`Failed to ${mode} Database.`, f, m, spans.call);
  const fields: ObjectV = mode === 'update' ? new Map(fieldsOf(rec)) : new Map();
  // The child's identity: its store and its token secrets hang on it.
  fields.set('global_id', fieldsOf(rec).get('global_id') ?? null);
  for (const [k, v] of patch) {
    if (k === 'global_id') throw fail(k, 'The field is readonly.');
    if (!['name', 'typechecked', 'protected', 'priority', 'data'].includes(k)) throw fail(k, 'Unexpected field provided');
    if (k === 'name') continue;
    if (v === null) fields.delete(k);
    else fields.set(k, v);
  }
  const rename = patch.get('name');
  let name = rec.id;
  if (rename !== undefined && rename !== rec.id) {
    if (typeof rename !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(rename)) throw fail('name', 'Invalid identifier.');
    if (await interp.tx.getDoc(rec.coll, rename, true)) throw fail('name', `A Database already exists with the name \`${rename}\``);
    interp.tx.deleteDoc(rec.coll, rec.id);
    name = rename;
    await renameKeysOpening(interp.tx, rec.id, rename);
  }
  const next: DocRecord = { coll: rec.coll, id: name, ts: interp.tx.txnTs, data: encode(fields) };
  interp.tx.putDoc(next);
  return securityDoc(next);
}

async function writeKey(interp: Interpreter, rec: DocRecord, patch: ObjectV, mode: 'update' | 'replace', spans: CallSpans): Promise<Value> {
  const fail = (f: string, m: string) => constraintFailure(`Failed to ${mode} Key.`, f, m, spans.call);
  const fields: ObjectV = mode === 'update' ? new Map(fieldsOf(rec)) : new Map();
  const next: DocRecord = { ...rec, ts: interp.tx.txnTs };
  if (mode === 'replace') delete next.ttl;
  for (const [k, v] of patch) {
    if (k === 'role') {
      if (typeof v !== 'string') throw fail('role', 'Expected String');
      if (!(await roleExists(interp, v))) throw fail('role', `Field refers to an unknown role name \`${v}\`.`);
      fields.set('role', v);
    } else if (k === 'data') {
      if (v !== null && !(v instanceof Map)) throw fail('data', 'Expected { *: Any } | Null');
      if (v === null) fields.delete('data');
      else fields.set('data', v);
    } else if (k === 'ttl') {
      if (v !== null && !(v instanceof Time)) throw fail('ttl', 'Expected Time | Null');
      if (v === null) delete next.ttl;
      else next.ttl = v.micros;
    } else if (k === 'database') {
      // The live secret follows at its next request: authentication reads `database` each time.
      if (v !== null && (typeof v !== 'string' || !(await interp.tx.getDoc(DATABASE, v, true)))) {
        throw fail('database', `Field refers to an unknown database name \`${String(v)}\`.`);
      }
      if (v === null) fields.delete('database');
      else fields.set('database', v);
    } else if (k === 'secret' || k === 'hashed_secret') {
      throw fail(k, 'The field is readonly.');
    } else throw fail(k, 'Unexpected field provided');
  }
  if (typeof fields.get('role') !== 'string') throw fail('role', 'Missing required field of type String');
  next.data = encode(fields);
  interp.tx.putDoc(next);
  return securityDoc(next);
}

async function writeRole(interp: Interpreter, rec: DocRecord, patch: ObjectV, mode: 'update' | 'replace', spans: CallSpans): Promise<Value> {
  const fail = (f: string, m: string) => constraintFailure(`Failed to ${mode} Role.`, f, m, spans.call);
  for (const k of patch.keys()) if (!['name', 'membership', 'privileges', 'data'].includes(k)) throw fail(k, 'Unexpected field provided');
  const spec: ObjectV = mode === 'update' ? new Map(fieldsOf(rec)) : new Map();
  for (const [k, v] of patch) if (k !== 'name') spec.set(k, v);
  const rename = patch.get('name');
  const name = rename === undefined || rename === rec.id ? rec.id : await checkRoleName(interp, rename, fail);
  const next: DocRecord = { coll: ROLE, id: name, ts: interp.tx.txnTs, data: encode(roleFields(spec, fail)) };
  if (name !== rec.id) {
    interp.tx.deleteDoc(ROLE, rec.id);
    for (const key of await keysUsing(interp, rec.id)) {
      const fields = new Map(fieldsOf(key)).set('role', name);
      interp.tx.putDoc({ ...key, ts: interp.tx.txnTs, data: encode(fields) });
    }
  }
  interp.tx.putDoc(next);
  return securityDoc(next);
}

/**
 * Deleting a child database deletes the keys that open it, in the same transaction: its secrets
 * die with it, and a new database of the same name does not revive them (its store is new too).
 */
export async function dropDatabaseKeys(interp: Interpreter, rec: DocRecord): Promise<void> {
  if (rec.coll === DATABASE) await dropKeysOpening(interp.tx, rec.id);
}

/** Refuses to delete a role that a key still uses (the key would lose its rights silently). */
export async function checkRoleDelete(interp: Interpreter, rec: DocRecord, spans: CallSpans): Promise<void> {
  if (rec.coll !== ROLE) return;
  const [user] = await keysUsing(interp, rec.id);
  if (user) {
    throw new ConstraintError(
      `Failed to delete Role \`${rec.id}\`.`,
      [{ paths: [['name']], message: `The key \`${user.id}\` refers to this document by its previous identifier \`${rec.id}\`.` }],
      spans.call,
    );
  }
}
