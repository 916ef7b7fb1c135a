// The Math module end to end; expected values from Fauna's FQL2MathSpec (approximate ones
// rounded here) unless marked otherwise. Ints stay Ints, Doubles print with a fraction.
import { beforeAll, describe, expect, it } from 'vitest';
import { caseTables, engineFor } from './run';

let e: Awaited<ReturnType<typeof engineFor>>;
beforeAll(async () => {
  e = await engineFor();
});

const { results, errors } = caseTables(() => e);

/** A Double result to 6 decimals. */
const approx = (cases: Array<[string, number]>) =>
  it.each(cases)('%s ≈ %d', async (src, want) => {
    const text = await e.out(src);
    expect(Number(text)).toBeCloseTo(want, 6);
    expect(text).toMatch(/[.E]/); // printed as a Double
  });

describe('constants', () => {
  results([
    ['Math.PI', '3.141592653589793'],
    ['Math.E', '2.718281828459045'],
    ['Math.Infinity', 'Math.Infinity'],
    ['Math.NaN', 'Math.NaN'],
  ]);
});

describe('integer-preserving functions', () => {
  results([
    ['Math.abs(-1)', '1'],
    ['Math.abs(0)', '0'],
    ['Math.abs(-1.0)', '1.0'],
    ['Math.abs(0.0)', '0.0'],
    // Java's integer negation wraps around.
    ['Math.abs(-2147483648)', '-2147483648'],
    ['Math.abs(-3000000000)', '3000000000'],
    ['Math.sign(-101)', '-1'],
    ['Math.sign(0)', '0'],
    ['Math.sign(2.98)', '1'],
    ['Math.ceil(12.345)', '13.0'],
    ['Math.ceil(12)', '12'],
    ['Math.floor(12.345)', '12.0'],
    ['Math.floor(-12)', '-12'],
    ['Math.round(12.345, 0)', '12.0'],
    ['Math.round(12.345, 2)', '12.35'],
    ['Math.round(12.345, 5)', '12.345'],
    ['Math.round(12.345, -1)', '10.0'],
    ['Math.round(12.345, -3)', '0.0'],
    ['Math.round(1255, -1)', '1260'],
    ['Math.round(5, 2)', '5'],
    ['Math.trunc(12.345, 0)', '12.0'],
    ['Math.trunc(12.345, 2)', '12.34'],
    ['Math.trunc(12.345, 5)', '12.345'],
    ['Math.trunc(12.345, -1)', '10.0'],
    ['Math.trunc(12.345, -3)', '0.0'],
    ['Math.trunc(1259, -1)', '1250'],
    ['Math.min(1.0, 2)', '1.0'],
    ['Math.max(1.0, 2)', '2'],
    ['Math.max(3, 2)', '3'],
    ['Math.min(1, 1.0)', '1'],
  ]);
});

describe('floating-point functions', () => {
  approx([
    ['Math.sqrt(0)', 0],
    ['Math.sqrt(2) * Math.sqrt(2)', 2],
    ['Math.cos(0)', 1],
    ['Math.cos(Math.PI)', -1],
    ['Math.sin(Math.PI / 2)', 1],
    ['Math.tan(Math.PI / 4)', 1],
    ['Math.acos(0)', Math.PI / 2],
    ['Math.asin(-1)', -Math.PI / 2],
    ['Math.atan(1)', Math.PI / 4],
    ['Math.degrees(Math.PI / 2)', 90],
    ['Math.radians(90)', Math.PI / 2],
    ['Math.hypot(3, 4.0)', 5],
    ['Math.exp(1)', Math.E],
    ['Math.pow(2, 5)', 32],
    ['Math.pow(-3, 3)', -27],
    ['Math.log(Math.E)', 1],
    ['Math.log(Math.exp(2))', 2],
    ['Math.pow(100, Math.log10(8))', 64],
    ['Math.log10(10)', 1],
    ['Math.cosh(1)', (Math.E + 1 / Math.E) / 2],
    ['Math.sinh(1)', (Math.E - 1 / Math.E) / 2],
    ['Math.tanh(1)', Math.tanh(1)],
  ]);
  results([
    ['Math.pow(2, 5)', '32.0'],
    // The decorated form of a Double is Scala's Double.toString.
    ['Math.tan(Math.PI / 2)', '1.633123935319537E16'],
    ['Math.sqrt(Math.NaN)', 'Math.NaN'],
  ]);
  errors([
    ['Math.sqrt(-4)', 'invalid_argument: invalid argument `x`: x must be nonnegative'],
    ['Math.acos(2)', 'invalid_argument: invalid argument `x`: argument must lie in [-1, 1]'],
    ['Math.asin(-2)', 'invalid_argument: invalid argument `x`: argument must lie in [-1, 1]'],
    ['Math.log(0)', 'invalid_argument: invalid argument `x`: x must be positive'],
    ['Math.log10(-1)', 'invalid_argument: invalid argument `x`: x must be positive'],
  ]);
  it('points at the argument list', async () => {
    expect(await e.summary('Math.sqrt(-4)')).toBe(
      ['error: invalid argument `x`: x must be nonnegative', 'at *query*:1:10', '  |', '1 | Math.sqrt(-4)', '  |          ^^^^', '  |'].join('\n'),
    );
  });
});

describe('sum and mean', () => {
  results([
    ['Math.sum([1, 2, 3, 4, 5])', '15'],
    ['Math.sum([])', '0'],
    ['Math.sum([1, 2.5])', '3.5'],
    ['Math.sum([2147483647, 1])', '2147483648'],
    ['Math.sum([9223372036854775807, 1]) == 9223372036854775808.0', 'true'],
    ['Math.sum(Set.sequence(1, 6))', '15'],
    ['Math.mean(Set.sequence(1, 5))', '2'],
    ['Math.mean([1, 2, 3, 4])', '2.5'],
    ['Math.mean([2, 4])', '3.0'],
    ['Math.mean([])', 'Math.NaN'],
    // A set's mean divides by its count as an Int, as Fauna does.
    ['Math.mean(Set.sequence(1, 3))', '1'],
  ]);
  errors([
    ["Math.sum([1, 'a'])", 'invalid_argument: invalid argument `numbers`: all array elements must be numbers'],
    ["Math.mean(Set.sequence(0, 2).map(x => 'a'))", 'invalid_argument: invalid argument `numbers`: all array elements must be numbers'],
    ['Math.mean(Set.sequence(0, 0))', 'divide_by_zero: Attempted integer division by zero.'],
    ['Math.sum(1)', 'invalid_argument: expected arguments to `sum` of type (Array<Any>) | (Set<Any>), received (Int)'],
  ]);
});

describe('bad input', () => {
  errors([
    ["Math.abs('1')", 'invalid_argument: expected value for `x` of type Number, received String'],
    ['Math.abs(null)', 'invalid_argument: expected value for `x` of type Number, received Null'],
    ['Math.abs()', 'invalid_function_invocation: callee function expects exactly 1 argument, but 0 were provided.'],
    ['Math.round(1.5)', 'invalid_function_invocation: callee function expects exactly 2 arguments, but 1 was provided.'],
    ['Math.round(1.5, 0.5)', 'invalid_argument: expected value for `precision` of type Int, received Double'],
    ['Math.pow(2, [1])', 'invalid_argument: expected value for `power` of type Number, received Array<Any>'],
    ['Math.max(1, 2, 3)', 'invalid_function_invocation: callee function expects exactly 2 arguments, but 3 were provided.'],
  ]);
});
