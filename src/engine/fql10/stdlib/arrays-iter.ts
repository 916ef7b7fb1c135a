// Array methods that call back into the query (Fauna's STDLIB/Arrays.scala): each checks the
// callback's arity first ("`mapper` should accept 1 parameter, …"), then applies it through
// `interp.apply` (one compute unit per call) in Fauna's order and with its short-circuits.
import type { Span } from '../../api';
import { FqlError } from '../../errors';
import { Func, type Value } from '../../values/value';
import type { Interpreter } from '../interpreter';
import { Ordering, totalOrder } from './ordering';
import { checkCallback, dynType, indexOutOfBounds, method, sig, T, verdict } from './params';
import type { MethodTable } from './registry';

const F = T.func;
type Arr = Value[];

/** Index checks of `indexOf(x, start)` and friends: within the array, not negative. */
export function checkIndex(arr: Arr, idx: number, span: Span): number {
  if (idx < 0 || idx >= arr.length) throw indexOutOfBounds(idx, arr.length, span);
  return idx;
}

/** Fauna's private `where`: applies the predicate to every element, then keeps the true ones. */
async function where(interp: Interpreter, arr: Arr, pred: Func, span: Span, argName = 'pred'): Promise<Arr> {
  checkCallback(argName, 1, pred, span);
  const out: Arr = [];
  for (const v of arr) {
    const r = await interp.apply(pred, [v], span);
    if (verdict(r, span)) out.push(v);
  }
  return out;
}

