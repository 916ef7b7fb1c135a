// Bad input to the Node host gets Fauna's error shape and status, over HTTP/1.1 and h2c, and
// never a crash: malformed JSON, any content type, bodies over 8 MiB, unknown formats, missing or
// malformed Authorization, unknown paths and methods, slow clients that stall mid-request, bytes
// that are not HTTP. Then 1,000 such requests, after which a good query still works.
import http2 from 'node:http2';
import { Client, fql } from 'fauna';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server';
import { startTestServer, v10Client } from './helpers';
import { h1Request, h2Request, rawSocket, type RawRequest, type RawResponse } from './raw';

const READ_TIMEOUT_MS = 400;
const JSON_TYPE = 'application/json;charset=utf-8';
const AUTH = { authorization: 'Bearer secret' };
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

let server: RunningServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer({ readTimeoutMs: READ_TIMEOUT_MS });
  client = v10Client(server);
}, 60_000);

afterAll(async () => {
  client.close();
  await server.close();
}, 60_000);

type Transport = 'h1' | 'h2';
const send = (t: Transport, r: RawRequest): Promise<RawResponse> => (t === 'h1' ? h1Request(server.port, r) : h2Request(server.port, r));

/** Every answer is JSON with the one content type, and never an empty 200. */
function checkShape(r: RawResponse): unknown {
  expect(r.headers['content-type']).toBe(JSON_TYPE);
  expect(r.headers['content-encoding']).toBeUndefined();
  expect(r.text.length).toBeGreaterThan(0);
  return JSON.parse(r.text);
}

const v10Error = (code: string, message: string) => ({ error: { code, message } });
const v4Error = (code: string, description: string) => ({ errors: [{ code, description }] });

