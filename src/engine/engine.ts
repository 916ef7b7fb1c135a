// The engine facade: one query in, one atomic transaction, one result with metrics out.
// Data flows one way: source → AST → evaluation against a QueryTx → commit → result. `execute`
// hands back values for a host to format (the wire protocol); `run` renders them as Fauna's
// tools print them (the playground page).
import type { Lang, Metrics, QueryError, RunRequest, RunResult, Span } from './api';
import { ContentionError, FqlError, QueryTimeout, httpStatusOf } from './errors';
import { evalFql10 } from './fql10';
import { ConstraintError, type ConstraintFailure } from './fql10/stdlib/constraint';
import { AbortError } from './fql10/stdlib/globals';
import { errorResponseJson, evalFql4, parseFql4, type Fql4Output, type ParsedFql4 } from './fql4';
import { MetricsCollector, NullCollector, type CostRow } from './metrics/collector';
import { renderDecorated } from './render/decorated';
import { renderDiagnostic } from './render/diagnostic';
import { notesOf } from './render/notes';
import { peekContext, renderContext } from './render/hints';
import { openStore, type PlaygroundDB } from './store/open';
import { QueryTx } from './store/query-tx';
import type { Value } from './values/value';
import { toSimple, toTagged } from './wire/tagged';
import { ADMIN, Unauthorized, describePrincipal, type Principal } from './auth/principal';
import { authenticateRouted } from './auth/route';
import { openChildStore } from './store/children';
import { constantTimeEqual } from './auth/secret';
import { overview, type ExportFile } from './store/export';
import { exportWithChildren, importWithChildren } from './store/child-export';
import type { DatabaseOverview } from './api';

export interface EngineOptions {
  /** The IndexedDB factory to store into: `self.indexedDB` in a worker, fake-indexeddb in Node. */
  indexedDB: IDBFactory;
  /** Name of the IndexedDB database holding this playground database. */
  name: string;
}

/** A query for `execute`: v10 text with bound values, or v4 text or an already-parsed tree. */
export type QueryInput = (
  | { lang: 'fql10'; source: string; bindings?: Map<string, Value> }
  | { lang: 'fql4'; source: string; parsed?: ParsedFql4 }
) & {
  /** Who runs it: a key or token secret (checked first; `unauthorized` if bad), or a principal. */
  secret?: string;
  /** The host's admin key secret, which `secret` may be (the Node server's `--secret`). */
  adminSecret?: string;
  principal?: Principal;
  /** The request's query timeout (`x-query-timeout-ms`): past it the query fails unwritten. */
  timeoutMs?: number;
  /** `false` runs with a collector that accounts nothing (every figure 0): the overhead bench. */
  metrics?: false;
};

/** What a query cost, summed over every attempt (Fauna re-bills retried attempts). */
export interface Totals {
  rawCompute: number;
  readOps: number;
  readBytes: number;
  writeOps: number;
  writeBytes: number;
  retries: number;
  /** Milliseconds measured locally, hashing included. */
  queryTimeMs: number;
}

export type Executed = {
  txnTs: number;
  totals: Totals;
  /** Who ran the query (absent when authentication failed). */
  principal?: Principal;
  /** What each source span cost (the last attempt), for the cost view. */
  costs: CostRow[];
  /** `info at *query*:L: …` lines from `log()`/`dbg()` (v10). */
  logs: string[];
} & (
  | { ok: true; lang: 'fql10'; value: Value }
  | { ok: true; lang: 'fql4'; output: Fql4Output; bytesIn: number }
  | {
      ok: false;
      lang: Lang;
      error: QueryError;
      position?: Array<string | number>;
      failures?: ConstraintFailure[];
      /** The value given to `abort()`. */
      abort?: Value;
      bytesIn: number;
    }
);

