// FQL v10 evaluator: walks the syntax tree against the query's transaction. Every native method
// call and function application adds one raw compute unit (Fauna's FQLInterpreter does the same).
import type { Span } from '../api';
import { FqlError } from '../errors';
import type { QueryTx } from '../store/query-tx';
import { Doc, DocRef, Double, Func, Module, NATIVE_COLLECTIONS, NullDoc, Time, isNamed, typeName, type Value } from '../values/value';
import { parenthesized, pointSpan, type Expr, type Program, type Stmt } from './ast';
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
import { checkApply } from './stdlib/params';
import { CausedNull, LITERAL, NullOrigin, argOrigins, dueTo, heldOrigins, hintAt, holdOrigin, missingField, returnOrigins } from './nulls';
import { contextOf, type Located, type SourceText } from '../render/hints';
import { SetV } from '../values/set';
import { pinToSnapshot } from './snapshot';

/** Returned through a `?.` chain whose receiver was null: the whole chain is null (that null). */
class Short {
  constructor(readonly origin?: NullOrigin) {}
}
/** A value with the origin of a null kept: what variables hold and expressions yield inside. */
type Slot = Value | CausedNull;
type Chained = Slot | Short;

class Env {
  private readonly vars = new Map<string, Slot>();
  constructor(private readonly parent?: Env) {}
  get(name: string): Slot | undefined {
    return this.vars.has(name) ? this.vars.get(name) : this.parent?.get(name);
  }
  set(name: string, v: Slot): void {
    this.vars.set(name, v);
  }
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**', '&', '|', '^']);
const strip = (v: Chained): Value => (v instanceof CausedNull || v instanceof Short ? null : v);
const originOf = (v: Chained): NullOrigin | undefined => (v instanceof CausedNull || v instanceof Short ? v.origin : undefined);
/** Natives whose null result says why (Fauna's `NoSuchElement` causes). */
function nativeNullReason(name: string, recv: Value): string | undefined {
  if (name === 'first' || name === 'last') return Array.isArray(recv) ? 'empty array' : recv instanceof SetV ? 'empty set' : undefined;
  if (name === 'firstWhere' || name === 'lastWhere') return 'no element found';
  return undefined;
}

export class Interpreter {
  /** What this code may do: the caller's rights, or a UDF's role, or read-only in predicates. */
  access: Access;
  /** False for UDF bodies and role predicates, whose spans point into other text. */
  spansInQuery = true;
  /** The text this interpreter's spans point into, as error summaries name it. */
  where: SourceText;
  /** Call sites being evaluated, outermost first; one array shared by a query's interpreters. */
  stack: Located[] = [];

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
    this.where = { name: '*query*', text: source };
  }

  private lit(span: Span, message = LITERAL): CausedNull {
    return new CausedNull(new NullOrigin(message, span, this.where));
  }

  /** Role predicates run read-only, with the caller's identity. */
  async runPredicate(source: string, args: Value[]): Promise<Value> {
    const inner: Interpreter = new Interpreter(this.tx, source, this.logs, this.principal, undefined);
    inner.spansInQuery = false;
    inner.stack = this.stack;
    inner.access = new Access(ADMIN, this.tx, (src, a) => inner.runPredicate(src, a), true);
    const fn = await inner.run(predicateProgram(source));
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
    return strip(await this.statements(program.body, new Env(env)));
  }

  private async statements(body: Stmt[], env: Env): Promise<Slot> {
    let last: Slot = null;
    for (const s of body) {
      if (s.kind === 'let') {
        env.set(s.name, await this.evalSlot(s.value, env));
        last = null;
      } else {
        last = await this.evalSlot(s.expr, env);
      }
    }
    return last;
  }

  async evalNode(e: Expr, env: Env): Promise<Value> {
    return strip(await this.chain(e, env));
  }

  /** Like evalNode, keeping where a null came from. */
  private async evalSlot(e: Expr, env: Env): Promise<Slot> {
    const v = await this.chain(e, env);
    return v instanceof Short ? (v.origin ? new CausedNull(v.origin) : null) : v;
  }

  /** Evaluates arguments in order, remembering the origins of null ones for the callee. */
  private async evalArgs(exprs: Expr[], env: Env): Promise<Value[]> {
    const args: Value[] = [];
    const origins: Array<NullOrigin | undefined> = [];
    for (const x of exprs) {
      const v = await this.evalSlot(x, env);
      origins.push(originOf(v));
      args.push(strip(v));
    }
    if (origins.some((o) => o)) argOrigins.set(args, origins);
    return args;
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
    if (!rec) {
      // A reference into a deleted collection: Fauna names its collection `Deleted`.
      const gone = !isNamed(ref.coll) && !NATIVE_COLLECTIONS.has(ref.coll) && ref.coll !== 'Deleted' && !(await this.tx.getCollection(ref.coll));
      return gone ? new NullDoc(new DocRef('Deleted', ref.id), 'collection deleted') : new NullDoc(ref, 'not found');
    }
    const doc = recordToDoc(rec);
    // A document the caller may not read is null, with the reason (Fauna: `/* permission denied */`).
    return (await this.access.allows('read', ref.coll, [doc])) ? doc : new NullDoc(ref, 'permission denied');
  }

