// Sets and pagination: Documents, native sets, Paginate's page shape `{before?, after?, data}`
// and its cursors (ReadAdaptor.paginate in the core: forward inclusive, backward exclusive,
// cursors are the covered values then the ref), the set algebra and the folds over sets.
import { beforeEach, describe, expect, it } from 'vitest';
import type { PlaygroundDB } from '../../../src/engine/store/open';
import { failureOf, freshStore, ok, run, textOf } from './helpers';

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

describe('Paginate over Documents', () => {
  it('pages in ref order with the default size', async () => {
    expect(await text('Paginate(Documents(Collection("spells")))')).toBe(
      `{\n  data: [\n    ${r('1')},\n    ${r('2')},\n    ${r('3')}\n  ]\n}`,
    );
  });

  it('gives an inclusive after cursor, and the cursor given comes back as before', async () => {
    expect(await text('Paginate(Documents(Collection("spells")), {size: 2})')).toBe(
      `{\n  after: [ ${r('3')} ],\n  data: [ ${r('1')}, ${r('2')} ]\n}`,
    );
    expect(await text(`Paginate(Documents(Collection("spells")), {size: 2, after: [${r('3')}]})`)).toBe(
      `{\n  before: [ ${r('3')} ],\n  data: [ ${r('3')} ]\n}`,
    );
  });

  it('pages backward exclusively from a before cursor', async () => {
    expect(await text(`Paginate(Documents(Collection("spells")), {size: 1, before: [${r('3')}]})`)).toBe(
      `{\n  before: [ ${r('2')} ],\n  after: [ ${r('3')} ],\n  data: [ ${r('2')} ]\n}`,
    );
    expect(await text(`Paginate(Documents(Collection("spells")), {before: [${r('3')}]})`)).toBe(
      `{\n  after: [ ${r('3')} ],\n  data: [ ${r('1')}, ${r('2')} ]\n}`,
    );
  });

  it('takes a cursor object', async () => {
    expect(await text(`Paginate(Documents(Collection("spells")), {cursor: {after: [${r('2')}]}})`)).toBe(
      `{\n  before: [ ${r('2')} ],\n  data: [ ${r('2')}, ${r('3')} ]\n}`,
    );
    expect(await fails('Paginate(Documents(Collection("spells")), {cursor: {x: 1}})')).toEqual([
      'invalid argument',
      "Invalid cursor object. Expected an object with either 'before' or 'after' key in it.",
      ['cursor'],
    ]);
  });

  it('reports bad arguments where they are', async () => {
    expect(await fails('Paginate(Documents(Collection("spells")), {size: "2"})')).toEqual([
      'invalid argument',
      'Integer expected, String provided.',
      ['size'],
    ]);
    expect(await fails('Paginate(1)')).toEqual(['invalid argument', 'Ref or Set expected, Integer provided.', ['paginate']]);
    expect(await fails('Documents(Collection("nope"))')).toEqual(['invalid ref', "Ref refers to undefined collection 'nope'", ['documents']]);
    expect(await fails('Documents(1)')).toEqual(['invalid argument', 'Collection Ref expected, Integer provided.', ['documents']]);
  });

  it('shows an unpaginated set as the expression that made it', async () => {
    expect(await text('Documents(Collection("spells"))')).toBe('Documents(Collection("spells"))');
  });

  it('bills a set page of 8 partitions and no document reads', async () => {
    const x = await run(db, 'Paginate(Documents(Collection("spells")))');
    expect(x.ok && x.metrics.readOps).toBe(8);
  });
});

describe('native sets', () => {
  it('lists collections, indexes, functions and keys', async () => {
    await ok(db, 'CreateCollection({ name: "wands" })');
    expect(await text('Paginate(Collections())')).toBe('{ data: [ Collection("spells"), Collection("wands") ] }');
    expect(await text('Paginate(Databases())')).toBe('{ data: [] }');
    expect(await text('Paginate(Keys())')).toBe('{ data: [] }');
    await ok(db, 'CreateKey({role: "server"})');
    expect(await text('Count(Keys())')).toBe('1');
  });
});

describe('set algebra and folds', () => {
  beforeEach(async () => {
    await ok(db, 'CreateIndex({name: "by_element", source: Collection("spells"), terms: [{field: ["data", "element"]}]})');
  });

  it('unites, intersects and differences sets', async () => {
    const fire = 'Match(Index("by_element"), "fire")';
    const water = 'Match(Index("by_element"), "water")';
    expect(await text(`Paginate(Union(${fire}, ${water}))`)).toBe(`{\n  data: [\n    ${r('1')},\n    ${r('2')},\n    ${r('3')}\n  ]\n}`);
    expect(await text(`Paginate(Intersection(${fire}, Documents(Collection("spells"))))`)).toBe(`{\n  data: [ ${r('1')}, ${r('3')} ]\n}`);
    expect(await text(`Paginate(Difference(Documents(Collection("spells")), ${fire}))`)).toBe(`{ data: [ ${r('2')} ] }`);
    expect(await text(`Union(${fire}, ${water})`)).toBe(`Union(${fire}, ${water})`);
  });

  it('works on arrays too', async () => {
    expect(await text('Union([1, 2], [2, 3])')).toBe('[ 1, 2, 3 ]');
    expect(await text('Intersection([1, 2, 3], [2, 3, 4])')).toBe('[ 2, 3 ]');
    expect(await text('Difference([1, 2, 3], [2])')).toBe('[ 1, 3 ]');
    expect(await text('Distinct([1, 2, 1, 3])')).toBe('[ 1, 2, 3 ]');
  });

  it('counts, tests emptiness and reverses sets', async () => {
    expect(await text('Count(Documents(Collection("spells")))')).toBe('3');
    expect(await text('IsEmpty(Match(Index("by_element"), "air"))')).toBe('true');
    expect(await text('IsNonEmpty(Match(Index("by_element"), "fire"))')).toBe('true');
    expect(await text('Paginate(Reverse(Documents(Collection("spells"))), {size: 2})')).toBe(
      `{\n  after: [ ${r('1')} ],\n  data: [ ${r('3')}, ${r('2')} ]\n}`,
    );
    expect(await text('Exists(Match(Index("by_element"), "fire"))')).toBe('true');
  });

  it('filters a set lazily', async () => {
    expect(
      await text('Paginate(Filter(Documents(Collection("spells")), Lambda("s", GT(Select(["data", "cost"], Get(Var("s"))), 7))))'),
    ).toBe(`{\n  data: [ ${r('1')}, ${r('3')} ]\n}`);
  });
});
