import { afterEach, describe, expect, it } from 'vitest';
import type { Metrics, RunResult } from '../../src/engine/api';
import { CancelledError, createEngineClient } from '../../src/ui/engine-client';
import type { WorkerLike } from '../../src/ui/engine-client';
import { isWorkerNotice, isWorkerReply, isWorkerRequest } from '../../src/worker/protocol';
import type { WorkerReply, WorkerRequest } from '../../src/worker/protocol';

const metrics: Metrics = {
  lang: 'fql4',
  metrics: {
    bytesIn: 1,
    bytesOut: 2,
    computeOps: 1,
    readOps: 0,
    writeOps: 0,
    readBytes: 0,
    writeBytes: 0,
    queryTime: 0,
    retries: 0,
  },
};

/** A result as the engine returns it (fields added to RunResult later do not matter here). */
const asResult = (r: object): RunResult => r as RunResult;

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A MessagePort pair: the client talks to port1, `serve` answers on port2 like the worker. */
function fakeWorker(serve: (msg: WorkerRequest) => WorkerReply | undefined): {
  worker: WorkerLike;
  seen: WorkerRequest[];
  port: MessagePort;
} {
  const channel = new MessageChannel();
  channels.push(channel);
  const seen: WorkerRequest[] = [];
  channel.port2.onmessage = (event: MessageEvent<WorkerRequest>) => {
    seen.push(event.data);
    const reply = serve(event.data);
    if (reply) channel.port2.postMessage(reply);
  };
  channel.port1.start();
  return { worker: channel.port1 as unknown as WorkerLike, seen, port: channel.port2 };
}

