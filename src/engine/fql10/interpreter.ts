// FQL v10 evaluator: walks the syntax tree against the query's transaction. Every native method
// call and function application adds one raw compute unit (Fauna's FQLInterpreter does the same).
import type { Span } from '../api';
import { FqlError } from '../errors';
import type { QueryTx } from '../store/query-tx';
import { Doc, DocRef, Double, Func, Module, NullDoc, Time, typeName, type Value } from '../values/value';
import { pointSpan, type Expr, type Program, type Stmt } from './ast';
import { recordToDoc } from './docs';
import { parse } from './parser';
import { Access, type Action } from '../auth/access';
import { ADMIN, type Principal } from '../auth/principal';
import { project } from './projection';
import { isa } from './stdlib/types';
import { displayString } from './stdlib/tostring';
import { lineCol, renderDiagnostic } from '../render/diagnostic';
import { arith, compare, equals } from './operators';
import { callFunction, callMethod, getField, resolveGlobal } from './stdlib/dispatch';

/** Returned through a `?.` chain whose receiver was null: the whole chain is null. */
const SHORT = Symbol('short-circuit');
type Chained = Value | typeof SHORT;

class Env {
  private readonly vars = new Map<string, Value>();
  constructor(private readonly parent?: Env) {}
  get(name: string): Value | undefined {
    return this.vars.has(name) ? this.vars.get(name) : this.parent?.get(name);
  }
  set(name: string, v: Value): void {
    this.vars.set(name, v);
  }
}

export class Interpreter {
  /** What this code may do: the caller's rights, or a UDF's role, or read-only in predicates. */
  access: Access;
  /** False for UDF bodies and role predicates, whose spans point into other text. */
  spansInQuery = true;

  constructor(
    public tx: QueryTx,
    readonly source: string,
    /** `info` lines from `log()` and `dbg()`, as Fauna puts them in the summary. */
    readonly logs: string[] = [],
    /** Who runs the query; `Query.identity()` and `Query.token()` answer from it, even inside a UDF. */
    readonly principal: Principal = ADMIN,
    access?: Access,
  ) {
    this.access = access ?? new Access(principal, tx, (src, args) => this.runPredicate(src, args));
  }

  /** Role predicates run read-only, with the caller's identity. */
  async runPredicate(source: string, args: Value[]): Promise<Value> {
    const inner: Interpreter = new Interpreter(this.tx, source, this.logs, this.principal, undefined);
    inner.spansInQuery = false;
    inner.access = new Access(ADMIN, this.tx, (src, a) => inner.runPredicate(src, a), true);
    const fn = await inner.run(parse(source));
    return inner.apply(fn, args, { start: 0, end: source.length });
  }

  /** Fails with `permission_denied` unless the access allows the action. */
  async require(action: Action, resource: string, args: Value[], span: Span): Promise<void> {
    if (!(await this.access.allows(action, resource, args))) throw permissionDenied(span);
  }

  /** Points this interpreter (and the lambdas it made) at a later query's transaction. */
  rebind(tx: QueryTx): void {
    this.tx = tx;
  }

  /** Fauna's performance hints: `performance_hint: <code> - <text>` with the span, once per place. */
  hint(code: string, text: string, span: Span): void {
    if (!this.spansInQuery) return;
    const line = renderDiagnostic(`performance_hint: ${code}`, text, this.source, span).replace(`performance_hint: ${code}: `, `performance_hint: ${code} - `);
    if (!this.logs.includes(line)) this.logs.push(line);
  }

  log(span: Span, text: string): void {
    const { line } = lineCol(this.source, span.start);
    this.logs.push(`info at *query*:${line}: ${text}`);
  }

  async run(program: Program, bindings?: Map<string, Value>): Promise<Value> {
    const env = new Env();
    for (const [k, v] of bindings ?? []) env.set(k, v);
    return this.statements(program.body, new Env(env));
  }

  private async statements(body: Stmt[], env: Env): Promise<Value> {
    let last: Value = null;
    for (const s of body) {
      if (s.kind === 'let') {
        env.set(s.name, await this.evalNode(s.value, env));
        last = null;
      } else {
        last = await this.evalNode(s.expr, env);
      }
    }
    return last;
  }

  async evalNode(e: Expr, env: Env): Promise<Value> {
    const v = await this.chain(e, env);
    return v === SHORT ? null : v;
  }

  /** Whether a value counts as null for `?.`, `??` and `!`: null itself or a missing document. */
  async isNull(v: Value): Promise<boolean> {
    if (v === null || v instanceof NullDoc) return true;
    if (v instanceof DocRef) return (await this.resolve(v)) instanceof NullDoc;
    return false;
  }

