// Export and import of a whole playground database as one JSON file. Credentials and tokens
// travel with their hashes only, so an export never reveals a secret. Import validates every
// record before it touches the store, then replaces the contents in one transaction: a bad file
// changes nothing.
import type { DatabaseOverview } from '../api';
import type { Stored } from './codec';
import type { PlaygroundDB } from './open';
import { entriesFor } from './index-keys';
import { CREDENTIAL, FUNCTION, KEY, ROLE, TOKEN, type CollectionRecord, type DocRecord, type IndexDef } from './records';

export const EXPORT_FORMAT = 'fql-playground-export';
export const EXPORT_VERSION = 1;

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: number;
  globalId: string;
  lastTs: number;
  collections: CollectionRecord[];
  /** Records with Longs written as `{"$long": "…"}` so the file is plain JSON. */
  docs: unknown[];
  /** Child databases' files, by global id (store/child-export.ts). */
  children?: Record<string, ExportFile>;
}

const toJsonSafe = (s: unknown): unknown =>
  typeof s === 'bigint'
    ? { $long: s.toString() }
    : Array.isArray(s)
      ? s.map(toJsonSafe)
      : s && typeof s === 'object'
        ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, toJsonSafe(v)]))
        : s;

export async function exportDatabase(db: PlaygroundDB): Promise<ExportFile> {
  const tx = db.transaction(['docs', 'collections', 'meta'], 'readonly');
  const [docs, collections, meta] = await Promise.all([
    tx.objectStore('docs').getAll(),
    tx.objectStore('collections').getAll(),
    tx.objectStore('meta').get('database'),
  ]);
  await tx.done;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    globalId: meta!.globalId,
    lastTs: meta!.lastTs,
    collections,
    docs: docs.map(toJsonSafe),
  };
}

class ImportError extends Error {
  constructor(message: string) {
    super(`Invalid export file: ${message}`);
    this.name = 'ImportError';
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
const isId = (x: unknown): x is string => typeof x === 'string' && /^\d{1,19}$/.test(x);
const isTs = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

function storedFrom(x: unknown, where: string, depth = 0): Stored {
  if (depth > 64) throw new ImportError(`${where}: nested too deeply`);
  if (x === null || typeof x === 'boolean' || typeof x === 'string') return x;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new ImportError(`${where}: not a finite number`);
    return x;
  }
  if (Array.isArray(x)) return x.map((v) => storedFrom(v, where, depth + 1));
  if (!isObj(x)) throw new ImportError(`${where}: unsupported value`);
  const keys = Object.keys(x);
  const only = (k: string) => keys.length === 1 && keys[0] === k;
  if (only('$long') && typeof x.$long === 'string' && /^-?\d+$/.test(x.$long)) return BigInt(x.$long);
  if (only('d') && typeof x.d === 'number') return { d: x.d };
  if (only('t') && isTs(x.t)) return { t: x.t };
  if (only('date') && typeof x.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x.date)) return { date: x.date };
  if (only('bytes') && typeof x.bytes === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(x.bytes)) return { bytes: x.bytes };
  if (only('ref') && Array.isArray(x.ref) && x.ref.length === 2 && typeof x.ref[0] === 'string' && isId(x.ref[1])) {
    return { ref: [x.ref[0], x.ref[1]] };
  }
  if (only('o') && Array.isArray(x.o)) {
    return {
      o: x.o.map((e) => {
        if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string') throw new ImportError(`${where}: bad object entry`);
        return [e[0], storedFrom(e[1], where, depth + 1)] as [string, Stored];
      }),
    };
  }
  throw new ImportError(`${where}: unsupported value`);
}

const isPath = (p: unknown): p is string[] => Array.isArray(p) && p.length > 0 && p.every((x) => typeof x === 'string');

