// Fauna's HTTP protocol as one fetch-style handler, `(Request) → Response`, shared by the Node
// host and the in-page worker. Routing follows the core's CoreApplication: `/query/1` is the v10
// endpoint, the other v10 paths (`/stream/1`, `/feed/1`, `/schema/1…`, `/environment/1`,
// `/export/1…`) are not served offline, and every other path belongs to the v4 endpoint
// (`GET /ping`, `POST /`, `POST /linearized`; unknown paths 404).
//
// Every answer is JSON with `content-type: application/json;charset=utf-8` (fauna-shell drops
// other bodies) and never an empty 200; the v10 drivers judge by body shape, v4 by status.
// Checks run in the core's order, so a request with several faults gets the core's answer.
import { metricsOf, type Engine, type Executed } from '../engine';
import { parseWireFql4 } from '../fql4/from-json';
import { renderDecorated } from '../render/decorated';
import { renderDiagnostic } from '../render/diagnostic';
import type { Value } from '../values/value';
import { tokenOf } from './auth';
import {
  apiVersionParam,
  booleanParam,
  formatParam,
  retriesParam,
  tagsParam,
  timeoutParam,
  timestampParam,
  type Checked,
  type Format,
} from './params';
import { decodeSimple, decodeTagged, InvalidValue, toSimple, toTagged, type Json } from './tagged';
import { BadBody, BadTemplateValue, composeQuery, displaySource } from './template';
import { explainOf, FQL4_JS, SYNTAX_HEADER, wantsExplain, type WireExplain } from './explain';
import { v4ErrorsJson } from './v4-json';

export interface WireOptions {
  engine: Engine;
  /** The admin key secret of this database (`secret`, as Fauna's docker image). */
  adminSecret: string;
  /** Largest request body, in bytes (the core's HttpServer.MaxRequestSize: 8 MiB). */
  maxBodyBytes?: number;
  /** Called after a request whose query committed writes (a host persists then). */
  onCommit?: () => void;
  /**
   * Queries run at once (default 1). The engine is single-threaded and its optimistic commit
   * fails a writer when any other write committed since it began, so concurrent writers mostly
   * retry; one at a time in arrival order is as fast and never contends.
   */
  maxConcurrentQueries?: number;
}

export type WireHandler = (req: Request) => Promise<Response>;

export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** The core's query timeout when a request sets none: 2 minutes. */
const DEFAULT_TIMEOUT_MS = 120_000;
/** Jackson's default nesting limit, which the core's JSON reader keeps. */
const MAX_JSON_DEPTH = 1000;
const JSON_TYPE = 'application/json;charset=utf-8';
const CONTACT_SUPPORT = 'Please create a ticket at https://support.fauna.com';
const encoder = new TextEncoder();

type Headers_ = Record<string, string>;

/** Which of the core's endpoints a path belongs to. */
export type Endpoint = 'v10' | 'v10-unsupported' | 'v4';

export function endpointOf(path: string): Endpoint {
  if (path === '/query/1') return 'v10';
  if (['/environment/1', '/stream/1', '/feed/1'].includes(path) || path.startsWith('/schema/1') || path.startsWith('/export/1')) {
    return 'v10-unsupported';
  }
  return 'v4';
}