describe('engine client', () => {
  it('sends run requests with increasing ids and the database, and resolves with the RunResult', async () => {
    const { worker, seen } = fakeWorker((msg) =>
      msg.type === 'run'
        ? {
            type: 'result',
            id: msg.id,
            result: asResult({ ok: true, lang: msg.request.lang, text: `ran ${msg.request.source} in ${msg.db}`, json: {}, txnTs: '7', metrics }),
          }
        : undefined,
    );
    const client = createEngineClient(() => worker);
    const [a, b] = await Promise.all([
      client.run('db-a', { lang: 'fql4', source: 'Add(1, 2)' }),
      client.run('db-b', { lang: 'fql10', source: '1 + 2' }),
    ]);
    expect(a).toMatchObject({ ok: true, text: 'ran Add(1, 2) in db-a', lang: 'fql4' });
    expect(b).toMatchObject({ ok: true, text: 'ran 1 + 2 in db-b', lang: 'fql10' });
    expect(seen.map((m) => m.id)).toEqual([1, 2]);
    expect(seen.every((m) => m.type === 'run')).toBe(true);
  });

  it('matches replies to requests by id, whatever their order', async () => {
    const held: WorkerReply[] = [];
    const channel = new MessageChannel();
    channels.push(channel);
    channel.port2.onmessage = (event: MessageEvent<WorkerRequest>) => {
      const msg = event.data;
      if (msg.type !== 'run') return;
      const result = asResult({ ok: true, lang: 'fql10', text: msg.request.source, json: {}, txnTs: '1', metrics });
      held.push({ type: 'result', id: msg.id, result });
      if (held.length === 2) for (const reply of held.reverse()) channel.port2.postMessage(reply);
    };
    channel.port1.start();
    const client = createEngineClient(() => channel.port1 as unknown as WorkerLike);
    const texts = await Promise.all([
      client.run('db', { lang: 'fql10', source: 'first' }),
      client.run('db', { lang: 'fql10', source: 'second' }),
    ]);
    expect(texts.map((r) => (r.ok ? r.text : r.error.code))).toEqual(['first', 'second']);
  });

  it('resolves reset, import and drop on done, export and overview with their data, and rejects on failure', async () => {
    let fail = false;
    const overview = { collections: [], credentials: [], tokens: [], keys: [], roles: [], functions: [], databases: [] };
    const { worker, seen } = fakeWorker((msg): WorkerReply => {
      if (fail) return { type: 'failure', id: msg.id, message: 'Invalid export file: not an FQL Playground export' };
      if (msg.type === 'export') return { type: 'exported', id: msg.id, file: { format: 'x' } };
      if (msg.type === 'overview') return { type: 'overview-data', id: msg.id, overview };
      return { type: 'done', id: msg.id };
    });
    const client = createEngineClient(() => worker);
    await expect(client.reset('d')).resolves.toBeUndefined();
    await expect(client.exportData('d')).resolves.toEqual({ format: 'x' });
    await expect(client.overview('d')).resolves.toEqual(overview);
    await expect(client.importData('d', { a: 1 })).resolves.toBeUndefined();
    await expect(client.drop('d')).resolves.toBeUndefined();
    expect(seen.map((m) => m.type)).toEqual(['reset', 'export', 'overview', 'import', 'drop']);
    fail = true;
    await expect(client.importData('d', {})).rejects.toThrow('Invalid export file');
  });

  it('cancel rejects what is pending, terminates the worker and starts another', async () => {
    const started: { terminated: boolean; seen: WorkerRequest[] }[] = [];
    const client = createEngineClient(() => {
      const state = { terminated: false, seen: [] as WorkerRequest[] };
      started.push(state);
      const { worker } = fakeWorker((msg) => {
        state.seen.push(msg);
        // The first worker never answers (a long query); the second answers at once.
        return started.length > 1 && msg.type === 'run'
          ? { type: 'result', id: msg.id, result: asResult({ ok: true, lang: 'fql10', text: 'fresh', json: {}, txnTs: '1', metrics }) }
          : undefined;
      });
      return Object.assign(worker, { terminate: () => (state.terminated = true) });
    });
    const long = client.run('db', { lang: 'fql10', source: 'slow' });
    await new Promise((r) => setTimeout(r, 10));
    client.cancel();
    await expect(long).rejects.toBeInstanceOf(CancelledError);
    expect(started).toHaveLength(2);
    expect(started[0]!.terminated).toBe(true);
    await expect(client.run('db', { lang: 'fql10', source: 'next' })).resolves.toMatchObject({ text: 'fresh' });
  });

  it('passes the storage notice on', async () => {
    const { worker, port } = fakeWorker(() => undefined);
    const client = createEngineClient(() => worker);
    const seen = new Promise((resolve) => client.onStorage(resolve));
    port.postMessage({ type: 'storage', mode: 'memory', reason: 'IndexedDB is blocked' });
    await expect(seen).resolves.toEqual({ mode: 'memory', reason: 'IndexedDB is blocked' });
  });
});

describe('protocol guards', () => {
  it('tell requests from replies and notices', () => {
    expect(isWorkerRequest({ type: 'run', id: 1, db: 'x', request: { lang: 'fql10', source: '1' } })).toBe(true);
    expect(isWorkerRequest({ type: 'reset', id: 2, db: 'x' })).toBe(true);
    expect(isWorkerRequest({ type: 'reset', id: 2 })).toBe(false);
    expect(isWorkerRequest({ type: 'result', id: 1, db: 'x' })).toBe(false);
    expect(isWorkerRequest({ type: 'run', id: '1', db: 'x' })).toBe(false);
    expect(isWorkerReply({ type: 'failure', id: 3, message: 'x' })).toBe(true);
    expect(isWorkerReply({ type: 'done', id: 3 })).toBe(true);
    expect(isWorkerReply({ type: 'reset', id: 3 })).toBe(false);
    expect(isWorkerReply(null)).toBe(false);
    expect(isWorkerNotice({ type: 'storage', mode: 'memory' })).toBe(true);
    expect(isWorkerNotice({ type: 'storage', mode: 'disk' })).toBe(false);
  });
});
