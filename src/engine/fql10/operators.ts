// Arithmetic and comparison with Fauna's number tower: Int (32-bit) widens to Long (64-bit) on
// overflow, Long widens to Double; integer division truncates toward zero; mixed with a Double,
// everything is Double.
import type { Span } from '../api';
import { FqlError } from '../errors';
import { Bytes, DateV, Doc, DocRef, Double, Module, NullDoc, Time, typeName, type Value } from '../values/value';

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;

type Num = number | bigint | Double;

const isNum = (v: Value): v is Num => typeof v === 'number' || typeof v === 'bigint' || v instanceof Double;
const toFloat = (v: Num) => (v instanceof Double ? v.value : Number(v));

function narrow(n: bigint): Value {
  if (n >= INT_MIN && n <= INT_MAX) return Number(n);
  if (n >= LONG_MIN && n <= LONG_MAX) return n;
  return new Double(Number(n));
}

/** `divisorSpan`: Fauna's operators are methods, so a bad divisor is blamed on the argument. */
export function arith(op: string, a: Value, b: Value, span: Span, divisorSpan: Span = span): Value {
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (!isNum(a) || !isNum(b)) {
    const bad = isNum(a) ? b : a;
    throw new FqlError('type_mismatch', `expected type: Number, received ${typeName(bad)}`, span);
  }
  if (a instanceof Double || b instanceof Double) {
    const x = toFloat(a);
    const y = toFloat(b);
    switch (op) {
      case '+': return new Double(x + y);
      case '-': return new Double(x - y);
      case '*': return new Double(x * y);
      case '/': return new Double(x / y);
      case '%': return new Double(x % y);
      case '**': return new Double(x ** y);
    }
    throw new FqlError('type_mismatch', `expected type: Int, received Double`, span);
  }
  const x = BigInt(a);
  const y = BigInt(b);
  switch (op) {
    case '+': return narrow(x + y);
    case '-': return narrow(x - y);
    case '*': return narrow(x * y);
    case '/':
    case '%':
      if (y === 0n) throw new FqlError('divide_by_zero', 'Attempted integer division by zero.', divisorSpan);
      return narrow(op === '/' ? x / y : x % y);
    case '**': return y < 0n ? new Double(Number(x) ** Number(y)) : narrow(x ** y);
    case '&': return narrow(x & y);
    case '|': return narrow(x | y);
    case '^': return narrow(x ^ y);
  }
  throw new FqlError('invalid_query', `Unknown operator ${op}`, span);
}

export function equals(a: Value, b: Value): boolean {
  if (isNum(a) && isNum(b)) return toFloat(a) === toFloat(b) && (typeof a !== 'bigint' || typeof b !== 'bigint' || a === b);
  if (a === null || b === null) return a === b;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof Time && b instanceof Time) return a.micros === b.micros;
  if (a instanceof DateV && b instanceof DateV) return a.iso === b.iso;
  if (a instanceof Bytes && b instanceof Bytes) return a.toBase64() === b.toBase64();
  const ra = refOf(a);
  const rb = refOf(b);
  if (ra && rb) return ra.coll === rb.coll && ra.id === rb.id;
  if (a instanceof Module && b instanceof Module) return a.name === b.name;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equals(x, b[i]!));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !equals(v, b.get(k)!)) return false;
    return true;
  }
  return false;
}

function refOf(v: Value): DocRef | undefined {
  if (v instanceof DocRef) return v;
  if (v instanceof Doc || v instanceof NullDoc) return v.ref;
  return undefined;
}

/** Comparisons across unrelated types are simply false, as in Fauna. */
export function compare(op: '<' | '>' | '<=' | '>=', a: Value, b: Value): boolean {
  let c: number | undefined;
  if (isNum(a) && isNum(b)) c = toFloat(a) - toFloat(b);
  else if (typeof a === 'string' && typeof b === 'string') c = a < b ? -1 : a > b ? 1 : 0;
  else if (a instanceof Time && b instanceof Time) c = a.micros - b.micros;
  else if (a instanceof DateV && b instanceof DateV) c = a.iso < b.iso ? -1 : a.iso > b.iso ? 1 : 0;
  else if (typeof a === 'boolean' && typeof b === 'boolean') c = Number(a) - Number(b);
  if (c === undefined) return false;
  switch (op) {
    case '<': return c < 0;
    case '>': return c > 0;
    case '<=': return c <= 0;
    case '>=': return c >= 0;
  }
}
