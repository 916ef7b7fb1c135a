// Semantics and errors of the v4 forms beyond the seed flows: binding, branching, Select,
// Equals, refs, time, reads and writes. Codes, descriptions and positions are the core's.
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

describe('Let, Var, If, Do', () => {
  it('binds in order', async () => {
    expect(await text('Let({a: 1, b: Var("a")}, [Var("a"), Var("b")])')).toBe('[ 1, 1 ]');
    expect(await text('Let([{a: "x"}, {b: [Var("a")]}], Var("b"))')).toBe("[ 'x' ]");
  });

  it('refuses unbound variables before evaluating anything', async () => {
    expect(await fails('Var("x")')).toEqual(['invalid expression', "Variable 'x' is not defined.", []]);
    expect(await fails('Let({a: Var("b"), b: 1}, 1)')).toEqual(['invalid expression', "Variable 'b' is not defined.", ['let', 0, 'a']]);
    expect(await fails('Var(1)')).toEqual(['invalid expression', 'String expected, Integer provided.', ['var']]);
    const e = await err(db, 'Do(CreateCollection({ name: "wands" }), Var("y"))');
    expect(e.position).toEqual(['do', 1]);
    expect(e.tx.hasWrites).toBe(false);
  });

  it('checks If conditions and evaluates one branch', async () => {
    expect(await fails('If(1, 2, 3)')).toEqual(['invalid argument', 'Boolean expected, Integer provided.', ['if']]);
    expect(await text('If(true, "yes", Get(Ref(Collection("spells"), "1")))')).toBe("'yes'");
  });

  it('returns the last value of Do', async () => {
    expect(await text('Do(1, "two", [3])')).toBe('[ 3 ]');
  });

  it('bills a compute unit per function call, not per special form', async () => {
    const r = await run(db, 'Let({t: Now()}, If(Equals(Var("t"), Var("t")), Do(Now(), Now()), null))');
    expect(r.metrics.rawComputeUnits).toBe(4);
    expect(r.metrics.computeOps).toBe(1);
  });
});

describe('Select and Equals', () => {
  it('walks objects, arrays and refs', async () => {
    expect(await text('Select(["a", "b", 1], {a: {b: [5, 6]}})')).toBe('6');
    expect(await text('Select("id", Ref(Collection("spells"), "12"))')).toBe("'12'");
    expect(await text('Select(["collection"], Ref(Collection("spells"), "12"))')).toBe('Collection("spells")');
    expect(await text('Select("x", {a: 1}, "fallback")')).toBe("'fallback'");
  });

  it('reports missing paths and bad path elements', async () => {
    expect(await fails('Select(["a", "x"], {a: {}})')).toEqual(['value not found', 'Value not found at path [a,x].', ['from']]);
    expect(await fails('Select(["a", true], {a: {}})')).toEqual(['invalid argument', 'String or Integer expected, Boolean provided.', ['select', 1]]);
  });

  it('compares like v4: integers and doubles differ, objects ignore key order', async () => {
    expect(await text('Equals(1, 1.0)')).toBe('true');
    expect(await text('Equals(1, 1.5)')).toBe('false');
    expect(await text('Equals([2, 2])')).toBe('true');
    expect(await text('Equals({a: 1, b: 2}, {b: 2, a: 1})')).toBe('true');
    expect(await fails('Equals([])')).toEqual(['invalid argument', 'Non-empty array expected.', ['equals']]);
  });
});

describe('refs', () => {
  it('normalises ids and accepts numbers', async () => {
    expect(await text('Ref(Collection("spells"), 12)')).toBe('Ref(Collection("spells"), "12")');
    expect(await text('Ref(Collection("unknown"), "007")')).toBe('Ref(Collection("unknown"), "7")');
    expect(await text('Ref("collections/spells/5")')).toBe('Ref(Collection("spells"), "5")');
    expect(await text('[Ref("tokens/5"), Ref("collections/spells"), Tokens(), Credentials(), Keys(), Collections()]')).toBe(
      '[\n  Ref(Tokens(), "5"),\n  Collection("spells"),\n  Tokens(),\n  Credentials(),\n  Keys(),\n  Collections()\n]',
    );
  });

  it('refuses bad ids and collections', async () => {
    expect(await fails('Ref(Collection("spells"), "abc")')).toEqual([
      'invalid argument',
      "Number or numeric String expected, non-numeric 'abc' provided.",
      ['id'],
    ]);
    expect(await fails('Ref(Collections(), "1")')).toEqual([
      'invalid argument',
      'Regular Class Ref expected, Schema Class Ref provided.',
      ['ref'],
    ]);
    expect(await fails('Ref("spells", "1")')).toEqual(['invalid argument', 'Collection Ref expected, String provided.', ['ref']]);
    expect(await fails('Ref("nonsense")')).toEqual(['invalid expression', 'Invalid ref.', []]);
  });
});

describe('time', () => {
  it('parses, adds and reads the transaction time', async () => {
    expect(await text('Time("2021-09-15T20:57:02.080Z")')).toBe('Time("2021-09-15T20:57:02.080Z")');
    expect(await text('TimeAdd(Time("2021-09-15T20:57:02.080Z"), 2, "hours")')).toBe('Time("2021-09-15T22:57:02.080Z")');
    expect(await text('TimeAdd(Time("2021-09-15T20:57:02Z"), -1500, "microseconds")')).toBe('Time("2021-09-15T20:57:01.998500Z")');
    expect(await text('Equals(Now(), Time("now"))')).toBe('true');
  });

  it('reports bad times and units', async () => {
    expect(await fails('Time("yesterday")')).toEqual(['invalid argument', "Cannot cast 'yesterday' to a time.", []]);
    expect(await fails('TimeAdd(Now(), 1, "fortnight")')).toEqual(['invalid argument', 'Time Unit expected, String provided.', ['unit']]);
    expect(await fails('TimeAdd("today", 1, "day")')).toEqual(['invalid argument', 'Temporal expected, String provided.', ['time_add']]);
  });
});

