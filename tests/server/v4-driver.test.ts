// The unmodified `faunadb` v4 driver against the Node host (h2c, its default on Node): every v4
// seed example built from `faunadb.query` functions, with the metrics the seed pages print read
// through `queryWithMetrics` and the `observer`; decoding of v4 values into the driver's classes;
// one error per exception class reachable today; ping.
import faunadb, { query as q, values, type RequestResult } from 'faunadb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFql4 } from '../../src/engine/fql4';
import { examples } from '../../src/examples/seeds';
import type { RunningServer } from '../../src/server/server';
import { startTestServer, v4Client } from './helpers';

let server: RunningServer;
let client: faunadb.Client;

beforeAll(async () => {
  server = await startTestServer();
  client = v4Client(server);
}, 60_000);

afterAll(async () => {
  await client.close();
  await server.close();
}, 60_000);

const HARRY = '181388642114077184';
const characters = () => q.Ref(q.Collection('characters'), HARRY);

/** Each v4 example's set-up and query as `faunadb.query` calls equivalent to its text. */
const BUILT: Record<string, { setup: faunadb.Expr[]; query: faunadb.Expr }> = {
  'v4-login': {
    setup: [
      q.CreateCollection({ name: 'characters' }),
      q.Create(characters(), { data: { name: 'Harry' }, credentials: { password: 'abracadabra' } }),
    ],
    query: q.Login(characters(), { password: 'abracadabra' }),
  },
  'v4-create-token': {
    setup: [q.CreateCollection({ name: 'characters' }), q.Create(characters(), { data: { name: 'Harry' } })],
    query: q.Create(q.Tokens(), { instance: characters() }),
  },
  'v4-login-reference': {
    setup: [
      q.CreateCollection({ name: 'characters' }),
      q.Create(characters(), { data: { name: 'Harry' }, credentials: { password: 'abracadabra' } }),
    ],
    query: q.Login(characters(), { password: 'abracadabra' }),
  },
};

/** What the seed pages print under "Query metrics" for each example. */
const SEED_METRICS: Record<string, { bytesIn: number; bytesOut: number; readOps: number; writeOps: number; readBytes: number; writeBytes: number }> = {
  'v4-login': { bytesIn: 118, bytesOut: 313, readOps: 1, writeOps: 1, readBytes: 214, writeBytes: 414 },
  'v4-create-token': { bytesIn: 121, bytesOut: 313, readOps: 0, writeOps: 1, readBytes: 0, writeBytes: 414 },
  'v4-login-reference': { bytesIn: 118, bytesOut: 313, readOps: 1, writeOps: 1, readBytes: 214, writeBytes: 414 },
};

