// FQL v10 syntax tree: one tagged union, a span on every node.
import type { Span } from '../api';

export type Expr =
  | { kind: 'null'; span: Span }
  | { kind: 'bool'; value: boolean; span: Span }
  | { kind: 'int'; text: string; span: Span }
  | { kind: 'float'; text: string; span: Span }
  | { kind: 'string'; parts: Array<string | Expr>; span: Span }
  | { kind: 'ident'; name: string; span: Span }
  | { kind: 'array'; items: Expr[]; span: Span }
  | { kind: 'object'; entries: Array<{ key: string; value: Expr }>; span: Span }
  | { kind: 'block'; body: Stmt[]; span: Span }
  | { kind: 'if'; cond: Expr; then: Expr; else?: Expr; span: Span }
  | { kind: 'at'; time: Expr; body: Expr; span: Span }
  | { kind: 'match'; subject: Expr; span: Span }
  | { kind: 'lambda'; params: string[]; variadic: boolean; body: Expr; span: Span }
  | { kind: 'member'; target: Expr; name: string; optional: boolean; nameSpan: Span; span: Span }
  | { kind: 'index'; target: Expr; index: Expr; optional: boolean; span: Span }
  | {
      kind: 'call';
      callee: Expr;
      args: Expr[];
      optional: boolean;
      /** The argument list, parentheses included: where Fauna points for a call. */
      callSpan: Span;
      span: Span;
    }
  | { kind: 'nonNull'; target: Expr; span: Span }
  | { kind: 'project'; target: Expr; fields: Projection; span: Span }
  | { kind: 'unary'; op: '-' | '!' | '~'; operand: Expr; span: Span }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; opSpan: Span; span: Span };

/** `{ a, b { c }, x: .y }` or `{ * }`. An aliased field's value is a one-parameter lambda. */
export type Projection = Array<
  | { kind: 'field'; key: string; sub?: Projection; span: Span }
  | { kind: 'alias'; key: string; value: Expr; span: Span }
  | { kind: 'all'; span: Span }
>;

export type Stmt =
  | { kind: 'let'; name: string; value: Expr; span: Span }
  | { kind: 'expr'; expr: Expr; span: Span };

export interface Program {
  body: Stmt[];
  span: Span;
}

/** Where Fauna's diagnostics point for a node: the accessor, not the whole chain. */
export function pointSpan(e: Expr): Span {
  switch (e.kind) {
    case 'member':
      return { start: e.nameSpan.start, end: e.span.end };
    case 'call':
      return e.callSpan;
    // Fauna's access step is its brackets: `x[0]!` fails at `[0]!`.
    case 'index':
      return { start: e.target.span.end, end: e.span.end };
    case 'nonNull':
      return { start: pointSpan(e.target).start, end: e.span.end };
    default:
      return e.span;
  }
}

/** Expressions written in parentheses: `(a?.b).c` ends the `?.` chain at the parenthesis. */
export const parenthesized = new WeakSet<Expr>();
