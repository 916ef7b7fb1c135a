// Fauna's total order over values, used by `order()`, `distinct()` and index values: values of
// different types order by type (null, booleans, numbers, strings, times, dates, refs, arrays,
// objects), values of one type by their natural order.
import { Bytes, DateV, Doc, DocRef, Double, Func, NullDoc, Time, type Value } from '../../values/value';

/** `asc(f)` / `desc(f)`: an ordering by the values a function picks. */
export class Ordering extends Func {
  constructor(
    readonly key: Func,
    readonly descending: boolean,
  ) {
    super(descending ? 'desc' : 'asc', key.invoke, key.arity, key.variadic);
  }
}

function rank(v: Value): number {
  if (v === null || v instanceof NullDoc) return 0;
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Double) return 2;
  if (v instanceof Bytes) return 2.5; // Fauna orders bytes between numbers and strings
  if (typeof v === 'string') return 3;
  if (v instanceof Time) return 4;
  if (v instanceof DateV) return 5;
  if (v instanceof DocRef || v instanceof Doc) return 6;
  if (Array.isArray(v)) return 7;
  if (v instanceof Map) return 8;
  return 9;
}

const num = (v: number | bigint | Double) => (v instanceof Double ? v.value : Number(v));
const cmp = <T>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);

export function totalOrder(a: Value, b: Value): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if ((typeof a === 'number' || typeof a === 'bigint' || a instanceof Double) && (typeof b === 'number' || typeof b === 'bigint' || b instanceof Double)) {
    if (typeof a === 'bigint' && typeof b === 'bigint') return cmp(a, b);
    return cmp(num(a), num(b));
  }
  if (typeof a === 'string' && typeof b === 'string') return cmp(a, b);
  if (a instanceof Bytes && b instanceof Bytes) {
    for (let i = 0; i < Math.min(a.bytes.length, b.bytes.length); i++) if (a.bytes[i] !== b.bytes[i]) return a.bytes[i]! - b.bytes[i]!;
    return a.bytes.length - b.bytes.length;
  }
  if (a instanceof Time && b instanceof Time) return a.micros - b.micros;
  if (a instanceof DateV && b instanceof DateV) return cmp(a.iso, b.iso);
  if ((a instanceof DocRef || a instanceof Doc) && (b instanceof DocRef || b instanceof Doc)) {
    const x = a instanceof Doc ? a.ref : a;
    const y = b instanceof Doc ? b.ref : b;
    return cmp(x.coll, y.coll) || cmp(BigInt(x.id), BigInt(y.id));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = totalOrder(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (a instanceof Map && b instanceof Map) {
    const ea = [...a];
    const eb = [...b];
    for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
      const c = cmp(ea[i]![0], eb[i]![0]) || totalOrder(ea[i]![1], eb[i]![1]);
      if (c !== 0) return c;
    }
    return ea.length - eb.length;
  }
  return 0;
}