  private async chain(e: Expr, env: Env): Promise<Chained> {
    const v = await this.link(e, env);
    // A parenthesis ends a `?.` chain: what follows it runs on the null (FQL2InterpreterSpec).
    return v instanceof Short && parenthesized.has(e) ? (v.origin ? new CausedNull(v.origin) : null) : v;
  }

  private async link(e: Expr, env: Env): Promise<Chained> {
    switch (e.kind) {
      case 'null':
        return this.lit(e.span);
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
      case 'array': {
        const out: Value[] = [];
        for (const x of e.items) {
          const slot = await this.evalSlot(x, env);
          holdOrigin(out, out.length, slot);
          out.push(strip(slot));
        }
        return out;
      }
      case 'object': {
        const out = new Map<string, Value>();
        for (const { key, value } of e.entries) {
          const slot = await this.evalSlot(value, env);
          holdOrigin(out, key, slot);
          out.set(key, strip(slot));
        }
        return out;
      }
      case 'block':
        return this.statements(e.body, new Env(env));
      case 'if': {
        const c = await this.evalNode(e.cond, env);
        if (typeof c !== 'boolean') throw typeMismatch('Boolean', c, e.cond.span);
        if (c) return this.evalSlot(e.then, env);
        return e.else ? this.evalSlot(e.else, env) : this.lit(e.span);
      }
      case 'lambda':
        return this.lambda(e, env);
      case 'at':
        return this.atTime(e, env);
      case 'match':
        // Fauna's interpreter does not implement `match` either: a failed check, where it is evaluated.
        throw new FqlError('invalid_query', 'match expr not supported', e.span);
      case 'member': {
        const slot = await this.chain(e.target, env);
        if (slot instanceof Short) return slot;
        const target = strip(slot);
        if (e.optional && (await this.isNull(target))) return new Short(this.nullOrigin(slot));
        if (target === null) throw this.nullAccess(e.name, e.nameSpan, slot);
        const v = await this.at(pointSpan(e), () => getField(this, target, e.name, pointSpan(e), pointSpan(e.target)));
        return (v === null ? this.held(target, e.name) : undefined) ?? this.caused(v, e.nameSpan, missingField(e.name));
      }
      case 'index': {
        const slot = await this.chain(e.target, env);
        if (slot instanceof Short) return slot;
        const target = strip(slot);
        if (e.optional && (await this.isNull(target))) return new Short(this.nullOrigin(slot));
        const index = await this.evalNode(e.index, env);
        if (typeof index === 'string') {
          const v = await getField(this, target, index, e.span, pointSpan(e.target));
          return this.held(target, index) ?? this.caused(v, e.span, missingField(index));
        }
        // Fauna points a bad index at the brackets, `[4]`, not at the whole expression.
        const brackets = { start: e.target.span.end, end: e.span.end };
        if (typeof target === 'string') {
          return this.at(e.span, () => callMethod(this, target, 'at', [index], { call: brackets, receiver: e.target.span, args: [brackets] }));
        }
        if (typeof index === 'number' && Array.isArray(target)) {
          if (index < 0 || index >= target.length) {
            throw new FqlError('index_out_of_bounds', `index ${index} out of bounds for length ${target.length}`, brackets);
          }
          return target[index] === null ? (this.held(target, index) ?? null) : target[index]!;
        }
        throw new FqlError('invalid_argument', `Cannot index a value of type ${typeName(target)}.`, e.span);
      }
      case 'call':
        return this.call(e, env);
      case 'nonNull': {
        // Even a chain cut short by `?.` fails here, with the cause of the null that cut it.
        const target = await this.chain(e.target, env);
        return this.at(pointSpan(e), () => this.assertNonNull(strip(target), pointSpan(e), target));
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
        if (target instanceof Short) return target;
        return project(this, strip(target), e.fields, env, e.span);
      }
      default: {
        const never: never = e;
        return never;
      }
    }
  }