function indexesFrom(x: unknown, i: number): Record<string, IndexDef> {
  if (!isObj(x)) throw new ImportError(`collections[${i}].indexes is malformed`);
  const out: Record<string, IndexDef> = {};
  for (const [name, d] of Object.entries(x)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || !isObj(d) || !Array.isArray(d.terms) || !Array.isArray(d.values)) {
      throw new ImportError(`collections[${i}].indexes.${name} is malformed`);
    }
    if (!d.terms.every(isPath)) throw new ImportError(`collections[${i}].indexes.${name}.terms is malformed`);
    const values = d.values.map((v) => {
      if (!isObj(v) || !isPath(v.path) || typeof v.desc !== 'boolean') throw new ImportError(`collections[${i}].indexes.${name}.values is malformed`);
      return { path: v.path, desc: v.desc };
    });
    out[name] = { terms: d.terms, values };
  }
  return out;
}

function constraintsFrom(x: unknown, i: number): Array<{ unique: string[][] }> {
  if (!Array.isArray(x)) throw new ImportError(`collections[${i}].constraints is malformed`);
  return x.map((c) => {
    if (!isObj(c) || !Array.isArray(c.unique) || !c.unique.every(isPath)) throw new ImportError(`collections[${i}].constraints is malformed`);
    return { unique: c.unique };
  });
}

function docFrom(x: unknown, i: number, collections: Set<string>): DocRecord {
  const where = `docs[${i}]`;
  if (!isObj(x)) throw new ImportError(`${where} is not an object`);
  const { coll, id, ts, data, ttl, instance, hashedSecret, hashedPassword } = x;
  if (typeof coll !== 'string' || !([TOKEN, CREDENTIAL, FUNCTION, KEY, ROLE, 'Database'].includes(coll) || collections.has(coll))) {
    throw new ImportError(`${where}: unknown collection ${JSON.stringify(coll)}`);
  }
  const named = (coll === FUNCTION || coll === ROLE || coll === 'Database') && typeof id === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(id);
  if (!isId(id) && !named) throw new ImportError(`${where}: bad id`);
  if (!isTs(ts)) throw new ImportError(`${where}: bad ts`);
  const rec: DocRecord = { coll, id, ts, data: storedFrom(data, where) };
  if (ttl !== undefined) {
    if (!isTs(ttl)) throw new ImportError(`${where}: bad ttl`);
    rec.ttl = ttl;
  }
  if (coll === TOKEN || coll === CREDENTIAL) {
    if (typeof instance !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*\/\d{1,19}$/.test(instance)) {
      throw new ImportError(`${where}: bad identity`);
    }
    rec.instance = instance;
  }
  if (coll === TOKEN || coll === KEY) {
    if (typeof hashedSecret !== 'string' || !/^[0-9a-f]{64}$/.test(hashedSecret)) throw new ImportError(`${where}: bad token hash`);
    rec.hashedSecret = hashedSecret;
  }
  if (coll === CREDENTIAL && hashedPassword !== undefined) {
    if (typeof hashedPassword !== 'string' || !hashedPassword.startsWith('$argon2id$')) {
      throw new ImportError(`${where}: bad password hash`);
    }
    rec.hashedPassword = hashedPassword;
  }
  return rec;
}

/** An export file checked record by record, ready to write (see importDatabase). */
export interface CheckedImport {
  collections: CollectionRecord[];
  docs: DocRecord[];
  entries: ReturnType<typeof entriesFor>;
  lastTs: number;
}

export async function importDatabase(db: PlaygroundDB, file: unknown): Promise<void> {
  await writeImport(db, checkImport(file));
}

