// v4 indexes: CreateIndex over an existing collection (built at creation), Index refs, Match with
// terms and covered values (each value in its direction), Get of a set's first match, unique
// indexes (`instance not unique`), and the errors of missing or wrong refs.
import { beforeEach, describe, expect, it } from 'vitest';
import type { PlaygroundDB } from '../../../src/engine/store/open';
import { err, failureOf, freshStore, ok, run, textOf } from './helpers';

let db: PlaygroundDB;
const r = (id: string) => `Ref(Collection("spells"), "${id}")`;

beforeEach(async () => {
  db = await freshStore();
  await ok(db, 'CreateCollection({ name: "spells" })');
  await ok(
    db,
    `Do(Create(${r('1')}, {data: {name: "Fire", element: "fire", cost: 10}}),
        Create(${r('2')}, {data: {name: "Water", element: "water", cost: 5}}),
        Create(${r('3')}, {data: {name: "Blaze", element: "fire", cost: 20}}))`,
  );
});

const text = (source: string) => textOf(db, source);

const fails = (source: string) => failureOf(db, source);

describe('CreateIndex', () => {
  it('answers the index document and builds it over the existing documents', async () => {
    const out = await text('CreateIndex({name: "by_element", source: Collection("spells"), terms: [{field: ["data", "element"]}]})');
    expect(out).toMatch(
      /^\{\n  ref: Index\("by_element"\),\n  ts: \d+,\n  active: true,\n  serialized: true,\n  name: 'by_element',\n  source: Collection\("spells"\),\n  terms: \[ \{ field: \[ 'data', 'element' \] \} \],\n  partitions: 1\n\}$/,
    );
    expect(await text('Paginate(Match(Index("by_element"), "fire"))')).toBe(`{\n  data: [ ${r('1')}, ${r('3')} ]\n}`);
    expect(await text('Get(Index("by_element"))')).toContain('name: \'by_element\'');
    expect(await text('Index("by_element")')).toBe('Index("by_element")');
  });

  it('keeps the index in step with later writes', async () => {
    await ok(db, 'CreateIndex({name: "by_element", source: Collection("spells"), terms: [{field: ["data", "element"]}]})');
    await ok(db, `Create(${r('4')}, {data: {element: "fire"}})`);
    await ok(db, `Update(${r('1')}, {data: {element: "air"}})`);
    expect(await text('Paginate(Match(Index("by_element"), "fire"))')).toBe(`{\n  data: [ ${r('3')}, ${r('4')} ]\n}`);
    expect(await text('Paginate(Match("by_element", "air"))')).toBe(`{ data: [ ${r('1')} ] }`);
  });

  it('covers values in their direction, cursors being the values then the ref', async () => {
    await ok(db, 'CreateIndex({name: "by_cost", source: Collection("spells"), values: [{field: ["data", "cost"], reverse: true}, {field: ["ref"]}]})');
    expect(await text('Paginate(Match(Index("by_cost")), {size: 2})')).toBe(
      `{\n  after: [ 5, ${r('2')}, ${r('2')} ],\n  data: [\n    [ 20, ${r('3')} ],\n    [ 10, ${r('1')} ]\n  ]\n}`,
    );
    expect(await text(`Paginate(Match(Index("by_cost")), {after: [5, ${r('2')}, ${r('2')}]})`)).toBe(
      `{\n  before: [ 5, ${r('2')}, ${r('2')} ],\n  data: [ [ 5, ${r('2')} ] ]\n}`,
    );
    await ok(db, 'CreateIndex({name: "names", source: Collection("spells"), values: [{field: ["data", "name"]}]})');
    expect(await text('Paginate(Match(Index("names")))')).toBe("{ data: [ 'Blaze', 'Fire', 'Water' ] }");
  });

  it('bills one partition with terms, eight without', async () => {
    await ok(db, 'CreateIndex({name: "by_element", source: Collection("spells"), terms: [{field: ["data", "element"]}]})');
    const x = await run(db, 'Paginate(Match(Index("by_element"), "fire"))');
    expect(x.ok && x.metrics.readOps).toBe(1);
  });

  it('refuses bad definitions and duplicates', async () => {
    expect(await fails('CreateIndex({name: "x", source: Collection("nope")})')).toEqual(['validation failed', 'document data is not valid.', []]);
    expect(await fails('CreateIndex({name: "x", source: 1})')).toEqual(['validation failed', 'document data is not valid.', ['create_index']]);
    expect(await fails('CreateIndex({name: "x", source: Collection("spells"), terms: [{foo: 1}]})')).toEqual([
      'validation failed',
      'document data is not valid.',
      ['create_index'],
    ]);
    await ok(db, 'CreateIndex({name: "x", source: Collection("spells")})');
    expect(await fails('CreateIndex({name: "x", source: Collection("spells")})')).toEqual([
      'instance already exists',
      'Index already exists.',
      ['create_index'],
    ]);
  });
});

describe('Match and Get', () => {
  beforeEach(async () => {
    await ok(db, 'CreateIndex({name: "by_element", source: Collection("spells"), terms: [{field: ["data", "element"]}]})');
  });

  it('gets the first match', async () => {
    const out = await text('Get(Match(Index("by_element"), "fire"))');
    expect(out).toMatch(/^\{\n  ref: Ref\(Collection\("spells"\), "1"\),\n  ts: \d+,\n  data: \{ name: 'Fire', element: 'fire', cost: 10 \}\n\}$/);
    expect(await fails('Get(Match(Index("by_element"), "air"))')).toEqual(['instance not found', 'Set not found.', []]);
  });

  it('reports missing and wrong index refs', async () => {
    expect(await fails('Match(Index("nope"), 1)')).toEqual(['invalid ref', "Ref refers to undefined index 'nope'", ['match']]);
    expect(await fails('Get(Index("nope"))')).toEqual(['invalid ref', "Ref refers to undefined index 'nope'", ['get']]);
    expect(await fails('Match(Collection("spells"), 1)')).toEqual(['invalid argument', 'Index Ref expected, Collection Ref provided.', ['match']]);
  });

  it('matches nothing with the wrong number of terms', async () => {
    expect(await text('Paginate(Match(Index("by_element"), ["fire", "water"]))')).toBe('{ data: [] }');
  });
});

describe('unique indexes', () => {
  beforeEach(async () => {
    await ok(db, 'CreateIndex({name: "unique_name", source: Collection("spells"), terms: [{field: ["data", "name"]}], unique: true})');
  });

  it('refuses a second document with the same terms, writing nothing', async () => {
    const e = await err(db, 'Create(Collection("spells"), {data: {name: "Fire"}})');
    expect([e.code, e.message, e.position]).toEqual(['instance not unique', 'document is not unique.', ['create']]);
    expect(e.tx.hasWrites).toBe(true);
    expect(await text('Count(Documents(Collection("spells")))')).toBe('3');
    expect(await fails(`Update(${r('2')}, {data: {name: "Fire"}})`)).toEqual(['instance not unique', 'document is not unique.', []]);
    await ok(db, `Update(${r('1')}, {data: {cost: 11}})`);
  });
});