  /** `at (time) expr`: `expr` reads the database as it was at `time` (Fauna's evalAtExpr). */
  private async atTime(e: Extract<Expr, { kind: 'at' }>, env: Env): Promise<Slot> {
    const t = await this.evalNode(e.time, env);
    if (!(t instanceof Time)) throw typeMismatch('Time', t, e.time.span);
    if (t.micros > this.tx.txnTs) throw new FqlError('invalid_argument', 'invalid argument `at_time`: cannot evaluate `at` in the future', e.time.span);
    const outer = this.tx.readTs;
    // At the transaction's own time the query sees the present, its own writes included.
    this.tx.readTs = t.micros >= this.tx.txnTs ? undefined : t.micros;
    try {
      return await this.pinned(await this.evalSlot(e.body, env));
    } finally {
      this.tx.readTs = outer;
    }
  }

  /** Values leaving an `at` keep showing that snapshot (snapshot.ts). */
  private async pinned(v: Slot): Promise<Slot> {
    const ts = this.tx.readTs;
    if (ts === undefined || v instanceof CausedNull) return v;
    return pinToSnapshot(this.tx, ts, v, (r) => this.resolve(r));
  }

  private async call(e: Extract<Expr, { kind: 'call' }>, env: Env): Promise<Chained> {
    if (e.callee.kind === 'member') {
      const m = e.callee;
      const slot = await this.chain(m.target, env);
      if (slot instanceof Short) return slot;
      const recv = strip(slot);
      if (m.optional && (await this.isNull(recv))) return new Short(this.nullOrigin(slot));
      if (recv === null && slot instanceof CausedNull && m.name !== 'toString') throw this.nullAccess(m.name, m.nameSpan, slot);
      const args = await this.evalArgs(e.args, env);
      const v = await this.frame(e.callSpan, () =>
        this.charged({ start: m.nameSpan.start, end: e.callSpan.end }, () =>
          callMethod(this, recv, m.name, args, { call: e.callSpan, receiver: m.target.span, args: e.args.map((a) => a.span) }),
        ),
      );
      return this.returned(v, args, e.callSpan, nativeNullReason(m.name, recv));
    }
    const slot = await this.chain(e.callee, env);
    if (slot instanceof Short) return slot;
    const callee = strip(slot);
    if (e.optional && (await this.isNull(callee))) return new Short(this.nullOrigin(slot));
    const args = await this.evalArgs(e.args, env);
    const v = await this.frame(e.callSpan, () =>
      this.charged(e.span, () => callFunction(this, callee, args, { call: e.callSpan, receiver: e.callee.span, args: e.args.map((a) => a.span) })),
    );
    return this.returned(v, args, e.callSpan);
  }

  /** A call's result: a null keeps the origin its function gave it, else it was made by the call. */
  private returned(v: Value, args: Value[], span: Span, reason?: string): Slot {
    if (v !== null) return this.caused(v, span, LITERAL);
    const origin = returnOrigins.get(args);
    return origin ? new CausedNull(origin) : this.lit(span, reason ? dueTo(reason) : LITERAL);
  }

  /**
   * A value just produced at `span`: a null remembers it as its origin. (A missing document is
   * not one: Fauna reads it where it is used, and blames that place.)
   */
  private caused(v: Value, span: Span, message: string): Slot {
    return v === null ? this.lit(span, message) : v;
  }

  /** A null an array or object literal holds, with the origin it had when put there. */
  private held(container: Value, at: string | number): CausedNull | undefined {
    if (!(container instanceof Map) && !Array.isArray(container)) return undefined;
    const origin = heldOrigins.get(container)?.get(at);
    return origin ? new CausedNull(origin) : undefined;
  }

  private nullOrigin(slot: Slot): NullOrigin | undefined {
    return originOf(slot);
  }

  /** Fauna's `invalid_null_access`, always with where the null was made. */
  private nullAccess(name: string, span: Span, slot: Slot): unknown {
    const err = new FqlError('invalid_null_access', `Cannot access \`${name}\` on null.`, span);
    return hintAt(err, this.nullOrigin(slot), { span, src: this.where }, true);
  }

  /** A call site: an error that left a function body run by this call records it as a trace frame. */
  private async frame(span: Span, run: () => Promise<Value>): Promise<Value> {
    this.stack.push({ span, src: this.where });
    try {
      return await run();
    } catch (err) {
      if (err instanceof FqlError) {
        const c = contextOf(err);
        if (c.pendingFrame && !c.sealed) {
          c.trace.push({ span, src: this.where });
          c.pendingFrame = false;
        }
      }
      throw err;
    } finally {
      this.stack.pop();
    }
  }

  /** The call sites around the current native call, innermost first (a lazy set keeps them). */
  callSites(): Located[] {
    return [...this.stack].reverse();
  }

