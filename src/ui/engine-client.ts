// Promise-based client of the engine worker (src/worker/engine.worker.ts): the one typed channel
// between the page and the engine. Queries go through Fauna's HTTP protocol (`fetch`), whether the
// page's own Run button sends them (`run`, see wire-run.ts) or a driver running in the page does.
// Cancel terminates the worker and starts a new one: the query in flight dies before its commit,
// so it wrote nothing.
import type { DatabaseOverview, RunRequest, RunResult } from '../engine/api';
import { isWorkerNotice, isWorkerReply } from '../worker/protocol';
import type { StorageMode, WireRequest, WireResponse, WorkerReply, WorkerRequest } from '../worker/protocol';
import { runOverWire } from './wire-run';

/** The part of `Worker` the client uses (a MessagePort works too, which the unit tests use). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate?(): void;
}

export interface StorageInfo {
  mode: StorageMode;
  reason?: string;
}

export interface EngineClient {
  /** Runs a query through the protocol, as the Run button does. */
  run(db: string, request: RunRequest): Promise<RunResult>;
  /** One request of Fauna's HTTP protocol against a database in the page. */
  fetch(db: string, request: WireRequest): Promise<WireResponse>;
  reset(db: string): Promise<void>;
  exportData(db: string): Promise<unknown>;
  importData(db: string, file: unknown): Promise<void>;
  overview(db: string): Promise<DatabaseOverview>;
  /** Closes and deletes a database. */
  drop(db: string): Promise<void>;
  /** Stops whatever is running (its promise rejects with `CancelledError`) and restarts the worker. */
  cancel(): void;
  /** Called with where databases live, as soon as the worker knows (again after a restart). */
  onStorage(listener: (info: StorageInfo) => void): void;
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(err: Error): void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A request before the client numbers it. */
type Request = DistributiveOmit<WorkerRequest, 'id'>;

export function createEngineClient(start: () => WorkerLike = startWorker): EngineClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const storageListeners: Array<(info: StorageInfo) => void> = [];
  let worker = connect();

  function connect(): WorkerLike {
    const w = start();
    w.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (w !== worker) return;
      const message = event.data;
      if (isWorkerNotice(message)) {
        const info: StorageInfo = message.reason ? { mode: message.mode, reason: message.reason } : { mode: message.mode };
        for (const listener of storageListeners) listener(info);
        return;
      }
      if (!isWorkerReply(message)) return;
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.type === 'failure') waiter.reject(new Error(message.message));
      else waiter.resolve(message);
    });
    w.addEventListener('error', (event: Event) => {
      if (w !== worker) return;
      const detail = (event as { message?: unknown }).message;
      const message = typeof detail === 'string' && detail ? detail : 'the engine worker failed';
      for (const waiter of pending.values()) waiter.reject(new Error(message));
      pending.clear();
    });
    return w;
  }

  function send(request: Request): Promise<WorkerReply> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  async function expect<T extends WorkerReply['type']>(request: Request, type: T): Promise<Extract<WorkerReply, { type: T }>> {
    const reply = await send(request);
    if (reply.type !== type) throw new Error(`unexpected reply ${reply.type}`);
    return reply as Extract<WorkerReply, { type: T }>;
  }

  const fetchWire = async (db: string, request: WireRequest): Promise<WireResponse> =>
    (await expect({ type: 'http', db, request }, 'response')).response;

  return {
    run(db, request) {
      return runOverWire((wire) => fetchWire(db, wire), request);
    },
    fetch: fetchWire,
    async reset(db) {
      await expect({ type: 'reset', db }, 'done');
    },
    async exportData(db) {
      return (await expect({ type: 'export', db }, 'exported')).file;
    },
    async importData(db, file) {
      await expect({ type: 'import', db, file }, 'done');
    },
    async overview(db) {
      return (await expect({ type: 'overview', db }, 'overview-data')).overview;
    },
    async drop(db) {
      await expect({ type: 'drop', db }, 'done');
    },
    cancel() {
      const old = worker;
      worker = connect();
      old.terminate?.();
      for (const waiter of pending.values()) waiter.reject(new CancelledError());
      pending.clear();
    },
    onStorage(listener) {
      storageListeners.push(listener);
    },
  };
}

function startWorker(): WorkerLike {
  return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'fql-engine',
  });
}
