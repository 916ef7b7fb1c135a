// The one message union spoken between the UI and the engine worker. Every request carries a
// numeric id and names the database it is for (its IndexedDB name); the worker answers each
// request exactly once with a reply carrying the same id. The worker also sends one notice, with
// no id, telling where databases are stored.
import type { DatabaseOverview } from '../engine/api';

/**
 * The admin key secret of every database in the page (the secret Fauna's docker image uses too).
 * It never leaves the page: the in-page protocol has no network side.
 */
export const PAGE_ADMIN_SECRET = 'secret';

/** An HTTP request for Fauna's protocol, as plain data (a `Request` cannot be posted). */
export interface WireRequest {
  method: string;
  /** Path and query, e.g. `/query/1`; the worker resolves it against a local origin. */
  path: string;
  headers: Array<[string, string]>;
  body?: string;
}

/** The protocol's answer, as plain data. */
export interface WireResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

/** Where the worker keeps databases: the browser's IndexedDB, or memory when that is blocked. */
export type StorageMode = 'indexeddb' | 'memory';

export type WorkerMessage =
  /** UI or page code → worker: one request of Fauna's HTTP protocol (queries run only this way). */
  | { type: 'http'; id: number; db: string; request: WireRequest }
  /** UI → worker: empty the database. */
  | { type: 'reset'; id: number; db: string }
  /** UI → worker: the database as an export file (plain JSON; hashes only, never a secret). */
  | { type: 'export'; id: number; db: string }
  /** UI → worker: replace the database's contents with an export file (validated first). */
  | { type: 'import'; id: number; db: string; file: unknown }
  /** UI → worker: what the explorer shows. */
  | { type: 'overview'; id: number; db: string }
  /** UI → worker: close and delete the database. */
  | { type: 'drop'; id: number; db: string }
  /** worker → UI: the protocol's response (a Fauna error is still a response). */
  | { type: 'response'; id: number; response: WireResponse }
  /** worker → UI: a reset, import or drop is done. */
  | { type: 'done'; id: number }
  /** worker → UI: the export file. */
  | { type: 'exported'; id: number; file: unknown }
  /** worker → UI: the database overview. */
  | { type: 'overview-data'; id: number; overview: DatabaseOverview }
  /** worker → UI: the request could not be served (engine failed to open, bad import file…). */
  | { type: 'failure'; id: number; message: string }
  /** worker → UI, unasked, once: where databases live (memory when IndexedDB is unavailable). */
  | { type: 'storage'; mode: StorageMode; reason?: string };

export type WorkerRequest = Extract<WorkerMessage, { type: 'http' | 'reset' | 'export' | 'import' | 'overview' | 'drop' }>;
export type WorkerNotice = Extract<WorkerMessage, { type: 'storage' }>;
export type WorkerReply = Exclude<WorkerMessage, WorkerRequest | WorkerNotice>;

const REQUEST_TYPES = new Set(['http', 'reset', 'export', 'import', 'overview', 'drop']);
const REPLY_TYPES = new Set(['response', 'done', 'exported', 'overview-data', 'failure']);

export function isWorkerReply(value: unknown): value is WorkerReply {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { type?: unknown; id?: unknown };
  return typeof m.id === 'number' && typeof m.type === 'string' && REPLY_TYPES.has(m.type);
}

export function isWorkerNotice(value: unknown): value is WorkerNotice {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { type?: unknown; mode?: unknown };
  return m.type === 'storage' && (m.mode === 'indexeddb' || m.mode === 'memory');
}

export function isWorkerRequest(value: unknown): value is WorkerRequest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { type?: unknown; id?: unknown; db?: unknown };
  return typeof m.id === 'number' && typeof m.type === 'string' && REQUEST_TYPES.has(m.type) && typeof m.db === 'string';
}

/** A readable message for anything thrown. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