export interface Engine {
  run(req: RunRequest): Promise<RunResult>;
  execute(input: QueryInput): Promise<Executed>;
  /** Deletes every collection, document, credential and token: an empty database. */
  reset(): Promise<void>;
  /** Every record, hashes included (never a plaintext secret: none is stored). */
  exportData(): Promise<ExportFile>;
  /** Replaces the database's contents with a validated export; a bad file changes nothing. */
  importData(file: unknown): Promise<void>;
  overview(): Promise<DatabaseOverview>;
  close(): void;
}

/** Attempts after the first when a commit finds its reads stale (Fauna retries contention too). */
const MAX_RETRIES = 5;

export async function openEngine(opts: EngineOptions): Promise<Engine> {
  return new PlaygroundEngine(await openStore(opts.indexedDB, opts.name), opts);
}

class PlaygroundEngine implements Engine {
  /** Child databases' stores, opened when a secret first enters them (auth/route.ts). */
  private readonly children = new Map<string, Promise<PlaygroundDB>>();

  constructor(
    private readonly db: PlaygroundDB,
    private readonly opts: EngineOptions,
  ) {}

  private childStore(globalId: string): Promise<PlaygroundDB> {
    let child = this.children.get(globalId);
    if (!child) this.children.set(globalId, (child = openChildStore(this.opts.indexedDB, this.opts.name, globalId)));
    return child;
  }

  private async enter(globalId: string, metrics: Parameters<typeof QueryTx.begin>[1]): Promise<QueryTx> {
    return QueryTx.begin(await this.childStore(globalId), metrics);
  }

  async execute(input: QueryInput): Promise<Executed> {
    const started = performance.now();
    const totals: Totals = { rawCompute: 0, readOps: 0, readBytes: 0, writeOps: 0, writeBytes: 0, retries: 0, queryTimeMs: 0 };
    const finish = () => (totals.queryTimeMs = Math.round(performance.now() - started));
    // A query past its deadline is stopped before it commits, as Fauna stops it: nothing written.
    const deadline = started + (input.timeoutMs ?? Infinity);
    const inTime = () => {
      const now = performance.now();
      if (now > deadline) throw new QueryTimeout(Math.round(now - started));
    };
    let parsed: ParsedFql4 | undefined;
    for (;;) {
      const logs: string[] = [];
      // v4 bills an update by its changes (the forum's 58 KB document row); v10 by the version.
      const metrics = input.metrics === false ? new NullCollector() : new MetricsCollector({ updates: input.lang === 'fql4' ? 'diff' : 'version' });
      let tx = await QueryTx.begin(this.db, metrics);
      const add = (withWrites: boolean) => {
        totals.rawCompute += metrics.rawComputeUnits;
        totals.readOps += metrics.readOps;
        totals.readBytes += metrics.readBytes;
        if (withWrites) {
          totals.writeOps += metrics.writeOps;
          totals.writeBytes += metrics.writeBytes;
        }
      };
      let principal = input.principal ?? ADMIN;
      if (input.secret !== undefined) {
        try {
          ({ tx, principal } = await authenticateRouted(tx, input.secret, input.adminSecret, constantTimeEqual, (id) => this.enter(id, metrics)));
        } catch (e) {
          if (!(e instanceof Unauthorized)) throw e;
          // An expired key or token met here goes from the store (nothing else ran or is billed).
          await tx.purgeOnly();
          finish();
          return unauthorized(input.lang, tx.txnTs, logs);
        }
      }
      try {
        if (input.lang === 'fql10') {
          const value = await evalFql10(input.source, tx, input.bindings, logs, principal);
          inTime();
          await tx.commit();
          add(true);
          finish();
          return { ok: true, lang: 'fql10', value, txnTs: tx.txnTs, totals, logs, principal, costs: metrics.breakdown() };
        }
        parsed ??= input.parsed ?? parseFql4(input.source);
        const output = await evalFql4(parsed, tx, principal);
        inTime();
        await tx.commit();
        add(true);
        finish();
        return { ok: true, lang: 'fql4', output, bytesIn: parsed.bytesIn, txnTs: tx.txnTs, totals, logs, principal, costs: metrics.breakdown() };
      } catch (e) {
        if (e instanceof ContentionError && totals.retries < MAX_RETRIES) {
          add(true); // Fauna re-bills the reads and writes of every attempt
          totals.retries++;
          continue;
        }
        add(false); // failed queries bill compute and reads, never writes
        finish();
        const failed: Executed = {
          ok: false,
          lang: input.lang,
          error: toQueryError(input.lang, input.source, e),
          bytesIn: parsed?.bytesIn ?? 0,
          txnTs: tx.txnTs,
          totals,
          logs,
          principal,
          costs: metrics.breakdown(false),
        };
        if (e instanceof FqlError && e.position) failed.position = e.position;
        if (e instanceof ConstraintError) failed.failures = e.failures;
        if (e instanceof AbortError) failed.abort = e.value;
        return failed;
      }
    }
  }

