// What a runtime error knows beyond its headline span: the text that span points into (a UDF
// body is not the query), Fauna's hints (`hint: Null value created here`) and the call sites it
// passed through on its way out (`trace:`). Kept beside the error rather than on it, so every
// FqlError stays a plain value; the v10 interpreter fills it in as the error unwinds.
//
// Layout (Diagnostic.scala in Fauna's core): each hint and trace frame is a block of its own,
// headed by its name (`hint: …`, `trace:` for the first frame after hints, nothing otherwise) and
// by `at <src>:<line>:<col>` unless it sits on the error's own line of the same source.
import type { Span } from '../api';
import type { FqlError } from '../errors';
import { lineCol, renderSnippet } from './diagnostic';

/** Text a span points into: the query (`*query*`) or a stored function's body (`*udf:name*`). */
export interface SourceText {
  name: string;
  text: string;
}

export interface Located {
  span: Span;
  src: SourceText;
}

export interface ErrorContext {
  /** Where the error's own span points; the query when absent. */
  src?: SourceText;
  /** `kind` names the block: `hint` unless set (a parse failure's `cause`). */
  hints: Array<Located & { message: string; kind?: 'hint' | 'cause' }>;
  /** Enclosing call sites, innermost first. */
  trace: Located[];
  /** The error left a function body and waits for the call that ran it to add its frame. */
  pendingFrame: boolean;
  /** The trace is complete (a lazy set's callback: its frames are those where the set was made). */
  sealed?: boolean;
}

const contexts = new WeakMap<FqlError, ErrorContext>();

export function contextOf(e: FqlError): ErrorContext {
  let c = contexts.get(e);
  if (!c) contexts.set(e, (c = { hints: [], trace: [], pendingFrame: false }));
  return c;
}

export function peekContext(e: FqlError): ErrorContext | undefined {
  return contexts.get(e);
}

/** Fauna's `Span.overlaps`: same source, and either end of `inner` within `outer`. */
export function overlaps(outer: Located, inner: Located): boolean {
  if (outer.src.name !== inner.src.name) return false;
  const within = (x: number) => x >= outer.span.start && x <= outer.span.end;
  return within(inner.span.start) || within(inner.span.end);
}

/** The hint and trace blocks that follow the error's own block, each preceded by a newline. */
export function renderContext(e: FqlError, main: SourceText): string {
  const c = contexts.get(e);
  if (!c || !e.span || (c.hints.length === 0 && c.trace.length === 0)) return '';
  const parentLine = lineCol(main.text, e.span.start).line;
  const block = (name: string, at: Located) => {
    const out = name ? [name] : [];
    const { line, col } = lineCol(at.src.text, at.span.start);
    if (line !== parentLine || at.src.name !== main.name) out.push(`at ${at.src.name}:${line}:${col}`);
    return [...out, ...renderSnippet(at.src.text, at.span)].join('\n');
  };
  const blocks = [
    ...c.hints.map((h) => block(`${h.kind ?? 'hint'}: ${h.message}`, h)),
    ...c.trace.map((f, i) => block(i === 0 && c.hints.length > 0 ? 'trace:' : '', f)),
  ];
  return blocks.map((b) => `\n${b}`).join('');
}
