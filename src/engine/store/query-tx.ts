// A query's view of the store: one atomic, optimistic transaction.
//
// Reads go to IndexedDB in short read-only transactions and are remembered (what was seen, and
// at which version); writes are buffered in memory and visible to the query's later reads. At the
// end, `commit` opens one read-write transaction, checks that nothing the query read has changed,
// then applies every write, or applies none and throws ContentionError for a retry. No IndexedDB
// transaction is ever open while the evaluator awaits something else (password hashing), which
// would auto-commit it.
import { ContentionError } from '../errors';
import type { Span } from '../api';
import type { Collector } from '../metrics/collector';
import type { PlaygroundDB } from './open';
import type { CollectionRecord, DocRecord } from './records';
import { MISSING_DOC_BYTES, collectionSize } from './sizes';
import { MAX_KEY, allIndexes, compareKeys, entriesFor, entryKey, padId, type EntryRecord } from './index-keys';
import { FqlError } from '../errors';
import { purgeExpired } from './purge';
import { minValidTime, recordVersion, scanAt, versionAt } from './history';
import { formatTime } from '../values/time';
import { Time } from '../values/value';
import { dropCollection } from './drop-collection';

/** Raised at commit when a unique constraint would be broken; nothing is written. */
export class UniqueViolation extends FqlError {
  constructor(
    readonly coll: string,
    readonly constraint: number,
  ) {
    super('constraint_failure', `Failed unique constraint in collection \`${coll}\`.`);
  }
}

const docKey = (coll: string, id: string) => `${coll}/${id}`;

interface InstanceRead {
  coll: string;
  instance: string;
  /** Ids found in storage, sorted and joined: compared again at commit. */
  seen: string;
}

export class QueryTx {
  private readonly docReads = new Map<string, number | null>();
  private readonly docCache = new Map<string, DocRecord | null>();
  private readonly docWrites = new Map<string, DocRecord | null>();
  /** Where each write was made, for the cost breakdown. */
  private readonly writeSpans = new Map<string, Span | undefined>();
  private readonly billed = new Set<string>();
  private readonly collReads = new Map<string, number | null>();
  private readonly collCache = new Map<string, CollectionRecord | null>();
  private readonly collWrites = new Map<string, CollectionRecord>();
  private readonly instanceReads: InstanceRead[] = [];
  /** Collections scanned whole, with the `id@ts` list seen: any change at commit is a conflict. */
  private readonly scanReads = new Map<string, string>();
  /** Index ranges read, with the entries seen. */
  private readonly entryReads = new Map<string, { range: IDBKeyRange; seen: string }>();
  /** Expired documents met in storage (`coll/id` → version): removed at commit (purge.ts). */
  private readonly expired = new Map<string, number>();
  /** Indexes added by this query, to build over existing documents at commit. */
  private readonly builds: Array<{ coll: string; index: string }> = [];

  constructor(
    private readonly db: PlaygroundDB,
    readonly metrics: Collector,
    /** This transaction's time, microseconds: every write carries it. */
    readonly txnTs: number,
    /** The database's global id, embedded in token secrets. */
    readonly globalId: string,
  ) {}

  static async begin(db: PlaygroundDB, metrics: Collector): Promise<QueryTx> {
    const meta = await db.get('meta', 'database');
    if (!meta) throw new Error('database metadata missing');
    const now = Date.now() * 1000;
    return new QueryTx(db, metrics, Math.max(now, meta.lastTs + 1), meta.globalId);
  }

  /**
   * Remembers a record loaded from storage: its version for the commit's staleness check, where
   * an expired record counts as absent (so purging it conflicts with nobody), and for the purge.
   */
  private loaded(key: string, r: DocRecord | null): void {
    this.docReads.set(key, this.visibleTs(r));
    if (r && !this.live(r)) this.expired.set(key, r.ts);
  }

  private visibleTs(r: DocRecord | null | undefined): number | null {
    return this.live(r)?.ts ?? null;
  }

