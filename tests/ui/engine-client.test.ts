import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, createEngineClient } from '../../src/ui/engine-client';
import type { WorkerLike } from '../../src/ui/engine-client';
import { isWorkerNotice, isWorkerReply, isWorkerRequest } from '../../src/worker/protocol';
import type { WorkerReply, WorkerRequest } from '../../src/worker/protocol';

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
  it('sends each query as a request of Fauna\'s protocol, with increasing ids and the database', async () => {
    const { worker, seen } = fakeWorker((msg) =>
      msg.type === 'http'
        ? { type: 'response', id: msg.id, response: { status: 200, headers: [], body: JSON.stringify({ data: `ran in ${msg.db}`, summary: '', txn_ts: 7, stats: {} }) } }
        : undefined,
    );
    const client = createEngineClient(() => worker);
    const [a, b] = await Promise.all([client.run('db-a', { lang: 'fql10', source: '1 + 2' }), client.run('db-b', { lang: 'fql10', source: '3' })]);
    expect(a).toMatchObject({ ok: true, text: 'ran in db-a', lang: 'fql10', txnTs: '7' });
    expect(b).toMatchObject({ ok: true, text: 'ran in db-b' });
    expect(seen.map((m) => m.id)).toEqual([1, 2]);
    const first = seen[0]!;
    if (first.type !== 'http') throw new Error('expected an http request');
    expect(first.request.method).toBe('POST');
    expect(first.request.path).toBe('/query/1');
    expect(first.request.headers).toContainEqual(['authorization', 'Bearer secret']);
    expect(first.request.headers).toContainEqual(['x-format', 'decorated']);
    expect(JSON.parse(first.request.body ?? '')).toEqual({ query: '1 + 2' });
  });

  it('matches replies to requests by id, whatever their order', async () => {
    const held: WorkerReply[] = [];
    const channel = new MessageChannel();
    channels.push(channel);
    channel.port2.onmessage = (event: MessageEvent<WorkerRequest>) => {
      const msg = event.data;
      if (msg.type !== 'http') return;
      const query = (JSON.parse(msg.request.body ?? '{}') as { query: string }).query;
      held.push({ type: 'response', id: msg.id, response: { status: 200, headers: [], body: JSON.stringify({ data: query, summary: '', txn_ts: 1, stats: {} }) } });
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
        return started.length > 1 && msg.type === 'http'
          ? { type: 'response', id: msg.id, response: { status: 200, headers: [], body: JSON.stringify({ data: 'fresh', summary: '', txn_ts: 1, stats: {} }) } }
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
    expect(isWorkerRequest({ type: 'http', id: 1, db: 'x', request: { method: 'POST', path: '/query/1', headers: [] } })).toBe(true);
    expect(isWorkerRequest({ type: 'reset', id: 2, db: 'x' })).toBe(true);
    expect(isWorkerRequest({ type: 'reset', id: 2 })).toBe(false);
    expect(isWorkerRequest({ type: 'result', id: 1, db: 'x' })).toBe(false);
    expect(isWorkerRequest({ type: 'http', id: '1', db: 'x' })).toBe(false);
    expect(isWorkerRequest({ type: 'run', id: 1, db: 'x' })).toBe(false);
    expect(isWorkerReply({ type: 'failure', id: 3, message: 'x' })).toBe(true);
    expect(isWorkerReply({ type: 'done', id: 3 })).toBe(true);
    expect(isWorkerReply({ type: 'reset', id: 3 })).toBe(false);
    expect(isWorkerReply(null)).toBe(false);
    expect(isWorkerNotice({ type: 'storage', mode: 'memory' })).toBe(true);
    expect(isWorkerNotice({ type: 'storage', mode: 'disk' })).toBe(false);
  });
});