  /** A reference read from the store: the document, or a null document saying why. */
  async resolve(ref: DocRef): Promise<Doc | NullDoc> {
    const rec = await this.tx.getDoc(ref.coll, ref.id);
    if (!rec) return new NullDoc(ref, 'not found');
    const doc = recordToDoc(rec);
    // A document the caller may not read is null, with the reason (Fauna: `/* permission denied */`).
    return (await this.access.allows('read', ref.coll, [doc])) ? doc : new NullDoc(ref, 'permission denied');
  }

  private async chain(e: Expr, env: Env): Promise<Chained> {
    switch (e.kind) {
      case 'null':
        return null;
      case 'bool':
        return e.value;
      case 'int':
        return intLiteral(e.text, e.span);
      case 'float':
        return new Double(Number(e.text.replace(/_/g, '')));
      case 'string': {
        let out = '';
        for (const p of e.parts) out += typeof p === 'string' ? p : await displayString(this, await this.evalNode(p, env));
        return out;
      }
      case 'ident': {
        const local = env.get(e.name);
        if (local !== undefined) return local;
        return resolveGlobal(this, e.name, e.span);
      }
      case 'array':
        return Promise.all(e.items.map((x) => this.evalNode(x, env)));
      case 'object': {
        const out = new Map<string, Value>();
        for (const { key, value } of e.entries) out.set(key, await this.evalNode(value, env));
        return out;
      }
      case 'block':
        return this.statements(e.body, new Env(env));
      case 'if': {
        const c = await this.evalNode(e.cond, env);
        if (typeof c !== 'boolean') throw typeMismatch('Boolean', c, e.cond.span);
        if (c) return this.evalNode(e.then, env);
        return e.else ? this.evalNode(e.else, env) : null;
      }
      case 'lambda':
        return this.lambda(e, env);
      case 'member': {
        const target = await this.chain(e.target, env);
        if (target === SHORT) return SHORT;
        if (e.optional && (await this.isNull(target))) return SHORT;
        return this.at(pointSpan(e), () => getField(this, target, e.name, pointSpan(e), e.target.span));
      }
      case 'index': {
        const target = await this.chain(e.target, env);
        if (target === SHORT) return SHORT;
        if (e.optional && (await this.isNull(target))) return SHORT;
        const index = await this.evalNode(e.index, env);
        if (typeof index === 'string') return getField(this, target, index, e.span, e.target.span);
        if (typeof target === 'string') {
          return this.at(e.span, () => callMethod(this, target, 'at', [index], { call: e.span, receiver: e.target.span, args: [e.index.span] }));
        }
        if (typeof index === 'number' && Array.isArray(target)) {
          if (index < 0 || index >= target.length) {
            throw new FqlError('index_out_of_bounds', `index ${index} out of bounds for length ${target.length}`, e.span);
          }
          return target[index]!;
        }
        throw new FqlError('invalid_argument', `Cannot index a value of type ${typeName(target)}.`, e.span);
      }
      case 'call':
        return this.call(e, env);
      case 'nonNull': {
        const target = await this.chain(e.target, env);
        if (target === SHORT) return SHORT;
        // Fauna names why the value is null: a field the object lacks, or a null literal.
        const why = e.target.kind === 'member' ? `Null value, due to missing field \`${e.target.name}\`` : undefined;
        return this.at(pointSpan(e), () => this.assertNonNull(target, pointSpan(e), why));
      }
      case 'unary': {
        const v = await this.evalNode(e.operand, env);
        if (e.op === '!') {
          if (typeof v !== 'boolean') throw typeMismatch('Boolean', v, e.operand.span);
          return !v;
        }
        if (e.op === '-') return arith('-', 0, v, e.span);
        if (typeof v !== 'number' && typeof v !== 'bigint') throw typeMismatch('Int', v, e.operand.span);
        return typeof v === 'number' ? ~v : ~v;
      }
      case 'binary':
        return this.binary(e, env);
      case 'project': {
        const target = await this.chain(e.target, env);
        if (target === SHORT) return SHORT;
        return project(this, target, e.fields, env, e.span);
      }
      default: {
        const never: never = e;
        return never;
      }
    }
  }

  private async call(e: Extract<Expr, { kind: 'call' }>, env: Env): Promise<Chained> {
    if (e.callee.kind === 'member') {
      const m = e.callee;
      const recv = await this.chain(m.target, env);
      if (recv === SHORT) return SHORT;
      if (m.optional && (await this.isNull(recv))) return SHORT;
      const args = await Promise.all(e.args.map((a) => this.evalNode(a, env)));
      return this.charged({ start: m.nameSpan.start, end: e.callSpan.end }, () =>
        callMethod(this, recv, m.name, args, { call: e.callSpan, receiver: m.target.span, args: e.args.map((a) => a.span) }),
      );
    }
    const callee = await this.chain(e.callee, env);
    if (callee === SHORT) return SHORT;
    if (e.optional && (await this.isNull(callee))) return SHORT;
    const args = await Promise.all(e.args.map((a) => this.evalNode(a, env)));
    return this.charged(e.span, () =>
      callFunction(this, callee, args, { call: e.callSpan, receiver: e.callee.span, args: e.args.map((a) => a.span) }),
    );
  }