function json(status: number, body: string, headers: Headers_ = {}): Response {
  return new Response(body, { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

/** A v10 protocol error: only `error` (and `query_tags` when tags were parsed), no summary or stats. */
function v10ProtocolError(status: number, code: string, message: string, tags?: string, headers: Headers_ = {}): Response {
  const body: Record<string, Json> = { error: { code, message } };
  if (tags !== undefined) body.query_tags = tags;
  return json(status, JSON.stringify(body), headers);
}

/** A v4 protocol error (APIResponse.ErrorResponse): `code` and `description`, no `position`. */
function v4ErrorBody(code: string, description: string): string {
  return JSON.stringify({ errors: [{ code, description }] });
}

/** The 413 a host sends when a body is larger than `maxBodyBytes`, in the endpoint's shape. */
export function requestTooLarge(path: string): Response {
  if (endpointOf(path) === 'v4') return v4Response(413, v4ErrorBody('request too large', 'Request entity is too large'));
  return v10ProtocolError(413, 'request_size_exceeded', 'Request entity is too large');
}

/**
 * What the core's channel handler answers when a client stalls mid-request (Application.scala):
 * `{"error": "request timeout: Client timed out."}` with 408, whatever the endpoint.
 */
export function clientTimedOut(): Response {
  return json(408, JSON.stringify({ error: 'request timeout: Client timed out.' }));
}

/** The channel handler's answer to bytes that are not HTTP. */
export function badHttpRequest(): Response {
  return json(400, JSON.stringify({ error: 'bad request' }));
}

function nowMicros(): number {
  return Date.now() * 1000;
}

export function createWireHandler(opts: WireOptions): WireHandler {
  const maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const gate = limiter(opts.maxConcurrentQueries ?? 1);
  const ctx: Ctx = { ...opts, maxBody, execute: (input) => gate(() => opts.engine.execute(input)) };
  return async (req) => {
    let path = '/';
    let endpoint: Endpoint = 'v4';
    try {
      const url = new URL(req.url);
      path = url.pathname;
      endpoint = endpointOf(path);
      const origin = req.headers.get('origin');
      if (req.method === 'OPTIONS' && origin !== null) return withCors(preflight(), origin, true);
      const res =
        endpoint === 'v10'
          ? await queryV10(req, ctx)
          : endpoint === 'v10-unsupported'
            ? await unsupportedV10(req, path, ctx)
            : await routeV4(req, url, ctx);
      return origin === null ? res : withCors(res, origin, false);
    } catch (e) {
      const message = `${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} ${CONTACT_SUPPORT}`;
      return endpoint === 'v4'
        ? json(500, v4ErrorBody('internal server error', message), { 'x-txn-time': String(nowMicros()) })
        : v10ProtocolError(500, 'internal_error', message);
    }
  };
}

interface Ctx extends WireOptions {
  maxBody: number;
  execute: Engine['execute'];
}

/** Runs at most `n` tasks at once, the others in arrival order. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

// ---------------------------------------------------------------------------------------------
// CORS (CoreApplication.addCORSHeaders): only when the request has an Origin.

const CORS_ALLOWED_HEADERS =
  'accept-encoding, authorization, content-type, x-driver-env, x-faunadb-api-version, x-fauna-driver, ' +
  'x-fauna-source, x-fauna-tags, x-format, x-last-seen-txn, x-last-txn-ts, x-linearized, ' +
  'x-max-contention-retries, x-max-retries-on-contention, x-query-tags, x-query-timeout, ' +
  'x-query-timeout-ms, x-runtime-environment, x-runtime-environment-os, x-nodejs-version, traceparent, ' +
  'x-typecheck, x-performance-hints';

function preflight(): Response {
  return json(200, '{}', {
    'access-control-max-age': '86400',
    'access-control-allow-headers': CORS_ALLOWED_HEADERS,
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
  });
}

function withCors(res: Response, origin: string, isPreflight: boolean): Response {
  const headers = new Headers(res.headers);
  const exposed: string[] = [];
  headers.forEach((_v, k) => k.startsWith('x-') && exposed.push(k));
  headers.set('access-control-expose-headers', isPreflight ? '' : exposed.join(', '));
  headers.set('access-control-allow-origin', origin);
  headers.set('access-control-allow-credentials', 'true');
  return new Response(res.body, { status: res.status, headers });
}

// ---------------------------------------------------------------------------------------------
// Bodies

type Body = { kind: 'none' } | { kind: 'too-large' } | { kind: 'text'; text: string; bytes: number };

async function readBody(req: Request, maxBody: number): Promise<Body> {
  if (req.body === null) return { kind: 'none' };
  const buf = new Uint8Array(await req.arrayBuffer());
  if (buf.length > maxBody) return { kind: 'too-large' };
  if (buf.length === 0) return { kind: 'none' };
  return { kind: 'text', text: new TextDecoder().decode(buf), bytes: buf.length };
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: 'syntax' | 'depth'; message: string };

function parseJson(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: 'syntax', message: e instanceof Error ? e.message : String(e) };
  }
  return depthOf(value) > MAX_JSON_DEPTH ? { ok: false, reason: 'depth', message: 'nesting' } : { ok: true, value };
}

function depthOf(root: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > MAX_JSON_DEPTH) return max;
    for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push([x, d + 1]);
  }
  return max;
}

function firstFailure(...checks: Array<Checked<unknown>>): string | undefined {
  for (const c of checks) if (!c.ok) return c.message;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// v10: POST /query/1 (FQL2Endpoint.scala)

async function queryV10(req: Request, ctx: Ctx): Promise<Response> {
  const h = req.headers;
  // 1. Request info: last txn time, timeout, contention retries.
  const timeout = timeoutParam(h, 'x-query-timeout-ms');
  const infoError = firstFailure(timestampParam(h, 'x-last-txn-ts'), timeout, retriesParam(h, 'x-max-contention-retries'));
  const body = await readBody(req, ctx.maxBody);
  if (infoError) return v10ProtocolError(400, 'invalid_request', infoError);
  // 2. Query tags.
  const tags = tagsParam(h, 'x-query-tags');
  if (!tags.ok) return v10ProtocolError(400, 'invalid_request', tags.message);
  // 3. The request: format and flags, then the body.
  // (A body over the limit fails the request before its parsed form is looked at.)
  if (body.kind === 'too-large') return requestTooLarge('/query/1');
  const format = formatParam(h);
  const hintsParam = booleanParam(h, 'x-performance-hints');
  const flagsError = firstFailure(format, booleanParam(h, 'x-typecheck'), booleanParam(h, 'x-linearized'), hintsParam);
  if (flagsError || !format.ok) return v10ProtocolError(400, 'invalid_request', flagsError ?? '');
  if (body.kind === 'none') return v10ProtocolError(400, 'invalid_request', 'No request body provided');
  const parsed = parseJson(body.text);
  if (!parsed.ok) {
    const message = parsed.reason === 'depth' ? 'Invalid request body: JSON exceeds nesting limit' : `Invalid request body: ${parsed.message}`;
    return v10ProtocolError(400, 'invalid_request', message);
  }
  const fields = parsed.value;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields) || !('query' in fields)) {
    return v10ProtocolError(400, 'invalid_request', 'Invalid request body');
  }
  const { query, arguments: args } = fields as { query: unknown; arguments?: unknown };
  if (args !== undefined && args !== null && (typeof args !== 'object' || Array.isArray(args))) {
    return v10ProtocolError(400, 'invalid_request', 'Invalid request body');
  }
  let template;
  try {
    template = composeQueryOrBadValue(query);
  } catch (e) {
    if (e instanceof BadBody) return v10ProtocolError(400, 'invalid_request', e.message);
    throw e;
  }
  // 4. Authentication: no secret at all is refused here; what a secret grants is the engine's
  // call, made when the query runs (or, on the error paths below, by an empty query first).
  const unauthorized = () => v10ProtocolError(401, 'unauthorized', 'Access token required', tags.value, { 'www-authenticate': 'Bearer' });
  const secret = tokenOf(h.get('authorization'));
  if (secret === undefined) return unauthorized();
  // 5. Arguments, decoded in the request's format.
  const bindings = new Map<string, Value>();
  for (const [k, v] of Object.entries((args ?? {}) as Record<string, Json>)) {
    try {
      bindings.set(k, format.value === 'simple' ? decodeSimple(v) : decodeTagged(v));
    } catch (e) {
      if (!(e instanceof InvalidValue)) throw e;
      if (!(await authenticates(ctx, secret))) return unauthorized();
      return v10ProtocolError(400, 'invalid_request', `Invalid argument '${k}': ${e.message}`, tags.value);
    }
  }
  // 6. Template values that do not decode fail the query's check phase.
  if (template.kind === 'bad-value') {
    if (!(await authenticates(ctx, secret))) return unauthorized();
    const e = template.error;
    const summary = renderDiagnostic('error', e.message, e.source, { start: e.offset, end: e.offset + e.length });
    return v10Envelope(400, {
      error: { code: 'invalid_query', message: 'The query failed 1 validation check' },
      summary: displaySource(summary, template.placeholders),
      txnTs: nowMicros(),
      stats: emptyStats(),
      tags: tags.value,
    });
  }
  for (const [k, v] of template.query.bindings) bindings.set(k, v);
  const timeoutMs = (timeout.ok ? timeout.value : undefined) ?? DEFAULT_TIMEOUT_MS;
  const x = await ctx.execute({ lang: 'fql10', source: template.query.source, bindings, secret, adminSecret: ctx.adminSecret, timeoutMs });
  if (isUnauthorized(x)) return unauthorized();
  if (x.ok && x.totals.writeOps > 0) ctx.onCommit?.();
  const hints = hintsParam.ok && hintsParam.value === true;
  return v10Result(x, format.value, tags.value, template.query.placeholders, hints, wantsExplain(h) ? explainOf(x) : undefined);
}

/** The engine refused the secret: nothing ran. */
function isUnauthorized(x: Executed): boolean {
  return !x.ok && x.principal === undefined && x.error.code === 'unauthorized';
}

/** Whether a secret authenticates, for answers the core gives only to authenticated requests. */
async function authenticates(ctx: Ctx, secret: string): Promise<boolean> {
  return !isUnauthorized(await ctx.execute({ lang: 'fql10', source: 'null', secret, adminSecret: ctx.adminSecret }));
}

/**
 * The v10 endpoints the playground does not serve still answer who may use them, as the core
 * does before any work: schema (`/schema/1…`, SchemaEndpoint) and `/environment/1` need a secret
 * (401) whose role may read schema — admin, server or server-readonly keys — else 403 `forbidden`
 * "Access denied" (the drivers' AuthorizationError). The rest is a 404 saying why.
 */
async function unsupportedV10(req: Request, path: string, ctx: Ctx): Promise<Response> {
  const gated = path.startsWith('/schema/1') || path === '/environment/1';
  const notServed = () => v10ProtocolError(404, 'not_found', `The endpoint \`${path}\` is not supported by the playground.`);
  if (!gated) return notServed();
  // Schema answers carry only a message (SchemaResponse.ErrorResponse); environment, a code too.
  const schema = path.startsWith('/schema/1');
  const refuse = (status: number, code: string, message: string, headers: Headers_ = {}) =>
    schema ? json(status, JSON.stringify({ error: { message } }), headers) : v10ProtocolError(status, code, message, undefined, headers);
  const secret = tokenOf(req.headers.get('authorization'));
  const x = secret === undefined ? undefined : await ctx.execute({ lang: 'fql10', source: 'null', secret, adminSecret: ctx.adminSecret });
  if (!x || isUnauthorized(x)) return refuse(401, 'unauthorized', 'Access token required', { 'www-authenticate': 'Bearer' });
  const p = x.principal;
  const readsSchema = p?.kind === 'key' && ['admin', 'server', 'server-readonly'].includes(p.role);
  return readsSchema ? notServed() : refuse(403, 'forbidden', 'Access denied');
}

type Template =
  | { kind: 'ok'; query: ReturnType<typeof composeQuery> }
  | { kind: 'bad-value'; error: BadTemplateValue; placeholders: string[] };

function composeQueryOrBadValue(query: unknown): Template {
  try {
    return { kind: 'ok', query: composeQuery(query) };
  } catch (e) {
    if (e instanceof BadTemplateValue) return { kind: 'bad-value', error: e, placeholders: e.placeholders };
    throw e;
  }
}

function emptyStats(): Json {
  return {
    compute_ops: 1,
    read_ops: 0,
    write_ops: 0,
    query_time_ms: 0,
    contention_retries: 0,
    storage_bytes_read: 0,
    storage_bytes_write: 0,
    rate_limits_hit: [],
  };
}

/** The core's field order: data | error, summary, txn_ts, stats, query_tags, schema_version. */
function v10Envelope(
  status: number,
  parts: { data?: Json; error?: Json; summary: string; txnTs: number; stats: Json; tags: string | undefined; explain?: WireExplain },
): Response {
  const out: Record<string, Json> = {};
  if (parts.error !== undefined) out.error = parts.error;
  else out.data = parts.data ?? null;
  out.summary = parts.summary;
  out.txn_ts = parts.txnTs;
  out.stats = parts.stats;
  if (parts.tags !== undefined) out.query_tags = parts.tags;
  out.schema_version = 0;
  if (parts.explain) out.explain = parts.explain as unknown as Json;
  return json(status, JSON.stringify(out));
}

function encodeV10(v: Value, format: Format): Json {
  return format === 'decorated' ? renderDecorated(v) : format === 'tagged' ? toTagged(v) : toSimple(v);
}

/**
 * The summary Fauna sends: log()/dbg() lines, then (on failure) the error; performance hints only
 * when the request asked for them (`x-performance-hints: true`), as the core's endpoint does.
 */
function summaryOf(x: Executed, hints: boolean): string {
  const shown = hints ? x.logs : x.logs.filter((l) => !l.startsWith('performance_hint:'));
  if (x.ok) return shown.join('\n\n');
  return [...shown, x.error.summary].join('\n\n');
}

function v10Result(x: Executed, format: Format, tags: string | undefined, placeholders: string[], hints: boolean, explain?: WireExplain): Response {
  const m = metricsOf('fql10', x.totals, 0, 0);
  const stats = (m.lang === 'fql10' ? m.stats : emptyStats()) as unknown as Json;
  if (x.ok) {
    if (x.lang !== 'fql10') throw new Error('a v10 query answered as v4');
    // log()/dbg() output is the summary of a successful query (runtime diagnostics).
    return v10Envelope(200, { data: encodeV10(x.value, format), summary: summaryOf(x, hints), txnTs: x.txnTs, stats, tags, explain });
  }
  // Contention and internal failures are protocol errors: no summary, txn_ts or stats.
  if (x.error.code === 'contended_transaction') return v10ProtocolError(409, x.error.code, x.error.message, tags);
  if (x.error.code === 'time_out') return v10ProtocolError(x.error.httpStatus, x.error.code, x.error.message, tags);
  if (x.error.code === 'internal_error') return v10ProtocolError(500, x.error.code, `${x.error.message} ${CONTACT_SUPPORT}`, tags);
  const error: Record<string, Json> = { code: x.error.code, message: x.error.message };
  if (x.failures && x.failures.length > 0) {
    error.constraint_failures = x.failures.map((f) => ({ paths: f.paths, message: f.message }));
  }
  // abort()'s value, in the request's format (the driver's AbortError decodes it).
  if (x.abort !== undefined) error.abort = encodeV10(x.abort, format);
  // Every query error is 400 in the core (FQL2Response.QueryError).
  return v10Envelope(400, { error, summary: displaySource(summaryOf(x, hints), placeholders), txnTs: x.txnTs, stats, tags, explain });
}

// ---------------------------------------------------------------------------------------------
// v4 (TMPEndpoint.scala, UtilRoutes.scala, FQL1Routes.scala)

interface V4Metrics {
  computeOps: number;
  readOps: number;
  writeOps: number;
  queryTime: number;
  bytesIn: number;
  readBytes: number;
  writeBytes: number;
  retries: number;
}

const NO_METRICS: V4Metrics = { computeOps: 0, readOps: 0, writeOps: 0, queryTime: 0, bytesIn: 0, readBytes: 0, writeBytes: 0, retries: 0 };

/** A v4 response with the headers every v4 answer carries (TMPEndpoint.setHeaders). */
function v4Response(
  status: number,
  body: string,
  o: { txnTs?: number; metrics?: V4Metrics; tags?: string; headers?: Headers_; explain?: WireExplain } = {},
): Response {
  const headers: Headers_ = { ...o.headers, 'x-txn-time': String(o.txnTs ?? nowMicros()) };
  if (o.tags !== undefined) headers['x-fauna-tags'] = o.tags;
  if (status !== 401 && status !== 500) {
    const m = o.metrics ?? NO_METRICS;
    Object.assign(headers, {
      'x-compute-ops': String(m.computeOps),
      'x-byte-read-ops': String(m.readOps),
      'x-byte-write-ops': String(m.writeOps),
      'x-query-time': String(m.queryTime),
      'x-query-bytes-in': String(m.bytesIn),
      'x-query-bytes-out': String(encoder.encode(body).length),
      'x-storage-bytes-read': String(m.readBytes),
      'x-storage-bytes-write': String(m.writeBytes),
      'x-txn-retries': String(m.retries),
    });
  }
  // The extension goes after the bytes out are counted: Fauna's body is what a driver would get.
  if (o.explain) body = `${body.slice(0, -1)},"explain":${JSON.stringify(o.explain)}}`;
  return json(status, body, headers);
}

const UNAUTHORIZED_V4 = v4ErrorBody('unauthorized', 'Unauthorized');

async function routeV4(req: Request, url: URL, ctx: Ctx): Promise<Response> {
  const h = req.headers;
  // 1. Request info: API version, last seen txn, timeout, contention retries. These answers
  // leave the core before its header-setting step, so they carry no metric headers.
  const timeout = timeoutParam(h, 'x-query-timeout');
  const infoError = firstFailure(apiVersionParam(h), timestampParam(h, 'x-last-seen-txn'), timeout, retriesParam(h, 'x-max-retries-on-contention'));
  const body = await readBody(req, ctx.maxBody);
  if (infoError) return json(400, v4ErrorBody('bad request', infoError));
  // 2. Tags (`x-fauna-tags`, echoed in the header of the same name).
  const tagsChecked = tagsParam(h, 'x-fauna-tags');
  if (!tagsChecked.ok) return v4Response(400, v4ErrorBody('bad request', tagsChecked.message));
  const tags = tagsChecked.value;
  if (body.kind === 'too-large') return v4Response(413, v4ErrorBody('request too large', 'Request entity is too large'), { tags });
  const path = url.pathname;
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  // 3. Utility routes need no authentication.
  if (path === '/ping') {
    if (method !== 'GET') return v4Response(405, v4ErrorBody('method not allowed', 'Allowed methods are GET.'), { tags, headers: { allow: 'GET' } });
    const scope = { all: 'all', write: 'write', read: 'read', global: 'write', local: 'read' }[url.searchParams.get('scope') ?? 'write'] ?? 'node';
    return v4Response(200, JSON.stringify({ resource: `Scope ${scope} is OK` }), { tags });
  }
  if (path === '/error') {
    if (method !== 'GET') return v4Response(405, v4ErrorBody('method not allowed', 'Allowed methods are GET.'), { tags, headers: { allow: 'GET' } });
    return v4Response(500, v4ErrorBody('internal server error', `java.lang.RuntimeException: Sample error ${CONTACT_SUPPORT}`), { tags });
  }
  // 4. Query routes: an unknown path is 404 before authentication.
  const isQuery = path === '/' || path === '' || path === '/linearized';
  if (!isQuery) return v4Response(404, v4ErrorBody('not found', 'Not Found'), { tags });
  const unauthorized = () => v4Response(401, UNAUTHORIZED_V4, { tags, headers: { 'www-authenticate': 'Basic realm="Unauthorized"' } });
  const secret = tokenOf(h.get('authorization'));
  if (secret === undefined) return unauthorized();
  const allowed = path === '/linearized' ? ['POST'] : ['GET', 'POST'];
  if (!allowed.includes(method)) {
    if (!(await authenticates(ctx, secret))) return unauthorized();
    const list = allowed.join(', ');
    return v4Response(405, v4ErrorBody('method not allowed', `Allowed methods are ${list}.`), { tags, headers: { allow: list } });
  }
  // 5. The expression: the body, or `?q=` on a GET.
  let text: string | undefined;
  if (method === 'GET') text = url.searchParams.get('q') ?? undefined;
  else if (body.kind === 'text') text = body.text;
  const jsSyntax = h.get(SYNTAX_HEADER) === FQL4_JS;
  let bytesIn = text === undefined ? 0 : encoder.encode(text).length;
  if (text === undefined || text === '') {
    if (!(await authenticates(ctx, secret))) return unauthorized();
    return v4QueryError(400, [], 'invalid expression', 'No query provided.', tags, bytesIn);
  }
  let parsedWire;
  if (!jsSyntax) {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      if (!(await authenticates(ctx, secret))) return unauthorized();
      const description = parsed.reason === 'depth' ? 'Request body JSON exceeds nesting limit.' : 'Request body is not valid JSON.';
      return v4QueryError(400, [], 'invalid expression', description, tags, bytesIn);
    }
    parsedWire = parseWireFql4(parsed.value, text);
  }
  // Source in the JS-call syntax is parsed by the engine, which bills its wire JSON's length.
  const timeoutMs = (timeout.ok ? timeout.value : undefined) ?? DEFAULT_TIMEOUT_MS;
  const x = await ctx.execute({ lang: 'fql4', source: text, ...(parsedWire ? { parsed: parsedWire } : {}), secret, adminSecret: ctx.adminSecret, timeoutMs });
  if (isUnauthorized(x)) return unauthorized();
  if (jsSyntax) bytesIn = x.ok ? (x.lang === 'fql4' ? x.bytesIn : 0) : x.bytesIn;
  const explain = wantsExplain(h) ? explainOf(x) : undefined;
  const m = metricsOf('fql4', x.totals, bytesIn, 0);
  const metrics: V4Metrics = m.lang === 'fql4' ? { ...m.metrics, bytesIn } : NO_METRICS;
  if (x.ok) {
    if (x.lang !== 'fql4') throw new Error('a v4 query answered as v10');
    if (x.totals.writeOps > 0) ctx.onCommit?.();
    return v4Response(x.output.created ? 201 : 200, x.output.responseJson, { txnTs: x.txnTs, metrics, tags, explain });
  }
  const { code, message } = x.error;
  if (code === 'contended_transaction') return v4Response(409, v4ErrorBody('contended transaction', message), { txnTs: x.txnTs, metrics, tags, explain });
  // v4 answers every timeout, aggressive or not, as the service timeout (TMPEndpoint).
  if (code === 'time_out') return v4Response(503, v4ErrorBody('time out', 'Read timed out'), { txnTs: x.txnTs, metrics, tags, explain });
  if (code === 'internal_error') {
    return v4Response(500, v4ErrorBody('internal server error', `${message}\n${CONTACT_SUPPORT}`), { txnTs: x.txnTs, tags });
  }
  const body4 = v4ErrorsJson([{ position: x.position ?? [], code, description: message }]);
  return v4Response(v4Status(code), body4, { txnTs: x.txnTs, metrics, tags, explain });
}

function v4QueryError(status: number, position: Array<string | number>, code: string, description: string, tags: string | undefined, bytesIn: number): Response {
  return v4Response(status, v4ErrorsJson([{ position, code, description }]), { tags, metrics: { ...NO_METRICS, bytesIn } });
}

/** The core's status for a v4 query error (ast/Error.scala statusCode). */
export function v4Status(code: string): number {
  switch (code) {
    case 'instance not found':
    case 'value not found':
    case 'schema not found':
      return 404;
    case 'permission denied':
      return 403;
    default:
      return 400;
  }
}
