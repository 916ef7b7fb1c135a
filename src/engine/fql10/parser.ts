// FQL v10 parser: recursive descent with precedence climbing (Fauna's table, fql-surface §1.3).
// Newlines end statements except where an expression obviously goes on: inside brackets, after
// a binary operator, and before a `.`/`?.` chain continuation or a leading `??`, `||`, `&&`.
import type { Span } from '../api';
import { FqlError } from '../errors';
import { parenthesized, type Expr, type Program, type Projection, type Stmt } from './ast';
import { annotate } from '../render/diagnostic';
import { contextOf } from '../render/hints';
import { lex, type Token } from './lexer';

// Binary operators from loosest to tightest.
const LEVELS: string[][] = [
  ['??'],
  ['||'],
  ['&&'],
  ['==', '!='],
  ['>', '<', '>=', '<='],
  ['isa'],
  ['|'],
  ['^'],
  ['&'],
  ['+', '-'],
  ['*', '/', '%'],
];
/** The parameter name of short lambdas; `$` keeps it apart from any name a user can write. */
export const IMPLICIT = '$this';

/** Operators that may start a continuation line. */
/** Names Fauna's parser refuses for a variable (Tokens.invalidVariables): keywords, `FQL`, `_`. */
const INVALID_VARIABLES = new Set(['join', 'on', 'of', 'FQL', '_']);

const LEADING_OK = new Set(['??', '||', '&&', '|', '^', '&']);

export function parse(source: string): Program {
  return new Parser(source).program();
}

class Parser {
  private readonly toks: Token[];
  private pos = 0;
  /** Set when an expression used the implicit argument of a short lambda (`.name`). */
  private usedImplicit = false;

  constructor(private readonly src: string) {
    this.toks = lex(src);
  }

  private get tok(): Token {
    return this.toks[this.pos]!;
  }

  private peek(n = 1): Token {
    return this.toks[Math.min(this.pos + n, this.toks.length - 1)]!;
  }

  private is(text: string, t: Token = this.tok): boolean {
    return (t.kind === 'punct' || t.kind === 'keyword') && t.text === text;
  }