  async run(req: RunRequest): Promise<RunResult> {
    const x = await this.execute({ lang: req.lang, source: req.source, ...(req.secret !== undefined ? { secret: req.secret } : {}) });
    const txnTs = String(x.txnTs);
    const principal = x.principal ? describePrincipal(x.principal) : 'nobody (unauthorized)';
    const costs = x.costs;
    const noted = (): { notes?: string[] } => {
      const notes = notesOf(x);
      return notes.length > 0 ? { notes } : {};
    };
    if (!x.ok) {
      const bytesOut =
        x.lang === 'fql4' ? utf8Length(errorResponseJson(x.error.code, x.error.message, x.position ?? [])) : 0;
      const failed: RunResult = { ok: false, lang: x.lang, error: x.error, txnTs, principal, costs, metrics: metricsOf(x.lang, x.totals, x.bytesIn, bytesOut), ...noted() };
      if (x.logs.length) failed.logs = x.logs;
      return failed;
    }
    if (x.lang === 'fql10') {
      const json = {
        simple: JSON.stringify(toSimple(x.value), null, 2),
        tagged: JSON.stringify(toTagged(x.value), null, 2),
      };
      const result: RunResult = { ok: true, lang: 'fql10', text: renderDecorated(x.value), json, txnTs, principal, costs, metrics: metricsOf('fql10', x.totals, 0, 0), ...noted() };
      if (x.logs.length) result.logs = x.logs;
      return result;
    }
    const bytesOut = utf8Length(x.output.responseJson);
    const json = { wire: JSON.stringify(JSON.parse(x.output.responseJson), null, 2) };
    return { ok: true, lang: 'fql4', text: x.output.text, json, txnTs, principal, costs, metrics: metricsOf('fql4', x.totals, x.bytesIn, bytesOut), ...noted() };
  }

  async reset(): Promise<void> {
    const tx = this.db.transaction(['docs', 'collections', 'meta', 'entries', 'versions'], 'readwrite');
    const meta = await tx.objectStore('meta').get('database');
    await Promise.all([tx.objectStore('docs').clear(), tx.objectStore('collections').clear(), tx.objectStore('entries').clear(), tx.objectStore('versions').clear()]);
    // lastTs stays: transaction times never go backwards, even across a reset.
    if (meta) await tx.objectStore('meta').put(meta, 'database');
    await tx.done;
  }

  exportData(): Promise<ExportFile> {
    return exportWithChildren(this.db, (id) => this.childStore(id));
  }

  importData(file: unknown): Promise<void> {
    return importWithChildren(this.db, file, (id) => this.childStore(id));
  }

  overview(): Promise<DatabaseOverview> {
    return overview(this.db);
  }

  close(): void {
    this.db.close();
    for (const child of this.children.values()) void child.then((db) => db.close());
  }
}