for (const t of ['h1', 'h2'] as const) {
  describe(`bad input over ${t === 'h1' ? 'HTTP/1.1' : 'h2c'}`, { timeout: 60_000 }, () => {
    it('malformed JSON: v10 invalid_request, v4 invalid expression at the root', async () => {
      const v10 = await send(t, { headers: AUTH, body: '{"query": "1 + 1"' });
      expect(v10.status).toBe(400);
      expect(checkShape(v10)).toMatchObject({ error: { code: 'invalid_request', message: expect.stringMatching(/^Invalid request body: /) } });
      const v4 = await send(t, { path: '/', headers: AUTH, body: '{"add": [1, 2' });
      expect(v4.status).toBe(400);
      expect(checkShape(v4)).toEqual({ errors: [{ position: [], code: 'invalid expression', description: 'Request body is not valid JSON.' }] });
      expect(v4.headers['x-compute-ops']).toBeDefined();
    });

    it('a body that is JSON but not a request: "Invalid request body"; no body: "No request body provided"', async () => {
      expect(checkShape(await send(t, { headers: AUTH, body: '{"foo":"bar"}' }))).toEqual(v10Error('invalid_request', 'Invalid request body'));
      expect(checkShape(await send(t, { headers: AUTH, body: '[1]' }))).toEqual(v10Error('invalid_request', 'Invalid request body'));
      const none = await send(t, { headers: AUTH });
      expect(none.status).toBe(400);
      expect(checkShape(none)).toEqual(v10Error('invalid_request', 'No request body provided'));
      const v4 = await send(t, { path: '/', headers: AUTH });
      expect(checkShape(v4)).toEqual({ errors: [{ position: [], code: 'invalid expression', description: 'No query provided.' }] });
    });

    it('any request content type is accepted, as the core does', async () => {
      for (const type of ['text/plain;charset=UTF-8', 'application/xml', 'multipart/form-data; boundary=x', 'application/json']) {
        const r = await send(t, { headers: { ...AUTH, 'content-type': type, 'x-format': 'tagged' }, body: '{"query":"1 + 1"}' });
        expect(r.status).toBe(200);
        expect(checkShape(r)).toMatchObject({ data: { '@int': '2' } });
      }
    });

    it('a 10 MB body: 413 in each endpoint’s shape, declared or streamed', async () => {
      const v10 = await send(t, { headers: AUTH, body: TEN_MB });
      expect(v10.status).toBe(413);
      expect(checkShape(v10)).toEqual(v10Error('request_size_exceeded', 'Request entity is too large'));
      const streamed = await send(t, { headers: AUTH, body: TEN_MB, chunked: true });
      expect(streamed.status).toBe(413);
      const v4 = await send(t, { path: '/', headers: AUTH, body: TEN_MB });
      expect(v4.status).toBe(413);
      expect(checkShape(v4)).toEqual(v4Error('request too large', 'Request entity is too large'));
    });

    it('an unknown format and other bad headers: 400 with the core’s message', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ 'x-format': 'yaml' }, "Invalid header 'x-format': Invalid format yaml"],
        [{ 'x-query-timeout-ms': 'soon' }, "Invalid header 'x-query-timeout-ms': Invalid number 'soon'."],
        [{ 'x-query-timeout-ms': '0' }, "Invalid header 'x-query-timeout-ms': Must be greater than 0."],
        [{ 'x-last-txn-ts': 'yesterday' }, "Invalid header 'x-last-txn-ts': Invalid timestamp 'yesterday'."],
        [{ 'x-typecheck': 'maybe' }, "Invalid header 'x-typecheck': Must be a boolean value."],
        [{ 'x-linearized': '1' }, "Invalid header 'x-linearized': Must be a boolean value."],
        [{ 'x-query-tags': 'a=b,a=c' }, "Invalid header 'x-query-tags': duplicate key"],
      ];
      for (const [headers, message] of cases) {
        const r = await send(t, { headers: { ...AUTH, ...headers }, body: '{"query":"1"}' });
        expect(r.status).toBe(400);
        expect(checkShape(r)).toEqual(v10Error('invalid_request', message));
      }
      const v4 = await send(t, { path: '/', headers: { ...AUTH, 'x-faunadb-api-version': '9' }, body: '1' });
      expect(v4.status).toBe(400);
      expect(checkShape(v4)).toEqual(v4Error('bad request', "Invalid header 'x-faunadb-api-version': Unsupported or invalid API version '9'."));
    });

    it('missing or malformed Authorization: 401 with WWW-Authenticate', async () => {
      const bad: Array<Record<string, string>> = [{}, { authorization: 'Bearer' }, { authorization: 'Bearer wrong' }, { authorization: 'bearer secret' }, { authorization: 'Token secret' }, { authorization: 'Basic !!!' }, { authorization: 'Basic ' + btoa('wrong:') }, { authorization: 'Bearer secret:child:admin' }, { authorization: 'Bearer fnAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }];
      for (const headers of bad) {
        const v10 = await send(t, { headers, body: '{"query":"1"}' });
        expect(v10.status).toBe(401);
        expect(v10.headers['www-authenticate']).toBe('Bearer');
        expect(checkShape(v10)).toEqual(v10Error('unauthorized', 'Access token required'));
        const v4 = await send(t, { path: '/', headers, body: '1' });
        expect(v4.status).toBe(401);
        expect(v4.headers['www-authenticate']).toBe('Basic realm="Unauthorized"');
        expect(checkShape(v4)).toEqual(v4Error('unauthorized', 'Unauthorized'));
      }
      // The admin key's accepted forms: Bearer, Basic with `secret:`, scoped to a built-in role.
      for (const authorization of ['Bearer secret', 'Basic ' + btoa('secret:'), 'Basic ' + btoa('secret'), 'Bearer secret:admin', 'Bearer secret:server']) {
        const r = await send(t, { headers: { authorization }, body: '{"query":"1"}' });
        expect(r.status).toBe(200);
        expect(checkShape(r)).toMatchObject({ data: 1 });
      }
    });

    it('unknown paths: 404 (v4 shape before authentication; v10 shape for unsupported v10 endpoints)', async () => {
      for (const path of ['/nonexistent', '/query/2', '/query/1/x', '/collections']) {
        const r = await send(t, { path, headers: {}, body: '1' });
        expect(r.status).toBe(404);
        expect(checkShape(r)).toEqual(v4Error('not found', 'Not Found'));
      }
      const stream = await send(t, { path: '/stream/1', headers: AUTH, body: '{}' });
      expect(stream.status).toBe(404);
      expect(checkShape(stream)).toMatchObject({ error: { code: 'not_found' } });
    });

    it('wrong methods: 405 with Allow', async () => {
      const put = await send(t, { method: 'PUT', path: '/', headers: AUTH, body: '1' });
      expect(put.status).toBe(405);
      expect(put.headers.allow).toBe('GET, POST');
      expect(checkShape(put)).toEqual(v4Error('method not allowed', 'Allowed methods are GET, POST.'));
      const ping = await send(t, { method: 'POST', path: '/ping', headers: {}, body: '' });
      expect(ping.status).toBe(405);
      expect(ping.headers.allow).toBe('GET');
      // v10 takes any method, as the core does: GET has no body.
      const get = await send(t, { method: 'GET', path: '/query/1', headers: AUTH });
      expect(checkShape(get)).toEqual(v10Error('invalid_request', 'No request body provided'));
    });

    it('bad template values fail the check phase at the value', async () => {
      const r = await send(t, { headers: AUTH, body: JSON.stringify({ query: { fql: ['let x = ', { value: { '@int': 'x' } }, '\nx'] } }) });
      expect(r.status).toBe(400);
      expect(checkShape(r)).toMatchObject({
        error: { code: 'invalid_query', message: 'The query failed 1 validation check' },
        summary: 'error: invalid integer\nat *query*:1:9\n  |\n1 | let x = <value>\n  |         ^^^^^^^\n  |',
      });
      const arg = await send(t, { headers: { ...AUTH, 'x-format': 'tagged' }, body: JSON.stringify({ query: 'x', arguments: { x: 5 } }) });
      expect(checkShape(arg)).toEqual(v10Error('invalid_request', "Invalid argument 'x': numbers must be tagged"));
    });
  });
}

