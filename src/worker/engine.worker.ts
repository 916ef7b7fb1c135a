// The Web Worker hosting the engine. It keeps one open engine per database (by IndexedDB name)
// and serves the page's requests one at a time, in arrival order. Queries arrive only as requests
// of Fauna's HTTP protocol, answered by the same handler the Node server uses: the page's own UI
// and drivers running in the page take one path.
//
// Storage: the browser's IndexedDB when it can be opened; otherwise (a third-party iframe with
// storage blocked, some private windows) an in-memory IndexedDB from fake-indexeddb, loaded only
// then. The UI is told which, once, and shows a notice for memory.
import { openEngine } from '../engine/engine';
import type { Engine } from '../engine/engine';
import { createWireHandler, type WireHandler } from '../engine/wire/handler';
import { describeError, isWorkerRequest, PAGE_ADMIN_SECRET } from './protocol';
import { callHandler } from './wire-call';
import type { StorageMode, WireRequest, WireResponse, WorkerMessage, WorkerReply, WorkerRequest } from './protocol';

interface WorkerScope {
  indexedDB?: IDBFactory;
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

const scope = self as unknown as WorkerScope;

/** How long opening IndexedDB may take before the worker gives up on it. */
const PROBE_TIMEOUT_MS = 5000;

interface Storage {
  mode: StorageMode;
  factory: IDBFactory;
}

let storage: Promise<Storage> | undefined;

function getStorage(): Promise<Storage> {
  storage ??= probe().then(async (failure) => {
    if (failure === null) {
      scope.postMessage({ type: 'storage', mode: 'indexeddb' });
      return { mode: 'indexeddb' as const, factory: scope.indexedDB! };
    }
    const factory = await installMemoryIndexedDB();
    scope.postMessage({ type: 'storage', mode: 'memory', reason: failure });
    return { mode: 'memory' as const, factory };
  });
  return storage;
}

/** Opens (and closes) a probe database: null when IndexedDB works, else why not. */
function probe(): Promise<string | null> {
  const factory = scope.indexedDB;
  if (!factory) return Promise.resolve('this browser context has no IndexedDB');
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('IndexedDB did not answer'), PROBE_TIMEOUT_MS);
    const done = (why: string | null): void => {
      clearTimeout(timer);
      resolve(why);
    };
    try {
      const request = factory.open('fql-playground-probe', 1);
      request.onsuccess = () => {
        request.result.close();
        done(null);
      };
      request.onerror = () => done(`IndexedDB is blocked (${request.error?.message || request.error?.name || 'open failed'})`);
      request.onblocked = () => done('IndexedDB is blocked by another tab');
    } catch (err) {
      done(`IndexedDB is blocked (${describeError(err)})`);
    }
  });
}

/**
 * Loads fake-indexeddb (a complete IndexedDB kept in memory) and makes its classes this worker's
 * IDB* globals, as its `auto` entry does: idb, under the engine's store, recognises requests and
 * cursors by `instanceof` those globals. Returns a fresh factory.
 */
async function installMemoryIndexedDB(): Promise<IDBFactory> {
  const fake = await import('fake-indexeddb');
  const factory = new fake.IDBFactory();
  const globals: Record<string, unknown> = {
    indexedDB: factory,
    IDBCursor: fake.IDBCursor,
    IDBCursorWithValue: fake.IDBCursorWithValue,
    IDBDatabase: fake.IDBDatabase,
    IDBFactory: fake.IDBFactory,
    IDBIndex: fake.IDBIndex,
    IDBKeyRange: fake.IDBKeyRange,
    IDBObjectStore: fake.IDBObjectStore,
    IDBOpenDBRequest: fake.IDBOpenDBRequest,
    IDBRequest: fake.IDBRequest,
    IDBTransaction: fake.IDBTransaction,
    IDBVersionChangeEvent: fake.IDBVersionChangeEvent,
  };
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true, enumerable: false });
  }
  return factory as unknown as IDBFactory;
}

const engines = new Map<string, Promise<Engine>>();
const handlers = new Map<string, Promise<WireHandler>>();

function getHandler(name: string): Promise<WireHandler> {
  let handler = handlers.get(name);
  if (!handler) {
    handler = getEngine(name).then((engine) => createWireHandler({ engine, adminSecret: PAGE_ADMIN_SECRET }));
    handler.catch(() => handlers.delete(name));
    handlers.set(name, handler);
  }
  return handler;
}

async function answer(name: string, wire: WireRequest): Promise<WireResponse> {
  return callHandler(await getHandler(name), wire);
}

function getEngine(name: string): Promise<Engine> {
  let engine = engines.get(name);
  if (!engine) {
    // Opened on first use and kept; a failed open is retried on the next request.
    engine = getStorage().then((s) => openEngine({ indexedDB: s.factory, name }));
    engine.catch(() => engines.delete(name));
    engines.set(name, engine);
  }
  return engine;
}

async function drop(name: string): Promise<void> {
  const open = engines.get(name);
  engines.delete(name);
  handlers.delete(name);
  if (open) (await open.catch(() => null))?.close();
  const { factory } = await getStorage();
  await new Promise<void>((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('could not delete the database'));
    // Another tab still has it open: it is deleted once that tab lets go.
    request.onblocked = () => resolve();
  });
}

async function serve(msg: WorkerRequest): Promise<WorkerReply> {
  try {
    switch (msg.type) {
      case 'http':
        return { type: 'response', id: msg.id, response: await answer(msg.db, msg.request) };
      case 'reset':
        await (await getEngine(msg.db)).reset();
        return { type: 'done', id: msg.id };
      case 'export':
        return { type: 'exported', id: msg.id, file: await (await getEngine(msg.db)).exportData() };
      case 'import':
        await (await getEngine(msg.db)).importData(msg.file);
        return { type: 'done', id: msg.id };
      case 'overview':
        return { type: 'overview-data', id: msg.id, overview: await (await getEngine(msg.db)).overview() };
      case 'drop':
        await drop(msg.db);
        return { type: 'done', id: msg.id };
    }
  } catch (err) {
    return { type: 'failure', id: msg.id, message: describeError(err) };
  }
}

// Requests are served strictly one after another: a query sees every earlier query's writes.
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', (event) => {
  const msg = event.data;
  if (!isWorkerRequest(msg)) return;
  queue = queue.then(async () => scope.postMessage(await serve(msg)));
});

// Find out where databases live right away, so the notice shows before the first query.
void getStorage();