/** Authentication failed: nothing ran, nothing is billed (Fauna answers 401 before evaluating). */
function unauthorized(lang: Lang, txnTs: number, logs: string[]): Executed {
  const message = lang === 'fql4' ? 'Unauthorized' : 'Access token required';
  const zero: Totals = { rawCompute: 0, readOps: 0, readBytes: 0, writeOps: 0, writeBytes: 0, retries: 0, queryTimeMs: 0 };
  return {
    ok: false,
    lang,
    error: { code: 'unauthorized', message, summary: `error: ${message}`, httpStatus: 401 },
    bytesIn: 0,
    txnTs,
    totals: zero,
    logs,
    costs: [],
  };
}

function toQueryError(lang: Lang, source: string, e: unknown): QueryError {
  if (e instanceof QueryTimeout) {
    // Fauna calls a deadline under a second "aggressive" (440); a later one is a timeout (503).
    const aggressive = e.elapsedMs < 1000;
    const message = aggressive ? `Client set aggressive deadline: query needs 1000, timed out within ${e.elapsedMs}` : 'Read timed out';
    return { code: 'time_out', message, summary: `error: ${message}`, httpStatus: aggressive ? 440 : 503 };
  }
  if (e instanceof ContentionError) {
    const message = 'Transaction was aborted due to detection of concurrent modification.';
    return { code: 'contended_transaction', message, summary: `error: ${message}`, httpStatus: 409 };
  }
  if (!(e instanceof FqlError)) {
    const message = e instanceof Error ? e.message : String(e);
    return { code: 'internal_error', message, summary: `error: ${message}`, httpStatus: 500 };
  }
  const details =
    e instanceof ConstraintError
      ? ['constraint failures:', ...e.failures.map((f) => `  ${f.paths.map((p) => p.join('.')).join(',')}: ${f.message}`)]
      : [];
  const headline = lang === 'fql4' ? `${e.code}: ${e.message}` : e.message;
  // An error raised in a UDF body points into that body; hints and call sites follow it.
  const main = peekContext(e)?.src ?? { name: '*query*', text: source };
  const first = renderDiagnostic('error', headline, main.text, e.span, details, main.name) + renderContext(e, main);
  const summaries = [first, ...e.more.map((m) => renderDiagnostic('error', m.message, source, m.span))];
  // Fauna reports static (parse) failures as a count; the details are in the summary.
  const checks = 1 + e.more.length;
  const message = lang === 'fql10' && e.code === 'invalid_query' ? `The query failed ${checks} validation check${checks === 1 ? '' : 's'}` : e.message;
  const error: QueryError = {
    code: e.code,
    message,
    summary: summaries.join('\n\n'),
    httpStatus: httpStatusOf(e.code),
  };
  if (e.span) error.span = e.span as Span;
  return error;
}

/** Billed compute: raw units in 50s, at least one per query. */
export function computeOps(t: Totals): number {
  return Math.max(1, Math.ceil(t.rawCompute / 50));
}

export function metricsOf(lang: Lang, t: Totals, bytesIn: number, bytesOut: number): Metrics {
  if (lang === 'fql10') {
    return {
      lang,
      stats: {
        compute_ops: computeOps(t),
        read_ops: t.readOps,
        write_ops: t.writeOps,
        query_time_ms: t.queryTimeMs,
        contention_retries: t.retries,
        storage_bytes_read: t.readBytes,
        storage_bytes_write: t.writeBytes,
        rate_limits_hit: [],
      },
    };
  }
  return {
    lang,
    metrics: {
      bytesIn,
      bytesOut,
      computeOps: computeOps(t),
      readOps: t.readOps,
      writeOps: t.writeOps,
      readBytes: t.readBytes,
      writeBytes: t.writeBytes,
      queryTime: t.queryTimeMs,
      retries: t.retries,
    },
  };
}

const encoder = new TextEncoder();
function utf8Length(s: string): number {
  return encoder.encode(s).length;
}
