// Array methods and `Array.sequence` end to end; expected values from Fauna's FQL2ArraySpec,
// FQL2IterableSpec (model) and FQL2ArraySpec (API) unless marked otherwise.
import { beforeAll, describe, expect, it } from 'vitest';
import { caseTables, engineFor } from './run';

let e: Awaited<ReturnType<typeof engineFor>>;
beforeAll(async () => {
  e = await engineFor();
});

const { results, errors } = caseTables(() => e);

describe('access', () => {
  results([
    ['[].length', '0'],
    ['[1, 2].length', '2'],
    ['[1, 2].at(1)', '2'],
    ['[1].first()', '1'],
    ['[].first()', 'null'],
    ['[1, 2].last()', '2'],
    ['[].last()', 'null'],
    ['[].isEmpty()', 'true'],
    ['[1, 2].take(0).isEmpty()', 'true'],
    ['[1].nonEmpty()', 'true'],
    ["['a', 'b', 'c'].entries()", '[[0, "a"], [1, "b"], [2, "c"]]'],
  ]);
  errors([
    ['[].at(0)', 'index_out_of_bounds: index 0 out of bounds for length 0'],
    ['[1, 2].at(2)', 'index_out_of_bounds: index 2 out of bounds for length 2'],
    ['[1, 2].at(-3)', 'index_out_of_bounds: index -3 out of bounds for length 2'],
    ['[].at(2147483647)', 'index_out_of_bounds: index 2147483647 out of bounds for length 0'],
    ['[].at(2147483648)', 'invalid_argument: expected value for `index` of type Int, received Long'],
    ['[].at(-2147483649)', 'invalid_argument: expected value for `index` of type Int, received Long'],
    ['[1, 2].at(-2147483648)', 'index_out_of_bounds: index -2147483648 out of bounds for length 2'],
    ["[1].at('0')", 'invalid_argument: expected value for `index` of type Int, received String'],
    ['[1].first(1)', 'invalid_function_invocation: callee function expects no arguments, but 1 was provided.'],
  ]);
});

describe('building arrays', () => {
  results([
    ['[].append(5)', '[5]'],
    ['[1, 2].append(3)', '[1, 2, 3]'],
    ['[2, 3].prepend(1)', '[1, 2, 3]'],
    ['[1, 2].concat([3, 4])', '[1, 2, 3, 4]'],
    ['[1, 2, 3].reverse()', '[3, 2, 1]'],
    ['[1, 2, 3].reverse().reverse()', '[1, 2, 3]'],
    ['[1, 1, 2, 3, 3].distinct()', '[1, 2, 3]'],
    ['[{ a: 1 }, { a: 1 }, [1], [1]].distinct()', '[{ a: 1 }, [1]]'],
    ['[[1, 2], [3, 4]].flatten()', '[1, 2, 3, 4]'],
    ['[[], [3, 4]].flatten()', '[3, 4]'],
    ['[].flatten()', '[]'],
    ['[1, 2, 3, 4, 5].drop(2)', '[3, 4, 5]'],
    ['[1, 2, 3, 4, 5].drop(100)', '[]'],
    ['[1, 2].drop(-1)', '[1, 2]'],
    ['[1, 2].take(1)', '[1]'],
    ['[1, 2].take(10)', '[1, 2]'],
    ['[1, 2].take(-1)', '[]'],
    ['[1, 2, 3].slice(0, 0)', '[]'],
    ['[1, 2, 3].slice(0, 4)', '[1, 2, 3]'],
    ['[1, 2, 3].slice(1)', '[2, 3]'],
    ['[1, 2, 3].slice(3)', '[]'],
    ["['a','b','c','d','e','f'].slice(2, 4)", '["c", "d"]'],
    ["['a','b','c','d','e','f'].slice(5, 5000)", '["f"]'],
    ["['a','b','c','d','e','f'].slice(4, 2)", '[]'],
    ["['a','b','c','d','e','f'].slice(-5, 4)", '["a", "b", "c", "d"]'],
    ["['a','b','c','d','e','f'].slice(4, -1)", '[]'],
    ['Array.sequence(0, 4)', '[0, 1, 2, 3]'],
    ['Array.sequence(4, 0)', '[]'],
  ]);
  errors([
    ['[[1], [2, 3, 4], [5], "howdy", [6, 7]].flatten()', 'type_mismatch: expected type: Array<Any>, received String'],
    ['[1].concat(2)', 'invalid_argument: expected value for `other` of type Array<Any>, received Int'],
    ['[1].concat({ a: 1 })', 'invalid_argument: expected value for `other` of type Array<Any>, received { *: Any }'],
    ['[1].append()', 'invalid_function_invocation: callee function expects exactly 1 argument, but 0 were provided.'],
    ["[1].slice(0, 'x')", 'invalid_argument: expected arguments to `slice` of type (Int, Int), received (Int, String)'],
    ['Array.sequence(0, 16001)', 'value_too_large: Value too large: range size 16001 exceeds limit 16000.'],
    ['Array.sequence(0)', 'invalid_function_invocation: callee function expects exactly 2 arguments, but 1 was provided.'],
  ]);
});

