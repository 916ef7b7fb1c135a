// Promise-based client of the engine worker (src/worker/engine.worker.ts).
import type { RunRequest, RunResult } from '../engine/api';
import { isWorkerReply } from '../worker/protocol';
import type { WorkerReply, WorkerRequest } from '../worker/protocol';

/** The part of `Worker` the client uses (a MessagePort works too, which the unit tests use). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
}

export interface EngineClient {
  run(request: RunRequest): Promise<RunResult>;
  reset(): Promise<void>;
}

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(err: Error): void;
}

export function createEngineClient(worker: WorkerLike = startWorker()): EngineClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();

  worker.addEventListener('message', (event: MessageEvent<unknown>) => {
    const reply = event.data;
    if (!isWorkerReply(reply)) return;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.type === 'failure') waiter.reject(new Error(reply.message));
    else waiter.resolve(reply);
  });

  worker.addEventListener('error', (event: Event) => {
    const detail = (event as { message?: unknown }).message;
    const message = typeof detail === 'string' && detail ? detail : 'the engine worker failed';
    for (const waiter of pending.values()) waiter.reject(new Error(message));
    pending.clear();
  });

  function send(request: WorkerRequest): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      pending.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  return {
    async run(request) {
      const reply = await send({ type: 'run', id: nextId++, request });
      if (reply.type !== 'result') throw new Error(`unexpected reply ${reply.type}`);
      return reply.result;
    },
    async reset() {
      const reply = await send({ type: 'reset', id: nextId++ });
      if (reply.type !== 'reset-done') throw new Error(`unexpected reply ${reply.type}`);
    },
  };
}

function startWorker(): WorkerLike {
  return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'fql-engine',
  });
}
