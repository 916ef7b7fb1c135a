// How Fauna's native functions take their arguments (NativeFunction.scala, TypeTag.scala): a
// method is one or more signatures; a call with an argument count no signature has fails with
// `invalid_function_invocation`, an argument of the wrong type with `invalid_argument` (one
// signature: "expected value for `x` of type T, received U"; overloads: "expected arguments to
// `f` of type (T) | (T, U), received (V)"). Arguments are cast as Fauna casts them: a whole
// Double is accepted where an Int is expected, an Int where a Long or Double is.
import type { Span } from '../../api';
import { FqlError } from '../../errors';
import { Page, SetV } from '../../values/set';
import { DateV, Doc, DocRef, Double, Func, Module, NullDoc, Time, typeName, type ObjectV, type Value } from '../../values/value';
import type { Interpreter } from '../interpreter';
import type { CallSpans } from './args';
import { Ordering } from './ordering';
import type { Method, Static } from './registry';

export type Num = number | bigint | Double;

/** Fauna's runtime type name of a value (`ValueType.displayString` of its dynamic type). */
export function dynType(v: Value): string {
  // Containers, documents and functions print as static types; scalars as their plain names.
  if (Array.isArray(v)) return 'Array<Any>';
  if (v instanceof Map || v instanceof Page || v instanceof Ordering) return '{ *: Any }';
  if (v instanceof Doc || v instanceof DocRef || v instanceof NullDoc) return 'Doc';
  if (v instanceof Func) return v.name === '<lambda>' ? 'Lambda' : 'Function';
  if (v instanceof SetV) return 'Set<Any>';
  return typeName(v);
}

