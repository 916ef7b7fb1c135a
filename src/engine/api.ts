// The engine's public contract: what a host (the worker, the Node server, tests) sends in and
// gets back. Plain data only, so every value here survives postMessage and JSON.

/** The two query languages the playground runs. */
export type Lang = 'fql10' | 'fql4';

/** A half-open range of UTF-16 offsets into the query source. */
export interface Span {
  start: number;
  end: number;
}

/** One Fauna error: snake_case code as Fauna sends it (v4 codes contain spaces). */
export interface QueryError {
  code: string;
  message: string;
  span?: Span;
  /** Fauna's `summary` text: `error: …`, `at *query*:L:C`, the gutter and the caret run. */
  summary: string;
  /** HTTP status Fauna answers with for this error. */
  httpStatus: number;
}

/** v10 `stats`, in Fauna's field order. */
export interface V10Stats {
  compute_ops: number;
  read_ops: number;
  write_ops: number;
  /** Measured locally by the engine; not Fauna's latency. */
  query_time_ms: number;
  contention_retries: number;
  storage_bytes_read: number;
  storage_bytes_write: number;
  rate_limits_hit: string[];
}

/** v4 query metrics, named as the v4 dashboard and shell printed them. */
export interface V4Metrics {
  bytesIn: number;
  bytesOut: number;
  computeOps: number;
  readOps: number;
  writeOps: number;
  readBytes: number;
  writeBytes: number;
  /** Milliseconds, measured locally by the engine. */
  queryTime: number;
  retries: number;
}

export type Metrics = { lang: 'fql10'; stats: V10Stats } | { lang: 'fql4'; metrics: V4Metrics };

export interface RunRequest {
  lang: Lang;
  source: string;
  /** Run as this key or token secret ("run as"); absent: the database's admin key. */
  secret?: string;
}

export type RunResult =
  | {
      ok: true;
      lang: Lang;
      /** The result as Fauna's tools print it: v10 decorated FQL, v4 shell display. */
      text: string;
      /**
       * The result in Fauna's JSON wire formats, pretty-printed: v10 `simple` and `tagged`,
       * v4 `wire` (the `{"resource": …}` body).
       */
      json: Record<string, string>;
      /** `info at *query*:L: …` lines from v10 `log()` and `dbg()`. */
      logs?: string[];
      /** Transaction time in microseconds since the epoch, as a decimal string. */
      txnTs: string;
      metrics: Metrics;
      /** Who ran the query: `admin key`, `token 123 of User("1")`, … */
      principal?: string;
      /** What each part of the query cost, in source order. */
      costs?: CostRow[];
      /** Where Fauna's docs and core disagree and the result shows the core's behaviour. */
      notes?: string[];
    }
  | {
      ok: false;
      lang: Lang;
      error: QueryError;
      txnTs: string;
      metrics: Metrics;
      principal?: string;
      costs?: CostRow[];
      /** `info`/`performance_hint` lines logged before the failure. */
      logs?: string[];
      notes?: string[];
    };

/** What one source span cost (raw compute units: 50 make one billed compute op). */
export interface CostRow {
  span?: Span;
  what: string;
  computeUnits: number;
  readOps: number;
  readBytes: number;
  writeOps: number;
  writeBytes: number;
}

/** What the explorer pane shows of a database (never a secret or a hash). */
export interface DatabaseOverview {
  collections: Array<{ name: string; ts: string; documents: number; firstIds: string[]; indexes: string[] }>;
  credentials: Array<{ id: string; document: string }>;
  tokens: Array<{ id: string; document: string; ttl?: string }>;
  keys: Array<{ id: string; role: string; ttl?: string }>;
  roles: string[];
  functions: string[];
  /** Child databases (each a store of its own, entered with a key made for it). */
  databases: string[];
}

/**
 * The playground's extension of Fauna's protocol (src/engine/wire/explain.ts): a request with
 * `x-playground-explain: true` gets an `explain` field in its response body.
 */
export const EXPLAIN_HEADER = 'x-playground-explain';
/** `x-playground-syntax: fql4-js` on `POST /`: the body is v4 source in the JS-call syntax. */
export const SYNTAX_HEADER = 'x-playground-syntax';
export const FQL4_JS = 'fql4-js';

export interface WireExplain {
  /** Who ran the query: `admin key`, `token 123 of User("1")`, … */
  principal: string;
  /** What each part of the query cost (the last attempt), in source order. */
  costs: CostRow[];
  /** v10 `log()`/`dbg()` lines, apart from the summary they are joined into. */
  logs?: string[];
  /** v4: the result as the v4 shell displayed it. */
  text?: string;
  /** v10: the result in the JSON formats the request did not ask for (`simple`, `tagged`). */
  json?: Record<string, string>;
  /** The failure with its source span and Fauna's summary (carets under the span). */
  error?: QueryError;
  /** Where Fauna's docs and core disagree and the result shows the core's behaviour. */
  notes?: string[];
}
