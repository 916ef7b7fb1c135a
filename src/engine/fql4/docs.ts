// Stored records as v4 shows them: `{ref, ts, …}` objects, `ts` a Long of microseconds.
// Field sets follow fauna-auth-semantics §4.5: a token shows `secret` only in its create/login
// result and `hashed_secret` afterwards; a credential shows `instance` and `hashed_password`.
import { BUILTIN_ROLES } from '../auth/principal';
import { decode } from '../store/codec';
import type { QueryTx } from '../store/query-tx';
import { CREDENTIAL, FUNCTION, KEY, ROLE, TOKEN, type CollectionRecord, type DocRecord } from '../store/records';
import { DocRef, Module, Time, type ObjectV, type Value } from '../values/value';
import { isNativeColl, long } from './casts';
import { lambdaFromWire } from './lambda';

export function refOf(rec: DocRecord): DocRef {
  return new DocRef(rec.coll, rec.id);
}

const tsOf = (micros: number): bigint => BigInt(micros);

/** A user document as `Get` returns it. v10 fields are v4's `data`. */
export function userDocV4(rec: DocRecord): ObjectV {
  const out: ObjectV = new Map<string, Value>([
    ['ref', refOf(rec)],
    ['ts', tsOf(rec.ts)],
  ]);
  if (rec.ttl !== undefined) out.set('ttl', new Time(rec.ttl));
  const data = rec.data === null ? new Map() : decode(rec.data);
  // A document written without fields has no `data` in v4 (the core's default data is empty).
  if (!(data instanceof Map) || data.size > 0) out.set('data', data);
  return out;
}

/**
 * A token as read back. `hashed_secret` is what this playground stores: a SHA-256 hex digest
 * of the secret's random part, where Fauna shows a bcrypt string (`$2a$05$…`).
 */
export function tokenDocV4(rec: DocRecord): ObjectV {
  const out: ObjectV = new Map<string, Value>([
    ['ref', refOf(rec)],
    ['ts', tsOf(rec.ts)],
  ]);
  if (rec.ttl !== undefined) out.set('ttl', new Time(rec.ttl));
  if (rec.instance !== undefined) out.set('instance', DocRef.fromKey(rec.instance));
  if (rec.data !== null) out.set('data', decode(rec.data));
  if (rec.hashedSecret !== undefined) out.set('hashed_secret', rec.hashedSecret);
  return out;
}

/** A credential as read back; the stored hash is an argon2id PHC string (Fauna: bcrypt). */
export function credentialDocV4(rec: DocRecord): ObjectV {
  const out: ObjectV = new Map<string, Value>([
    ['ref', refOf(rec)],
    ['ts', tsOf(rec.ts)],
  ]);
  if (rec.instance !== undefined) out.set('instance', DocRef.fromKey(rec.instance));
  if (rec.data !== null) out.set('data', decode(rec.data));
  if (rec.hashedPassword !== undefined) out.set('hashed_password', rec.hashedPassword);
  return out;
}

/** A collection document: `{ref: Collection("x"), ts, history_days, name}` (+ `ttl_days`). */
export function collectionDocV4(rec: CollectionRecord): ObjectV {
  const out: ObjectV = new Map<string, Value>([
    ['ref', new Module(rec.name, 'user-collection')],
    ['ts', tsOf(rec.ts)],
    ['history_days', long(BigInt(rec.historyDays))],
    ['name', rec.name],
  ]);
  if (rec.ttlDays !== null) out.set('ttl_days', long(BigInt(rec.ttlDays)));
  return out;
}

/** A key's `role` as v4 shows it: a built-in role's name, or a user role's ref `Role("x")`. */
export function roleValue(name: string): Value {
  return (BUILTIN_ROLES as readonly string[]).includes(name) ? name : new DocRef(ROLE, name);
}

/**
 * A key as read back: `{ref, ts, role, data?, ttl?, hashed_secret}` — the secret only ever in the
 * create result. `hashed_secret` is this playground's SHA-256 hex of the secret's random part
 * (Fauna shows a bcrypt string); writing it changes nothing.
 */