describe('slow and broken clients', { timeout: 60_000 }, () => {
  it('HTTP/1.1 headers that never finish: 408 and the connection closed', async () => {
    const r = await rawSocket(server.port, 'POST /query/1 HTTP/1.1\r\nHost: x\r\nauthori');
    expect(r.closedByServer).toBe(true);
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(r.text).toContain('content-type: application/json;charset=utf-8');
    expect(r.text.endsWith('{"error":"request timeout: Client timed out."}')).toBe(true);
  });

  it('an HTTP/1.1 body that stops halfway: 408 and the connection closed', async () => {
    const r = await rawSocket(server.port, 'POST /query/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer secret\r\nContent-Length: 100\r\n\r\n{"query":');
    expect(r.closedByServer).toBe(true);
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(r.text.endsWith('{"error":"request timeout: Client timed out."}')).toBe(true);
  });

  it('an h2 stream whose body stops halfway: 408 on that stream; the session keeps working', async () => {
    const session = http2.connect(server.url);
    try {
      const stalled = session.request({ ':method': 'POST', ':path': '/query/1', authorization: 'Bearer secret' });
      stalled.write('{"query":');
      const answer = await new Promise<{ status: number; text: string }>((resolve) => {
        let status = 0;
        const chunks: Buffer[] = [];
        stalled.on('response', (h) => (status = Number(h[':status'])));
        stalled.on('data', (c: Buffer) => chunks.push(c));
        stalled.on('close', () => resolve({ status, text: Buffer.concat(chunks).toString() }));
        stalled.on('error', () => undefined);
      });
      expect(answer).toEqual({ status: 408, text: '{"error":"request timeout: Client timed out."}' });
      const ok = await h2Request(server.port, { headers: { ...AUTH, 'x-format': 'simple' }, body: '{"query":"40 + 2"}' }, session);
      expect(JSON.parse(ok.text)).toMatchObject({ data: 42 });
    } finally {
      session.close();
    }
  });

  it('half an HTTP/2 preface, then silence: the connection is dropped', async () => {
    const r = await rawSocket(server.port, 'PRI * HTTP/2.0\r\n');
    expect(r).toEqual({ text: '', closedByServer: true });
  });

  it('bytes that are not HTTP: 400 {"error":"bad request"}', async () => {
    const r = await rawSocket(server.port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03, 0x0d, 0x0a, 0x0d, 0x0a]));
    expect(r.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(r.text.endsWith('{"error":"bad request"}')).toBe(true);
    const garbage = await rawSocket(server.port, 'HELLO\r\n\r\n');
    expect(garbage.text.endsWith('{"error":"bad request"}')).toBe(true);
  });

  it('a client that disconnects mid-request does not disturb the server', async () => {
    const r = await rawSocket(server.port, 'POST /query/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{"qu', { endAfterMs: 10, timeoutMs: 2000 });
    expect(r.closedByServer).toBe(true);
    expect((await client.query(fql`"alive"`)).data).toBe('alive');
  });
});

