// Pure helpers of "run as" and the cost view (unit-tested in tests/ui/run-as.test.ts).
import type { CostRow, Span } from '../engine/api';

/** A key or token secret printed in a result (`secret: "fn…"`), and which kind of credential it is. */
export interface MintedSecret {
  secret: string;
  kind: 'token' | 'key';
}

const SECRET = /\bsecret: (["'])(fn[A-Za-z0-9_+/=-]+)\1/;

/** The first secret a result's text shows (a token from `login()`, a key from `Key.create()`), if any. */
export function mintedSecret(text: string): MintedSecret | null {
  const match = SECRET.exec(text);
  if (!match?.[2]) return null;
  const kind = /\bcoll: Key\b|\bKeys\(\)/.test(text) && !/\bcoll: Token\b|\bTokens\(\)/.test(text) ? 'key' : 'token';
  return { secret: match[2], kind };
}

/** What the run-as control shows for a secret: the principal it last ran as, or its kind. */
export function principalLabel(runAs: { label: string } | null): string {
  return runAs ? runAs.label : 'admin';
}

/** One line of the cost view. */
export interface CostLine extends CostRow {
  /** The source text of the span (collapsed whitespace, truncated), or '' without a span. */
  text: string;
  /** The span in the editor's text (the run's offsets moved by where the run's text started). */
  editorSpan: Span | null;
}

export interface CostTotals {
  computeUnits: number;
  readOps: number;
  readBytes: number;
  writeOps: number;
  writeBytes: number;
}

/** Raw compute units in one billed compute op. */
export const UNITS_PER_COMPUTE_OP = 50;

export function snippetOf(source: string, span: Span, max = 40): string {
  const text = source.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The cost rows in source order (rows without a span keep their place after the spanned ones),
 * with their source text. `offset`: where the text that ran starts in the editor's text (a run of
 * the selection ran only part of it).
 */
export function costLines(costs: readonly CostRow[], source: string, offset = 0): CostLine[] {
  return costs
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (a.row.span?.start ?? Infinity) - (b.row.span?.start ?? Infinity) || a.i - b.i)
    .map(({ row }) => ({
      ...row,
      text: row.span ? snippetOf(source, row.span) : '',
      editorSpan: row.span ? { start: row.span.start + offset, end: row.span.end + offset } : null,
    }));
}

export function costTotals(costs: readonly CostRow[]): CostTotals {
  const total: CostTotals = { computeUnits: 0, readOps: 0, readBytes: 0, writeOps: 0, writeBytes: 0 };
  for (const row of costs) {
    total.computeUnits += row.computeUnits;
    total.readOps += row.readOps;
    total.readBytes += row.readBytes;
    total.writeOps += row.writeOps;
    total.writeBytes += row.writeBytes;
  }
  return total;
}
