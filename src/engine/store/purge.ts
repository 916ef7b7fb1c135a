// Lazy removal of expired documents. A document past its `ttl` is already invisible to every
// read (QueryTx.live); this takes it out of the store for good, with its index entries, the next
// time a query commits after meeting it. It runs inside the commit's own read-write transaction
// (or, for a query that wrote nothing, a transaction of its own), so a purge is atomic with
// whatever else commits; it bills nothing, since Fauna's ttl collection is not a query's work.
import type { IDBPObjectStore, StoreNames } from 'idb';
import { entriesFor, entryKey } from './index-keys';
import type { CollectionRecord, PlaygroundSchema } from './records';

type Store<N extends 'docs' | 'entries' | 'versions'> = IDBPObjectStore<PlaygroundSchema, ArrayLike<StoreNames<PlaygroundSchema>>, N, 'readwrite'>;

/**
 * Deletes each `expired` document (key `coll/id` → the version seen) that is still that version
 * and still expired at `txnTs`: a document rewritten meanwhile is left alone. `skip` holds the
 * keys this commit writes itself. Returns how many were removed.
 */
export async function purgeExpired(
  docs: Store<'docs'>,
  entries: Store<'entries'>,
  versions: Store<'versions'>,
  expired: Map<string, number>,
  skip: (key: string) => boolean,
  defs: Map<string, CollectionRecord>,
  txnTs: number,
): Promise<number> {
  let removed = 0;
  for (const [key, ts] of expired) {
    if (skip(key)) continue;
    const slash = key.lastIndexOf('/');
    const [coll, id] = [key.slice(0, slash), key.slice(slash + 1)];
    const cur = await docs.get([coll, id]);
    if (!cur || cur.ts !== ts || cur.ttl === undefined || cur.ttl > txnTs) continue;
    const def = defs.get(coll);
    if (def) for (const e of entriesFor(cur, def)) await entries.delete(entryKey(e));
    // `at` reads the past from the versions: a document older than them leaves its last one there.
    if ((await versions.count(IDBKeyRange.bound([coll, id, -Infinity], [coll, id, Infinity]))) === 0) {
      await versions.put({ coll, id, ts: cur.ts, rec: cur });
    }
    await docs.delete([coll, id]);
    removed++;
  }
  return removed;
}