  private live(r: DocRecord | null | undefined): DocRecord | null {
    if (!r) return null;
    return r.ttl !== undefined && r.ttl <= this.txnTs ? null : r;
  }

  /**
   * A document as this transaction sees it, or null. The first read of a document bills a read
   * (a miss too); `unbilled` reads are integrity checks Fauna does not charge for.
   */
  async getDoc(coll: string, id: string, unbilled = false): Promise<DocRecord | null> {
    if (this.readTs !== undefined) return this.docAt(coll, id, await this.pastFor(coll), unbilled);
    const key = docKey(coll, id);
    if (this.docWrites.has(key)) return this.live(this.docWrites.get(key));
    // A collection this query deleted has no stored documents any more (a new one of its name, only its own).
    if (this.collDeletes.has(coll)) return null;
    let rec = this.docCache.get(key);
    if (rec === undefined) {
      rec = (await this.db.get('docs', [coll, id])) ?? null;
      this.docCache.set(key, rec);
      this.loaded(key, rec);
    }
    if (!unbilled) this.bill(key, rec);
    return this.live(rec);
  }

  private bill(key: string, rec: DocRecord | null): void {
    if (this.billed.has(key)) return;
    this.billed.add(key);
    this.metrics.recordRead(rec);
  }

  /** Documents of a native collection whose identity is `instance` (`Coll/id`), id order. */
  async findByInstance(coll: string, instance: string, unbilled = false): Promise<DocRecord[]> {
    const stored = await this.db.getAllFromIndex('docs', 'byInstance', [coll, instance]);
    this.instanceReads.push({ coll, instance, seen: this.liveIds(stored) });
    const byId = new Map<string, DocRecord | null>();
    for (const r of stored) {
      const key = docKey(r.coll, r.id);
      if (!this.docCache.has(key)) {
        this.docCache.set(key, r);
        this.loaded(key, r);
      }
      byId.set(r.id, r);
    }
    for (const [key, w] of this.docWrites) {
      if (!key.startsWith(`${coll}/`)) continue;
      const id = key.slice(coll.length + 1);
      byId.set(id, w && w.instance === instance ? w : null);
    }
    const found = [...byId.values()].map((r) => this.live(r)).filter((r): r is DocRecord => r !== null);
    found.sort(idOrder);
    if (!unbilled) {
      if (found.length === 0) this.metrics.documentRead(MISSING_DOC_BYTES);
      for (const r of found) this.bill(docKey(r.coll, r.id), r);
    }
    return found;
  }

  /**
   * Every live document of a collection, in id order, this query's writes included. Fills the
   * read cache without billing: the caller bills the set pages, and each document is billed when
   * it is read for its fields.
   */
  async scanCollection(coll: string): Promise<DocRecord[]> {
    if (this.readTs !== undefined) return (await scanAt(this.db, coll, await this.pastFor(coll))).sort(idOrder);
    // What this query wipes at commit is neither read nor checked for changes.
    const wiped = this.collDeletes.has(coll);
    const stored = wiped ? [] : await this.db.getAll('docs', IDBKeyRange.bound([coll, ''], [coll, '\uffff']));
    if (!wiped && !this.scanReads.has(coll)) this.scanReads.set(coll, scanSignature(stored.filter((r) => this.live(r))));
    const byId = new Map<string, DocRecord | null>();
    for (const r of stored) {
      const key = docKey(r.coll, r.id);
      if (!this.docCache.has(key)) {
        this.docCache.set(key, r);
        this.loaded(key, r);
      }
      byId.set(r.id, this.docWrites.has(key) ? this.docWrites.get(key)! : r);
    }
    for (const [key, w] of this.docWrites) {
      if (key.startsWith(`${coll}/`)) byId.set(key.slice(coll.length + 1), w);
    }
    const live = [...byId.values()].map((r) => this.live(r)).filter((r): r is DocRecord => r !== null);
    return live.sort(idOrder);
  }

