// The `Math` module (Fauna's STDLIB/Math.scala). Results keep Fauna's types: `abs`, `ceil`,
// `floor` keep an integer an integer; `round`/`trunc` turn one into a Long; everything computed
// in floating point (`sqrt`, `pow`, trig) is a Double; `sum` adds as `+` does.
import type { Span } from '../../api';
import { SetV } from '../../values/set';
import { Double, type Value } from '../../values/value';
import {
  addNumbers,
  compareNumbers,
  divideNumbers,
  invalidArgument,
  isNum,
  javaToInt,
  javaToLong,
  sig,
  staticFn,
  T,
  toFloat,
  type Num,
  type Overload,
} from './params';
import type { ModuleDef, Static } from './registry';

const N = T.number;
const d = (x: number) => new Double(x);

/** A function of one number computed as a double. */
const unary = (name: string, f: (x: number) => number): Static => staticFn(name, sig([['x', N]], (_i, _s: undefined, [x]) => d(f(toFloat(x)))));

const positive = (name: string, f: (x: number) => number): Static =>
  staticFn(
    name,
    sig([['x', N]], (_i, _s: undefined, [x], sp) => {
      if (compareNumbers(x, 0) > 0) return d(f(toFloat(x)));
      throw invalidArgument('x', 'x must be positive', sp.call);
    }),
  );

const inUnitRange = (name: string, f: (x: number) => number): Static =>
  staticFn(
    name,
    sig([['x', N]], (_i, _s: undefined, [x], sp) => {
      const v = toFloat(x);
      if (v < -1 || v > 1) throw invalidArgument('x', 'argument must lie in [-1, 1]', sp.call);
      return d(f(v));
    }),
  );

/** `RoundFunction.roundOff` of Fauna's v4 core, which Math.round shares. */
function roundLong(num: bigint, dp: number): bigint {
  if (dp > 0) return num;
  const tmp = 10 ** dp;
  return javaToLong(Number(javaToLong(Number(num) * tmp + 0.5)) / tmp);
}

function roundDouble(num: number, dp: number): number {
  if (dp > 0) {
    const tmp = javaToInt(10 ** dp);
    const whole = javaToLong(num);
    const fract = javaToLong((num - Number(whole) + 0.5 / tmp) * tmp);
    return Number(whole) + Number(fract) / tmp;
  }
  const tmp = 10 ** dp;
  return Number(javaToLong(Number(javaToLong(num * tmp + 0.5)) / tmp));
}

/** `TruncFunction.trunc` / `truncDouble`. */
function truncLong(num: bigint, dp: number): bigint {
  if (dp > 0) return num;
  const tmp = 10 ** dp;
  return javaToLong(Number(javaToLong(Number(num) * tmp)) / tmp);
}

function truncDouble(num: number, dp: number): number {
  if (dp > 0) {
    const tmp = javaToInt(10 ** dp);
    const whole = javaToLong(num);
    const fract = javaToLong((num - Number(whole)) * tmp);
    return Number(whole) + Number(fract) / tmp;
  }
  const tmp = 10 ** dp;
  return Number(javaToLong(num * tmp)) / tmp;
}

const precise = (name: string, onLong: (n: bigint, dp: number) => bigint, onDouble: (n: number, dp: number) => number): Static =>
  staticFn(
    name,
    sig([['x', N], ['precision', T.int]], (_i, _s: undefined, [x, p]) =>
      x instanceof Double ? d(onDouble(x.value, p)) : onLong(BigInt(x), p),
    ),
  );

const notNumbers = (span: Span) => invalidArgument('numbers', 'all array elements must be numbers', span);

/** `sum` and `mean` over an array, or over a set read to its end. */
async function total(items: Value[] | SetV, span: Span): Promise<{ sum: Num; count: number }> {
  let sum: Num = 0;
  let count = 0;
  const add = (v: Value) => {
    if (!isNum(v)) throw notNumbers(span);
    sum = addNumbers(sum, v);
    count++;
  };
  if (Array.isArray(items)) items.forEach(add);
  else for await (const v of items.iterate()) add(v);
  return { sum, count };
}

