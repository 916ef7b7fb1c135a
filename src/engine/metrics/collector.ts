// One collector per query attempt, fed by the evaluator (compute) and the store (reads, writes).
// Fauna's constants (QueryMetrics.scala): 4096 bytes per read op, 1024 per write op, 50 raw
// compute units per billed compute op, at least one compute op per query.

export const BYTES_PER_READ_OP = 4096;
export const BYTES_PER_WRITE_OP = 1024;
export const BASELINE_COMPUTE = 50;

export class MetricsCollector {
  private rawCompute = 0;
  readOps = 0;
  readBytes = 0;
  writeOps = 0;
  writeBytes = 0;

  /** One native method call or function application. */
  compute(units = 1): void {
    this.rawCompute += units;
  }

  /** First read of a document in this query (re-reads are free: the caller caches). */
  documentRead(bytes: number): void {
    this.readOps += Math.max(1, Math.ceil(bytes / BYTES_PER_READ_OP));
    this.readBytes += bytes;
  }

  /** One page of an index or set; term-less indexes span 8 partitions, each a read. */
  setRead(bytes: number, partitions: number): void {
    this.readOps += Math.max(1, Math.ceil(bytes / BYTES_PER_READ_OP)) + partitions - 1;
    this.readBytes += bytes;
  }

  /** At commit, once per written document, with all that document's bytes. */
  documentWrite(bytes: number): void {
    this.writeOps += Math.ceil(bytes / BYTES_PER_WRITE_OP);
    this.writeBytes += bytes;
  }

  /** A commit that failed after counting its writes bills none of them. */
  undoWrites(): void {
    this.writeOps = 0;
    this.writeBytes = 0;
  }

  get computeOps(): number {
    return Math.max(1, Math.ceil(this.rawCompute / BASELINE_COMPUTE));
  }

  get rawComputeUnits(): number {
    return this.rawCompute;
  }
}
