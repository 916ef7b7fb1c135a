// Numbers and comparisons (NumericFunctions.scala, TrigFunctions.scala, ComparisonFunctions.scala):
// Integer arithmetic stays 64-bit (wrapping like a Java long); a Double anywhere makes the
// rest Double; integer division by zero is "Illegal division by zero.".
import { Double, type Value } from '../values/value';
import type { Path, V4Node, V4Object } from './ast';
import { castInteger, fail, invalidArgument, long } from './casts';
import { arg, optArg, type Arg, type Form } from './form';
import { compareValues } from './sets';

type Num = { int: bigint } | { dbl: number };

function num(v: Value, node: V4Node, pos: Path): Num {
  if (typeof v === 'number' || typeof v === 'bigint') return { int: BigInt(v) };
  if (v instanceof Double) return { dbl: v.value };
  return invalidArgument(['Number'], v, node, pos);
}

const asDouble = (n: Num): number => ('int' in n ? Number(n.int) : n.dbl);
const wrap64 = (n: bigint): bigint => BigInt.asIntN(64, n);
const out = (n: Num): Value => ('int' in n ? long(n.int) : new Double(n.dbl));

/** One number or an array of them (the core's OneOrMore(Number)), each with its position. */
function numbers(a: Arg): Num[] {
  if (!Array.isArray(a.value)) return [num(a.value, a.node, a.pos)];
  if (a.value.length === 0) return fail('invalid argument', 'Non-empty array expected.', a.node, a.pos);
  const items = a.node.kind === 'array' ? a.node.items : [];
  return a.value.map((v, i) => num(v, items[i] ?? a.node, [...a.pos, i]));
}

type Op = (a: bigint, b: bigint) => bigint;
type DOp = (a: number, b: number) => number;

const fold = (key: string, op: Op, dop: DOp, divides = false): Form => ({
  keys: [key],
  call: true,
  async run(ev, node, pos, env) {
    const ns = numbers(await arg(ev, node, key, pos, env));
    let acc = ns[0]!;
    for (const n of ns.slice(1)) {
      if (divides && asDouble(n) === 0) fail('invalid argument', 'Illegal division by zero.', node, pos);
      acc = 'int' in acc && 'int' in n ? { int: wrap64(op(acc.int, n.int)) } : { dbl: dop(asDouble(acc), asDouble(n)) };
    }
    return out(acc);
  },
});

const unary = (key: string, f: (n: Num, node: V4Object, pos: Path) => Value): Form => ({
  keys: [key],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, key, pos, env);
    return f(num(a.value, a.node, a.pos), node, pos);
  },
});

/** Round and Trunc to `precision` decimal places (default 2 for doubles), as the core does it. */
const roundLike = (key: 'round' | 'trunc'): Form => ({
  keys: [key],
  optional: ['precision'],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, key, pos, env);
    const n = num(a.value, a.node, a.pos);
    const p = await optArg(ev, node, 'precision', pos, env);
    const dp = p ? Number(castInteger(p.value, p.node, p.pos)) : undefined;
    const bump = key === 'round' ? 0.5 : 0;
    if ('int' in n) {
      if (dp === undefined || dp > 0) return long(n.int);
      const tmp = 10 ** dp;
      return long(BigInt(Math.trunc(Math.trunc(Number(n.int) * tmp + bump) / tmp)));
    }
    const d = dp ?? 2;
    if (d > 0) {
      const tmp = Math.trunc(10 ** d);
      const whole = Math.trunc(n.dbl);
      const fract = Math.trunc((n.dbl - whole + (key === 'round' ? 0.5 / tmp : 0)) * tmp);
      return new Double(whole + fract / tmp);
    }
    const tmp = 10 ** d;
    return new Double(Math.trunc(Math.trunc(n.dbl * tmp + bump) / tmp));
  },
});

/** LT, LTE, GT, GTE over one value or an array, in the index order of values. */
const compare = (key: string, ok: (c: number) => boolean): Form => ({
  keys: [key],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, key, pos, env);
    const all = Array.isArray(a.value) ? a.value : [a.value];
    if (all.length === 0) fail('invalid argument', 'Non-empty array expected.', a.node, a.pos);
    for (let i = 1; i < all.length; i++) if (!ok(compareValues(all[i - 1]!, all[i]!))) return false;
    return true;
  },
});

export const MATH_FORMS: Record<string, Form> = {
  add: fold('add', (a, b) => a + b, (a, b) => a + b),
  subtract: fold('subtract', (a, b) => a - b, (a, b) => a - b),
  multiply: fold('multiply', (a, b) => a * b, (a, b) => a * b),
  divide: fold('divide', (a, b) => a / b, (a, b) => a / b, true),
  modulo: fold('modulo', (a, b) => a % b, (a, b) => a % b, true),
  abs: unary('abs', (n) => ('int' in n ? long(wrap64(n.int < 0n ? -n.int : n.int)) : new Double(Math.abs(n.dbl)))),
  ceil: unary('ceil', (n) => ('int' in n ? long(n.int) : new Double(Math.ceil(n.dbl)))),
  floor: unary('floor', (n) => ('int' in n ? long(n.int) : new Double(Math.floor(n.dbl)))),
  sign: unary('sign', (n) => ('int' in n ? (n.int === 0n ? 0 : n.int > 0n ? 1 : -1) : n.dbl < 0 ? -1 : 1)),
  sqrt: unary('sqrt', (n, node, pos) => {
    const d = asDouble(n);
    if (d < 0) fail('invalid argument', `${'int' in n ? n.int.toString() : String(d)} must be positive`, node, pos);
    return new Double(Math.sqrt(d));
  }),
  pow: {
    keys: ['pow'],
    optional: ['exp'],
    call: true,
    async run(ev, node, pos, env) {
      const a = await arg(ev, node, 'pow', pos, env);
      const base = num(a.value, a.node, a.pos);
      const e = await optArg(ev, node, 'exp', pos, env);
      const exp = e ? asDouble(num(e.value, e.node, e.pos)) : 2;
      return new Double(asDouble(base) ** exp);
    },
  },
  round: roundLike('round'),
  trunc: roundLike('trunc'),
  lt: compare('lt', (c) => c < 0),
  lte: compare('lte', (c) => c <= 0),
  gt: compare('gt', (c) => c > 0),
  gte: compare('gte', (c) => c >= 0),
};
