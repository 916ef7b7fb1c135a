// Fauna's diagnostic layout for the `summary` field (Diagnostic.scala in Fauna's core):
//
//   error: <message>
//   at *query*:<line>:<col>
//     |
//   3 | <source line>
//     |        ^^^^^^
//     |
//
// The gutter is as wide as the largest line number shown. A span over several lines is drawn
// with a margin: `__^` under its start, `|` beside the lines it covers, `|__^` under its end.
import type { Span } from '../api';

export function lineCol(source: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * @param details lines printed between the headline and the location (constraint failures).
 */
export function renderDiagnostic(
  header: string,
  message: string,
  source: string,
  span: Span | undefined,
  details: string[] = [],
  sourceName = '*query*',
): string {
  const head = [`${header}: ${message}`, ...details];
  if (!span) return head.join('\n');
  const start = lineCol(source, span.start);
  return [...head, `at ${sourceName}:${start.line}:${start.col}`, ...renderSnippet(source, span)].join('\n');
}

/**
 * Fauna's annotation: text after a span's carets (`^^^^ \`join\` is a keyword`). Kept beside the
 * span object so every renderer of that span shows it without threading it through callers.
 */
const annotations = new WeakMap<Span, string>();

export function annotate<S extends Span>(span: S, text: string): S {
  annotations.set(span, text);
  return span;
}

/** The gutter, source lines and carets of a span, without headline or location (hints use it too). */
export function renderSnippet(source: string, span: Span): string[] {
  const start = lineCol(source, span.start);
  const last = lineCol(source, Math.max(span.start, span.end - 1));
  const lines = source.split('\n');
  const width = String(last.line).length;
  const num = (n: number) => String(n).padStart(width);
  const blank = ' '.repeat(width);
  const out = [`${blank} |`];
  const note = annotations.has(span) ? ` ${annotations.get(span)}` : '';
  if (last.line === start.line) {
    const carets = Math.max(1, span.end - span.start);
    // Fauna strips trailing whitespace from the shown line (HintSpec).
    out.push(`${num(start.line)} | ${lines[start.line - 1] ?? ''}`.trimEnd());
    out.push(`${blank} | ${' '.repeat(start.col - 1)}${'^'.repeat(carets)}${note}`);
  } else {
    out.push(`${num(start.line)} |   ${lines[start.line - 1] ?? ''}`);
    out.push(`${blank} |  ${'_'.repeat(start.col)}^`);
    for (let l = start.line + 1; l <= last.line; l++) out.push(`${num(l)} | | ${lines[l - 1] ?? ''}`);
    out.push(`${blank} | |${'_'.repeat(last.col)}^${note}`);
  }
  out.push(`${blank} |`);
  return out;
}