/** A parameter type: its name in messages and how it casts an argument (undefined: rejected). */
export interface ParamType<T> {
  readonly name: string;
  cast(v: Value): T | undefined;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;

export const isNum = (v: Value): v is Num => typeof v === 'number' || typeof v === 'bigint' || v instanceof Double;
export const toFloat = (v: Num): number => (v instanceof Double ? v.value : Number(v));

export const T = {
  any: { name: 'Any', cast: (v: Value) => v } as ParamType<Value>,
  int: {
    name: 'Int',
    cast: (v: Value) => {
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return v >= BigInt(INT_MIN) && v <= BigInt(INT_MAX) ? Number(v) : undefined;
      if (v instanceof Double) return Number.isInteger(v.value) && v.value >= INT_MIN && v.value <= INT_MAX ? v.value + 0 : undefined;
      return undefined;
    },
  } as ParamType<number>,
  number: { name: 'Number', cast: (v: Value) => (isNum(v) ? v : undefined) } as ParamType<Num>,
  string: { name: 'String', cast: (v: Value) => (typeof v === 'string' ? v : undefined) } as ParamType<string>,
  time: { name: 'Time', cast: (v: Value) => (v instanceof Time ? v : undefined) } as ParamType<Time>,
  date: { name: 'Date', cast: (v: Value) => (v instanceof DateV ? v : undefined) } as ParamType<DateV>,
  array: { name: 'Array<Any>', cast: (v: Value) => (Array.isArray(v) ? v : undefined) } as ParamType<Value[]>,
  set: { name: 'Set<Any>', cast: (v: Value) => (v instanceof SetV ? v : undefined) } as ParamType<SetV>,
  func: { name: 'Function', cast: (v: Value) => (v instanceof Func ? v : undefined) } as ParamType<Func>,
  /** A struct (`{ *: Any }`); a materialized page is one too. */
  struct: { name: '{ *: Any }', cast: (v: Value) => asStruct(v) } as ParamType<ObjectV>,
  /** A struct or a document (Fauna's `AnyObject`). */
  object: {
    name: '{ *: Any }',
    cast: (v: Value) => (v instanceof Doc || v instanceof DocRef || v instanceof NullDoc ? v : asStruct(v)),
  } as ParamType<ObjectV | Doc | DocRef | NullDoc>,
};

function asStruct(v: Value): ObjectV | undefined {
  if (v instanceof Map) return v;
  if (v instanceof Page) {
    const m: ObjectV = new Map([['data', v.data]]);
    if (v.after !== undefined) m.set('after', v.after);
    return m;
  }
  return undefined;
}

type Params = readonly (readonly [string, ParamType<unknown>])[];
type Casts<Ps extends Params> = { -readonly [K in keyof Ps]: Ps[K] extends readonly [string, ParamType<infer V>] ? V : never };

export interface Overload<Self> {
  readonly params: Params;
  readonly run: (interp: Interpreter, self: Self, args: unknown[], spans: CallSpans) => Value | Promise<Value>;
}

/** One signature of a method: its parameters and what it does with the cast arguments. */
export function sig<Self, const Ps extends Params>(
  params: Ps,
  run: (interp: Interpreter, self: Self, args: Casts<Ps>, spans: CallSpans) => Value | Promise<Value>,
): Overload<Self> {
  return { params, run: run as Overload<Self>['run'] };
}

/** Fauna's `Arity.displayString`: "no arguments", "exactly 1 argument", "1 or 2 arguments". */
export function arityText(counts: number[], word: string): string {
  const l = [...new Set(counts)].sort((a, b) => a - b);
  if (l.length === 1) return l[0] === 0 ? `no ${word}s` : l[0] === 1 ? `exactly 1 ${word}` : `exactly ${l[0]} ${word}s`;
  return `${l.slice(0, -1).join(', ')} or ${l[l.length - 1]} ${word}s`;
}

export function arityError(counts: number[], n: number, span: Span): FqlError {
  return new FqlError(
    'invalid_function_invocation',
    `callee function expects ${arityText(counts, 'argument')}, but ${n} ${n === 1 ? 'was' : 'were'} provided.`,
    span,
  );
}

/** A method of a value type from its signatures (two or more: an overloaded method). */
export function method<Self>(name: string, ...overloads: Overload<Self>[]): Method<Self> {
  const counts = overloads.map((o) => o.params.length);
  return (interp, self, args, spans) => {
    if (!counts.includes(args.length)) throw arityError(counts, args.length, spans.call);
    if (overloads.length === 1) {
      const o = overloads[0]!;
      const cast = o.params.map(([pname, type], i) => {
        const c = type.cast(args[i]!);
        if (c === undefined) {
          throw new FqlError('invalid_argument', `expected value for \`${pname}\` of type ${type.name}, received ${dynType(args[i]!)}`, spans.call);
        }
        return c;
      });
      return o.run(interp, self, cast, spans);
    }
    for (const o of overloads) {
      if (o.params.length !== args.length) continue;
      const cast = o.params.map(([, type], i) => type.cast(args[i]!));
      if (cast.every((c) => c !== undefined)) return o.run(interp, self, cast, spans);
    }
    const expected = overloads
      .filter((o) => o.params.length === args.length)
      .map((o) => `(${o.params.map(([, t]) => t.name).join(', ')})`)
      .join(' | ');
    throw new FqlError(
      'invalid_argument',
      `expected arguments to \`${name}\` of type ${expected}, received (${args.map(dynType).join(', ')})`,
      spans.call,
    );
  };
}

/** A function of a module (`Math.abs`): a method without a receiver. */
export function staticFn(name: string, ...overloads: Overload<undefined>[]): Static {
  const m = method<undefined>(name, ...overloads);
  return (interp, args, spans) => m(interp, undefined, args, spans);
}

/** Whether a function takes `n` arguments (a variadic one takes at least `arity - 1`). */
export function accepts(f: Func, n: number): boolean {
  return f.variadic ? n >= f.arity - 1 : n === f.arity;
}

/** Fauna's `Arity.displayString` of a function value (a variadic one: "at least 1 argument"). */
export function funcArityText(f: Func, word: string): string {
  if (!f.variadic) return arityText([f.arity], word);
  const req = f.arity - 1;
  return req === 0 ? `any number of ${word}s` : req === 1 ? `at least 1 ${word}` : `at least ${req} ${word}s`;
}

/** Applying a function value to a count of arguments it does not take, as Fauna's `evalApply` refuses it. */
export function checkApply(f: Func, n: number, span: Span): void {
  if (accepts(f, n)) return;
  throw new FqlError(
    'invalid_function_invocation',
    `callee function expects ${funcArityText(f, 'argument')}, but ${n} ${n === 1 ? 'was' : 'were'} provided.`,
    span,
  );
}

/** Fauna's check of a callback's arity before a method calls it. */
export function checkCallback(argName: string, expected: number, f: Func, span: Span): void {
  if (accepts(f, expected)) return;
  const requires = funcArityText(f, 'parameter');
  throw new FqlError(
    'invalid_argument',
    `\`${argName}\` should accept ${expected} parameter${expected === 1 ? '' : 's'}, provided function requires ${requires}.`,
    span,
  );
}

/** A predicate's verdict: true, false, or null (as false); anything else is a type mismatch. */
export function verdict(v: Value, span: Span, reported: Value = v): boolean {
  if (v === true || v === false) return v;
  if (v === null) return false;
  throw new FqlError('type_mismatch', `expected type: Boolean, received ${dynType(reported)}`, span);
}

export function invalidArgument(name: string, reason: string, span: Span): FqlError {
  return new FqlError('invalid_argument', `invalid argument \`${name}\`: ${reason}`, span);
}

export function valueTooLarge(reason: string, span: Span): FqlError {
  return new FqlError('value_too_large', `Value too large: ${reason}.`, span);
}

export function indexOutOfBounds(index: number, length: number, span: Span): FqlError {
  return new FqlError('index_out_of_bounds', `index ${index} out of bounds for length ${length}`, span);
}

// --- Fauna's number tower (Value.Number, NumberHelpers) --------------------------------------

/** `Value.Number(long)`: an Int when it fits, a Long otherwise, a Double beyond a Long. */
export function numberOf(n: bigint): Value {
  if (n >= BigInt(INT_MIN) && n <= BigInt(INT_MAX)) return Number(n);
  if (n >= LONG_MIN && n <= LONG_MAX) return n;
  return new Double(Number(n));
}

/** Fauna's `+` on numbers: integers add exactly, falling back to Double on Long overflow. */
export function addNumbers(a: Num, b: Num): Num {
  if (a instanceof Double || b instanceof Double) return new Double(toFloat(a) + toFloat(b));
  const s = BigInt(a) + BigInt(b);
  if (s < LONG_MIN || s > LONG_MAX) return new Double(Number(a) + Number(b));
  return numberOf(s) as Num;
}

/** Fauna's `/` on numbers: integer division truncates; by an integer zero it fails. */
export function divideNumbers(a: Num, b: Num, span: Span): Num {
  if (a instanceof Double || b instanceof Double) return new Double(toFloat(a) / toFloat(b));
  if (BigInt(b) === 0n) throw new FqlError('divide_by_zero', 'Attempted integer division by zero.', span);
  // Java's Long division: Long.MinValue / -1 wraps around.
  return numberOf(BigInt.asIntN(64, BigInt(a) / BigInt(b))) as Num;
}

/** Java's `Double.compare`: -0.0 below 0.0, NaN above everything and equal to itself. */
export function javaDoubleCompare(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  if (x === 0 && y === 0) {
    const nx = Object.is(x, -0);
    const ny = Object.is(y, -0);
    return nx === ny ? 0 : nx ? -1 : 1;
  }
  return 0;
}

/** Fauna's `compareNumbers`: integers exactly, anything with a Double as Java doubles. */
export function compareNumbers(a: Num, b: Num): number {
  if (a instanceof Double || b instanceof Double) return javaDoubleCompare(toFloat(a), toFloat(b));
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Java's `double.toLong`: truncation, saturating at the Long range, NaN as 0. */
export function javaToLong(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 9223372036854775807) return LONG_MAX;
  if (d <= -9223372036854775808) return LONG_MIN;
  return BigInt(Math.trunc(d));
}

/** Java's `double.toInt`: truncation, saturating at the Int range, NaN as 0. */
export function javaToInt(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= INT_MAX) return INT_MAX;
  if (d <= INT_MIN) return INT_MIN;
  return Math.trunc(d) + 0;
}
