// The Web Worker hosting the engine: opens the IndexedDB-backed database once and serves the UI's
// requests one at a time, in arrival order.
import { openEngine } from '../engine/engine';
import type { Engine } from '../engine/engine';
import { describeError, isWorkerRequest } from './protocol';
import type { WorkerReply, WorkerRequest } from './protocol';

interface WorkerScope {
  indexedDB: IDBFactory;
  postMessage(message: WorkerReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

const scope = self as unknown as WorkerScope;

let engine: Promise<Engine> | undefined;
function getEngine(): Promise<Engine> {
  // Opened lazily on the first request and kept; a failed open is retried on the next request.
  engine ??= openEngine({ indexedDB: scope.indexedDB, name: 'fql-playground' }).catch((err: unknown) => {
    engine = undefined;
    throw err;
  });
  return engine;
}

async function serve(msg: WorkerRequest): Promise<WorkerReply> {
  try {
    const db = await getEngine();
    if (msg.type === 'run') {
      return { type: 'result', id: msg.id, result: await db.run(msg.request) };
    }
    await db.reset();
    return { type: 'reset-done', id: msg.id };
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

// Open the database right away so the first query does not pay for it.
getEngine().catch(() => {
  /* reported to the first request instead */
});
