// Child databases' stores. Each child is an IndexedDB database of its own, named after its
// parent and its global id: a query runs in one database, so nothing crosses stores, and a
// child deleted and made again under the same name gets a new global id, hence a new, empty
// store (its old keys and tokens stay dead, as in Fauna).
import { openStore, type PlaygroundDB } from './open';

export function childStoreName(parent: string, globalId: string): string {
  return `${parent}#child-${globalId}`;
}

/** Opens (creating on first use) the store of the child with `globalId`, stamped with that id. */
export async function openChildStore(factory: IDBFactory, parent: string, globalId: string): Promise<PlaygroundDB> {
  const db = await openStore(factory, childStoreName(parent, globalId));
  const meta = await db.get('meta', 'database');
  if (meta && meta.globalId !== globalId) await db.put('meta', { ...meta, globalId }, 'database');
  return db;
}
