// The fetch-style protocol handler on its own (as the worker will host it): envelopes in the
// core's field order, formats, statuses, headers, the order in which faults are reported, v4
// metric headers, CORS and persistence hooks.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../src/engine';
import { createWireHandler, type WireHandler } from '../../src/engine/wire/handler';

let engine: Engine;
let handler: WireHandler;
let commits = 0;

beforeAll(async () => {
  engine = await openEngine({ indexedDB, name: `wire-handler-${process.pid}-${Date.now()}` });
  handler = createWireHandler({ engine, adminSecret: 'secret', onCommit: () => commits++ });
});

afterAll(() => engine.close());

beforeEach(async () => {
  await engine.reset();
  commits = 0;
});

const AUTH = { authorization: 'Bearer secret' };

async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const res = await handler(new Request(`http://localhost${path}`, { method: init.method ?? 'POST', headers: init.headers ?? AUTH, body: init.body }));
  expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8');
  const text = await res.text();
  expect(text.length).toBeGreaterThan(0);
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as Record<string, unknown> };
}

const v10 = (query: unknown, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
  call('/query/1', { headers: { ...AUTH, ...headers }, body: JSON.stringify({ query, ...extra }) });

describe('v10 envelopes', () => {
  it('answers in the simple format when no x-format is sent (the core default)', async () => {
    const r = await v10('Time("2023-01-01T00:00:00Z")');
    expect(r.json.data).toBe('2023-01-01T00:00:00Z');
  });

  it('success: data, summary, txn_ts, stats, schema_version, in that order', async () => {
    const r = await v10('1 + 1', { 'x-format': 'tagged' });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(['data', 'summary', 'txn_ts', 'stats', 'schema_version']);
    expect(r.json.data).toEqual({ '@int': '2' });
    expect(r.json.summary).toBe('');
    expect(Number.isInteger(r.json.txn_ts)).toBe(true);
    expect(Object.keys(r.json.stats as object)).toEqual([
      'compute_ops',
      'read_ops',
      'write_ops',
      'query_time_ms',
      'contention_retries',
      'storage_bytes_read',
      'storage_bytes_write',
      'rate_limits_hit',
    ]);
  });

  it('query tags are echoed as a string before schema_version', async () => {
    const r = await v10('1', { 'x-query-tags': 'a=1,b=2' });
    expect(Object.keys(r.json)).toEqual(['data', 'summary', 'txn_ts', 'stats', 'query_tags', 'schema_version']);
    expect(r.json.query_tags).toBe('b=2,a=1');
  });

  it('decorated: data is one string of FQL text', async () => {
    const r = await v10('{ a: 1, b: "x" }', { 'x-format': 'decorated' });
    expect(r.json.data).toBe('{\n  a: 1,\n  b: "x"\n}');
  });

  it('query errors: 400 with error, summary, txn_ts and stats; constraint failures as paths + message', async () => {
    await v10('Collection.create({ name: "C" })');
    const r = await v10('Collection.create({ name: "C" })', { 'x-query-tags': 'k=v' });
    expect(r.status).toBe(400);
    expect(Object.keys(r.json)).toEqual(['error', 'summary', 'txn_ts', 'stats', 'query_tags', 'schema_version']);
    expect(r.json.error).toEqual({
      code: 'constraint_failure',
      message: 'Failed to create Collection.',
      constraint_failures: [{ paths: [['name']], message: 'A Collection already exists with the name `C`' }],
    });
    expect(r.json.summary).toMatch(/^error: Failed to create Collection\./);
  });

  it('protocol errors carry only error (and query_tags once tags were read)', async () => {
    const noAuth = await call('/query/1', { headers: { 'x-query-tags': 'k=v' }, body: '{"query":"1"}' });
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('www-authenticate')).toBe('Bearer');
    expect(noAuth.json).toEqual({ error: { code: 'unauthorized', message: 'Access token required' }, query_tags: 'k=v' });
    const badHeader = await v10('1', { 'x-query-timeout-ms': '0' });
    expect(badHeader.json).toEqual({ error: { code: 'invalid_request', message: "Invalid header 'x-query-timeout-ms': Must be greater than 0." } });
  });

  it('reports faults in the core’s order: request info, tags, format, body, auth, arguments', async () => {
    const all = { 'x-query-timeout-ms': 'x', 'x-query-tags': ',', 'x-format': 'x' };
    const noAuth = (headers: Record<string, string>, body = '{') => call('/query/1', { headers, body });
    expect((await noAuth(all)).json.error).toMatchObject({ message: "Invalid header 'x-query-timeout-ms': Invalid number 'x'." });
    expect((await noAuth({ 'x-query-tags': ',', 'x-format': 'x' })).json.error).toMatchObject({ message: "Invalid header 'x-query-tags': invalid tags" });
    expect((await noAuth({ 'x-format': 'x' })).json.error).toMatchObject({ message: "Invalid header 'x-format': Invalid format x" });
    expect((await noAuth({})).json.error).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/^Invalid request body: /) });
    expect((await noAuth({}, '{"query":"1","arguments":{"x":1}}')).status).toBe(401);
    const args = await v10('x', { 'x-format': 'tagged' }, { arguments: { x: { '@long': 'x' } } });
    expect(args.json.error).toEqual({ code: 'invalid_request', message: "Invalid argument 'x': invalid long" });
  });

  it('arguments are decoded in the request’s format', async () => {
    const tagged = await v10('x', { 'x-format': 'tagged' }, { arguments: { x: { '@int': '3' } } });
    expect(tagged.json.data).toEqual({ '@int': '3' });
    const simple = await v10('x', {}, { arguments: { x: { '@int': '3' } } });
    expect(simple.json.data).toEqual({ '@int': '3' }); // a plain object in the simple format
  });

  it('deeply nested JSON is refused like Jackson refuses it', async () => {
    let q = '{"value":1}';
    for (let i = 0; i < 1200; i++) q = `{"fql":[${q}]}`;
    const r = await call('/query/1', { body: `{"query":${q}}` });
    expect(r.json).toEqual({ error: { code: 'invalid_request', message: 'Invalid request body: JSON exceeds nesting limit' } });
  });

  it('tells the host about committed writes only', async () => {
    await v10('1 + 1');
    expect(commits).toBe(0);
    await v10('Collection.create({ name: "W" })');
    expect(commits).toBe(1);
    await v10('Collection.create({ name: "W" })'); // fails: nothing committed
    expect(commits).toBe(1);
  });

  it('a body over the limit is 413 even when read by the handler itself', async () => {
    const small = createWireHandler({ engine, adminSecret: 'secret', maxBodyBytes: 10 });
    const res = await small(new Request('http://localhost/query/1', { method: 'POST', headers: AUTH, body: '{"query":"1 + 1"}' }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'request_size_exceeded', message: 'Request entity is too large' } });
  });
});