/** `indexWhere`/`lastIndexWhere`: applies the predicate from one end until it holds. */
async function findIndex(interp: Interpreter, arr: Arr, pred: Func, span: Span, indexes: number[]): Promise<Value> {
  checkCallback('predicate', 1, pred, span);
  for (const i of indexes) {
    if (verdict(await interp.apply(pred, [arr[i]!], span), span)) return i;
  }
  return null;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

/** `any` (seed false) and `every` (seed true): stops at the first verdict that differs. */
async function anyEvery(interp: Interpreter, arr: Arr, pred: Func, span: Span, seed: boolean): Promise<boolean> {
  checkCallback('predicate', 1, pred, span);
  for (const v of arr) {
    const r = await interp.apply(pred, [v], span);
    if (r !== true && r !== false && r !== null) verdict(r, span);
    if ((r === true) !== seed) return !seed;
  }
  return seed;
}

interface SortKey {
  keys: Value[];
  descending: boolean[];
}

/** The orderings `order()` takes: functions (ascending), `asc(f)`/`desc(f)`, `{ asc: f }`. */
function orderings(args: Value[], span: Span): Array<{ key: Func; descending: boolean }> {
  return args.map((o, idx) => {
    const name = `ordering${idx}`;
    let key: Value | undefined;
    let descending = false;
    if (o instanceof Ordering) {
      key = o.key;
      descending = o.descending;
    } else if (o instanceof Func) {
      key = o;
    } else if (o instanceof Map && o.size === 1) {
      const asc = o.get('asc');
      const desc = o.get('desc');
      if (asc instanceof Func) key = asc;
      else if (desc instanceof Func) [key, descending] = [desc, true];
    }
    if (!(key instanceof Func)) {
      throw new FqlError('invalid_argument', `expected value for \`${name}\` of type Function, received ${dynType(o)}`, span);
    }
    checkCallback(name, 1, key, span);
    return { key, descending };
  });
}

export const arrayCallbackMethods: MethodTable<Arr> = {
  map: method(
    'map',
    sig([['mapper', F]], async (interp, arr: Arr, [fn], sp) => {
      checkCallback('mapper', 1, fn, sp.call);
      const out: Arr = [];
      for (const v of arr) out.push(await interp.apply(fn, [v], sp.call));
      return out;
    }),
  ),
  flatMap: method(
    'flatMap',
    sig([['mapper', F]], async (interp, arr: Arr, [fn], sp) => {
      checkCallback('mapper', 1, fn, sp.call);
      const out: Arr = [];
      for (const v of arr) {
        const r = await interp.apply(fn, [v], sp.call);
        if (!Array.isArray(r)) throw new FqlError('type_mismatch', `expected type: Array<Any>, received ${dynType(r)}`, sp.call);
        out.push(...r);
      }
      return out;
    }),
  ),
  where: method('where', sig([['predicate', F]], (interp, arr: Arr, [fn], sp) => where(interp, arr, fn, sp.call))),
  filter: method(
    'filter',
    sig([['predicate', F]], async (interp, arr: Arr, [fn], sp) => {
      checkCallback('predicate', 1, fn, sp.call);
      const out: Arr = [];
      // Fauna reports the element, not the predicate's result, when the result is no Boolean.
      for (const v of arr) if (verdict(await interp.apply(fn, [v], sp.call), sp.call, v)) out.push(v);
      return out;
    }),
  ),
  firstWhere: method(
    'firstWhere',
    sig([['predicate', F]], async (interp, arr: Arr, [fn], sp) => (await where(interp, arr, fn, sp.call))[0] ?? null),
  ),
  lastWhere: method(
    'lastWhere',
    sig([['predicate', F]], async (interp, arr: Arr, [fn], sp) => (await where(interp, arr, fn, sp.call)).at(-1) ?? null),
  ),
  indexWhere: method(
    'indexWhere',
    sig([['predicate', F]], (interp, arr: Arr, [fn], sp) => findIndex(interp, arr, fn, sp.call, range(0, arr.length))),
    sig([['predicate', F], ['start', T.int]], (interp, arr: Arr, [fn, start], sp) =>
      findIndex(interp, arr, fn, sp.call, range(checkIndex(arr, start, sp.call), arr.length)),
    ),
  ),
  lastIndexWhere: method(
    'lastIndexWhere',
    sig([['predicate', F]], (interp, arr: Arr, [fn], sp) => findIndex(interp, arr, fn, sp.call, range(0, arr.length).reverse())),
    sig([['predicate', F], ['end', T.int]], (interp, arr: Arr, [fn, end], sp) =>
      findIndex(interp, arr, fn, sp.call, range(0, checkIndex(arr, end, sp.call) + 1).reverse()),
    ),
  ),
  any: method('any', sig([['predicate', F]], (interp, arr: Arr, [fn], sp) => anyEvery(interp, arr, fn, sp.call, false))),
  every: method('every', sig([['predicate', F]], (interp, arr: Arr, [fn], sp) => anyEvery(interp, arr, fn, sp.call, true))),
  fold: method(
    'fold',
    sig([['seed', T.any], ['reducer', F]], async (interp, arr: Arr, [seed, fn], sp) => {
      checkCallback('reducer', 2, fn, sp.call);
      let acc = seed;
      for (const v of arr) acc = await interp.apply(fn, [acc, v], sp.call);
      return acc;
    }),
  ),
  foldRight: method(
    'foldRight',
    sig([['seed', T.any], ['reducer', F]], async (interp, arr: Arr, [seed, fn], sp) => {
      checkCallback('reducer', 2, fn, sp.call);
      let acc = seed;
      for (let i = arr.length - 1; i >= 0; i--) acc = await interp.apply(fn, [acc, arr[i]!], sp.call);
      return acc;
    }),
  ),
  reduce: method(
    'reduce',
    sig([['reducer', F]], async (interp, arr: Arr, [fn], sp) => {
      checkCallback('reducer', 2, fn, sp.call);
      if (arr.length === 0) return null;
      let acc: Value = arr[0] as Value;
      for (const v of arr.slice(1)) acc = await interp.apply(fn, [acc, v], sp.call);
      return acc;
    }),
  ),
  reduceRight: method(
    'reduceRight',
    sig([['reducer', F]], async (interp, arr: Arr, [fn], sp) => {
      checkCallback('reducer', 2, fn, sp.call);
      if (arr.length === 0) return null;
      let acc: Value = arr[arr.length - 1] as Value;
      for (let i = arr.length - 2; i >= 0; i--) acc = await interp.apply(fn, [acc, arr[i]!], sp.call);
      return acc;
    }),
  ),
  aggregate: method(
    'aggregate',
    sig([['seed', T.any], ['combiner', F]], async (interp, arr: Arr, [seed, fn], sp) => {
      checkCallback('combiner', 2, fn, sp.call);
      if (arr.length === 0) return seed;
      // Pairwise, halving the elements each round, then the result with the seed.
      let level = arr;
      while (level.length > 1) {
        const next: Arr = [];
        for (let i = 0; i < level.length; i += 2) {
          next.push(i + 1 < level.length ? await interp.apply(fn, [level[i]!, level[i + 1]!], sp.call) : level[i]!);
        }
        level = next;
      }
      return interp.apply(fn, [level[0]!, seed], sp.call);
    }),
  ),
  forEach: method(
    'forEach',
    sig([['callback', F]], async (interp, arr: Arr, [fn], sp) => {
      checkCallback('fn', 1, fn, sp.call);
      for (const v of arr) await interp.apply(fn, [v], sp.call);
      return null;
    }),
  ),
  order: async (interp, arr, args, sp) => {
    const ords = orderings(args, sp.call);
    const keyed: Array<{ v: Value; key: SortKey }> = [];
    for (const v of arr) {
      const keys: Value[] = [];
      for (const o of ords) keys.push(await interp.apply(o.key, [v], sp.call));
      keyed.push({ v, key: { keys: ords.length ? keys : [v], descending: ords.length ? ords.map((o) => o.descending) : [false] } });
    }
    keyed.sort((a, b) => {
      for (let i = 0; i < a.key.keys.length; i++) {
        const c = totalOrder(a.key.keys[i]!, b.key.keys[i]!);
        if (c !== 0) return a.key.descending[i] ? -c : c;
      }
      return 0;
    });
    return keyed.map((k) => k.v);
  },
};
