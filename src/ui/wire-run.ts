// How the page runs a query: as a request of Fauna's HTTP protocol, the same one a driver sends,
// then read back into what the result views show. The metrics, transaction time, result data and
// error code/message/summary come from Fauna's response itself (v10 body `stats`, v4 `x-*`
// headers); only what Fauna's protocol has no place for comes from the playground's `explain`
// extension (src/engine/wire/explain.ts): who ran the query, the cost rows, the v4 display text,
// the other JSON formats and an error's source span.
import type { Lang, Metrics, QueryError, RunRequest, RunResult, V10Stats, V4Metrics } from '../engine/api';
import { EXPLAIN_HEADER, FQL4_JS, SYNTAX_HEADER, type WireExplain } from '../engine/api';
import { PAGE_ADMIN_SECRET, type WireRequest, type WireResponse } from '../worker/protocol';

/** The request that runs `req` (`secret` absent: the database's admin key). */
export function wireRequestFor(req: RunRequest): WireRequest {
  const headers: Array<[string, string]> = [
    ['authorization', `Bearer ${req.secret ?? PAGE_ADMIN_SECRET}`],
    ['content-type', 'application/json'],
    [EXPLAIN_HEADER, 'true'],
  ];
  if (req.lang === 'fql10') {
    headers.push(['x-format', 'decorated'], ['x-performance-hints', 'true']);
    return { method: 'POST', path: '/query/1', headers, body: JSON.stringify({ query: req.source }) };
  }
  headers.push([SYNTAX_HEADER, FQL4_JS]);
  return { method: 'POST', path: '/', headers, body: req.source };
}

/** Thrown when a response is not one of Fauna's shapes (a bug, never a query error). */
export class ProtocolMismatch extends Error {}

export async function runOverWire(send: (req: WireRequest) => Promise<WireResponse>, req: RunRequest): Promise<RunResult> {
  return readResult(req.lang, await send(wireRequestFor(req)));
}

type Body = Record<string, unknown> & { explain?: WireExplain };

export function readResult(lang: Lang, res: WireResponse): RunResult {
  let body: Body;
  try {
    body = JSON.parse(res.body) as Body;
  } catch {
    throw new ProtocolMismatch(`the engine answered ${res.status} with a body that is not JSON`);
  }
  if (typeof body !== 'object' || body === null) throw new ProtocolMismatch('the engine answered with a body that is not an object');
  const headers = new Map(res.headers.map(([k, v]) => [k.toLowerCase(), v]));
  return lang === 'fql10' ? readV10(res.status, body) : readV4(res.status, body, headers);
}

const ZERO_STATS: V10Stats = {
  compute_ops: 0,
  read_ops: 0,
  write_ops: 0,
  query_time_ms: 0,
  contention_retries: 0,
  storage_bytes_read: 0,
  storage_bytes_write: 0,
  rate_limits_hit: [],
};

/** Who ran it and what it cost, from the extension; a 401 ran nothing, as nobody. */
function extrasOf(status: number, x: WireExplain | undefined): { principal?: string; costs?: WireExplain['costs']; notes?: string[] } {
  if (x) return { principal: x.principal, costs: x.costs, ...(x.notes ? { notes: x.notes } : {}) };
  return status === 401 ? { principal: 'nobody (unauthorized)', costs: [] } : {};
}

function readV10(status: number, body: Body): RunResult {
  // A protocol error (401, 409, …) has no stats: nothing ran, nothing is billed.
  const stats = { ...ZERO_STATS, ...(body.stats as Partial<V10Stats> | undefined) };
  const metrics: Metrics = { lang: 'fql10', stats };
  const txnTs = body.txn_ts === undefined ? '0' : String(body.txn_ts);
  const x = body.explain;
  const extras = extrasOf(status, x);
  if ('data' in body) {
    const ok: RunResult = { ok: true, lang: 'fql10', text: String(body.data), json: x?.json ?? {}, txnTs, metrics, ...extras };
    if (x?.logs) ok.logs = x.logs;
    return ok;
  }
  const err = body.error as { code?: unknown; message?: unknown } | undefined;
  const code = String(err?.code ?? 'internal_error');
  const message = String(err?.message ?? 'the engine answered without an error');
  // Fauna's summary leads with the log lines, which the page shows apart: the explain carries the
  // error's own. A protocol error (401, 409, 500) has no summary: its message is the whole story.
  const summary = x?.error?.summary ?? (typeof body.summary === 'string' ? body.summary : `error: ${message}`);
  const error: QueryError = { code, message, summary, httpStatus: status };
  if (x?.error?.span) error.span = x.error.span;
  const failed: RunResult = { ok: false, lang: 'fql10', error, txnTs, metrics, ...extras };
  if (x?.logs) failed.logs = x.logs;
  return failed;
}

/** v4 metrics are response headers (x-compute-ops, …), as the v4 drivers' observers read them. */
function v4Metrics(headers: Map<string, string>): V4Metrics {
  const n = (name: string) => Number(headers.get(name) ?? 0) || 0;
  return {
    bytesIn: n('x-query-bytes-in'),
    bytesOut: n('x-query-bytes-out'),
    computeOps: n('x-compute-ops'),
    readOps: n('x-byte-read-ops'),
    writeOps: n('x-byte-write-ops'),
    readBytes: n('x-storage-bytes-read'),
    writeBytes: n('x-storage-bytes-write'),
    queryTime: n('x-query-time'),
    retries: n('x-txn-retries'),
  };
}

function readV4(status: number, body: Body, headers: Map<string, string>): RunResult {
  const metrics: Metrics = { lang: 'fql4', metrics: v4Metrics(headers) };
  const txnTs = headers.get('x-txn-time') ?? '0';
  const x = body.explain;
  const extras = extrasOf(status, x);
  const { explain: _explain, ...fauna } = body;
  if ('resource' in fauna && status < 300) {
    return { ok: true, lang: 'fql4', text: x?.text ?? JSON.stringify(fauna.resource), json: { wire: JSON.stringify(fauna, null, 2) }, txnTs, metrics, ...extras };
  }
  const first = Array.isArray(fauna.errors) ? (fauna.errors[0] as { code?: unknown; description?: unknown } | undefined) : undefined;
  const code = String(first?.code ?? 'internal server error');
  const message = String(first?.description ?? 'the engine answered without an error');
  // The v4 wire error has a position, not a source span: the explain gives the page's caret view.
  // (A 401 is refused before any query exists: its summary is the message alone, as in v10.)
  const summary = status === 401 ? `error: ${message}` : `error: ${code}: ${message}`;
  const error: QueryError = x?.error ?? { code, message, summary, httpStatus: status };
  return { ok: false, lang: 'fql4', error: { ...error, httpStatus: status }, txnTs, metrics, ...extras };
}