describe('reads', () => {
  it('reports missing documents by kind', async () => {
    expect(await fails('Get(Ref(Collection("spells"), "1"))')).toEqual(['instance not found', 'Document not found.', []]);
    expect(await fails('Get(Ref(Tokens(), "1"))')).toEqual(['instance not found', 'Token not found.', []]);
    expect(await fails('Get(Ref(Credentials(), "1"))')).toEqual(['instance not found', 'Credentials not found.', []]);
    expect(await fails('Get(Ref(Collection("wands"), "1"))')).toEqual(['invalid ref', "Ref refers to undefined collection 'wands'", ['get']]);
  });

  it('bills a read for a miss', async () => {
    const r = await run(db, 'Exists(Ref(Collection("spells"), "1"))');
    expect(r.ok && r.out.text).toBe('false');
    expect(r.metrics.readOps).toBe(1);
  });

  it('answers Exists for refs into missing collections without failing', async () => {
    expect(await text('Exists(Ref(Collection("wands"), "1"))')).toBe('false');
    expect(await text('Exists(Collection("spells"))')).toBe('true');
  });

  it('reads collection documents', async () => {
    expect(await text('Get(Collection("spells"))')).toMatch(/^\{\n {2}ref: Collection\("spells"\),\n {2}ts: \d+,\n {2}history_days: 30,\n {2}name: 'spells'\n\}$/);
  });
});

describe('names that exist on Object.prototype are plain names', () => {
  it('handles "constructor" as a collection, a ref text, a unit and a key', async () => {
    await ok(db, 'CreateCollection({ name: "constructor" })');
    expect(await text('Create(Ref(Collection("constructor"), "1"), { data: { toString: 1 } })')).toMatch(
      /^\{\n {2}ref: Ref\(Collection\("constructor"\), "1"\),\n {2}ts: \d+,\n {2}data: \{ toString: 1 \}\n\}$/,
    );
    expect(await fails('Ref("constructor")')).toEqual(['invalid expression', 'Invalid ref.', []]);
    expect(await fails('TimeAdd(Now(), 1, "constructor")')).toEqual(['invalid argument', 'Time Unit expected, String provided.', ['unit']]);
    expect(await fails('Select("constructor", {})')).toEqual(['value not found', 'Value not found at path [constructor].', ['from']]);
    expect(await fails('hasOwnProperty(1)')).toEqual(['invalid expression', 'No form/function found, or invalid argument keys: { has_own_property }.', []]);
  });
});

describe('writes', () => {
  it('shows data in the created document and reads it back', async () => {
    const created = await text('Create(Ref(Collection("spells"), "1"), { data: { name: "Fire", cost: 15 } })');
    expect(created).toMatch(/^\{\n {2}ref: Ref\(Collection\("spells"\), "1"\),\n {2}ts: \d+,\n {2}data: \{ name: 'Fire', cost: 15 \}\n\}$/);
    expect(await text('Select(["data", "cost"], Get(Ref(Collection("spells"), "1")))')).toBe('15');
  });

  it('keeps objects with @ keys apart from tags', async () => {
    const r = await ok(db, 'Create(Ref(Collection("spells"), "2"), { data: { "@ts": 1 } })');
    expect(r.responseJson).toContain('"data":{"@obj":{"@ts":1}}');
    expect(r.text).toContain("data: { '@ts': 1 }");
  });

  it('refuses a document in a collection created by the same query', async () => {
    expect(await fails('Do(CreateCollection({ name: "wands" }), Create(Collection("wands"), {}))')).toEqual([
      'invalid argument',
      'Cannot create a collection and a document in it in the same transaction.',
      ['do', 1, 'create'],
    ]);
  });

  it('says plainly that collection refs cannot be stored yet', async () => {
    expect(await fails('Create(Collection("spells"), { data: { c: [Collection("spells")] } })')).toEqual([
      'invalid argument',
      'The playground cannot store collection refs inside documents yet.',
      ['create'],
    ]);
  });

  it('validates document fields', async () => {
    expect(await fails('Create(Collection("spells"), { data: 1 })')).toEqual(['validation failed', 'document data is not valid.', ['create']]);
    expect(await fails('Create(Collection("spells"), { credentials: { password: 1 } })')).toEqual([
      'validation failed',
      'document data is not valid.',
      ['create'],
    ]);
    expect(await fails('CreateCollection({ name: "Token" })')).toEqual(['validation failed', 'document data is not valid.', ['create_collection']]);
    expect(await fails('CreateCollection("spells")')).toEqual(['invalid argument', 'Object expected, String provided.', ['create_collection']]);
  });

  it('creates credentials directly, one per identity', async () => {
    const c = await text('Create(Credentials(), { instance: Ref(Collection("spells"), "9"), password: "pw" })');
    expect(c).toMatch(
      /^\{\n {2}ref: Ref\(Credentials\(\), "\d+"\),\n {2}ts: \d+,\n {2}instance: Ref\(Collection\("spells"\), "9"\),\n {2}hashed_password: '\$argon2id\$[^']+'\n\}$/,
    );
    expect(await text('Identify(Ref(Collection("spells"), "9"), "pw")')).toBe('true');
    expect(await fails('Create(Credentials(), { instance: Ref(Collection("spells"), "9") })')).toEqual([
      'instance not unique',
      'document is not unique.',
      ['create'],
    ]);
  });
});
