// Array methods and fields, and the `Array` module (Fauna's STDLIB/Arrays.scala). The methods
// taking callbacks are in arrays-iter.ts. `toSet()` belongs to the Set implementation (sets.ts).
import { setOf } from './sets';
import { equals } from '../operators';
import type { Value } from '../../values/value';
import { arrayCallbackMethods, checkIndex } from './arrays-iter';
import { dynType, indexOutOfBounds, method, sig, staticFn, T, valueTooLarge } from './params';
import type { FieldTable, MethodTable, ModuleDef } from './registry';
import { FqlError } from '../../errors';

/** The longest array Fauna builds (`Array.sequence`). */
export const MAX_ARRAY = 16_000;

type Arr = Value[];
const I = T.int;

/** Scala's `slice`: bounds clamp, an empty result when they cross. */
const scalaSlice = (arr: Arr, from: number, until: number) => arr.slice(Math.max(from, 0), Math.max(Math.max(from, 0), until));

const indexOf = (arr: Arr, x: Value, from = 0): Value => {
  for (let i = from; i < arr.length; i++) if (equals(arr[i]!, x)) return i;
  return null;
};

const lastIndexOf = (arr: Arr, x: Value, end = arr.length - 1): Value => {
  for (let i = Math.min(end, arr.length - 1); i >= 0; i--) if (equals(arr[i]!, x)) return i;
  return null;
};

export const arrayFields: FieldTable<Arr> = {
  length: (arr) => arr.length,
};

export const arrayMethods: MethodTable<Arr> = {
  ...arrayCallbackMethods,
  /** An array as a Set (Sets are the lead's module, sets.ts). */
  toSet: (_i, recv, args, spans) => {
    if (args.length) throw new FqlError('invalid_function_invocation', `callee function expects no arguments, but ${args.length} ${args.length === 1 ? 'was' : 'were'} provided.`, spans.call);
    return setOf([...recv]);
  },
  at: method(
    'at',
    sig([['index', I]], (_i, arr: Arr, [idx], sp) => {
      if (idx < 0 || idx >= arr.length) throw indexOutOfBounds(idx, arr.length, sp.call);
      return arr[idx]!;
    }),
  ),
  first: method('first', sig([], (_i, arr: Arr) => arr[0] ?? null)),
  last: method('last', sig([], (_i, arr: Arr) => arr.at(-1) ?? null)),
  isEmpty: method('isEmpty', sig([], (_i, arr: Arr) => arr.length === 0)),
  nonEmpty: method('nonEmpty', sig([], (_i, arr: Arr) => arr.length > 0)),
  append: method('append', sig([['element', T.any]], (_i, arr: Arr, [x]) => [...arr, x])),
  prepend: method('prepend', sig([['element', T.any]], (_i, arr: Arr, [x]) => [x, ...arr])),
  concat: method('concat', sig([['other', T.array]], (_i, arr: Arr, [other]) => [...arr, ...other])),
  reverse: method('reverse', sig([], (_i, arr: Arr) => [...arr].reverse())),
  distinct: method(
    'distinct',
    sig([], (_i, arr: Arr) => {
      const out: Arr = [];
      for (const v of arr) if (!out.some((x) => equals(x, v))) out.push(v);
      return out;
    }),
  ),
  entries: method('entries', sig([], (_i, arr: Arr) => arr.map((v, i): Value => [i, v]))),
  flatten: method(
    'flatten',
    sig([], (_i, arr: Arr, _a, sp) =>
      arr.flatMap((v) => {
        if (!Array.isArray(v)) throw new FqlError('type_mismatch', `expected type: Array<Any>, received ${dynType(v)}`, sp.call);
        return v;
      }),
    ),
  ),
  take: method('take', sig([['limit', I]], (_i, arr: Arr, [n]) => arr.slice(0, Math.max(0, n)))),
  drop: method('drop', sig([['amount', I]], (_i, arr: Arr, [n]) => arr.slice(Math.max(0, n)))),
  slice: method(
    'slice',
    sig([['from', I]], (_i, arr: Arr, [from]) => scalaSlice(arr, from, arr.length)),
    sig([['from', I], ['until', I]], (_i, arr: Arr, [from, until]) => scalaSlice(arr, from, until)),
  ),
  includes: method('includes', sig([['element', T.any]], (_i, arr: Arr, [x]) => arr.some((v) => equals(v, x)))),
  indexOf: method(
    'indexOf',
    sig([['element', T.any]], (_i, arr: Arr, [x]) => indexOf(arr, x)),
    sig([['element', T.any], ['start', I]], (_i, arr: Arr, [x, start], sp) => indexOf(arr, x, checkIndex(arr, start, sp.call))),
  ),
  lastIndexOf: method(
    'lastIndexOf',
    sig([['element', T.any]], (_i, arr: Arr, [x]) => lastIndexOf(arr, x)),
    sig([['element', T.any], ['end', I]], (_i, arr: Arr, [x, end], sp) => lastIndexOf(arr, x, checkIndex(arr, end, sp.call))),
  ),
};

export const arrayModule: ModuleDef = {
  kind: 'builtin',
  methods: {
    sequence: staticFn(
      'sequence',
      sig([['from', I], ['until', I]], (_i, _s: undefined, [from, until], sp) => {
        const size = Math.max(0, until - from);
        if (size > MAX_ARRAY) throw valueTooLarge(`range size ${size} exceeds limit ${MAX_ARRAY}`, sp.call);
        return Array.from({ length: size }, (_, k) => from + k);
      }),
    ),
  },
};