  /**
   * Index entries of `index` whose terms equal `terms`, this query's writes included, in key
   * order (covered values, then id).
   */
  async indexEntries(coll: CollectionRecord, index: string, terms: IDBValidKey[]): Promise<EntryRecord[]> {
    if (this.readTs !== undefined) {
      // Index entries are kept for the present only: the past is derived from the versions.
      const past = (await scanAt(this.db, coll.name, await this.pastFor(coll.name))).flatMap((r) => entriesFor(r, coll));
      return past.filter((e) => e.index === index && compareKeys(e.terms, terms) === 0).sort((a, b) => compareKeys(entryKey(a), entryKey(b)));
    }
    const range = IDBKeyRange.bound([coll.name, index, terms], [coll.name, index, terms, MAX_KEY]);
    const wiped = this.collDeletes.has(coll.name);
    const stored = wiped ? [] : await this.db.getAll('entries', range);
    const sig = `${coll.name}/${index}/${JSON.stringify(terms)}`;
    if (!wiped && !this.entryReads.has(sig)) this.entryReads.set(sig, { range, seen: entrySignature(stored) });
    const written = new Set<string>();
    const mine: EntryRecord[] = [];
    for (const [key, rec] of this.docWrites) {
      if (!key.startsWith(`${coll.name}/`)) continue;
      written.add(padId(key.slice(coll.name.length + 1)));
      const live = this.live(rec);
      if (!live) continue;
      for (const e of entriesFor(live, coll)) {
        if (e.index === index && compareKeys(e.terms, terms) === 0) mine.push(e);
      }
    }
    const all = [...stored.filter((e) => !written.has(e.id)), ...mine];
    return all.sort((a, b) => compareKeys(entryKey(a), entryKey(b)));
  }

  /** Builds `index` over the collection's existing documents when this query commits. */
  buildIndex(coll: string, index: string): void {
    this.builds.push({ coll, index });
  }

  /** Bills the first read of a document already in the cache (a scan loaded it). */
  billRead(coll: string, id: string): void {
    const key = docKey(coll, id);
    const rec = this.docWrites.get(key) ?? this.docCache.get(key) ?? null;
    this.bill(key, rec);
  }

  /**
   * Set while evaluating `at (time) expr` for a time before this transaction: reads see the
   * documents as they were then (the query's own writes are not yet), and writing is refused.
   */
  readTs?: number;

  /** A document as it was at `ts`; billed as a read, never a conflict (the past does not change). */
  private async docAt(coll: string, id: string, ts: number, unbilled: boolean): Promise<DocRecord | null> {
    const rec = await versionAt(this.db, coll, id, ts);
    if (!unbilled) this.metrics.recordRead(rec);
    return rec;
  }

  /** The snapshot time for reading `coll` in the past, refused before what it keeps history for. */
  private async pastFor(coll: string): Promise<number> {
    const ts = this.readTs!;
    const def = await this.getCollection(coll);
    const mvt = def ? minValidTime(this.txnTs, def.historyDays) : -Infinity;
    if (ts < mvt) throw new FqlError('invalid_request', `Requested timestamp ${formatTime(new Time(ts))} less than minimum allowed timestamp ${formatTime(new Time(mvt))}.`);
    return ts;
  }

  private writable(): void {
    if (this.readTs !== undefined) throw new FqlError('invalid_write', 'Cannot write at a snapshot time in the past.', this.metrics.span);
  }

  putDoc(rec: DocRecord): void {
    this.writable();
    this.docWrites.set(docKey(rec.coll, rec.id), rec);
    this.writeSpans.set(docKey(rec.coll, rec.id), this.metrics.span);
  }

  deleteDoc(coll: string, id: string): void {
    this.writable();
    this.docWrites.set(docKey(coll, id), null);
    this.writeSpans.set(docKey(coll, id), this.metrics.span);
  }

