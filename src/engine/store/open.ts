// Opening (and creating) the IndexedDB database behind one playground database.
import { openDB, type IDBPDatabase } from 'idb';
import type { PlaygroundSchema } from './records';
import { randomInt64 } from '../auth/random';

export type PlaygroundDB = IDBPDatabase<PlaygroundSchema>;

export async function openStore(factory: IDBFactory, name: string): Promise<PlaygroundDB> {
  // idb reads the global indexedDB; hosts without one (Node tests) pass a factory explicitly.
  const previous = globalThis.indexedDB;
  const swap = previous !== factory;
  if (swap) Object.defineProperty(globalThis, 'indexedDB', { value: factory, configurable: true, writable: true });
  let opening: Promise<PlaygroundDB>;
  try {
    // openDB calls factory.open synchronously, so the swap only has to cover this call.
    opening = openDB<PlaygroundSchema>(name, 3, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          const docs = db.createObjectStore('docs', { keyPath: ['coll', 'id'] });
          docs.createIndex('byInstance', ['coll', 'instance']);
          db.createObjectStore('collections', { keyPath: 'name' });
          db.createObjectStore('meta');
        }
        // Version 2: index entries, kept in step with documents at every commit.
        if (oldVersion < 2) db.createObjectStore('entries', { keyPath: ['coll', 'index', 'terms', 'values', 'id'] });
        // Version 3: document history for `at (time) expr`, written with every commit.
        if (oldVersion < 3) db.createObjectStore('versions', { keyPath: ['coll', 'id', 'ts'] });
      },
    });
  } finally {
    if (swap) Object.defineProperty(globalThis, 'indexedDB', { value: previous, configurable: true, writable: true });
  }
  const db = await opening;
  if (!(await db.get('meta', 'database'))) {
    const tx = db.transaction('meta', 'readwrite');
    if (!(await tx.store.get('database'))) {
      await tx.store.put({ globalId: randomInt64().toString(), lastTs: 0 }, 'database');
    }
    await tx.done;
  }
  return db;
}
