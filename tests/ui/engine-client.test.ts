import { afterEach, describe, expect, it } from 'vitest';
import type { Metrics, RunResult } from '../../src/engine/api';
import { createEngineClient } from '../../src/ui/engine-client';
import type { WorkerLike } from '../../src/ui/engine-client';
import { isWorkerReply, isWorkerRequest } from '../../src/worker/protocol';
import type { WorkerMessage, WorkerReply } from '../../src/worker/protocol';

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

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A MessagePort pair: the client talks to port1, `serve` answers on port2 like the worker. */
function fakeWorker(serve: (msg: WorkerMessage) => WorkerReply | undefined): {
  worker: WorkerLike;
  seen: WorkerMessage[];
} {
  const channel = new MessageChannel();
  channels.push(channel);
  const seen: WorkerMessage[] = [];
  channel.port2.onmessage = (event: MessageEvent<WorkerMessage>) => {
    seen.push(event.data);
    const reply = serve(event.data);
    if (reply) channel.port2.postMessage(reply);
  };
  channel.port1.start();
  return { worker: channel.port1 as unknown as WorkerLike, seen };
}

describe('engine client', () => {
  it('sends run requests with increasing ids and resolves with the RunResult', async () => {
    const { worker, seen } = fakeWorker((msg) =>
      msg.type === 'run'
        ? {
            type: 'result',
            id: msg.id,
            result: { ok: true, lang: msg.request.lang, text: `ran ${msg.request.source}`, json: {}, txnTs: '7', metrics },
          }
        : undefined,
    );
    const client = createEngineClient(worker);
    const [a, b] = await Promise.all([
      client.run({ lang: 'fql4', source: 'Add(1, 2)' }),
      client.run({ lang: 'fql10', source: '1 + 2' }),
    ]);
    expect(a).toMatchObject({ ok: true, text: 'ran Add(1, 2)', lang: 'fql4' });
    expect(b).toMatchObject({ ok: true, text: 'ran 1 + 2', lang: 'fql10' });
    expect(seen.map((m) => m.id)).toEqual([1, 2]);
    expect(seen.every((m) => m.type === 'run')).toBe(true);
  });

  it('matches replies to requests by id, whatever their order', async () => {
    const held: WorkerReply[] = [];
    const channel = new MessageChannel();
    channels.push(channel);
    channel.port2.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const msg = event.data;
      if (msg.type !== 'run') return;
      const result: RunResult = { ok: true, lang: 'fql10', text: msg.request.source, json: {}, txnTs: '1', metrics };
      held.push({ type: 'result', id: msg.id, result });
      if (held.length === 2) for (const reply of held.reverse()) channel.port2.postMessage(reply);
    };
    channel.port1.start();
    const client = createEngineClient(channel.port1 as unknown as WorkerLike);
    const texts = await Promise.all([
      client.run({ lang: 'fql10', source: 'first' }),
      client.run({ lang: 'fql10', source: 'second' }),
    ]);
    expect(texts.map((r) => (r.ok ? r.text : r.error.code))).toEqual(['first', 'second']);
  });

  it('resolves reset on reset-done and rejects on a failure reply', async () => {
    let fail = false;
    const { worker } = fakeWorker((msg) =>
      fail ? { type: 'failure', id: msg.id, message: 'engine not written yet' } : { type: 'reset-done', id: msg.id },
    );
    const client = createEngineClient(worker);
    await expect(client.reset()).resolves.toBeUndefined();
    fail = true;
    await expect(client.run({ lang: 'fql10', source: '1' })).rejects.toThrow('engine not written yet');
  });
});

describe('protocol guards', () => {
  it('tell requests from replies', () => {
    expect(isWorkerRequest({ type: 'run', id: 1, request: { lang: 'fql10', source: '1' } })).toBe(true);
    expect(isWorkerRequest({ type: 'reset', id: 2 })).toBe(true);
    expect(isWorkerRequest({ type: 'result', id: 1 })).toBe(false);
    expect(isWorkerRequest({ type: 'run', id: '1' })).toBe(false);
    expect(isWorkerReply({ type: 'failure', id: 3, message: 'x' })).toBe(true);
    expect(isWorkerReply({ type: 'reset-done', id: 3 })).toBe(true);
    expect(isWorkerReply({ type: 'reset', id: 3 })).toBe(false);
    expect(isWorkerReply(null)).toBe(false);
  });
});
