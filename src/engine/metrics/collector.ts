// One collector per query attempt, fed by the evaluator (compute) and the store (reads, writes).
// Fauna's constants (QueryMetrics.scala): 4096 bytes per read op, 1024 per write op, 50 raw
// compute units per billed compute op, at least one compute op per query.
//
// Every charge is also attributed to the source span being evaluated when it happened (the call
// that read a document, the call that buffered a write), so a result can explain its cost.
import type { CostRow, Span } from '../api';
import type { DocRecord } from '../store/records';
import { MISSING_DOC_BYTES, recordSize, recordUpdateSize, recordWriteSize } from '../store/sizes';

export const BYTES_PER_READ_OP = 4096;
export const BYTES_PER_WRITE_OP = 1024;
export const BASELINE_COMPUTE = 50;

export type { CostRow };

/** What the evaluators and the store report charges to; `NullCollector` when metrics are off. */
export interface Collector {
  readonly readOps: number;
  readonly readBytes: number;
  readonly writeOps: number;
  readonly writeBytes: number;
  readonly computeOps: number;
  readonly rawComputeUnits: number;
  span: Span | undefined;
  compute(units?: number): void;
  documentRead(bytes: number): void;
  /** The first read of a stored document (null: a miss), sized here so a null collector skips it. */
  recordRead(rec: DocRecord | null): void;
  setRead(bytes: number, partitions: number): void;
  documentWrite(bytes: number, span?: Span): void;
  /** A committed document (null: deleted), `old` the version this query read, if any. */
  recordWrite(rec: DocRecord | null, old: DocRecord | null | undefined, span?: Span): void;
  undoWrites(): void;
  breakdown(withWrites?: boolean): CostRow[];
}

export interface CollectorOptions {
  /**
   * How a write over an existing document is sized: `version`, the whole new version (Fauna's
   * core today writes the full document); `diff`, only the changed fields, which is what v4-era
   * Fauna billed (the forum's small Update of a 58 KB document cost 1 write op).
   */
  updates?: 'version' | 'diff';
}

export class MetricsCollector implements Collector {
  private rawCompute = 0;
  readOps = 0;
  readBytes = 0;
  writeOps = 0;
  writeBytes = 0;
  /** The span charges are attributed to now; the evaluator moves it as it calls. */
  span: Span | undefined;
  /**
   * Rows by kind, then by span as one number (see spanKey): a charge builds no key string, and
   * equal spans that are distinct objects (a method call's span is made per evaluation) share
   * one row.
   */
  private readonly rows = new Map<string, Map<number, CostRow>>();
  /** Rows charged with no span (outside any call). */
  private readonly unplaced = new Map<string, CostRow>();
  /** Every row in the order it was first charged, which the breakdown keeps for equal starts. */
  private list: CostRow[] = [];
  /** The row the last call was charged to, and its span: loops charge the same span repeatedly. */
  private lastCallSpan: Span | undefined | null = null;
  private lastCall: CostRow | undefined;
  private readonly diffUpdates: boolean;

  constructor(opts: CollectorOptions = {}) {
    this.diffUpdates = opts.updates === 'diff';
  }

  private row(what: string, span = this.span): CostRow {
    if (!span) {
      let r = this.unplaced.get(what);
      if (!r) this.unplaced.set(what, (r = this.newRow(what, undefined)));
      return r;
    }
    let bySpan = this.rows.get(what);
    if (!bySpan) this.rows.set(what, (bySpan = new Map()));
    const key = spanKey(span);
    let r = bySpan.get(key);
    if (!r) bySpan.set(key, (r = this.newRow(what, span)));
    return r;
  }

  private newRow(what: string, span: Span | undefined): CostRow {
    const r: CostRow = { what, computeUnits: 0, readOps: 0, readBytes: 0, writeOps: 0, writeBytes: 0 };
    if (span) r.span = span;
    this.list.push(r);
    return r;
  }

  /** One native method call or function application (or `units` for per-element charges). */
  compute(units = 1): void {
    this.rawCompute += units;
    if (units !== 1) {
      this.row('per-element work').computeUnits += units;
      return;
    }
    const span = this.span;
    if (span !== this.lastCallSpan || !this.lastCall) {
      this.lastCall = this.row('call', span);
      this.lastCallSpan = span;
    }
    this.lastCall.computeUnits += 1;
  }

  /** First read of a document in this query (re-reads are free: the caller caches). */
  documentRead(bytes: number): void {
    const ops = Math.max(1, Math.ceil(bytes / BYTES_PER_READ_OP));
    this.readOps += ops;
    this.readBytes += bytes;
    const r = this.row('document read');
    r.readOps += ops;
    r.readBytes += bytes;
  }

  recordRead(rec: DocRecord | null): void {
    this.documentRead(rec ? recordSize(rec) : MISSING_DOC_BYTES);
  }

  /** One page of an index or set; term-less indexes span 8 partitions, each a read. */
  setRead(bytes: number, partitions: number): void {
    const ops = Math.max(1, Math.ceil(bytes / BYTES_PER_READ_OP)) + partitions - 1;
    this.readOps += ops;
    this.readBytes += bytes;
    const r = this.row(`set page (${partitions} partition${partitions === 1 ? '' : 's'})`);
    r.readOps += ops;
    r.readBytes += bytes;
  }

  /** At commit, once per written document, with all that document's bytes. */
  documentWrite(bytes: number, span?: Span): void {
    const ops = Math.ceil(bytes / BYTES_PER_WRITE_OP);
    this.writeOps += ops;
    this.writeBytes += bytes;
    const r = this.row('document write', span);
    r.writeOps += ops;
    r.writeBytes += bytes;
  }

  recordWrite(rec: DocRecord | null, old: DocRecord | null | undefined, span?: Span): void {
    if (!rec) return this.documentWrite(MISSING_DOC_BYTES, span);
    this.documentWrite(this.diffUpdates && old ? recordUpdateSize(old, rec) : recordWriteSize(rec), span);
  }

  /** A commit that failed after counting its writes bills none of them. */
  undoWrites(): void {
    this.writeOps = 0;
    this.writeBytes = 0;
    this.rows.delete('document write');
    this.unplaced.delete('document write');
    this.list = this.list.filter((r) => r.what !== 'document write');
  }

  get computeOps(): number {
    return Math.max(1, Math.ceil(this.rawCompute / BASELINE_COMPUTE));
  }

  get rawComputeUnits(): number {
    return this.rawCompute;
  }

  /** The cost rows, in source order. */
  breakdown(withWrites = true): CostRow[] {
    const rows = withWrites ? [...this.list] : this.list.filter((r) => r.what !== 'document write');
    return rows.sort((a, b) => (a.span?.start ?? Infinity) - (b.span?.start ?? Infinity));
  }
}

/** One number per span: exact and unique for offsets below 2^26 (64 Mi characters of query text). */
function spanKey(span: Span): number {
  return span.start * 0x4000000 + span.end;
}

/**
 * Metrics off: the same interface doing no accounting at all (no rows, no sizing), so a
 * benchmark can measure what the real collector costs. Every figure reads as zero.
 */
export class NullCollector implements Collector {
  readonly readOps = 0;
  readonly readBytes = 0;
  readonly writeOps = 0;
  readonly writeBytes = 0;
  readonly computeOps = 0;
  readonly rawComputeUnits = 0;
  span: Span | undefined;
  compute(): void {}
  documentRead(): void {}
  recordRead(): void {}
  setRead(): void {}
  documentWrite(): void {}
  recordWrite(): void {}
  undoWrites(): void {}
  breakdown(): CostRow[] {
    return [];
  }
}