  /**
   * Applies a callback of a lazy set, run later by whoever reads the set: an error in it gets
   * the call sites of where the set was made (as Fauna's sets keep their stack), not the reader's.
   */
  async applyLazy(sites: Located[], fn: Value, args: Value[], span: Span): Promise<Value> {
    try {
      return await this.apply(fn, args, span);
    } catch (err) {
      if (err instanceof FqlError) {
        const c = contextOf(err);
        if (c.pendingFrame && !c.sealed) {
          c.trace.push(...sites);
          c.pendingFrame = false;
          c.sealed = true;
        }
      }
      throw err;
    }
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
        const origins = argOrigins.get(args);
        e.params.forEach((p, i) => {
          const origin = origins?.[i];
          if (e.variadic && i === e.params.length - 1) scope.set(p, args.slice(i));
          else if (p !== '_') scope.set(p, args[i] === null && origin ? new CausedNull(origin) : (args[i] ?? null));
        });
        try {
          const out = await this.evalSlot(e.body, scope);
          if (out instanceof CausedNull) returnOrigins.set(args, out.origin);
          return strip(out);
        } catch (err) {
          // Leaving a function body: the error's spans point into this text, and the call that
          // ran the body is the next frame of its trace.
          if (err instanceof FqlError) {
            const c = contextOf(err);
            c.src ??= this.where;
            c.pendingFrame = true;
          }
          throw err;
        }
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
    checkApply(fn, args.length, span);
    return fn.invoke(args, span);
  }

  private async binary(e: Extract<Expr, { kind: 'binary' }>, env: Env): Promise<Slot> {
    const slot = await this.evalSlot(e.left, env);
    const left = strip(slot);
    switch (e.op) {
      case '??':
        return (await this.isNull(left)) ? this.evalSlot(e.right, env) : left;
      case '&&':
      case '||': {
        if (typeof left !== 'boolean') throw typeMismatch('Boolean', left, e.left.span);
        if (e.op === '&&' ? !left : left) return left;
        const right = await this.evalNode(e.right, env);
        if (typeof right !== 'boolean') throw typeMismatch('Boolean', right, e.right.span);
        return right;
      }
    }
    if (left === null && ARITHMETIC.has(e.op)) {
      // An operator is a method of its left operand in Fauna, and null has none.
      const err = new FqlError('invalid_function_invocation', `The function \`${e.op}\` does not exist on \`Null\``, e.opSpan);
      throw hintAt(err, originOf(slot), { span: e.opSpan, src: this.where }, true);
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
        // String's `+` takes any value and appends its display string (FQL2StringSpec).
        if (e.op === '+' && typeof left === 'string' && typeof right !== 'string') return left + (await displayString(this, right));
        return arith(e.op, left, right, e.span, e.right.span);
    }
  }

  /** `doc == null` compares existence, so references are resolved first. */
  private async forEquality(v: Value): Promise<Value> {
    return (v instanceof DocRef || v instanceof NullDoc) && (await this.isNull(v)) ? null : v;
  }

  /** `x!`: the value, or Fauna's error saying why it is null and (elsewhere) where it was made. */
  async assertNonNull(v: Value, span: Span, slot: Chained = v): Promise<Value> {
    const here = { span, src: this.where };
    if (v === null) {
      const origin = originOf(slot);
      throw hintAt(new FqlError('null_value', origin?.message ?? LITERAL, span), origin, here);
    }
    const doc = v instanceof DocRef ? await this.resolve(v) : v;
    if (doc instanceof NullDoc) throw documentNotFound(doc, span);
    return v;
  }
}

/**
 * A predicate's program. FSL lets a predicate be a short lambda (`(.readable)`): a lone
 * expression over the implicit argument becomes that argument's function.
 */
function predicateProgram(source: string): Program {
  if (!/^[\s(]*\./.test(source)) return parse(source);
  // Parsed as a call argument, where the parser makes a leading `.` chain a one-parameter lambda.
  const wrapped = parse(`_(${source})`);
  const only = wrapped.body.length === 1 ? wrapped.body[0] : undefined;
  const fn = only?.kind === 'expr' && only.expr.kind === 'call' && only.expr.args.length === 1 ? only.expr.args[0]! : undefined;
  return fn?.kind === 'lambda' ? { ...wrapped, body: [{ kind: 'expr', expr: fn, span: fn.span }] } : parse(source);
}

export function permissionDenied(span: Span): FqlError {
  return new FqlError('permission_denied', 'Insufficient privileges to perform the action.', span);
}

export function documentNotFound(doc: NullDoc, span: Span): FqlError {
  if (doc.cause === 'permission denied') {
    return new FqlError('null_value', `Null value, due to permission denied`, span);
  }
  if (doc.cause === 'collection deleted') {
    return new FqlError('document_not_found', `Document with id ${doc.ref.id} does not exist because the collection was deleted.`, span);
  }
  const message = doc.describe
    ? `${doc.describe} not found.`
    : isNamed(doc.ref.coll)
    ? `${doc.ref.coll} \`${doc.ref.id}\` not found.`
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