describe('v4', () => {
  const create = '{"create_collection":{"object":{"name":"characters"}}}';

  it('201 for a created document, 200 otherwise, with every metric header', async () => {
    const created = await call('/', { body: create });
    expect(created.status).toBe(201);
    for (const h of [
      'x-txn-time',
      'x-compute-ops',
      'x-byte-read-ops',
      'x-byte-write-ops',
      'x-query-time',
      'x-query-bytes-in',
      'x-query-bytes-out',
      'x-storage-bytes-read',
      'x-storage-bytes-write',
      'x-txn-retries',
    ]) {
      expect(created.headers.get(h), h).toMatch(/^\d+$/);
    }
    expect(Number(created.headers.get('x-query-bytes-in'))).toBe(create.length);
    expect(Number(created.headers.get('x-query-bytes-out'))).toBe(created.text.length);
    expect(commits).toBe(1);
    const read = await call('/', { body: '{"collection":"characters"}' });
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ resource: { '@ref': { id: 'characters', collection: { '@ref': { id: 'collections' } } } } });
  });

  it('query errors: {errors:[{position, code, description}]} with the core’s status', async () => {
    const r = await call('/', { body: '{"get":{"ref":{"collection":"nope"},"id":"1"}}' });
    expect([400, 404]).toContain(r.status);
    expect(Object.keys((r.json.errors as object[])[0]!)).toEqual(['position', 'code', 'description']);
  });

  it('GET /?q= and POST /linearized run queries too; other methods 405', async () => {
    const get = await call(`/?q=${encodeURIComponent('"hi"')}`, { method: 'GET' });
    expect(get.json).toEqual({ resource: 'hi' });
    const lin = await call('/linearized', { body: '"hi"' });
    expect(lin.json).toEqual({ resource: 'hi' });
    const getLin = await call('/linearized', { method: 'GET' });
    expect(getLin.status).toBe(405);
    expect(getLin.headers.get('allow')).toBe('POST');
  });

  it('echoes x-fauna-tags; 401 has x-txn-time but no metrics', async () => {
    const tagged = await call('/', { headers: { ...AUTH, 'x-fauna-tags': 'a=1' }, body: '1' });
    expect(tagged.headers.get('x-fauna-tags')).toBe('a=1');
    const denied = await call('/', { headers: { 'x-fauna-tags': 'a=1' }, body: '1' });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('x-txn-time')).toMatch(/^\d+$/);
    expect(denied.headers.get('x-fauna-tags')).toBe('a=1');
    expect(denied.headers.get('x-compute-ops')).toBeNull();
  });

  it('ping needs no secret; GET /error is the core’s sample 500', async () => {
    expect((await call('/ping?scope=read', { method: 'GET', headers: {} })).json).toEqual({ resource: 'Scope read is OK' });
    expect((await call('/ping?scope=anything', { method: 'GET', headers: {} })).json).toEqual({ resource: 'Scope node is OK' });
    const err = await call('/error', { method: 'GET', headers: {} });
    expect(err.status).toBe(500);
    expect(err.json).toMatchObject({ errors: [{ code: 'internal server error' }] });
  });
});