describe('searching', () => {
  results([
    ["['a', 'b', 'c', 'b'].indexOf('b')", '1'],
    ["['a', 'b', 'c'].indexOf('d')", 'null'],
    ["['a', 'b', 'b', 'd'].indexOf('b', 2)", '2'],
    ["['a', 'b', 'b', 'd'].indexOf('b', 3)", 'null'],
    ["['a', 'b', 'c', 'b'].lastIndexOf('b')", '3'],
    ["['a', 'b', 'b', 'd'].lastIndexOf('b', 0)", 'null'],
    ["['a', 'b', 'b', 'd'].lastIndexOf('b', 3)", '2'],
    ['[1, 2, 3].includes(2)', 'true'],
    ['[1, 2, 3].includes(100)', 'false'],
    ['[1, 2].includes(2.0)', 'true'],
    ["['a', 'b', 'c', 'b'].indexWhere(v => v == 'b')", '1'],
    ["['a', 'b', 'c'].indexWhere(v => null)", 'null'],
    ["['a', 'b', 'b', 'd'].indexWhere(v => v == 'b', 2)", '2'],
    ["['a', 'b', 'b', 'd'].indexWhere(v => v == 'b', 3)", 'null'],
    ["['a', 'b', 'c', 'b'].lastIndexWhere(v => v == 'b')", '3'],
    ["['a', 'b', 'b', 'd'].lastIndexWhere(v => v == 'b', 0)", 'null'],
    ["['a', 'b', 'b', 'd'].lastIndexWhere(v => v == 'b', 3)", '2'],
    ['[1, 2, 3, 4].firstWhere(v => v > 2)', '3'],
    ['[1, 2, 3, 4].firstWhere(v => v > 10)', 'null'],
    ['[1, 2, 3, 4].lastWhere(v => v > 2)', '4'],
    ['[].lastWhere(v => v > 2)', 'null'],
  ]);
  errors([
    ["['a', 'b', 'b', 'd'].indexOf('b', -1)", 'index_out_of_bounds: index -1 out of bounds for length 4'],
    ["['a', 'b', 'b', 'd'].indexOf('b', 100)", 'index_out_of_bounds: index 100 out of bounds for length 4'],
    ["['a', 'b', 'b', 'd'].lastIndexOf('b', -50)", 'index_out_of_bounds: index -50 out of bounds for length 4'],
    ["['a', 'b', 'b', 'd'].indexWhere(v => v == 'b', 100)", 'index_out_of_bounds: index 100 out of bounds for length 4'],
    ["['a', 'b', 'b', 'd'].lastIndexWhere(v => v == 'b', -1)", 'index_out_of_bounds: index -1 out of bounds for length 4'],
    ['[1].indexWhere(1)', 'invalid_argument: expected arguments to `indexWhere` of type (Function), received (Int)'],
    ['[1].firstWhere((a, b) => true)', 'invalid_argument: `pred` should accept 1 parameter, provided function requires exactly 2 parameters.'],
  ]);
});

