// "Connect a driver": Fauna's own drivers, running in this page, talk to the in-page engine
// through the same protocol handler the Run button and the Node server use — no network. The
// page exposes `window.fqlPlayground` for code in the page (the developer console, a script of a
// docs page embedding the playground):
//
//   const { Client, fql } = await fqlPlayground.drivers.fauna();
//   const client = new Client({ secret: fqlPlayground.secret }, fqlPlayground.httpClient());
//
//   const faunadb = await fqlPlayground.drivers.faunadb();
//   const v4 = new faunadb.Client({ secret: fqlPlayground.secret, fetch: fqlPlayground.fetch });
//
// Requests go to the database selected in the playground when they are sent.
import type { WireRequest, WireResponse } from '../worker/protocol';
import { PAGE_ADMIN_SECRET } from '../worker/protocol';

/** The `fauna` driver's HTTPClient contract (its `http-client.d.ts`), restated to keep types local. */
export interface FaunaHttpRequest {
  client_timeout_ms: number;
  data: unknown;
  headers: Record<string, string | undefined>;
  method: string;
  path?: string;
}

export interface FaunaHttpResponse {
  body: string;
  headers: Record<string, string | string[] | undefined>;
  status: number;
}

export interface FaunaHttpClient {
  request(req: FaunaHttpRequest): Promise<FaunaHttpResponse>;
  close(): void;
}

type SendWire = (request: WireRequest) => Promise<WireResponse>;

/** The `fauna` (v10) driver's HTTP client, over the in-page protocol. */
export function faunaHttpClient(send: SendWire): FaunaHttpClient {
  let closed = false;
  return {
    async request(req) {
      if (closed) throw new Error('this HTTP client is closed');
      const headers: Array<[string, string]> = [];
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.push([k, v]);
      const res = await send({ method: req.method, path: req.path ?? '/query/1', headers, body: JSON.stringify(req.data) });
      return { status: res.status, headers: Object.fromEntries(res.headers), body: res.body };
    },
    close() {
      closed = true;
    },
  };
}

/** A fetch over the in-page protocol (the `faunadb` v4 driver's `fetch` option takes one). */
export function pageFetch(send: SendWire): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const headers: Array<[string, string]> = [];
    request.headers.forEach((value, key) => headers.push([key, value]));
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const body = hasBody ? await request.text() : undefined;
    const res = await send({ method: request.method, path: `${url.pathname}${url.search}`, headers, ...(body !== undefined ? { body } : {}) });
    // A 204/304 may not carry a body; the protocol never answers them, but stay a valid Response.
    return new Response([204, 304].includes(res.status) ? null : res.body, { status: res.status, headers: res.headers });
  };
}

export interface PlaygroundPageApi {
  /** The admin key secret of every database in the page. */
  readonly secret: string;
  /** The IndexedDB name of the database requests go to (the one selected now). */
  database(): string;
  /** Fauna's HTTP protocol against that database, as a fetch function. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** An HTTP client for the `fauna` driver: `new Client(config, fqlPlayground.httpClient())`. */
  httpClient(): FaunaHttpClient;
  /** The drivers, loaded on first use (they are not in the page until then). */
  readonly drivers: {
    fauna(): Promise<typeof import('fauna')>;
    faunadb(): Promise<typeof import('faunadb')>;
  };
}

export function createPageApi(fetchWire: (db: string, request: WireRequest) => Promise<WireResponse>, database: () => string): PlaygroundPageApi {
  const send: SendWire = (request) => fetchWire(database(), request);
  return {
    secret: PAGE_ADMIN_SECRET,
    database,
    fetch: pageFetch(send),
    httpClient: () => faunaHttpClient(send),
    drivers: {
      fauna: () => import('fauna'),
      faunadb: async () => {
        const mod = (await import('faunadb')) as typeof import('faunadb') & { default?: typeof import('faunadb') };
        // A CommonJS module: the bundle puts its exports on `default`.
        return mod.default ?? mod;
      },
    },
  };
}
