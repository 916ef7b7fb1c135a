// Document history, for `at (time) expr`. Every committed write of a document also lands in the
// `versions` store under [coll, id, ts] (a deletion as a tombstone), in the same IndexedDB
// transaction as the write itself, so history and current state never disagree. Documents
// written before the store existed have no rows: their current version stands for their past
// back to its own ts, and the first later write records it before replacing it.
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { PlaygroundDB } from './open';
import type { DocRecord, PlaygroundSchema, VersionRecord } from './records';

type Store<N extends 'docs' | 'versions'> = IDBPObjectStore<PlaygroundSchema, ArrayLike<StoreNames<PlaygroundSchema>>, N, 'readwrite'>;
type VersionsStore = Store<'versions'>;
type DocsStore = Store<'docs'>;

const liveAt = (r: DocRecord | null | undefined, ts: number): DocRecord | null =>
  r && r.ts <= ts && !(r.ttl !== undefined && r.ttl <= ts) ? r : null;

/** Fauna keeps 15 minutes of history beyond a collection's `history_days` (Collection.MVTOffset). */
const MVT_OFFSET_MICROS = 15 * 60 * 1_000_000;
const DAY_MICROS = 86_400 * 1_000_000;

/** The earliest time a collection can be read at: older reads are refused, as in Fauna. */
export function minValidTime(txnTs: number, historyDays: number): number {
  return Math.max(0, txnTs - historyDays * DAY_MICROS - MVT_OFFSET_MICROS);
}

/** The version of a document that was current at `ts`, or null if it did not exist then. */
export async function versionAt(db: PlaygroundDB, coll: string, id: string, ts: number): Promise<DocRecord | null> {
  const tx = db.transaction(['versions', 'docs'], 'readonly');
  const cursor = await tx.objectStore('versions').openCursor(IDBKeyRange.bound([coll, id, -Infinity], [coll, id, ts]), 'prev');
  if (cursor) return liveAt(cursor.value.rec, ts);
  const hasLater = (await tx.objectStore('versions').count(IDBKeyRange.bound([coll, id, -Infinity], [coll, id, Infinity]))) > 0;
  // With history rows all after `ts`, the document did not exist yet; without any, only its current version is known.
  return hasLater ? null : liveAt(await tx.objectStore('docs').get([coll, id]), ts);
}

/** Every document of a collection as it was at `ts`. */
export async function scanAt(db: PlaygroundDB, coll: string, ts: number): Promise<DocRecord[]> {
  const tx = db.transaction(['versions', 'docs'], 'readonly');
  const rows = await tx.objectStore('versions').getAll(IDBKeyRange.bound([coll, '', -Infinity], [coll, '\uffff', Infinity]));
  const current = await tx.objectStore('docs').getAll(IDBKeyRange.bound([coll, ''], [coll, '\uffff']));
  const byId = new Map<string, DocRecord | null>();
  const withHistory = new Set<string>();
  for (const row of rows) {
    withHistory.add(row.id);
    if (row.ts <= ts) byId.set(row.id, row.rec); // rows come in ts order per id
  }
  for (const r of current) if (!withHistory.has(r.id)) byId.set(r.id, r);
  return [...byId.values()].map((r) => liveAt(r, ts)).filter((r): r is DocRecord => r !== null);
}

/** Records a committed write (a record, or null for a deletion) as a version, in the commit's transaction. */
export async function recordVersion(
  versions: VersionsStore,
  docs: DocsStore,
  coll: string,
  id: string,
  rec: DocRecord | null,
  txnTs: number,
  /** Versions wholly before this time can no longer be read (minValidTime): they are dropped. */
  mvt = -Infinity,
): Promise<void> {
  const old = await docs.get([coll, id]);
  // A document older than the history store: keep the version this write replaces.
  if (old && (await versions.count(IDBKeyRange.bound([coll, id, -Infinity], [coll, id, Infinity]))) === 0) {
    await versions.put({ coll, id, ts: old.ts, rec: old });
  }
  await versions.put({ coll, id, ts: txnTs, rec });
  // The last version at or before the MVT still answers reads at the MVT; older ones never will.
  const keys = await versions.getAllKeys(IDBKeyRange.bound([coll, id, -Infinity], [coll, id, mvt]));
  for (const key of keys.slice(0, -1)) await versions.delete(key);
}

/** Forgets the history of every document of a collection (the collection was deleted). */
export async function dropHistory(versions: VersionsStore, coll: string): Promise<void> {
  await versions.delete(IDBKeyRange.bound([coll, '', -Infinity], [coll, '\uffff', Infinity]));
}

export type { VersionRecord };