describe('v4 seed examples through the driver', { timeout: 60_000 }, () => {
  const v4 = examples.filter((e) => e.lang === 'fql4');

  beforeEach(async () => {
    await server.engine.reset();
  }, 60_000);

  it('covers every v4 seed, each built from faunadb.query calls equivalent to its text', () => {
    expect(v4.map((e) => e.id).sort()).toEqual(Object.keys(BUILT).sort());
    for (const example of v4) {
      const built = BUILT[example.id]!;
      // The driver's request body is exactly the wire form of the example's text.
      expect(JSON.stringify(built.query)).toBe(parseFql4(example.source).wire);
      example.setup.forEach((step, i) => expect(JSON.stringify(built.setup[i])).toBe(parseFql4(step.source).wire));
    }
  });

  for (const example of v4) {
    it(`${example.id}: a token with values.Ref to Tokens(), and the seed's metrics`, async () => {
      const built = BUILT[example.id]!;
      for (const step of built.setup) await client.query(step);
      const observed: RequestResult[] = [];
      const { value, metrics } = await client.queryWithMetrics<{
        ref: values.Ref;
        ts: number;
        instance: values.Ref;
        secret: string;
      }>(built.query, { observer: (r: RequestResult) => observed.push(r) } as never);

      expect(value.ref).toBeInstanceOf(values.Ref);
      expect(value.ref.collection).toEqual(new values.Ref('tokens')); // Tokens()
      expect(value.ref.collection?.id).toBe('tokens');
      expect(value.ref.id).toMatch(/^\d+$/);
      expect(value.instance).toBeInstanceOf(values.Ref);
      expect(value.instance).toEqual(new values.Ref(HARRY, new values.Ref('characters', values.Native.COLLECTIONS)));
      expect(typeof value.ts).toBe('number');
      expect(value.secret).toMatch(/^fn[A-Za-z0-9_-]{49}$/);
      expect(Object.keys(value)).toEqual(['ref', 'ts', 'instance', 'secret']);

      const seed = SEED_METRICS[example.id]!;
      expect(metrics).toMatchObject({
        'x-compute-ops': 1,
        'x-byte-read-ops': seed.readOps,
        'x-byte-write-ops': seed.writeOps,
        'x-txn-retries': 0,
      });
      expect(metrics['x-query-time']).toBeGreaterThanOrEqual(0);

      expect(observed).toHaveLength(1);
      const r = observed[0]!;
      expect(r.statusCode).toBe(201); // the result is a newly created document
      const headers = r.responseHeaders as Record<string, string>;
      expect(headers['content-type']).toBe('application/json;charset=utf-8');
      expect({
        bytesIn: Number(headers['x-query-bytes-in']),
        bytesOut: Number(headers['x-query-bytes-out']),
        readOps: Number(headers['x-byte-read-ops']),
        writeOps: Number(headers['x-byte-write-ops']),
        readBytes: Number(headers['x-storage-bytes-read']),
        writeBytes: Number(headers['x-storage-bytes-write']),
      }).toEqual(seed);
      expect(Number(headers['x-txn-time'])).toBe(value.ts);
      expect(r.responseRaw.length).toBe(seed.bytesOut);
      expect(r.requestRaw.length).toBe(seed.bytesIn);
      // The driver keeps the highest x-txn-time it saw (sent back as X-Last-Seen-Txn).
      expect((client as unknown as { getLastTxnTime(): number }).getLastTxnTime()).toBe(value.ts);
    });
  }
});

describe('v4 values decoded by the driver', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    await server.engine.reset();
    await client.query(q.CreateCollection({ name: 'characters' }));
    await client.query(q.Create(characters(), { data: { name: 'Harry', born: new values.FaunaDate('1980-07-31') } }));
  }, 60_000);

  it('a document: values.Ref to a user collection, a numeric ts, its data', async () => {
    const doc = await client.query<{ ref: values.Ref; ts: number; data: { name: string; born: values.FaunaDate } }>(q.Get(characters()));
    expect(doc.ref).toEqual(new values.Ref(HARRY, new values.Ref('characters', values.Native.COLLECTIONS)));
    expect(typeof doc.ts).toBe('number');
    expect(doc.data.name).toBe('Harry');
    expect(doc.data.born).toBeInstanceOf(values.FaunaDate);
    expect(doc.data.born).toEqual(new values.FaunaDate('1980-07-31'));
  });

  it('times become FaunaTime (`@ts`, always ending in Z)', async () => {
    const t = await client.query<values.FaunaTime>(q.Time('2023-01-01T00:00:00Z'));
    expect(t).toBeInstanceOf(values.FaunaTime);
    expect(t).toEqual(new values.FaunaTime('2023-01-01T00:00:00Z'));
    expect(t.date.toISOString()).toBe('2023-01-01T00:00:00.000Z');
    const echoed = await client.query<values.FaunaTime>(new values.FaunaTime('2023-01-01T10:00:00.123Z'));
    expect(echoed).toBeInstanceOf(values.FaunaTime);
    expect(echoed).toEqual(new values.FaunaTime('2023-01-01T10:00:00.123Z'));
  });

  it('a collection: values.Ref with the native collections ref', async () => {
    const ref = await client.query<values.Ref>(q.Collection('characters'));
    expect(ref).toEqual(new values.Ref('characters', values.Native.COLLECTIONS));
  });

  it('plain JSON stays plain; an object with an `@` key survives (`@obj`)', async () => {
    expect(await client.query([1, 'two', null, true, { a: 1.5, '@x': { y: 2 } }])).toEqual([1, 'two', null, true, { a: 1.5, '@x': { y: 2 } }]);
  });
});

