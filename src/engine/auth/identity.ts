// Credentials and tokens: the operations behind v4 `Login`, `Create(Tokens())`,
// `credentials: {password}` and v10 `Credential.create`, `login()`, `Token.create`.
// Password hashing and verification run between the query's short read transactions, never
// inside an IndexedDB transaction.
import { encode } from '../store/codec';
import { newId } from '../store/ids';
import type { QueryTx } from '../store/query-tx';
import { CREDENTIAL, TOKEN, type DocRecord } from '../store/records';
import type { DocRef, ObjectV } from '../values/value';
import { hashPassword, verifyPassword } from './password';
import { mintTokenSecret } from './secret';

export interface NewToken {
  record: DocRecord;
  /** Shown once, in this result only. */
  secret: string;
}

export interface TokenOptions {
  ttl?: number;
  data?: ObjectV;
}

export async function createToken(tx: QueryTx, identity: DocRef, opts: TokenOptions = {}): Promise<NewToken> {
  const id = newId();
  const { secret, hashed } = await mintTokenSecret(id, tx.globalId);
  const record: DocRecord = {
    coll: TOKEN,
    id,
    ts: tx.txnTs,
    data: opts.data ? encode(opts.data) : null,
    instance: identity.key,
    hashedSecret: hashed,
  };
  if (opts.ttl !== undefined) record.ttl = opts.ttl;
  tx.putDoc(record);
  return { record, secret };
}

/** The credential of an identity, if it has one. */
export async function credentialOf(tx: QueryTx, identity: DocRef): Promise<DocRecord | null> {
  const [cred] = await tx.findByInstance(CREDENTIAL, identity.key);
  return cred ?? null;
}

export type CredentialOutcome = DocRecord | { refused: 'not-unique' };

export async function createCredential(
  tx: QueryTx,
  identity: DocRef,
  password: string | undefined,
  data?: ObjectV,
): Promise<CredentialOutcome> {
  if ((await tx.findByInstance(CREDENTIAL, identity.key, true)).length > 0) return { refused: 'not-unique' };
  const record: DocRecord = {
    coll: CREDENTIAL,
    id: newId(),
    ts: tx.txnTs,
    data: data ? encode(data) : null,
    instance: identity.key,
  };
  if (password !== undefined) record.hashedPassword = await hashPassword(password);
  tx.putDoc(record);
  return record;
}

/** Sets (or replaces) an identity's password, creating its credential when it has none. */
export async function setPassword(tx: QueryTx, identity: DocRef, password: string): Promise<DocRecord> {
  const existing = (await tx.findByInstance(CREDENTIAL, identity.key, true))[0];
  if (!existing) return (await createCredential(tx, identity, password)) as DocRecord;
  const record: DocRecord = { ...existing, ts: tx.txnTs, hashedPassword: await hashPassword(password) };
  tx.putDoc(record);
  return record;
}

/** Whether `password` opens `credential`. A credential without a password opens nothing. */
export async function passwordMatches(credential: DocRecord, password: string): Promise<boolean> {
  if (credential.hashedPassword === undefined) return false;
  return verifyPassword(password, credential.hashedPassword);
}