  async getCollection(name: string): Promise<CollectionRecord | null> {
    const w = this.collWrites.get(name);
    if (w) return w;
    if (this.collDeletes.has(name)) return null;
    let rec = this.collCache.get(name);
    if (rec === undefined) {
      rec = (await this.db.get('collections', name)) ?? null;
      this.collCache.set(name, rec);
      this.collReads.set(name, rec ? rec.ts : null);
    }
    return rec;
  }

  /** Every collection definition, this query's writes included, by name (v4 `Collections()`). */
  async scanCollections(): Promise<CollectionRecord[]> {
    const byName = new Map<string, CollectionRecord>();
    for (const rec of await this.db.getAll('collections')) {
      if (!this.collCache.has(rec.name)) {
        this.collCache.set(rec.name, rec);
        this.collReads.set(rec.name, rec.ts);
      }
      byName.set(rec.name, rec);
    }
    for (const name of this.collDeletes) byName.delete(name);
    for (const [name, rec] of this.collWrites) byName.set(name, rec);
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  putCollection(rec: CollectionRecord): void {
    this.writable();
    this.collWrites.set(rec.name, rec);
    this.writeSpans.set(`$collection/${rec.name}`, this.metrics.span);
  }

  get hasWrites(): boolean {
    return this.docWrites.size > 0 || this.collWrites.size > 0 || this.collDeletes.size > 0;
  }

  /** Collections deleted by this query: wiped whole, first thing at commit (drop-collection.ts). */
  private readonly collDeletes = new Set<string>();

  /** Deletes a collection with its documents, index entries and history when this query commits. */
  deleteCollection(name: string): void {
    this.writable();
    // Fauna refuses both in one query: the documents' writes would land in a vanished collection.
    for (const key of this.docWrites.keys()) {
      if (splitKey(key)[0] === name) throw new FqlError('invalid_write', 'Cannot modify a document and its collection in the same query.', this.metrics.span);
    }
    this.collWrites.delete(name);
    this.collDeletes.add(name);
  }

  private liveIds(recs: DocRecord[]): string {
    return recs.filter((r) => this.live(r)).map((r) => r.id).sort().join(',');
  }

  /**
   * A query that wrote nothing still removes the expired documents it met, in a transaction of
   * its own (they were invisible already, so nothing any query sees changes).
   */
  async purgeOnly(): Promise<void> {
    if (this.expired.size === 0) return;
    const defs = new Map<string, CollectionRecord>();
    for (const key of this.expired.keys()) {
      const def = await this.getCollection(splitKey(key)[0]);
      if (def) defs.set(def.name, def);
    }
    const tx = this.db.transaction(['docs', 'entries', 'versions'], 'readwrite');
    await purgeExpired(tx.objectStore('docs'), tx.objectStore('entries'), tx.objectStore('versions'), this.expired, () => false, defs, this.txnTs);
    await tx.done;
  }

  /** Applies every buffered write atomically, after checking that no read went stale. */
  async commit(): Promise<void> {
    if (!this.hasWrites) return this.purgeOnly();
    // Definitions of every written (or purged) collection, read before the transaction opens.
    const defs = new Map<string, CollectionRecord>();
    for (const key of [...this.docWrites.keys(), ...this.expired.keys()]) {
      const [coll] = splitKey(key);
      const def = await this.getCollection(coll);
      if (def) defs.set(coll, def);
    }
    for (const b of this.builds) {
      const def = await this.getCollection(b.coll);
      if (def) defs.set(b.coll, def);
    }
    const tx = this.db.transaction(['docs', 'collections', 'meta', 'entries', 'versions'], 'readwrite');
    const docs = tx.objectStore('docs');
    const colls = tx.objectStore('collections');
    const meta = tx.objectStore('meta');
    const entries = tx.objectStore('entries');
    const stale = await Promise.all([
      ...[...this.docReads].map(async ([key, ts]) => {
        const [coll, id] = splitKey(key);
        return this.visibleTs(await docs.get([coll, id])) !== ts;
      }),
      ...[...this.collReads].map(async ([name, ts]) => ((await colls.get(name))?.ts ?? null) !== ts),
      ...[...this.scanReads].map(async ([coll, seen]) => {
        const now = await docs.getAll(IDBKeyRange.bound([coll, ''], [coll, '\uffff']));
        return scanSignature(now.filter((r) => this.live(r))) !== seen;
      }),
      ...this.instanceReads.map(async (r) => {
        return this.liveIds(await docs.index('byInstance').getAll([r.coll, r.instance])) !== r.seen;
      }),
      ...[...this.entryReads.values()].map(async (r) => entrySignature(await entries.getAll(r.range)) !== r.seen),
    ]);
    if (stale.some(Boolean)) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new ContentionError();
    }
    for (const name of this.collDeletes) await dropCollection(tx, name);
    // New indexes first, over what is stored; the document writes below then keep them in step.
    for (const b of this.builds) {
      const def = defs.get(b.coll)!;
      for (const rec of await docs.getAll(IDBKeyRange.bound([b.coll, ''], [b.coll, '\uffff']))) {
        for (const e of entriesFor(rec, def)) if (e.index === b.index) await entries.put(e);
      }
    }
    const writes: Promise<unknown>[] = [];
    const added: EntryRecord[] = [];
    for (const [key, rec] of this.docWrites) {
      const [coll, id] = splitKey(key);
      const def = defs.get(coll);
      if (def && allIndexes(def).length > 0) {
        const old = await docs.get([coll, id]);
        if (old) for (const e of entriesFor(old, def)) await entries.delete(entryKey(e));
        if (rec) for (const e of entriesFor(rec, def)) added.push(e);
      }
      await recordVersion(tx.objectStore('versions'), docs, coll, id, rec, this.txnTs, def ? minValidTime(this.txnTs, def.historyDays) : undefined);
      if (rec) {
        writes.push(docs.put(rec));
      } else {
        writes.push(docs.delete([coll, id]));
      }
      this.metrics.recordWrite(rec, this.docCache.get(key), this.writeSpans.get(key));
    }
    for (const e of added) await entries.put(e);
    // Unique constraints: after this transaction's writes, each unique term tuple names one document.
    for (const e of added) {
      const m = /^\$unique(\d+)$/.exec(e.index);
      if (!m) continue;
      const same = await entries.getAllKeys(IDBKeyRange.bound([e.coll, e.index, e.terms], [e.coll, e.index, e.terms, MAX_KEY]));
      if (same.length > 1) {
        this.metrics.undoWrites();
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new UniqueViolation(e.coll, Number(m[1]));
      }
    }
    for (const rec of this.collWrites.values()) {
      writes.push(colls.put(rec));
      this.metrics.documentWrite(collectionSize(rec), this.writeSpans.get(`$collection/${rec.name}`));
    }
    await purgeExpired(docs, entries, tx.objectStore('versions'), this.expired, (key) => this.docWrites.has(key), defs, this.txnTs);
    // Only the read set decides conflicts (serializable); commits of unrelated writes interleave.
    const m = await meta.get('database');
    writes.push(meta.put({ ...m!, lastTs: Math.max(m!.lastTs, this.txnTs) }, 'database'));
    await Promise.all(writes);
    await tx.done;
  }
}

/** Numeric ids in numeric order; named documents (roles, functions) by name. */
function idOrder(a: DocRecord, b: DocRecord): number {
  if (/^\d+$/.test(a.id) && /^\d+$/.test(b.id)) return BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function entrySignature(recs: EntryRecord[]): string {
  return recs.map((e) => JSON.stringify(entryKey(e))).join(',');
}

function scanSignature(recs: DocRecord[]): string {
  return recs.map((r) => `${r.id}@${r.ts}`).join(',');
}

function splitKey(key: string): [string, string] {
  const i = key.lastIndexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