/** Validates a whole export file; throws ImportError at the first bad record, having written nothing. */
export function checkImport(file: unknown): CheckedImport {
  if (!isObj(file) || file.format !== EXPORT_FORMAT) throw new ImportError('not an FQL Playground export');
  if (file.version !== EXPORT_VERSION) throw new ImportError(`unsupported version ${String(file.version)}`);
  if (!isId(file.globalId) || !isTs(file.lastTs)) throw new ImportError('bad database header');
  if (!Array.isArray(file.collections) || !Array.isArray(file.docs)) throw new ImportError('missing collections or docs');
  const collections: CollectionRecord[] = file.collections.map((c, i) => {
    if (!isObj(c) || typeof c.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name) || !isTs(c.ts)) {
      throw new ImportError(`collections[${i}] is malformed`);
    }
    const historyDays = typeof c.historyDays === 'number' ? c.historyDays : 0;
    const ttlDays = typeof c.ttlDays === 'number' ? c.ttlDays : null;
    const rec: CollectionRecord = { name: c.name, ts: c.ts, historyDays, ttlDays };
    if (c.indexes !== undefined) rec.indexes = indexesFrom(c.indexes, i);
    if (c.constraints !== undefined) rec.constraints = constraintsFrom(c.constraints, i);
    return rec;
  });
  const names = new Set(collections.map((c) => c.name));
  const docs = file.docs.map((d, i) => docFrom(d, i, names));
  const seen = new Set<string>();
  for (const d of docs) {
    const key = `${d.coll}/${d.id}`;
    if (seen.has(key)) throw new ImportError(`duplicate document ${key}`);
    seen.add(key);
  }
  const byName = new Map(collections.map((c) => [c.name, c]));
  const entries = docs.flatMap((d) => (byName.has(d.coll) ? entriesFor(d, byName.get(d.coll)!) : []));
  return { collections, docs, entries, lastTs: file.lastTs };
}

/** Replaces a store's contents with a checked import, in one transaction. */
export async function writeImport(db: PlaygroundDB, file: CheckedImport): Promise<void> {
  const { collections, docs, entries } = file;
  const tx = db.transaction(['docs', 'collections', 'meta', 'entries', 'versions'], 'readwrite');
  const meta = await tx.objectStore('meta').get('database');
  // An imported database starts without history: `at` sees each document from its imported version on.
  await Promise.all(['docs', 'collections', 'entries', 'versions'].map((s) => tx.objectStore(s as 'docs').clear()));
  await Promise.all([
    ...collections.map((c) => tx.objectStore('collections').put(c)),
    ...docs.map((d) => tx.objectStore('docs').put(d)),
    // Index entries are derived data: rebuilt here rather than trusted from the file.
    ...entries.map((e) => tx.objectStore('entries').put(e)),
    // Keep this database's own global id (its live secrets embed it); never move time backwards.
    tx.objectStore('meta').put({ globalId: meta!.globalId, lastTs: Math.max(meta!.lastTs, file.lastTs) }, 'database'),
  ]);
  await tx.done;
}

export async function overview(db: PlaygroundDB): Promise<DatabaseOverview> {
  const tx = db.transaction(['docs', 'collections'], 'readonly');
  const [collections, docs] = await Promise.all([tx.objectStore('collections').getAll(), tx.objectStore('docs').getAll()]);
  await tx.done;
  const now = Date.now() * 1000;
  const live = docs.filter((d) => d.ttl === undefined || d.ttl > now);
  const iso = (us: number) => new Date(Math.floor(us / 1000)).toISOString();
  const named = (coll: string) => live.filter((d) => d.coll === coll).map((d) => d.id).sort();
  const roleOf = (d: DocRecord) => {
    const v = d.data && typeof d.data === 'object' && 'o' in d.data ? d.data.o.find(([k]) => k === 'role')?.[1] : undefined;
    return typeof v === 'string' ? v : 'admin';
  };
  return {
    collections: collections.map((c) => {
      const mine = live.filter((d) => d.coll === c.name);
      return {
        name: c.name,
        ts: iso(c.ts),
        documents: mine.length,
        firstIds: mine.slice(0, 100).map((d) => d.id),
        indexes: Object.keys(c.indexes ?? {}),
      };
    }),
    keys: live.filter((d) => d.coll === KEY).map((d) => ({ id: d.id, role: roleOf(d), ...(d.ttl !== undefined ? { ttl: iso(d.ttl) } : {}) })),
    roles: named(ROLE),
    functions: named(FUNCTION),
    databases: named('Database'),
    credentials: live.filter((d) => d.coll === CREDENTIAL).map((d) => ({ id: d.id, document: d.instance! })),
    tokens: live
      .filter((d) => d.coll === TOKEN)
      .map((d) => ({ id: d.id, document: d.instance!, ...(d.ttl !== undefined ? { ttl: iso(d.ttl) } : {}) })),
  };
}