describe('1,000 bad requests', { timeout: 60_000 }, () => {
  it('get their error answers, and the server still answers a good query afterwards', async () => {
    const kinds: Array<() => Promise<number>> = [
      async () => (await h1Request(server.port, { headers: AUTH, body: '{"query":' })).status,
      async () => (await h2Request(server.port, { headers: AUTH, body: 'not json' })).status,
      async () => (await h1Request(server.port, { path: '/', headers: AUTH, body: '{]' })).status,
      async () => (await h1Request(server.port, { headers: { ...AUTH, 'x-format': 'xml' }, body: '{"query":"1"}' })).status,
      async () => (await h2Request(server.port, { headers: { authorization: 'Bearer nope' }, body: '{"query":"1"}' })).status,
      async () => (await h1Request(server.port, { headers: {}, body: '{"query":"1"}' })).status,
      async () => (await h1Request(server.port, { method: 'DELETE', path: '/what', headers: AUTH })).status,
      async () => (await h2Request(server.port, { method: 'PATCH', path: '/', headers: AUTH, body: '1' })).status,
      async () => (await h1Request(server.port, { headers: { ...AUTH, 'content-type': 'image/png' }, body: Buffer.from([0xff, 0xfe, 0x00]) })).status,
      async () => (await h2Request(server.port, { headers: AUTH, body: JSON.stringify({ query: { fql: [{ nope: 1 }] } }) })).status,
      async () => (await h1Request(server.port, { headers: AUTH, body: JSON.stringify({ query: 'Foo.bar(' }) })).status,
      async () => {
        const r = await rawSocket(server.port, 'GARBAGE\r\n\r\n', { timeoutMs: 5000 });
        return Number(/^HTTP\/1\.1 (\d{3})/.exec(r.text)?.[1] ?? 0);
      },
    ];
    // The big and slow kinds are exercised above; a few of each here keep the run bounded.
    const heavy: Array<() => Promise<number>> = [
      async () => (await h1Request(server.port, { headers: AUTH, body: TEN_MB })).status,
      async () => (await h2Request(server.port, { headers: AUTH, body: TEN_MB })).status,
      async () => {
        const r = await rawSocket(server.port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n{', { timeoutMs: 5000 });
        return Number(/^HTTP\/1\.1 (\d{3})/.exec(r.text)?.[1] ?? 0);
      },
    ];
    const jobs: Array<() => Promise<number>> = [];
    for (let i = 0; i < 1000; i++) jobs.push(i % 100 < 3 ? heavy[i % 100]! : kinds[i % kinds.length]!);
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        statuses.push(await job());
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(statuses).toHaveLength(1000);
    expect(statuses.every((s) => [400, 401, 404, 405, 408, 413].includes(s))).toBe(true);
    expect(statuses.filter((s) => s === 413)).toHaveLength(20);
    expect(statuses.filter((s) => s === 408)).toHaveLength(10);
    const r = await client.query(fql`"still serving"`);
    expect(r.data).toBe('still serving');
  }, 120_000);
});
