// What one IndexedDB database holds for one playground database.
import type { DBSchema } from 'idb';
import type { Stored } from './codec';

/** Native collections, by their v10 names. */
export const TOKEN = 'Token';
export const CREDENTIAL = 'Credential';
/** User-defined functions: named documents (`id` is the function's name). */
export const FUNCTION = 'Function';
/** Keys: `data` holds `role` (and user `data`); only the SHA-256 of the secret's random part is kept. */
export const KEY = 'Key';
/** User-defined roles: named documents holding `membership` and `privileges`. */
export const ROLE = 'Role';

export interface DocRecord {
  /** A user collection's name, or a native collection (`Token`, `Credential`). */
  coll: string;
  /** Fauna-style id: a decimal string of a 64-bit integer. */
  id: string;
  /** Microseconds of the transaction that wrote this version. */
  ts: number;
  /** User documents: their fields. Tokens: their `data` metadata. Credentials: their `data`. */
  data: Stored;
  /** Absolute expiry, microseconds. */
  ttl?: number;
  /** Tokens and credentials: the identity document, as `Coll/id`. */
  instance?: string;
  /** Tokens: SHA-256 (hex) of the secret's random part. Never the secret itself. */
  hashedSecret?: string;
  /** Credentials: argon2id PHC string. Never the password itself. */
  hashedPassword?: string;
}

/** An index of a collection: term fields to match, value fields to order and cover. */
export interface IndexDef {
  /** Field paths (`.email` is `["email"]`). */
  terms: string[][];
  values: Array<{ path: string[]; desc: boolean }>;
  /** Made by v4 `CreateIndex`: Fauna keeps such an index apart from the v10 definition's `indexes`. */
  legacy?: true;
}

export interface CollectionRecord {
  name: string;
  /** Microseconds of the transaction that wrote this definition. */
  ts: number;
  historyDays: number;
  ttlDays: number | null;
  indexes?: Record<string, IndexDef>;
  /** Unique constraints: each a list of field paths whose values together are unique. */
  constraints?: Array<{ unique: string[][] }>;
}

/** One version of a document in its history (`at`): the record written at `ts`, null when deleted. */
export interface VersionRecord {
  coll: string;
  id: string;
  ts: number;
  rec: DocRecord | null;
}

export interface DatabaseMeta {
  /** The database's global id (decimal int64), embedded in every token secret it issues. */
  globalId: string;
  /** Highest transaction time committed, microseconds. */
  lastTs: number;
}

export interface PlaygroundSchema extends DBSchema {
  docs: {
    key: [string, string];
    value: DocRecord;
    indexes: { byInstance: [string, string] };
  };
  collections: { key: string; value: CollectionRecord };
  meta: { key: 'database'; value: DatabaseMeta };
  entries: { key: IDBValidKey; value: import('./index-keys').EntryRecord };
  versions: { key: [string, string, number]; value: VersionRecord };
}

export const STORES = ['docs', 'collections', 'meta', 'entries', 'versions'] as const;