describe('CORS', () => {
  it('answers preflights and exposes x- headers to a page with an Origin', async () => {
    const pre = await call('/query/1', { method: 'OPTIONS', headers: { origin: 'http://example.com' } });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://example.com');
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE');
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-query-timeout-ms');
    const v4 = await call('/', { headers: { ...AUTH, origin: 'http://example.com' }, body: '1' });
    expect(v4.headers.get('access-control-allow-credentials')).toBe('true');
    expect(v4.headers.get('access-control-expose-headers')).toContain('x-compute-ops');
    const none = await call('/', { body: '1' });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('performance hints (x-performance-hints)', () => {
  it('reach the summary only when the request asks for them; log() lines always do', async () => {
    await v10('Collection.create({ name: "TestColl" })');
    const query = 'log("hi"); TestColl.where(.name == "test").toArray()';
    const plain = await v10(query);
    expect(plain.json.summary).toBe('info at *query*:1: hi');
    const asked = await v10(query, { 'x-performance-hints': 'true' });
    expect(String(asked.json.summary).split('\n\n')).toEqual([
      'info at *query*:1: hi',
      [
        'performance_hint: collection_scan - Using where() on collection TestColl can cause a read of every document. See https://docs.fauna.com/performance_hint/collection_scan.',
        'at *query*:1:26',
        '  |',
        '1 | log("hi"); TestColl.where(.name == "test").toArray()',
        '  |                          ^^^^^^^^^^^^^^^^^',
        '  |',
      ].join('\n'),
    ]);
    // On failure too: the hint goes, the error stays.
    const failed = await v10('TestColl.where(.name == "test").first()!.x');
    expect(failed.status).toBe(400);
    expect(String(failed.json.summary)).toMatch(/^error: /);
  });
});

describe('schema and environment endpoints (not served, but gated as the core gates them)', () => {
  it('401 without a secret, 403 forbidden "Access denied" for a client key, 404 for an admin', async () => {
    const key = await engine.run({ lang: 'fql10', source: 'Key.create({ role: "client" }) { secret }' });
    const client = key.ok ? /secret: "([^"]+)"/.exec(key.text)![1]! : '';
    const none = await call('/schema/1/files', { method: 'GET', headers: {} });
    expect([none.status, none.json, none.headers.get('www-authenticate')]).toEqual([401, { error: { message: 'Access token required' } }, 'Bearer']);
    const forbidden = await call('/schema/1/files', { method: 'GET', headers: { authorization: `Bearer ${client}` } });
    expect([forbidden.status, forbidden.json]).toEqual([403, { error: { message: 'Access denied' } }]);
    const env = await call('/environment/1', { headers: { authorization: `Bearer ${client}` }, body: '{}' });
    expect([env.status, env.json]).toEqual([403, { error: { code: 'forbidden', message: 'Access denied' } }]);
    const admin = await call('/schema/1/files', { method: 'GET' });
    expect(admin.status).toBe(404);
    expect(admin.json).toMatchObject({ error: { code: 'not_found' } });
  });
});
