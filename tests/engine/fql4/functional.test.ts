// Functional forms, objects, math, strings, conversions and UDFs: results as the v4 shell prints
// them and the core's errors (codes, descriptions, positions).
import { beforeEach, describe, expect, it } from 'vitest';
import type { PlaygroundDB } from '../../../src/engine/store/open';
import { err, failureOf, freshStore, ok, run, textOf } from './helpers';

let db: PlaygroundDB;

beforeEach(async () => {
  db = await freshStore();
  await ok(db, 'CreateCollection({ name: "spells" })');
});

const text = (source: string) => textOf(db, source);

const fails = (source: string) => failureOf(db, source);

describe('Map, Foreach, Filter, Reduce', () => {
  it('maps arrays and pages, closing over Let', async () => {
    expect(await text('Map([1, 2, 3], Lambda("x", Add(Var("x"), 1)))')).toBe('[ 2, 3, 4 ]');
    expect(await text('Let({n: 10}, Map([1, 2], Lambda("x", Multiply(Var("x"), Var("n")))))')).toBe('[ 10, 20 ]');
    expect(await text('Map([[1, 2], [3, 4]], Lambda(["a", "b"], Add(Var("a"), Var("b"))))')).toBe('[ 3, 7 ]');
    await ok(db, 'Create(Ref(Collection("spells"), "1"), {data: {name: "Fire"}})');
    expect(await text('Map(Paginate(Documents(Collection("spells"))), Lambda("r", Select(["data", "name"], Get(Var("r")))))')).toBe(
      "{ data: [ 'Fire' ] }",
    );
  });

  it('bills one compute unit per call and per lambda application', async () => {
    const x = await run(db, 'Map([1, 2, 3], Lambda("x", Var("x")))');
    expect(x.metrics.rawComputeUnits).toBe(4);
  });

  it('filters, reduces and runs Foreach for its effects', async () => {
    expect(await text('Filter([1, 2, 3, 4], Lambda("x", GT(Var("x"), 2)))')).toBe('[ 3, 4 ]');
    expect(await text('Reduce(Lambda(["acc", "x"], Add(Var("acc"), Var("x"))), 0, [1, 2, 3])')).toBe('6');
    expect(await text('Foreach([1, 2], Lambda("x", Create(Collection("spells"), {data: {n: Var("x")}})))')).toBe('[ 1, 2 ]');
    expect(await text('Count(Documents(Collection("spells")))')).toBe('2');
  });

  it('checks lambdas and collections', async () => {
    expect(await fails('Map([1], 2)')).toEqual(['invalid expression', 'Lambda expected, Integer provided.', ['map']]);
    expect(await fails('Map([1], Lambda("x", Var("y")))')).toEqual(['invalid expression', "Variable 'y' is not defined.", ['map', 'expr']]);
    expect(await fails('Map(1, Lambda("x", Var("x")))')).toEqual(['invalid argument', 'Array or Page expected, Integer provided.', ['collection']]);
    expect(await fails('Map(Documents(Collection("spells")), Lambda("x", Var("x")))')).toEqual([
      'invalid argument',
      'Array or Page expected, Set provided.',
      ['collection'],
    ]);
    expect(await fails('Map([1], Lambda(["a", "b"], Var("a")))')).toEqual(['invalid argument', 'Array expected, Integer provided.', ['map']]);
    expect(await fails('Map([[1]], Lambda(["a", "b"], Var("a")))')).toEqual([
      'invalid argument',
      'Lambda expects an array with 2 elements. Array contains 1.',
      ['map'],
    ]);
    expect(await fails('Filter([1], Lambda("x", 1))')).toEqual(['invalid argument', 'Boolean expected, Integer provided.', []]);
  });
});

