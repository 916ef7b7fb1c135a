// The Object module end to end; expected values from Fauna's FQL2ObjectSpec and
// FQL2ToStringSpec unless marked otherwise. Each table row is one test that asserts the exact
// one-line result or `code: message` (caseTables in run.ts).
import { beforeAll, describe } from 'vitest';
import { caseTables, engineFor } from './run';

let e: Awaited<ReturnType<typeof engineFor>>;
beforeAll(async () => {
  e = await engineFor();
  await e.out("Collection.create({ name: 'User' })");
});

const { results, errors } = caseTables(() => e);

describe('keys, values, entries', () => {
  results([
    ['Object.keys({ })', '[]'],
    ["Object.keys({ 'a' : 0, 'b' : 0, 'c' : 0 })", '["a", "b", "c"]'],
    ["Object.keys({ 'b' : 0, 'a': 0 })", '["b", "a"]'],
    ['Object.values({})', '[]'],
    ["Object.values({ a: 0, b: 'x' })", '[0, "x"]'],
    ['Object.values({ b: 1, a: 0 })', '[1, 0]'],
    ['Object.entries({})', '[]'],
    ["Object.entries({ a: 0, b: 'x' })", '[["a", 0], ["b", "x"]]'],
    ['Object.entries({ b: 1, a: 0 })', '[["b", 1], ["a", 0]]'],
    ["Object.keys(User.create({ id: '1234' }))", '["id", "coll", "ts"]'],
    ["Object.keys(User.create({ name: 'Ann', age: 3 }))", '["id", "coll", "ts", "name", "age"]'],
    ["Object.entries(User.byId('1234')!).firstWhere(v => v[0] == 'id')", '["id", "1234"]'],
    ["Object.values(User.byId('1234')).includes('1234')", 'true'],
  ]);
  errors([
    ["Object.keys(User.byId('0'))", 'invalid_argument: invalid argument `object`: collection `User` does not contain document with id 0.'],
    ["Object.values(User.byId('0'))", 'invalid_argument: invalid argument `object`: collection `User` does not contain document with id 0.'],
    ['Object.keys(1)', 'invalid_argument: expected value for `object` of type { *: Any }, received Int'],
    ['Object.entries([1])', 'invalid_argument: expected value for `object` of type { *: Any }, received Array<Any>'],
    ['Object.keys()', 'invalid_function_invocation: callee function expects exactly 1 argument, but 0 were provided.'],
  ]);
});

describe('fromEntries and assign', () => {
  results([
    ['Object.fromEntries([])', '{}'],
    ["Object.fromEntries([['a', 0], ['b', 'x']])", '{ a: 0, b: "x" }'],
    ["Object.fromEntries([['b', 1], ['a', 0]])", '{ b: 1, a: 0 }'],
    ["Object.fromEntries([['a', 0], ['b', 'x'], ['a', 2], ['b', 'y'], ['a', 3]])", '{ a: 3, b: "y" }'],
    ['Object.assign({}, {})', '{}'],
    ["Object.assign({ 'a' : 0 }, { 'b' : 'x' })", '{ a: 0, b: "x" }'],
    ["Object.assign({ 'a' : 0, 'b' : 1 }, { 'b' : 'x' })", '{ a: 0, b: "x" }'],
    ["Object.assign({ 'a' : 0, 'b' : 1 }, { 'b' : 1, 'a' : 0 })", '{ a: 0, b: 1 }'],
    ["Object.assign(User.create({ id: '1240' }), { ts: 3, coll: 4 })", '{ id: "1240", coll: 4, ts: 3 }'],
    ["Object.assign({ foo: 3 }, User.create({ id: '1235' })) { foo, id }", '{ foo: 3, id: "1235" }'],
  ]);
  errors([
    [
      "Object.fromEntries([['a', 0], 'x'])",
      'invalid_argument: invalid argument `entries`: expected an array for each element of the outer array, but saw type String at index 1',
    ],
    ["Object.fromEntries([['a', 0], []])", 'invalid_argument: invalid argument `entries`: expected inner array of length 2 but saw length 0 at index 1'],
    ["Object.fromEntries([['a', 0], ['a', 0, 1]])", 'invalid_argument: invalid argument `entries`: expected inner array of length 2 but saw length 3 at index 1'],
    [
      "Object.fromEntries([['a', 0], [0, 0]])",
      'invalid_argument: invalid argument `entries`: expected a string for the first element of each inner array, but saw type Int at index 1',
    ],
    ['Object.fromEntries({})', 'invalid_argument: expected value for `entries` of type Array<Any>, received { *: Any }'],
    ["Object.assign(User.byId('0'), { ts: 3 })", 'invalid_argument: invalid argument `destination`: collection `User` does not contain document with id 0.'],
    ["Object.assign({ foo: 3 }, User.byId('0'))", 'invalid_argument: invalid argument `source`: collection `User` does not contain document with id 0.'],
    ["Object.assign({}, 'x')", 'invalid_argument: expected value for `source` of type { *: Any }, received String'],
  ]);
});

