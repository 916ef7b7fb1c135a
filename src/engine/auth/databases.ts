// Keys that open a child database live in its parent, naming the child in `database`. Both
// languages keep them in step with the child: deleting the child deletes them (its secrets die
// with it), renaming it renames their `database`.
import { decode, encode } from '../store/codec';
import type { QueryTx } from '../store/query-tx';
import { KEY, type DocRecord } from '../store/records';
import type { ObjectV } from '../values/value';
import { keyField } from './principal';

/** Keys stored in `tx`'s database that open its child `database`. */
export async function keysOpening(tx: QueryTx, database: string): Promise<DocRecord[]> {
  return (await tx.scanCollection(KEY)).filter((k) => keyField(k, 'database') === database);
}

export async function dropKeysOpening(tx: QueryTx, database: string): Promise<void> {
  for (const key of await keysOpening(tx, database)) tx.deleteDoc(KEY, key.id);
}

export async function renameKeysOpening(tx: QueryTx, from: string, to: string): Promise<void> {
  for (const key of await keysOpening(tx, from)) {
    const fields = decode(key.data);
    const next: ObjectV = fields instanceof Map ? new Map(fields) : new Map();
    tx.putDoc({ ...key, ts: tx.txnTs, data: encode(next.set('database', to)) });
  }
}