describe('callbacks', () => {
  results([
    ['[1, 2, 3, 4].map(v => v + 2)', '[3, 4, 5, 6]'],
    ['[].map(v => v + 2)', '[]'],
    ["['a', 'ab', 'abc', 'abcd'].map(str => str.length)", '[1, 2, 3, 4]'],
    ['[1, 2].map((...xs) => xs)', '[[1], [2]]'],
    ['[1, 2, 3, 4].flatMap(v => [v, v + 10])', '[1, 11, 2, 12, 3, 13, 4, 14]'],
    ['[1, 2, 3, 4].where(v => v > 2)', '[3, 4]'],
    ['[true, false, null].where(v => v)', '[true]'],
    ['[1, 2, 3, 4].filter(v => v >= 3)', '[3, 4]'],
    ['[1, 2, 3].any(v => v == 2)', 'true'],
    ['[1, 2, 3].any(v => null)', 'false'],
    ['[1, -2, 3].every(v => v > 0)', 'false'],
    ['[1, 2, 3].every(v => v > 0)', 'true'],
    ['[1, 2, 3].every(v => null)', 'false'],
    ['[1, 2, 3].fold(100, (value, elem) => value + elem)', '106'],
    ['[1, 2, 3].fold([], (value, elem) => value.concat([elem]))', '[1, 2, 3]'],
    ['[].fold(0, (a, b) => 100)', '0'],
    ["['a','bc','def','ghij'].fold('SEED', (acc, str) => acc.concat(str))", '"SEEDabcdefghij"'],
    ["['a','bc','def','ghij'].foldRight('SEED', (acc, str) => acc.concat(str))", '"SEEDghijdefbca"'],
    ['[1, 2, 3].reduce((value, elem) => value + elem)', '6'],
    ['[1, 2, 3].map(v => [v]).reduce((acc, elem) => acc.concat(elem))', '[1, 2, 3]'],
    ['[1].reduce((acc, elem) => 500)', '1'],
    ['[].reduce((acc, elem) => 100)', 'null'],
    ['[1, 2, 3].map(v => [v]).reduceRight((acc, elem) => acc.concat(elem))', '[3, 2, 1]'],
    ['[].reduceRight((a, b) => 100)', 'null'],
    ['[1, 2, 3, 4].aggregate(0, (a, b) => a + b)', '10'],
    ['[].aggregate(0, (a, b) => a + b)', '0'],
    ['[1, 2, 3].aggregate([], (a, b) => [a, b])', '[[[1, 2], 3], []]'],
    ['[1, 2].reduce((a, b, ...c) => a + b)', '3'],
    ['[1, 2].forEach(v => v)', 'null'],
  ]);
  errors([
    ["['Luke', 'Han'].filter(() => true)", 'invalid_argument: `predicate` should accept 1 parameter, provided function requires no parameters.'],
    ["['Luke', 'Han'].filter((name) => if (name == 'Han') 'Han' else true)", 'type_mismatch: expected type: Boolean, received String'],
    ['[1, 2].where(v => 1)', 'type_mismatch: expected type: Boolean, received Int'],
    ['[1, 2].any(v => "yes")', 'type_mismatch: expected type: Boolean, received String'],
    ["[0, 1, 2, 0].flatMap(x => 'foobar')", 'type_mismatch: expected type: Array<Any>, received String'],
    ['[0, 1].flatMap((x, y) => x == y)', 'invalid_argument: `mapper` should accept 1 parameter, provided function requires exactly 2 parameters.'],
    ["['a','ab'].forEach((a, b, c) => b.length)", 'invalid_argument: `fn` should accept 1 parameter, provided function requires exactly 3 parameters.'],
    ["['a', 'ab'].map((a, b) => a.concat(b))", 'invalid_argument: `mapper` should accept 1 parameter, provided function requires exactly 2 parameters.'],
    ["['a','bc'].fold('SEED', (a) => a.concat(a))", 'invalid_argument: `reducer` should accept 2 parameters, provided function requires exactly 1 parameter.'],
    ["['a','bc'].foldRight('SEED', (a) => a.concat(a))", 'invalid_argument: `reducer` should accept 2 parameters, provided function requires exactly 1 parameter.'],
    ['[1].reduce((a, b, c, ...d) => a)', 'invalid_argument: `reducer` should accept 2 parameters, provided function requires at least 3 parameters.'],
    ['[1].aggregate(0, x => x)', 'invalid_argument: `combiner` should accept 2 parameters, provided function requires exactly 1 parameter.'],
    ['[1].map(1)', 'invalid_argument: expected value for `mapper` of type Function, received Int'],
    ['[1].fold(0)', 'invalid_function_invocation: callee function expects exactly 2 arguments, but 1 was provided.'],
  ]);
  it('points at the argument list for an arity error', async () => {
    expect(await e.summary("let arr = ['a','ab','abc','abcd']\narr.map((a, b) => a.concat(b))")).toBe(
      [
        'error: `mapper` should accept 1 parameter, provided function requires exactly 2 parameters.',
        'at *query*:2:8',
        '  |',
        '2 | arr.map((a, b) => a.concat(b))',
        '  |        ^^^^^^^^^^^^^^^^^^^^^^^',
        '  |',
      ].join('\n'),
    );
  });
  it('stops applying the predicate at the first match (indexWhere, any) and the first miss (every)', async () => {
    await e.out('Collection.create({ name: "Seen" })');
    await e.out("['a', 'b', 'b', 'd'].indexWhere(v => { Seen.create({ value: v }); v == 'b' })");
    expect(await e.out('Seen.all().map(.value).toArray()')).toBe('["a", "b"]');
    await e.out('[1, -2, 3].every(v => { Seen.create({ value: v }); v > 0 })');
    expect(await e.out('Seen.all().map(.value).toArray()')).toBe('["a", "b", 1, -2]');
    await e.out("['w', 'x', 'y'].lastIndexWhere(v => { Seen.create({ value: v }); v == 'x' })");
    expect(await e.out('Seen.all().map(.value).toArray()')).toBe('["a", "b", 1, -2, "y", "x"]');
  });
});