describe('select and hasPath', () => {
  results([
    ["Object.select({}, ['a']) ?? 0", '0'],
    ["Object.select({ a: null }, ['a']) == null", 'true'],
    ["Object.select({ a : 'x' }, ['a'])", '"x"'],
    ["Object.select({ a : { b : 'x' } }, ['a'])", '{ b: "x" }'],
    ["Object.select({ a : { b : 'x' } }, ['a', 'b'])", '"x"'],
    ["Object.select({ a : { b : 'x' } }, ['a', 'c']) ?? 0", '0'],
    ["Object.select({ a : { b : 'x' } }, ['a', 'b', 'c']) ?? 0", '0'],
    ["Object.select({ a: 1 }, [])", '{ a: 1 }'],
    ["Object.hasPath({}, ['a'])", 'false'],
    ["Object.hasPath({ a: null }, ['a'])", 'true'],
    ["Object.hasPath({ a : { b : 'x' } }, ['a', 'b'])", 'true'],
    ["Object.hasPath({ a : { b : 'x' } }, ['a', 'c'])", 'false'],
    ["Object.hasPath({ a : { b : 'x' } }, ['a', 'b', 'c'])", 'false'],
    ["Object.hasPath({ a: 1 }, ['b', 2])", 'false'],
  ]);
  errors([
    ["Object.select({ a : { b : 'x' } }, ['a', 1])", 'invalid_argument: invalid argument `path`: expected an array of strings'],
    ["Object.hasPath({ a : { b : 'x' } }, [1])", 'invalid_argument: invalid argument `path`: expected an array of strings'],
    ["Object.select(User.byId('1234'), ['id'])", 'invalid_argument: expected value for `object` of type { *: Any }, received Doc'],
    ["Object.select({}, 'a')", 'invalid_argument: expected value for `path` of type Array<Any>, received String'],
  ]);
});

describe('toString', () => {
  results([
    ['Object.toString({ x: 10 })', '"{ x: 10 }"'],
    ['Object.toString({})', '"{}"'],
    ["Object.toString({ a: 2, '3': 3, _b: 'x' })", '"{ a: 2, \\"3\\": 3, \\"_b\\": \\"x\\" }"'],
    ["Object.toString([1, 'a', 2.0, 2.5, null, true])", '"[1, \\"a\\", 2.0, 2.5, null, true]"'],
    ['Object.toString(2.0)', '"2"'],
    ['Object.toString(2.5)', '"2.5"'],
    ['Object.toString(1e20)', '"100000000000000000000"'],
    ['Object.toString([1e20, 0.0001, Math.NaN])', '"[1.0E20, 1.0E-4, NaN]"'],
    ["Object.toString('a')", '"a"'],
    ["Object.toString(Date('1973-02-03'))", '"1973-02-03"'],
    ["Object.toString([Date('1973-02-03'), Time('1970-01-01T01:02:03Z')])", '"[Date(\\"1973-02-03\\"), Time(\\"1970-01-01T01:02:03Z\\")]"'],
    ["Object.toString(Time('1970-01-01T01:02:03.500Z'))", '"1970-01-01T01:02:03.500Z"'],
    ['Object.toString(null)', '"null"'],
    ['Object.toString(Math)', '"Math"'],
    ['Object.toString(User)', '"User"'],
    ['Object.toString(x => x)', '"[function <lambda>]"'],
    ['Object.toString(User.all())', '"[set]"'],
    // The decorated string escapes every `#` (MaterializedValue.escape0).
    ["Object.toString('#x')", '"\\#x"'],
    // `["\#\n"]`: quotes, `#` and newlines escaped as in FQL source.
    ["Object.toString(['#\\n']).length", '8'],
    ["Object.toString(User.create({ id: '3' }))", '"{ id: ID(\\"3\\"), coll: User, ts: TransactionTime() }"'],
    [
      "Object.toString(User.create({ id: '9999', x: 'a', self: User.byId('9999') })).replaceRegex('ts: [^,]+', 'ts')",
      '"{ id: ID(\\"9999\\"), coll: User, ts, x: \\"a\\", self: [doc 9999 in User] }"',
    ],
  ]);
  errors([['Object.toString()', 'invalid_function_invocation: callee function expects exactly 1 argument, but 0 were provided.']]);
});