describe('array functions', () => {
  it('takes, drops, prepends and appends', async () => {
    expect(await text('Take(2, [1, 2, 3])')).toBe('[ 1, 2 ]');
    expect(await text('Drop(2, [1, 2, 3])')).toBe('[ 3 ]');
    expect(await text('Prepend([1, 2], [3])')).toBe('[ 1, 2, 3 ]');
    expect(await text('Append([3], [1, 2])')).toBe('[ 1, 2, 3 ]');
    expect(await fails('Append(1, "x")')).toEqual(['invalid argument', 'Array expected, String provided.', ['collection']]);
  });

  it('folds', async () => {
    expect(await text('Count([1, 2, 3])')).toBe('3');
    expect(await text('Sum([1, 2, 3])')).toBe('6');
    expect(await text('Sum([1, 2.5])')).toBe('3.5');
    expect(await text('Mean([1, 2])')).toBe('1.5');
    expect(await text('Any([false, true])')).toBe('true');
    expect(await text('All([true, false])')).toBe('false');
    expect(await text('Max(1, 5, 3)')).toBe('5');
    expect(await text('Min([4, 2, 8])')).toBe('2');
    expect(await text('IsEmpty([])')).toBe('true');
    expect(await text('Reverse([1, 2, 3])')).toBe('[ 3, 2, 1 ]');
    expect(await fails('Mean([])')).toEqual(['invalid argument', 'Non-empty array expected.', ['mean']]);
    expect(await fails('Sum(["a"])')).toEqual(['invalid argument', 'Number expected, String provided.', ['sum']]);
    expect(await fails('Count(1)')).toEqual(['invalid argument', 'Array, Set, or Page expected, Integer provided.', ['count']]);
  });
});

describe('objects', () => {
  it('merges, converts and tests paths', async () => {
    expect(await text('Merge({a: 1, b: 2}, {b: 3, c: null})')).toBe('{ a: 1, b: 3 }');
    expect(await text('Merge({a: 1}, [{b: 2}, {c: 3}])')).toBe('{ a: 1, b: 2, c: 3 }');
    expect(await text('Merge({a: 1}, {a: 2}, Lambda(["k", "l", "r"], Add(Var("l"), Var("r"))))')).toBe('{ a: 3 }');
    expect(await text('ToArray({a: 1})')).toBe("[ [ 'a', 1 ] ]");
    expect(await text('ToObject([["a", 1]])')).toBe('{ a: 1 }');
    expect(await text('ContainsPath(["a", "b"], {a: {b: 1}})')).toBe('true');
    expect(await text('ContainsField("x", {a: 1})')).toBe('false');
    expect(await text('ContainsValue(1, {a: 1})')).toBe('true');
    expect(await fails('Merge(1, {})')).toEqual(['invalid argument', 'Object expected, Integer provided.', ['merge']]);
    expect(await fails('ToObject(1)')).toEqual(['invalid argument', 'Cannot cast Integer to Object.', ['to_object']]);
  });
});

describe('math and comparisons', () => {
  it('computes like the core', async () => {
    expect(await text('Add(1, 2)')).toBe('3');
    expect(await text('Subtract(10, 2, 3)')).toBe('5');
    expect(await text('Multiply(2, 2.5)')).toBe('5');
    expect(await text('Divide(7, 2)')).toBe('3');
    expect(await text("Divide(7.5, 3)")).toBe("2.5");
    expect(await text('Modulo(7, 3)')).toBe('1');
    expect(await text('Abs(-5)')).toBe('5');
    expect(await text('Pow(2, 10)')).toBe('1024');
    expect(await text('Round(1.2345)')).toBe('1.23');
    expect(await text('Trunc(1.239, 1)')).toBe('1.2');
    expect(await text('Ceil(1.2)')).toBe('2');
    expect(await text('Floor(1.8)')).toBe('1');
    expect(await text('[LT(1, 2, 3), LTE(1, 1), GT(3, 2), GTE(1, 2)]')).toBe('[ true, true, true, false ]');
    expect(await text('Not(And(true, Or(false, true)))')).toBe('false');
  });

  it('reports bad operands', async () => {
    expect(await fails('Add(1, "a")')).toEqual(['invalid argument', 'Number expected, String provided.', ['add', 1]]);
    expect(await fails('Divide(1, 0)')).toEqual(['invalid argument', 'Illegal division by zero.', []]);
  });
});

describe('strings', () => {
  it('transforms and searches', async () => {
    expect(await text('Concat(["a", "b"], "-")')).toBe("'a-b'");
    expect(await text('Casefold("HeLLo")')).toBe("'hello'");
    expect(await text('[LowerCase("AB"), UpperCase("ab"), Trim("  x ")]')).toBe("[ 'ab', 'AB', 'x' ]");
    expect(await text('Length("héllo")')).toBe('5');
    expect(await text('SubString("hello", 1, 3)')).toBe("'ell'");
    expect(await text('SubString("hello", -3)')).toBe("'llo'");
    expect(await text('ReplaceStr("a-b-c", "-", "+")')).toBe("'a+b+c'");
    expect(await text('[ContainsStr("hello", "ell"), StartsWith("hello", "he"), EndsWith("hello", "x")]')).toBe('[ true, true, false ]');
    expect(await text('Format("%s has %d", "x", 3)')).toBe("'x has 3'");
    expect(await fails('LowerCase(1)')).toEqual(['invalid argument', 'String expected, Integer provided.', ['lowercase']]);
    expect(await fails('SubString("abc", 5)')).toEqual(['invalid argument', 'start must be less than or equal to the string length', []]);
  });
});