describe('order', () => {
  const people = "[{ name: 'Bob', age: 30 }, { name: 'Dave', age: 20 }, { name: 'Alice', age: 20 }, { name: 'Carol', age: 30 }]";
  results([
    ['[3, 2, 4, 1].order()', '[1, 2, 3, 4]'],
    ['[3, 1, 2, 4].order(asc(v => v))', '[1, 2, 3, 4]'],
    ['[3, 1, 2, 4].order(desc(v => v))', '[4, 3, 2, 1]'],
    ['[3, 1, 2, 4].order(v => -v)', '[4, 3, 2, 1]'],
    ['[3, 1, 2, 4].order({ desc: v => v })', '[4, 3, 2, 1]'],
    [`${people}.order(asc(.age), asc(.name)).map(.name)`, '["Alice", "Dave", "Bob", "Carol"]'],
    [`${people}.order(desc(.age)).map(.name)`, '["Bob", "Carol", "Dave", "Alice"]'],
    ["['b', 2, null, true, 'a', 1.5].order()", '[null, true, 1.5, 2, "a", "b"]'],
  ]);
  errors([
    ['[1].order(1)', 'invalid_argument: expected value for `ordering0` of type Function, received Int'],
    ['[1].order(asc(.a), { up: x => x })', 'invalid_argument: expected value for `ordering1` of type Function, received { *: Any }'],
    ['[1].order((a, b) => a)', 'invalid_argument: `ordering0` should accept 1 parameter, provided function requires exactly 2 parameters.'],
  ]);
});
