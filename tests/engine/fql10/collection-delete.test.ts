// Collection definitions as a set (`Collection.all()`), and deleting a collection: its documents,
// index entries and history go with it in the query's one transaction; references into it turn
// into null documents of the `Deleted` collection (Fauna's FQL2CollectionsSpec "refs").
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import { dumpStores, fail, freshEngine, ok } from '../helpers';

let engine: Engine;
let name: string;
beforeEach(async () => {
  ({ engine, name } = await freshEngine());
  await ok(engine, 'fql10', 'Collection.create({ name: "Foo" })\nCollection.create({ name: "Bar", indexes: { byN: { terms: [{ field: ".n" }] } } })');
});
const text = async (q: string) => (await ok(engine, 'fql10', q)).text;

describe('Collection.all()', () => {
  it('is the set of collection definitions, by name', async () => {
    expect(await text('Collection.all().map(.name).toArray()')).toBe('[\n  "Bar",\n  "Foo"\n]');
    expect(await text('Collection.all().count()')).toBe('2');
    expect(await text('Collection.where(.name == "Foo").first()!.name')).toBe('"Foo"');
    expect(await text('Collection.firstWhere(c => c.indexes.byN != null)!.name')).toBe('"Bar"');
  });
});

describe('deleting a collection', () => {
  it('Collection.byName(…)!.delete() removes the collection, its documents and index entries', async () => {
    await ok(engine, 'fql10', 'Bar.create({ id: "1", n: 1 })\nBar.create({ id: "2", n: 2 })');
    expect(await text('Collection.byName("Bar")!.delete()')).toBe('Collection.byName("Bar") /* deleted */');
    expect(await text('Collection.all().map(.name).toArray()')).toBe('[\n  "Foo"\n]');
    const stores = JSON.parse(await dumpStores(name)) as Record<string, Array<{ coll?: string; name?: string }>>;
    expect(stores.docs!.filter((d) => d.coll === 'Bar')).toEqual([]);
    expect(stores.entries!.filter((e) => e.coll === 'Bar')).toEqual([]);
    expect(stores.versions!.filter((v) => v.coll === 'Bar')).toEqual([]);
    expect(stores.collections!.map((c) => c.name)).toEqual(['Foo']);
  });

  it('Coll.definition.delete() does the same; the name is then unbound', async () => {
    await ok(engine, 'fql10', 'Foo.definition.delete()');
    const e = (await fail(engine, 'fql10', 'Foo.all()')).error;
    expect(e.code).toBe('unbound_variable');
    expect(e.message).toBe('Unbound variable `Foo`');
    const byName = (await fail(engine, 'fql10', 'Collection.byName("Foo")!')).error;
    expect(byName.code).toBe('document_not_found');
    expect(byName.message).toBe('Collection `Foo` not found.');
  });

  it('a collection can be deleted and made again in one query, empty', async () => {
    await ok(engine, 'fql10', 'Foo.create({ id: "7" })');
    await ok(engine, 'fql10', 'Collection.byName("Foo")!.delete()\nCollection.create({ name: "Foo" })');
    expect(await text('Foo.all().count()')).toBe('0');
  });

  it('later in the deleting query, its documents are gone, also from a collection of the same name made again', async () => {
    await ok(engine, 'fql10', 'Foo.create({ id: "7", n: 1 })');
    const gone = await text('let d = Foo.byId("7")\nFoo.definition.delete()\nd.exists()');
    expect(gone).toBe('false');
    await ok(engine, 'fql10', 'Collection.create({ name: "Foo" })\nFoo.create({ id: "7", n: 1 })');
    expect(await text('Foo.definition.delete()\nCollection.create({ name: "Foo" })\n[Foo.all().count(), Foo.byId("7").exists()]')).toBe('[\n  0,\n  false\n]');
  });

  it('references into a deleted collection are null documents of `Deleted`', async () => {
    const id = JSON.parse(await text('Foo.create({ bar: Bar.create({}) }).id'));
    const barId = JSON.parse(await text(`Foo.byId("${id}")!.bar.id`));
    await ok(engine, 'fql10', 'Bar.definition.delete()');
    const r = await ok(engine, 'fql10', `Foo.byId("${id}")!.bar`);
    expect(JSON.parse(r.json!.tagged)).toEqual({ '@ref': { id: barId, coll: { '@mod': 'Deleted' }, exists: false, cause: 'collection deleted' } });
    expect(await text(`Foo.byId("${id}")!.bar.exists()`)).toBe('false');
    expect(await text(`Foo.byId("${id}")!.bar == null`)).toBe('true');
    expect(await text(`Foo.byId("${id}")!.bar.coll`)).toBe('Deleted');
    const e = (await fail(engine, 'fql10', `Foo.byId("${id}")!.bar!`)).error;
    expect(e.code).toBe('document_not_found');
    expect(e.message).toBe(`Document with id ${barId} does not exist because the collection was deleted.`);
  });

  it('a failing query deletes nothing; a document and its collection cannot both change', async () => {
    await ok(engine, 'fql10', 'Bar.create({ id: "1", n: 1 })');
    const before = await dumpStores(name);
    await fail(engine, 'fql10', 'Bar.definition.delete()\nabort("no")');
    expect(await dumpStores(name)).toBe(before);
    const e = (await fail(engine, 'fql10', 'Bar.byId("1")!.update({ n: 2 })\nBar.definition.delete()')).error;
    expect(e.code).toBe('invalid_write');
    expect(e.message).toBe('Cannot modify a document and its collection in the same query.');
    expect(await dumpStores(name)).toBe(before);
  });
});
