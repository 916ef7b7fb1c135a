// The engine facade: one query in, one atomic transaction, one rendered result with metrics out.
// Data flows one way: source → AST → evaluation against a QueryTx → commit → rendered result.
import type { Lang, Metrics, QueryError, RunRequest, RunResult, Span } from './api';
import { ContentionError, FqlError, httpStatusOf } from './errors';
import { evalFql10 } from './fql10';
import { ConstraintError } from './fql10/stdlib/constraint';
import { errorResponseJson, evalFql4, parseFql4 } from './fql4';
import { MetricsCollector } from './metrics/collector';
import { renderDecorated } from './render/decorated';
import { renderDiagnostic } from './render/diagnostic';
import { openStore, type PlaygroundDB } from './store/open';
import { QueryTx } from './store/query-tx';

export interface EngineOptions {
  /** The IndexedDB factory to store into: `self.indexedDB` in a worker, fake-indexeddb in Node. */
  indexedDB: IDBFactory;
  /** Name of the IndexedDB database holding this playground database. */
  name: string;
}

export interface Engine {
  run(req: RunRequest): Promise<RunResult>;
  /** Deletes every collection, document, credential and token: an empty database. */
  reset(): Promise<void>;
  close(): void;
}

/** Attempts after the first when a commit finds its reads stale (Fauna retries contention too). */
const MAX_RETRIES = 5;

export async function openEngine(opts: EngineOptions): Promise<Engine> {
  return new PlaygroundEngine(await openStore(opts.indexedDB, opts.name));
}

interface Totals {
  compute: number;
  readOps: number;
  readBytes: number;
  writeOps: number;
  writeBytes: number;
  retries: number;
}

class PlaygroundEngine implements Engine {
  constructor(private readonly db: PlaygroundDB) {}

  async run(req: RunRequest): Promise<RunResult> {
    const started = performance.now();
    const totals: Totals = { compute: 0, readOps: 0, readBytes: 0, writeOps: 0, writeBytes: 0, retries: 0 };
    let bytesIn = 0;
    for (;;) {
      const metrics = new MetricsCollector();
      const tx = await QueryTx.begin(this.db, metrics);
      const add = (withWrites: boolean) => {
        totals.compute += metrics.rawComputeUnits;
        totals.readOps += metrics.readOps;
        totals.readBytes += metrics.readBytes;
        if (withWrites) {
          totals.writeOps += metrics.writeOps;
          totals.writeBytes += metrics.writeBytes;
        }
      };
      try {
        let text: string;
        let bytesOut = 0;
        if (req.lang === 'fql10') {
          text = renderDecorated(await evalFql10(req.source, tx));
        } else {
          const parsed = parseFql4(req.source);
          bytesIn = parsed.bytesIn;
          const out = await evalFql4(parsed, tx);
          text = out.text;
          bytesOut = utf8Length(out.responseJson);
        }
        await tx.commit();
        add(true);
        return {
          ok: true,
          lang: req.lang,
          text,
          txnTs: String(tx.txnTs),
          metrics: this.metrics(req.lang, totals, started, bytesIn, bytesOut),
        };
      } catch (e) {
        if (e instanceof ContentionError && totals.retries < MAX_RETRIES) {
          add(true); // Fauna re-bills the reads and writes of every attempt
          totals.retries++;
          continue;
        }
        add(false); // failed queries bill compute and reads, never writes
        const error = this.toQueryError(req.lang, req.source, e);
        const bytesOut =
          req.lang === 'fql4'
            ? utf8Length(errorResponseJson(error.code, error.message, e instanceof FqlError ? (e.position ?? []) : []))
            : 0;
        return {
          ok: false,
          lang: req.lang,
          error,
          txnTs: String(tx.txnTs),
          metrics: this.metrics(req.lang, totals, started, bytesIn, bytesOut),
        };
      }
    }
  }

  private toQueryError(lang: Lang, source: string, e: unknown): QueryError {
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
        ? ['constraint failures:', ...e.failures.map((f) => `  ${f.paths.map((p) => p.join('.')).join(', ')}: ${f.message}`)]
        : [];
    const headline = lang === 'fql4' ? `${e.code}: ${e.message}` : e.message;
    const error: QueryError = {
      code: e.code,
      message: e.message,
      summary: renderDiagnostic('error', headline, source, e.span, details),
      httpStatus: httpStatusOf(e.code),
    };
    if (e.span) error.span = e.span as Span;
    return error;
  }

  private metrics(lang: Lang, t: Totals, started: number, bytesIn: number, bytesOut: number): Metrics {
    const computeOps = Math.max(1, Math.ceil(t.compute / 50));
    const ms = Math.round(performance.now() - started);
    if (lang === 'fql10') {
      return {
        lang,
        stats: {
          compute_ops: computeOps,
          read_ops: t.readOps,
          write_ops: t.writeOps,
          query_time_ms: ms,
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
        computeOps,
        readOps: t.readOps,
        writeOps: t.writeOps,
        readBytes: t.readBytes,
        writeBytes: t.writeBytes,
        queryTime: ms,
        retries: t.retries,
      },
    };
  }

  async reset(): Promise<void> {
    const tx = this.db.transaction(['docs', 'collections', 'meta'], 'readwrite');
    const meta = await tx.objectStore('meta').get('database');
    await Promise.all([tx.objectStore('docs').clear(), tx.objectStore('collections').clear()]);
    // lastTs stays: transaction times never go backwards, even across a reset.
    if (meta) await tx.objectStore('meta').put(meta, 'database');
    await tx.done;
  }

  close(): void {
    this.db.close();
  }
}

const encoder = new TextEncoder();
function utf8Length(s: string): number {
  return encoder.encode(s).length;
}
