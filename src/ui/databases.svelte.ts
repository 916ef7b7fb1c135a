// The databases kept in this browser: each is its own IndexedDB database. The list (names only)
// is remembered in localStorage; a scratch database (opened by a shared link or an embed) is
// never remembered unless the user keeps it.
import { readJson, writeJson } from './storage';

export interface DbInfo {
  id: string;
  name: string;
  /** The IndexedDB database's name. */
  idb: string;
  /** Opened for a shared link or an embed: throw-away, never listed after a reload. */
  scratch?: boolean;
}

/** The database every playground starts with (its IndexedDB name predates multiple databases). */
export const DEFAULT_DB: DbInfo = { id: 'default', name: 'Default', idb: 'fql-playground' };

export const SCRATCH_PREFIX = 'fql-playground-scratch-';

const KEY = 'databases';

interface Saved {
  list: DbInfo[];
  current: string;
}

function accept(value: unknown): Saved | null {
  if (typeof value !== 'object' || value === null) return null;
  const { list, current } = value as { list?: unknown; current?: unknown };
  if (!Array.isArray(list) || typeof current !== 'string') return null;
  const dbs = list.filter(
    (d): d is DbInfo =>
      typeof d === 'object' &&
      d !== null &&
      typeof d.id === 'string' &&
      typeof d.name === 'string' &&
      typeof d.idb === 'string' &&
      d.idb.startsWith('fql-playground'),
  );
  if (dbs.length === 0) return null;
  return { list: dbs.map(({ id, name, idb }) => ({ id, name, idb })), current };
}

export function randomId(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class Databases {
  list = $state<DbInfo[]>([{ ...DEFAULT_DB }]);
  currentId = $state(DEFAULT_DB.id);
  readonly #persist: boolean;

  constructor(persist: boolean) {
    this.#persist = persist;
    if (persist) {
      const saved = readJson(KEY, accept, null);
      if (saved) {
        this.list = saved.list;
        this.currentId = saved.list.some((d) => d.id === saved.current) ? saved.current : saved.list[0]!.id;
      }
    }
  }

  get current(): DbInfo {
    return this.list.find((d) => d.id === this.currentId) ?? this.list[0]!;
  }

  get scratch(): DbInfo | undefined {
    return this.list.find((d) => d.scratch);
  }

  /** A unique, tidy name: trimmed, at most 60 characters, numbered if taken. */
  uniqueName(wanted: string, except?: string): string {
    const base = wanted.trim().replace(/\s+/g, ' ').slice(0, 60) || 'Database';
    const taken = new Set(this.list.filter((d) => d.id !== except).map((d) => d.name.toLowerCase()));
    if (!taken.has(base.toLowerCase())) return base;
    for (let n = 2; ; n++) {
      const name = `${base} ${n}`;
      if (!taken.has(name.toLowerCase())) return name;
    }
  }

  create(name: string): DbInfo {
    const id = randomId();
    const db: DbInfo = { id, name: this.uniqueName(name), idb: `fql-playground-db-${id}` };
    this.list.push(db);
    this.save();
    return db;
  }

  select(id: string): void {
    if (!this.list.some((d) => d.id === id)) return;
    this.currentId = id;
    this.save();
  }

  rename(id: string, name: string): void {
    const db = this.list.find((d) => d.id === id);
    if (!db) return;
    db.name = this.uniqueName(name, id);
    this.save();
  }

  /** Forgets a database (the caller deletes its IndexedDB); the list never becomes empty. */
  remove(id: string): void {
    this.list = this.list.filter((d) => d.id !== id);
    if (!this.list.some((d) => !d.scratch)) this.list.unshift({ ...DEFAULT_DB });
    if (!this.list.some((d) => d.id === this.currentId)) this.currentId = this.list.find((d) => !d.scratch)?.id ?? this.list[0]!.id;
    this.save();
  }

  /** Adds a fresh scratch database and makes it current (the previous scratch is returned). */
  openScratch(name = 'Scratch (shared link)'): { db: DbInfo; previous: DbInfo | undefined } {
    const previous = this.scratch;
    if (previous) this.list = this.list.filter((d) => d !== previous);
    const id = randomId();
    const db: DbInfo = { id, name, idb: `${SCRATCH_PREFIX}${Date.now()}-${id}`, scratch: true };
    this.list.push(db);
    this.currentId = id;
    return { db, previous };
  }

  /** Turns the scratch database into a kept one. */
  keep(id: string, name: string): void {
    const db = this.list.find((d) => d.id === id);
    if (!db) return;
    delete db.scratch;
    db.name = this.uniqueName(name, id);
    this.save();
  }

  save(): void {
    if (!this.#persist) return;
    const kept = this.list.filter((d) => !d.scratch).map(({ id, name, idb }) => ({ id, name, idb }));
    const current = this.current.scratch ? (kept[0]?.id ?? DEFAULT_DB.id) : this.currentId;
    // The previously current kept database stays current across a reload while a scratch is open.
    const saved = readJson(KEY, accept, null);
    writeJson(KEY, { list: kept, current: this.current.scratch ? (saved?.current ?? current) : current });
  }
}
