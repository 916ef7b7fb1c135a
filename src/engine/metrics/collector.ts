// One collector per query attempt, fed by the evaluator (compute) and the store (reads, writes).
// Fauna's constants (QueryMetrics.scala): 4096 bytes per read op, 1024 per write op, 50 raw
// compute units per billed compute op, at least one compute op per query.
//
// Every charge is also attributed to the source span being evaluated when it happened (the call
// that read a document, the call that buffered a write), so a result can explain its cost.
import type { CostRow, Span } from '../api';

export const BYTES_PER_READ_OP = 4096;
export const BYTES_PER_WRITE_OP = 1024;
export const BASELINE_COMPUTE = 50;

export type { CostRow };

export class MetricsCollector {
  private rawCompute = 0;
  readOps = 0;
  readBytes = 0;
  writeOps = 0;
  writeBytes = 0;
  /** The span charges are attributed to now; the evaluator moves it as it calls. */
  span: Span | undefined;
  private readonly rows = new Map<string, CostRow>();

  private row(what: string, span = this.span): CostRow {
    const key = `${span?.start ?? -1}:${span?.end ?? -1}:${what}`;
    let r = this.rows.get(key);
    if (!r) {
      r = { what, computeUnits: 0, readOps: 0, readBytes: 0, writeOps: 0, writeBytes: 0 };
      if (span) r.span = span;
      this.rows.set(key, r);
    }
    return r;
  }

  /** One native method call or function application (or `units` for per-element charges). */
  compute(units = 1): void {
    this.rawCompute += units;
    this.row(units === 1 ? 'call' : 'per-element work').computeUnits += units;
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

  /** A commit that failed after counting its writes bills none of them. */
  undoWrites(): void {
    this.writeOps = 0;
    this.writeBytes = 0;
    for (const [k, r] of this.rows) if (r.what === 'document write') this.rows.delete(k);
  }

  get computeOps(): number {
    return Math.max(1, Math.ceil(this.rawCompute / BASELINE_COMPUTE));
  }

  get rawComputeUnits(): number {
    return this.rawCompute;
  }

  /** The cost rows, in source order. */
  breakdown(withWrites = true): CostRow[] {
    return [...this.rows.values()]
      .filter((r) => withWrites || r.what !== 'document write')
      .sort((a, b) => (a.span?.start ?? Infinity) - (b.span?.start ?? Infinity));
  }
}
