// Deleting a collection: its definition, every document, every index entry and the documents'
// history, all inside the committing query's one IndexedDB transaction, so a reader sees either
// the whole collection or none of it.
import type { IDBPTransaction, StoreNames } from 'idb';
import { MAX_KEY } from './index-keys';
import type { PlaygroundSchema } from './records';

type CommitTx = IDBPTransaction<PlaygroundSchema, ArrayLike<StoreNames<PlaygroundSchema>>, 'readwrite'>;

export async function dropCollection(tx: CommitTx, name: string): Promise<void> {
  await tx.objectStore('docs').delete(IDBKeyRange.bound([name, ''], [name, '\uffff']));
  // Entry keys start [coll, index, …]; index names are strings, and MAX_KEY sorts after them all.
  await tx.objectStore('entries').delete(IDBKeyRange.bound([name], [name, MAX_KEY]));
  await tx.objectStore('versions').delete(IDBKeyRange.bound([name, '', -Infinity], [name, '\uffff', Infinity]));
  await tx.objectStore('collections').delete(name);
}
