// Stored records as v4 shows them: `{ref, ts, …}` objects, `ts` a Long of microseconds.
// Field sets follow fauna-auth-semantics §4.5: a token shows `secret` only in its create/login
// result and `hashed_secret` afterwards; a credential shows `instance` and `hashed_password`.
import { decode } from '../store/codec';
import type { CollectionRecord, DocRecord } from '../store/records';
import { DocRef, Module, Time, type ObjectV, type Value } from '../values/value';
import { long } from './casts';

export function refOf(rec: DocRecord): DocRef {
  return new DocRef(rec.coll, rec.id);
}

/** `Coll/id` (how records name their identity) as a ref. */
export function instanceRef(key: string): DocRef {
  const slash = key.lastIndexOf('/');
  return new DocRef(key.slice(0, slash), key.slice(slash + 1));
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
  if (rec.instance !== undefined) out.set('instance', instanceRef(rec.instance));
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
  if (rec.instance !== undefined) out.set('instance', instanceRef(rec.instance));
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