  private next(): Token {
    const t = this.tok;
    if (t.kind === 'error') throw this.err(t.message ?? 'Invalid token', t);
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private expect(text: string, what = `\`${text}\``): Token {
    if (!this.is(text)) throw this.expected(what);
    return this.next();
  }

  /**
   * Fauna's parse failure (Parser.mapParseResult): `Expected <alternatives>`, one character
   * wide at the point where parsing stopped.
   */
  private expected(what: string): FqlError {
    const t = this.tok;
    if (t.kind === 'error') return this.err(t.message ?? 'Invalid token', t);
    return new FqlError('invalid_query', `Expected ${what}`, { start: t.start, end: t.start + 1 });
  }

  /** Can this token begin a statement? When not, Fauna reports an empty query or block. */
  private startsStatement(t: Token = this.tok): boolean {
    if (t.kind === 'eof' || t.kind === 'error') return false;
    if (t.kind === 'punct') return ['(', '[', '{', '.', '-', '!', '~'].includes(t.text);
    return t.kind !== 'keyword' || ['null', 'true', 'false', 'if', 'at', 'match', 'let'].includes(t.text);
  }

  private emptyBody(where: 'query' | 'block'): FqlError {
    const t = this.tok;
    return new FqlError('invalid_query', `Unexpected end of ${where}. Expected statement or expression`, { start: t.start, end: t.start + 1 });
  }

  /** A block or query ending in `let`: Fauna points past it, and names the statement as the cause. */
  private missingReturn(at: number, last: Stmt): FqlError {
    const e = new FqlError('invalid_query', 'Missing return expression', { start: at, end: at + 1 });
    contextOf(e).hints.push({ kind: 'cause', message: 'Statement does not return a value', span: last.span, src: { name: '*query*', text: this.src } });
    return e;
  }

  private err(message: string, t: Token | Span): FqlError {
    return new FqlError('invalid_query', message, { start: t.start, end: Math.max(t.end, t.start + 1) });
  }

  private unexpected(expected?: string): FqlError {
    const t = this.tok;
    if (t.kind === 'error') return this.err(t.message ?? 'Invalid token', t);
    const what = t.kind === 'eof' ? 'end of query' : `\`${t.text}\``;
    return this.err(expected ? `Expected ${expected}, found ${what}` : `Unexpected ${what}`, t);
  }

  private span(start: number): Span {
    return { start, end: this.toks[this.pos - 1]!.end };
  }

  /**
   * Top-level statements. A statement that fails to parse is reported and skipped to the next
   * line, so one run shows every syntax error (up to ten), as Fauna does.
   */
  private atEof(): boolean {
    return this.tok.kind === 'eof';
  }

  program(): Program {
    const body: Stmt[] = [];
    try {
      // A malformed literal is its own error; anything else that cannot begin a statement reads
      // to Fauna as an empty query.
      const t = this.tok;
      if (t.kind === 'error' && !t.message?.startsWith('Unexpected character')) throw this.err(t.message ?? '', t);
      if (!this.startsStatement()) throw this.emptyBody('query');
      while (!this.atEof()) {
        body.push(this.statement());
        if (this.is(';')) {
          while (this.is(';')) this.next();
        } else if (!this.atEof() && !this.tok.nlBefore) {
          throw this.expected('end-of-input');
        }
      }
      const last = body[body.length - 1];
      if (last?.kind === 'let') throw this.missingReturn(this.src.length, last);
    } catch (e) {
      if (!(e instanceof FqlError)) throw e;
      // Fauna drops the parser's own failure when checks along the way already failed.
      if (this.emitted.length === 0) throw e;
    }
    if (this.emitted.length > 0) {
      const [first, ...rest] = this.emitted;
      throw Object.assign(first!, { more: rest });
    }
    return { body, span: { start: 0, end: this.src.length } };
  }

  /** Errors that do not stop the parse (Fauna's `continue`): every one is reported. */
  private readonly emitted: FqlError[] = [];

  /** Statements until `end` (`eof` or `}`), separated by newlines or `;`. */
  private statements(end: 'eof' | '}'): Stmt[] {
    const out: Stmt[] = [];
    const atEnd = () => (end === 'eof' ? this.tok.kind === 'eof' : this.is('}'));
    if (end === '}' && !this.startsStatement()) throw this.emptyBody('block');
    while (!atEnd()) {
      out.push(this.statement());
      if (this.is(';')) {
        while (this.is(';')) this.next();
      } else if (!atEnd() && !this.tok.nlBefore) {
        throw this.unexpected(end === 'eof' ? 'end of statement' : '`}` or end of statement');
      }
    }
    return out;
  }

  private statement(): Stmt {
    const start = this.tok.start;
    if (this.is('let')) {
      this.next();
      const name = this.tok;
      if (name.kind === 'keyword' || INVALID_VARIABLES.has(name.text)) {
        const span = annotate({ start: name.start, end: name.end }, `\`${name.text}\` is a keyword`);
        throw new FqlError('invalid_query', 'Invalid identifier', span);
      }
      if (name.kind !== 'ident') throw this.expected('identifier');
      this.next();
      if (this.is(':')) {
        this.next();
        if (this.tok.kind === 'eof') throw this.expected('type');
        const typeEnd = this.tok;
        this.typeExpr();
        if (!this.is('=')) throw this.expected(this.toks[this.pos - 1] === typeEnd && typeEnd.kind === 'ident' ? '`<` or `=`' : '`=`');
      }
      this.expect('=', '`:` or `=`');
      const value = this.outsideArgument();
      return { kind: 'let', name: name.text, value, span: this.span(start) };
    }
    const expr = this.outsideArgument();
    return { kind: 'expr', expr, span: expr.span };
  }

  /**
   * An expression where a short lambda (`.name`) has nothing to bind it: Fauna reports it and
   * parses on, so several of these show up together.
   */
  private outsideArgument(): Expr {
    const outer = this.usedImplicit;
    this.usedImplicit = false;
    const e = this.expr();
    if (this.usedImplicit) {
      this.emitted.push(new FqlError('invalid_query', 'Invalid anonymous field access', { start: e.span.start, end: e.span.end }));
    }
    this.usedImplicit = outer;
    return e;
  }

  /** Type annotations are parsed and ignored: the playground's databases are untyped. */
  private typeExpr(): void {
    let depth = 0;
    for (;;) {
      const t = this.tok;
      if (t.kind === 'eof') return;
      if (depth === 0 && (this.is('=') || this.is(',') || this.is(')') || this.is('=>'))) return;
      if (this.is('{') || this.is('(') || this.is('[') || this.is('<')) depth++;
      if (this.is('}') || this.is(')') || this.is(']') || this.is('>')) depth--;
      this.next();
    }
  }

  expr(): Expr {
    return this.binary(0);
  }

  private binary(level: number): Expr {
    if (level >= LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.tok;
      const op = (t.kind === 'punct' || t.kind === 'keyword') && LEVELS[level]!.includes(t.text) ? t.text : undefined;
      if (!op || (t.nlBefore && !LEADING_OK.has(op))) return left;
      this.next();
      const right = this.binary(level + 1);
      left = {
        kind: 'binary',
        op,
        left,
        right,
        opSpan: { start: t.start, end: t.end },
        span: { start: left.span.start, end: right.span.end },
      };
    }
  }

  private unary(): Expr {
    const t = this.tok;
    if (this.is('-') || this.is('!') || this.is('~')) {
      this.next();
      const operand = this.unary();
      return { kind: 'unary', op: t.text as '-' | '!' | '~', operand, span: { start: t.start, end: operand.span.end } };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix(this.primary());
    if (this.is('**') && !this.tok.nlBefore) {
      const t = this.next();
      const right = this.unary();
      return {
        kind: 'binary',
        op: '**',
        left: base,
        right,
        opSpan: { start: t.start, end: t.end },
        span: { start: base.span.start, end: right.span.end },
      };
    }
    return base;
  }

  private postfix(target: Expr): Expr {
    for (;;) {
      const t = this.tok;
      const start = target.span.start;
      if (this.is('.') || this.is('?.')) {
        const optional = t.text === '?.';
        this.next();
        if (optional && this.is('(') && !this.tok.nlBefore) {
          target = this.call(target, true);
          continue;
        }
        if (optional && this.is('[')) {
          target = this.index(target, true);
          continue;
        }
        const name = this.tok;
        // After `3.` a digit could still follow (a fraction), so Fauna names both.
        if (name.kind !== 'ident' && name.kind !== 'keyword') throw this.expected(target.kind === 'int' ? 'digit or identifier' : 'identifier');
        this.next();
        const nameSpan = { start: name.start, end: name.end };
        target = { kind: 'member', target, name: name.text, optional, nameSpan, span: this.span(start) };
      } else if (this.is('(') && !t.nlBefore) {
        target = this.call(target, false);
      } else if (this.is('[') && !t.nlBefore) {
        target = this.index(target, false);
      } else if (this.is('!') && !t.nlBefore) {
        this.next();
        target = { kind: 'nonNull', target, span: this.span(start) };
      } else if (this.is('{') && !t.nlBefore && !this.inMatchHead) {
        const fields = this.projection();
        target = { kind: 'project', target, fields, span: this.span(start) };
      } else {
        return target;
      }
    }
  }

  private projection(): Projection {
    this.expect('{');
    return this.list('}', '`,` or `}`', '`*` or identifier', () => {
      const t = this.tok;
      if (this.is('*')) {
        this.next();
        return { kind: 'all' as const, span: { start: t.start, end: t.end } };
      }
      if (t.kind !== 'ident' && t.kind !== 'string') throw this.expected('`*` or identifier');
      this.next();
      const key = t.kind === 'string' ? t.parts!.map((p) => ('text' in p ? p.text : '')).join('') : t.text;
      if (this.is(':')) {
        this.next();
        return { kind: 'alias' as const, key, value: this.argumentLambda(), span: this.span(t.start) };
      }
      if (this.is('{')) return { kind: 'field' as const, key, sub: this.projection(), span: this.span(t.start) };
      return { kind: 'field' as const, key, span: { start: t.start, end: t.end } };
    });
  }

  /** An expression whose implicit argument (if used) is bound: a one-parameter lambda. */
  private argumentLambda(): Expr {
    const e = this.argument();
    return e.kind === 'lambda' ? e : { kind: 'lambda', params: ['_'], variadic: false, body: e, span: e.span };
  }

  private call(callee: Expr, optional: boolean): Expr {
    const callStart = this.tok.start;
    this.expect('(');
    const args = this.list(')', '`)` or `,`', '`)` or expression', () => this.argument());
    const end = this.toks[this.pos - 1]!.end;
    return {
      kind: 'call',
      callee,
      args,
      optional,
      callSpan: { start: callStart, end },
      span: { start: callee.span.start, end },
    };
  }

  /**
   * A call argument. One that starts a chain with `.` (`.address.city == "Paris"`) is a short
   * lambda: the whole argument becomes the body of a one-parameter function.
   */
  private argument(): Expr {
    const outer = this.usedImplicit;
    this.usedImplicit = false;
    const body = this.expr();
    const short = this.usedImplicit;
    this.usedImplicit = outer;
    if (!short) return body;
    return { kind: 'lambda', params: [IMPLICIT], variadic: false, body, span: body.span };
  }

  private index(target: Expr, optional: boolean): Expr {
    this.expect('[');
    const index = this.expr();
    this.expect(']');
    return { kind: 'index', target, index, optional, span: this.span(target.span.start) };
  }

  /**
   * Comma-separated items up to `close` (consumed); a trailing comma is allowed. `afterItem` and
   * `atStart` name what Fauna expects after an item and where an item may begin.
   */
  private list<T>(close: string, afterItem: string, atStart: string, item: () => T): T[] {
    const out: T[] = [];
    while (!this.is(close)) {
      if (!this.startsStatement() && !this.is('*') && !this.is('...')) throw this.expected(atStart);
      out.push(item());
      if (!this.is(',')) {
        if (!this.is(close)) throw this.expected(afterItem);
        break;
      }
      this.next();
    }
    this.expect(close);
    return out;
  }

  private primary(): Expr {
    const t = this.tok;
    const start = t.start;
    switch (t.kind) {
      case 'int':
      case 'float':
        this.next();
        return { kind: t.kind, text: t.text, span: { start, end: t.end } };
      case 'string':
        this.next();
        return { kind: 'string', parts: this.stringParts(t), span: { start, end: t.end } };
      case 'ident':
        if (this.is('=>', this.peek())) return this.lambda();
        this.next();
        return { kind: 'ident', name: t.text, span: { start, end: t.end } };
      case 'keyword':
        if (t.text === 'null') return this.next(), { kind: 'null', span: { start, end: t.end } };
        if (t.text === 'true' || t.text === 'false') {
          this.next();
          return { kind: 'bool', value: t.text === 'true', span: { start, end: t.end } };
        }
        if (t.text === 'if') return this.ifExpr();
        if (t.text === 'at') return this.atExpr();
        if (t.text === 'match') return this.matchExpr();
        throw this.expected('expression');
      case 'punct':
        if (t.text === '.' || t.text === '?.') {
          // The implicit argument of a short lambda; postfix() reads the `.name` chain.
          this.usedImplicit = true;
          return { kind: 'ident', name: IMPLICIT, span: { start, end: start } };
        }
        if (t.text === '(') return this.arrowAhead() ? this.lambda() : this.paren();
        if (t.text === '[') {
          this.next();
          const items = this.list(']', '`,` or `]`', '`]` or expression', () => this.expr());
          return { kind: 'array', items, span: this.span(start) };
        }
        if (t.text === '{') return this.objectAhead() ? this.object() : this.block();
        throw this.expected('expression');
      default:
        throw this.expected('expression');
    }
  }

  private paren(): Expr {
    this.expect('(');
    const e = this.expr();
    // `(a` could still become a tuple of lambda parameters, hence three alternatives.
    this.expect(')', '`)`, `,`, or `...`');
    parenthesized.add(e);
    return e;
  }

  /** After `(`: does a matching `)` follow that is itself followed by `=>`? */
  private arrowAhead(): boolean {
    let depth = 0;
    for (let i = this.pos; i < this.toks.length; i++) {
      const t = this.toks[i]!;
      if (t.kind === 'eof') return false;
      if (this.is('(', t)) depth++;
      if (this.is(')', t) && --depth === 0) return this.is('=>', this.toks[i + 1]);
    }
    return false;
  }

  private lambda(): Expr {
    const start = this.tok.start;
    const params: string[] = [];
    let variadic = false;
    if (this.tok.kind === 'ident') {
      params.push(this.next().text);
    } else {
      this.expect('(');
      this.list(')', '`)` or `,`', '`)` or identifier', () => {
        if (this.is('...')) {
          this.next();
          variadic = true;
        }
        const p = this.tok;
        if (p.kind !== 'ident') throw this.expected('identifier');
        this.next();
        if (this.is(':')) {
          this.next();
          this.typeExpr();
        }
        params.push(p.text);
      });
    }
    this.expect('=>');
    const body = this.expr();
    return { kind: 'lambda', params, variadic, body, span: { start, end: body.span.end } };
  }

  /** After `{`: an object when empty or when the first entry is `key:`. */
  private objectAhead(): boolean {
    const a = this.peek();
    const b = this.peek(2);
    if (this.is('}', a)) return true;
    return (a.kind === 'ident' || a.kind === 'string' || a.kind === 'keyword') && this.is(':', b);
  }

  private object(): Expr {
    const start = this.tok.start;
    this.expect('{');
    const seen = new Map<string, Span>();
    const entries = this.list('}', '`,` or `}`', 'identifier or string', () => {
      const k = this.tok;
      let key: string;
      if (k.kind === 'ident' || k.kind === 'keyword') key = k.text;
      else if (k.kind === 'string' && k.parts!.every((p) => 'text' in p))
        key = k.parts!.map((p) => ('text' in p ? p.text : '')).join('');
      else throw this.expected('identifier or string');
      this.next();
      const original = seen.get(key);
      if (original) {
        const dup = new FqlError('invalid_query', 'Duplicate key', { start: k.start, end: k.end });
        contextOf(dup).hints.push({ message: 'Key originally used here', span: original, src: { name: '*query*', text: this.src } });
        this.emitted.push(dup);
      } else seen.set(key, { start: k.start, end: k.end });
      this.expect(':');
      return { key, value: this.expr() };
    });
    return { kind: 'object', entries, span: this.span(start) };
  }

  private block(): Expr {
    const start = this.tok.start;
    this.expect('{');
    const body = this.statements('}');
    this.expect('}');
    const last = body[body.length - 1]!;
    if (last.kind === 'let') throw this.missingReturn(this.toks[this.pos - 1]!.start, last);
    return { kind: 'block', body, span: this.span(start) };
  }

  private ifExpr(): Expr {
    const start = this.tok.start;
    this.expect('if');
    this.expect('(');
    const cond = this.expr();
    this.expect(')');
    const then = this.expr();
    if (this.is('else')) {
      this.next();
      const otherwise = this.expr();
      return { kind: 'if', cond, then, else: otherwise, span: this.span(start) };
    }
    return { kind: 'if', cond, then, span: this.span(start) };
  }

  /** Set while reading the subject of `match`, whose `{` opens the cases, not a projection. */
  private inMatchHead = false;

  /**
   * `match subject { case pattern => expr … }`. Fauna parses it but does not evaluate it, so the
   * cases are only checked for balanced braces here.
   */
  private matchExpr(): Expr {
    const start = this.tok.start;
    this.expect('match');
    this.inMatchHead = true;
    let subject: Expr;
    try {
      subject = this.postfix(this.primary());
    } finally {
      this.inMatchHead = false;
    }
    this.expect('{');
    for (let depth = 1; depth > 0; this.next()) {
      if (this.tok.kind === 'eof') throw this.expected('`}`');
      if (this.is('{')) depth++;
      else if (this.is('}')) depth--;
    }
    return { kind: 'match', subject, span: this.span(start) };
  }

  /** `at (time) expr`: `expr` read as of `time`. */
  private atExpr(): Expr {
    const start = this.tok.start;
    this.expect('at');
    this.expect('(');
    const time = this.expr();
    this.expect(')');
    const body = this.expr();
    return { kind: 'at', time, body, span: this.span(start) };
  }

  private stringParts(t: Token): Array<string | Expr> {
    return t.parts!.map((p) => {
      if ('text' in p) return p.text;
      // An interpolation is parsed from the same source, so its spans point into the query.
      const inner = new Parser(this.src);
      const shifted = lex(this.src.slice(p.start, p.end)).map((x) => ({ ...x, start: x.start + p.start, end: x.end + p.start }));
      inner.toks.splice(0, inner.toks.length, ...shifted);
      const e = inner.expr();
      if (inner.tok.kind !== 'eof') throw inner.unexpected('`}`');
      return e;
    });
  }
}