describe('conversions, type checks, Abort, NewId', () => {
  it('converts', async () => {
    expect(await text('[ToString(1), ToString(1.5), ToString(true)]')).toBe("[ '1', '1.5', 'true' ]");
    expect(await text('[ToNumber("12"), ToNumber("1.5"), ToInteger(2.7), ToDouble(2)]')).toBe('[ 12, 1.5, 2, 2 ]');
    expect(await text('ToTime(0)')).toBe('Time("1970-01-01T00:00:00Z")');
    expect(await text('ToDate(Time("2021-01-02T10:00:00Z"))')).toBe('Date("2021-01-02")');
    expect(await text('Date("2021-01-02")')).toBe('Date("2021-01-02")');
    expect(await text('Epoch(1, "second")')).toBe('Time("1970-01-01T00:00:01Z")');
    expect(await text('ToMillis(Time("1970-01-01T00:00:01Z"))')).toBe('1000');
    expect(await fails('ToNumber("abc")')).toEqual(['invalid argument', 'Cannot cast String to Number.', []]);
    expect(await fails('ToInteger("abc")')).toEqual(['invalid argument', 'Cannot cast String to Integer.', ['to_integer']]);
  });

  it('checks types', async () => {
    expect(await text('[IsNumber(1), IsString("a"), IsArray([]), IsObject({}), IsNull(null), IsDouble(1)]')).toBe(
      '[ true, true, true, true, true, false ]',
    );
    expect(await text('[IsRef(Collection("spells")), IsSet(Documents(Collection("spells"))), IsLambda(Query(Lambda("x", Var("x"))))]')).toBe(
      '[ true, true, true ]',
    );
  });

  it('aborts the transaction, writing nothing', async () => {
    const e = await err(db, 'Do(Create(Collection("spells"), {}), Abort("stop"))');
    expect([e.code, e.message, e.position]).toEqual(['transaction aborted', 'stop', ['do', 1]]);
    expect(await text('Count(Documents(Collection("spells")))')).toBe('0');
  });

  it('makes new ids', async () => {
    expect(await text('NewId()')).toMatch(/^'\d+'$/);
  });
});

describe('user-defined functions', () => {
  it('creates, reads and calls a function', async () => {
    expect(await text('CreateFunction({name: "double", body: Query(Lambda("x", Multiply(Var("x"), 2)))})')).toMatch(
      /^\{\n  ref: Function\("double"\),\n  ts: \d+,\n  name: 'double',\n  body: Query\(Lambda\("x", Multiply\(Var\("x"\), 2\)\)\)\n\}$/,
    );
    expect(await text('Call(Function("double"), 21)')).toBe('42');
    expect(await text('Call("double", 2)')).toBe('4');
    await ok(db, 'CreateFunction({name: "add", body: Query(Lambda(["a", "b"], Add(Var("a"), Var("b"))))})');
    expect(await text('Call(Function("add"), 1, 2)')).toBe('3');
    expect(await text('Paginate(Functions())')).toBe('{ data: [ Function("add"), Function("double") ] }');
  });

  it('reports missing functions and failing bodies', async () => {
    expect(await fails('Call(Function("nope"), 1)')).toEqual(['invalid ref', "Ref refers to undefined function 'nope'", ['call']]);
    await ok(db, 'CreateFunction({name: "boom", body: Query(Lambda("x", Abort("no")))})');
    expect(await fails('Call(Function("boom"), 1)')).toEqual(['call error', 'Calling the function resulted in an error.', []]);
    expect(await fails('CreateFunction({name: "f", body: 1})')).toEqual(['validation failed', 'document data is not valid.', ['create_function']]);
  });

  it('creates collections by the old name too', async () => {
    expect(await text('CreateClass({name: "wands"})')).toMatch(/name: 'wands'/);
  });
});
