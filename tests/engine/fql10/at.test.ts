// `at (time) expr` reads the database as it was at `time` (Fauna's FQL2DocsSpec "at operator"):
// documents, collection scans and index lookups from the stored history; no writes in the past;
// a time after the transaction's is rejected.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import { dumpStores, fail, freshEngine, ok } from '../helpers';

let engine: Engine;
let name: string;
let id: string;
/** `Time("…")` of the first version, of the update, of the deletion of a second document. */
let created: string;
let updated: string;
beforeAll(async () => {
  ({ engine, name } = await freshEngine());
  await ok(engine, 'fql10', 'Collection.create({ name: "Author", indexes: { byName: { terms: [{ field: ".name" }] } } })');
  id = JSON.parse((await ok(engine, 'fql10', 'Author.create({ name: "Samuel Clemens" }).id')).text);
  created = (await ok(engine, 'fql10', `Author.byId("${id}")!.ts`)).text;
  await ok(engine, 'fql10', `Author.byId("${id}")!.update({ name: "Mark Twain" })`);
  updated = (await ok(engine, 'fql10', `Author.byId("${id}")!.ts`)).text;
});
const text = async (q: string) => (await ok(engine, 'fql10', q)).text;

describe('at (time) expr', () => {
  it('reads a document as it was', async () => {
    expect(await text(`Author.byId("${id}")!.name`)).toBe('"Mark Twain"');
    expect(await text(`at (${created}) { Author.byId("${id}")!.name }`)).toBe('"Samuel Clemens"');
    expect(await text(`at (${created}) Author.byId("${id}")!["name"]`)).toBe('"Samuel Clemens"');
    expect(await text(`at (${updated}) Author.byId("${id}")!.name`)).toBe('"Mark Twain"');
    // A document returned from `at` keeps showing that version.
    expect(await text(`at (${created}) Author.byId("${id}")`)).toContain('name: "Samuel Clemens"');
  });

  it('before a document existed it is not found', async () => {
    const e = (await fail(engine, 'fql10', `at (${created}.subtract(1, "millisecond")) Author.byId("${id}")!`)).error;
    expect(e.code).toBe('document_not_found');
    expect(e.message).toBe(`Collection \`Author\` does not contain document with id ${id}.`);
  });

  it('scans and index lookups see the past too', async () => {
    expect(await text(`at (${created}) Author.all().map(.name).toArray()`)).toBe('[\n  "Samuel Clemens"\n]');
    expect(await text(`at (${created}) Author.byName("Samuel Clemens").count()`)).toBe('1');
    expect(await text('Author.byName("Samuel Clemens").count()')).toBe('0');
    expect(await text(`at (${created}) Author.byName("Mark Twain").count()`)).toBe('0');
  });

  it('a set returned from at is read at that time, whenever it is read', async () => {
    expect(await text(`at (${created}) Author.all()`)).toContain('name: "Samuel Clemens"');
    expect(await text(`let s = at (${created}) Author.all().map(.name)\ns.toArray()`)).toBe('[\n  "Samuel Clemens"\n]');
  });

  it('a deleted document is still there before its deletion', async () => {
    const other = JSON.parse(await text('Author.create({ name: "Sophocles" }).id'));
    const before = await text(`Author.byId("${other}")!.ts`);
    await ok(engine, 'fql10', `Author.byId("${other}")!.delete()`);
    expect(await text(`Author.byId("${other}") == null`)).toBe('true');
    expect(await text(`at (${before}) Author.byId("${other}")!.name`)).toBe('"Sophocles"');
  });

  it('nests, and the inner time wins', async () => {
    expect(await text(`at (${created}) { at (${updated}) { Author.byId("${id}")!.name } }`)).toBe('"Mark Twain"');
    expect(await text(`at (${updated}) { at (${created}) Author.byId("${id}")!.name }`)).toBe('"Samuel Clemens"');
  });

  it('at the transaction time the query sees its own writes', async () => {
    expect(await text('let mt = Author.create({ name: "Mark Twain" })\nat (mt.ts) { Author.byId(mt.id)!.name }')).toBe('"Mark Twain"');
  });

  it('rejects a time that is not a Time, or in the future', async () => {
    const bad = (await fail(engine, 'fql10', 'at (0) 0')).error;
    expect(bad.code).toBe('type_mismatch');
    expect(bad.message).toBe('expected type: Time, received Int');
    expect(bad.span).toEqual({ start: 4, end: 5 });
    const future = (await fail(engine, 'fql10', `at (Time('2050-01-01T00:00:00.000Z')) Author.byId('${id}')`)).error;
    expect(future.code).toBe('invalid_argument');
    expect(future.message).toBe('invalid argument `at_time`: cannot evaluate `at` in the future');
    expect(future.span).toEqual({ start: 4, end: 36 });
  });

  it('refuses writes in the past, writing nothing', async () => {
    const before = await dumpStores(name);
    const e = (await fail(engine, 'fql10', `Author.create({ name: "ok" })\nat (Time.now().subtract(1, 'day')) { Author.create({}) }`)).error;
    expect(e.code).toBe('invalid_write');
    expect(e.message).toBe('Cannot write at a snapshot time in the past.');
    expect(await dumpStores(name)).toBe(before);
  });
});

describe('at before the history a collection keeps (Fauna: history_days plus 15 minutes)', () => {
  it('is refused as an invalid request', async () => {
    const e = (await fail(engine, 'fql10', `at (Time("2000-01-01T00:00:00.000Z")) {\n  Author.byId("${id}")!.foo\n}`)).error;
    expect(e.code).toBe('invalid_request');
    expect(e.message).toMatch(/^Requested timestamp 2000-01-01T00:00:00Z less than minimum allowed timestamp \d{4}-\d\d-\d\dT[\d:.]+Z\.$/);
  });

  it('with history_days, older reads are allowed', async () => {
    await ok(engine, 'fql10', 'Collection.create({ name: "Old", history_days: 30 })');
    expect(await text('at (Time.now().subtract(10, "days")) Old.all().count()')).toBe('0');
    expect((await fail(engine, 'fql10', 'at (Time.now().subtract(31, "days")) Old.all().count()')).error.code).toBe('invalid_request');
  });
});