  /** Puts the reads a field access or `!` makes on its span (no compute: not a call). */
  private async at(span: Span, run: () => Promise<Value>): Promise<Value> {
    const m = this.tx.metrics;
    const outer = m.span;
    if (this.spansInQuery) m.span = span;
    try {
      return await run();
    } finally {
      m.span = outer;
    }
  }

  /** Runs a call with its charges (one compute unit, and whatever it reads and writes) put on `span`. */
  private async charged(span: Span, run: () => Promise<Value>): Promise<Value> {
    const m = this.tx.metrics;
    const outer = m.span;
    // Spans of UDF bodies and predicates are not in the query's text: keep the caller's span.
    const mine = this.spansInQuery ? span : outer;
    m.span = mine;
    m.compute();
    try {
      return await run();
    } finally {
      m.span = outer;
    }
  }

  private lambda(e: Extract<Expr, { kind: 'lambda' }>, env: Env): Func {
    return new Func(
      '<lambda>',
      async (args) => {
        const scope = new Env(env);
        e.params.forEach((p, i) => {
          if (e.variadic && i === e.params.length - 1) scope.set(p, args.slice(i));
          else if (p !== '_') scope.set(p, args[i] ?? null);
        });
        return this.evalNode(e.body, scope);
      },
      e.params.length,
      e.variadic,
    );
  }

  /**
   * Applies a function value, as native methods do with their callbacks (`map`, `where`, …):
   * one raw compute unit per application, as in Fauna.
   */
  async apply(fn: Value, args: Value[], span: Span): Promise<Value> {
    if (!(fn instanceof Func)) {
      throw new FqlError('invalid_argument', `invalid argument \`func\`: expected a function, received ${typeName(fn)}`, span);
    }
    this.tx.metrics.compute();
    return fn.invoke(args);
  }

  private async binary(e: Extract<Expr, { kind: 'binary' }>, env: Env): Promise<Value> {
    const left = await this.evalNode(e.left, env);
    switch (e.op) {
      case '??':
        return (await this.isNull(left)) ? this.evalNode(e.right, env) : left;
      case '&&':
      case '||': {
        if (typeof left !== 'boolean') throw typeMismatch('Boolean', left, e.left.span);
        if (e.op === '&&' ? !left : left) return left;
        const right = await this.evalNode(e.right, env);
        if (typeof right !== 'boolean') throw typeMismatch('Boolean', right, e.right.span);
        return right;
      }
    }
    const right = await this.evalNode(e.right, env);
    // Operators are native methods in Fauna, and bill like one (FQL2MetricsSpec's fold case).
    this.tx.metrics.compute();
    switch (e.op) {
      case '==':
        return equals(await this.forEquality(left), await this.forEquality(right));
      case '!=':
        return !equals(await this.forEquality(left), await this.forEquality(right));
      case '<':
      case '>':
      case '<=':
      case '>=':
        return compare(e.op, left, right);
      case 'isa':
        return isa(left, right);
      default:
        return arith(e.op, left, right, e.span, e.right.span);
    }
  }

  /** `doc == null` compares existence, so references are resolved first. */
  private async forEquality(v: Value): Promise<Value> {
    return (v instanceof DocRef || v instanceof NullDoc) && (await this.isNull(v)) ? null : v;
  }

  async assertNonNull(v: Value, span: Span, why = 'Null literal value'): Promise<Value> {
    if (v === null) throw new FqlError('null_value', why, span);
    const doc = v instanceof DocRef ? await this.resolve(v) : v;
    if (doc instanceof NullDoc) throw documentNotFound(doc, span);
    return v;
  }
}

export function permissionDenied(span: Span): FqlError {
  return new FqlError('permission_denied', 'Insufficient privileges to perform the action.', span);
}

export function documentNotFound(doc: NullDoc, span: Span): FqlError {
  if (doc.cause === 'permission denied') {
    return new FqlError('null_value', `Null value, due to permission denied`, span);
  }
  const message = doc.describe
    ? `${doc.describe} not found.`
    : `Collection \`${doc.ref.coll}\` does not contain document with id ${doc.ref.id}.`;
  return new FqlError('document_not_found', message, span);
}

export function typeMismatch(expected: string, v: Value, span: Span): FqlError {
  return new FqlError('type_mismatch', `expected type: ${expected}, received ${typeName(v)}`, span);
}

function intLiteral(text: string, span: Span): Value {
  const clean = text.replace(/_/g, '');
  const big = /^0[xob]/i.test(clean) ? BigInt(clean.toLowerCase()) : BigInt(clean);
  if (big <= 2147483647n) return Number(big);
  if (big <= 9223372036854775807n) return big;
  throw new FqlError('invalid_query', `Integer literal ${text} is too large`, span);
}