describe('v4 errors: one per exception class reachable today', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    await server.engine.reset();
    await client.query(q.CreateCollection({ name: 'characters' }));
  }, 60_000);

  it('BadRequest (400) with code, description and position', async () => {
    const e = await client.query(q.Login(characters(), { password: 'wrong' })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(faunadb.errors.BadRequest);
    const err = e as faunadb.errors.FaunaHTTPError;
    expect(err.requestResult.statusCode).toBe(400);
    expect(err.message).toBe('authentication failed');
    expect(err.description).toBe('The document was not found or provided password was incorrect.');
    expect(err.requestResult.responseContent).toEqual({
      errors: [{ position: [], code: 'authentication failed', description: 'The document was not found or provided password was incorrect.' }],
    });
  });

  it('Unauthorized (401) on a bad secret, without metric headers', async () => {
    const bad = v4Client(server, 'wrong');
    try {
      const e = await bad.query(q.Now()).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(faunadb.errors.Unauthorized);
      const err = e as faunadb.errors.FaunaHTTPError;
      expect(err.requestResult.statusCode).toBe(401);
      expect(err.requestResult.responseContent).toEqual({ errors: [{ code: 'unauthorized', description: 'Unauthorized' }] });
      const headers = err.requestResult.responseHeaders as Record<string, string>;
      expect(headers['www-authenticate']).toBe('Basic realm="Unauthorized"');
      expect(headers['x-txn-time']).toMatch(/^\d+$/);
      expect(headers['x-compute-ops']).toBeUndefined();
    } finally {
      await bad.close();
    }
  });

  it('NotFound (404) for a missing document', async () => {
    const e = await client.query(q.Get(q.Ref(q.Collection('characters'), '1'))).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(faunadb.errors.NotFound);
    const err = e as faunadb.errors.FaunaHTTPError;
    expect(err.requestResult.statusCode).toBe(404);
    expect(err.message).toBe('instance not found');
    expect(err.description).toBe('Document not found.');
    expect(Number((err.requestResult.responseHeaders as Record<string, string>)['x-byte-read-ops'])).toBe(1);
  });
});

describe('v4 utility calls', { timeout: 60_000 }, () => {
  it('ping answers for each scope', async () => {
    expect(await client.ping()).toBe('Scope write is OK');
    expect(await client.ping('read')).toBe('Scope read is OK');
    expect(await client.ping('all')).toBe('Scope all is OK');
    expect(await client.ping('node')).toBe('Scope node is OK');
  });

  it('echoes tags and accepts the other options the driver sends', async () => {
    const seen: RequestResult[] = [];
    const tagged = v4Client(server, 'secret', { queryTimeout: 5000, observer: (r: RequestResult) => seen.push(r) });
    try {
      expect(await tagged.query(1, { tags: { app: 'test', env: 'ci' } } as never)).toBe(1);
      expect((seen[0]!.responseHeaders as Record<string, string>)['x-fauna-tags']).toBe('env=ci,app=test');
      await tagged.query(2); // now with X-Last-Seen-Txn
      expect(seen[1]!.statusCode).toBe(200);
    } finally {
      await tagged.close();
    }
  });

  it('a query over HTTP/1.1 (the driver with a fetch function, as fauna-shell uses it)', async () => {
    const viaFetch = v4Client(server, 'secret', { fetch: globalThis.fetch.bind(globalThis) });
    try {
      expect(await viaFetch.query(q.Collection('characters'))).toEqual(new values.Ref('characters', values.Native.COLLECTIONS));
    } finally {
      await viaFetch.close();
    }
  });
});