const overArrayOrSet = (run: (items: Value[] | SetV, span: Span) => Promise<Value>): Overload<undefined>[] => [
  sig([['numbers', T.array]], (_i, _s: undefined, [xs], sp) => run(xs, sp.call)),
  sig([['numbers', T.set]], (_i, _s: undefined, [xs], sp) => run(xs, sp.call)),
];

export const mathModule: ModuleDef = {
  kind: 'builtin',
  fields: { E: d(Math.E), PI: d(Math.PI), Infinity: d(Infinity), NaN: d(NaN) },
  methods: {
    abs: staticFn(
      'abs',
      sig([['x', N]], (_i, _s: undefined, [x]) => {
        // Java's integer negation wraps: abs(Int.MinValue) is Int.MinValue.
        if (typeof x === 'number') return x < 0 ? -x | 0 : x;
        if (typeof x === 'bigint') return x < 0n ? BigInt.asIntN(64, -x) : x;
        return d(Math.abs(x.value));
      }),
    ),
    ceil: staticFn('ceil', sig([['x', N]], (_i, _s: undefined, [x]) => (x instanceof Double ? d(Math.ceil(x.value)) : x))),
    floor: staticFn('floor', sig([['x', N]], (_i, _s: undefined, [x]) => (x instanceof Double ? d(Math.floor(x.value)) : x))),
    round: precise('round', roundLong, roundDouble),
    trunc: precise('trunc', truncLong, truncDouble),
    sign: staticFn('sign', sig([['x', N]], (_i, _s: undefined, [x]) => compareNumbers(x, 0))),
    sqrt: staticFn(
      'sqrt',
      sig([['x', N]], (_i, _s: undefined, [x], sp) => {
        if (compareNumbers(x, 0) < 0) throw invalidArgument('x', 'x must be nonnegative', sp.call);
        return d(Math.sqrt(toFloat(x)));
      }),
    ),
    pow: staticFn('pow', sig([['x', N], ['power', N]], (_i, _s: undefined, [x, y]) => d(toFloat(x) ** toFloat(y)))),
    hypot: staticFn('hypot', sig([['x', N], ['y', N]], (_i, _s: undefined, [x, y]) => d(Math.hypot(toFloat(x), toFloat(y))))),
    max: staticFn('max', sig([['x', N], ['y', N]], (_i, _s: undefined, [x, y]) => (compareNumbers(x, y) < 0 ? y : x))),
    min: staticFn('min', sig([['x', N], ['y', N]], (_i, _s: undefined, [x, y]) => (compareNumbers(x, y) <= 0 ? x : y))),
    exp: unary('exp', Math.exp),
    log: positive('log', Math.log),
    log10: positive('log10', Math.log10),
    sin: unary('sin', Math.sin),
    cos: unary('cos', Math.cos),
    tan: unary('tan', Math.tan),
    asin: inUnitRange('asin', Math.asin),
    acos: inUnitRange('acos', Math.acos),
    atan: unary('atan', Math.atan),
    sinh: unary('sinh', Math.sinh),
    cosh: unary('cosh', Math.cosh),
    tanh: unary('tanh', Math.tanh),
    degrees: unary('degrees', (x) => x * (180 / Math.PI)),
    radians: unary('radians', (x) => (x / 180) * Math.PI),
    sum: staticFn('sum', ...overArrayOrSet(async (xs, span) => (await total(xs, span)).sum)),
    mean: staticFn(
      'mean',
      ...overArrayOrSet(async (xs, span) => {
        const { sum, count } = await total(xs, span);
        // An array's mean divides by its size as a Double; a set's by its count as an Int.
        return divideNumbers(sum, Array.isArray(xs) ? d(count) : count, span);
      }),
    ),
  },
};