export function keyDocV4(rec: DocRecord): ObjectV {
  const fields = decode(rec.data);
  const out: ObjectV = new Map<string, Value>([
    ['ref', refOf(rec)],
    ['ts', tsOf(rec.ts)],
  ]);
  const role = fields instanceof Map ? fields.get('role') : undefined;
  if (typeof role === 'string') out.set('role', roleValue(role));
  const database = fields instanceof Map ? fields.get('database') : undefined;
  if (typeof database === 'string') out.set('database', new DocRef('Database', database));
  const data = fields instanceof Map ? fields.get('data') : undefined;
  if (data !== undefined) out.set('data', data);
  if (rec.ttl !== undefined) out.set('ttl', new Time(rec.ttl));
  if (rec.hashedSecret !== undefined) out.set('hashed_secret', rec.hashedSecret);
  return out;
}

/** A role resource name as a v4 ref: a native collection, a UDF, or a user collection. */
async function resourceRef(tx: QueryTx, name: string): Promise<Value> {
  if (isNativeColl(name)) return new Module(name, 'native-collection');
  if (!(await tx.getCollection(name)) && (await tx.getDoc(FUNCTION, name, true))) return new DocRef(FUNCTION, name);
  return new Module(name, 'user-collection');
}

/** A stored predicate as a value: a v4 lambda (`Query(Lambda(…))`), or v10 lambda text. */
function predicateValue(v: Value | undefined): Value | undefined {
  if (v instanceof Map && v.get('lang') === 'fql4' && typeof v.get('lambda') === 'string') {
    return lambdaFromWire(v.get('lambda') as string);
  }
  return v;
}

/** A role as v4 reads it: `{ref: Role("x"), ts, name, membership, privileges, data?}`. */
export async function roleDocV4(tx: QueryTx, rec: DocRecord): Promise<ObjectV> {
  const fields = decode(rec.data);
  const get = (k: string) => (fields instanceof Map ? fields.get(k) : undefined);
  const out: ObjectV = new Map<string, Value>([
    ['ref', new DocRef(ROLE, rec.id)],
    ['ts', tsOf(rec.ts)],
    ['name', rec.id],
  ]);
  const membership: Value[] = [];
  for (const m of asList(get('membership'))) {
    if (!(m instanceof Map)) continue;
    const entry: ObjectV = new Map([['resource', await resourceRef(tx, String(m.get('resource')))]]);
    const p = predicateValue(m.get('predicate'));
    if (p !== undefined) entry.set('predicate', p);
    membership.push(entry);
  }
  const privileges: Value[] = [];
  for (const p of asList(get('privileges'))) {
    if (!(p instanceof Map)) continue;
    const actions: ObjectV = new Map();
    const a = p.get('actions');
    if (a instanceof Map) for (const [k, x] of a) actions.set(k, predicateValue(x) ?? null);
    privileges.push(new Map<string, Value>([['resource', await resourceRef(tx, String(p.get('resource')))], ['actions', actions]]));
  }
  out.set('membership', membership);
  out.set('privileges', privileges);
  const data = get('data');
  if (data !== undefined) out.set('data', data);
  return out;
}

const asList = (v: Value | undefined): Value[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** A child database's definition: `{ref: Database("x"), ts, name, global_id, data?}`. */
export function databaseDocV4(rec: DocRecord): ObjectV {
  const fields = decode(rec.data);
  const out: ObjectV = new Map<string, Value>([
    ['ref', new DocRef('Database', rec.id)],
    ['ts', tsOf(rec.ts)],
    ['name', rec.id],
  ]);
  if (fields instanceof Map) for (const [k, v] of fields) if (k === 'global_id' || k === 'data' || k === 'priority') out.set(k, v);
  return out;
}

/** Any stored document as v4 `Get` shows it. */
export async function docV4(tx: QueryTx, rec: DocRecord): Promise<ObjectV> {
  if (rec.coll === TOKEN) return tokenDocV4(rec);
  if (rec.coll === CREDENTIAL) return credentialDocV4(rec);
  if (rec.coll === KEY) return keyDocV4(rec);
  if (rec.coll === ROLE) return roleDocV4(tx, rec);
  if (rec.coll === 'Database') return databaseDocV4(rec);
  return userDocV4(rec);
}
