// Sets, pagination, documents and indexes in v10, end to end.
import { describe, expect, it } from 'vitest';
import { dumpStores, fail, freshEngine, ok } from '../helpers';

async function users() {
  const { engine, name } = await freshEngine();
  await ok(
    engine,
    'fql10',
    `Collection.create({
  name: "User",
  indexes: {
    byEmail: { terms: [{ field: ".email" }] },
    byAge: { values: [{ field: ".age", order: "desc" }] }
  },
  constraints: [{ unique: [".email"] }]
})`,
  );
  await ok(
    engine,
    'fql10',
    'User.create({ id: "1", email: "a@x", age: 30 })\nUser.create({ id: "2", email: "b@x", age: 40 })\nUser.create({ id: "3", email: "c@x", age: 20 })',
  );
  return { engine, name };
}

const j = (text: string) => text.replace(/\s+/g, ' ');

describe('sets', () => {
  it('a returned set shows its first page of 16 with a cursor that continues it', async () => {
    const { engine } = await freshEngine();
    const first = await ok(engine, 'fql10', 'Set.sequence(0, 40)');
    expect(j(first.text)).toMatch(/^\{ data: \[ 0, 1, 2, .* 15 \], after: "[A-Za-z0-9_-]+" \}$/);
    const after = /after: "([^"]+)"/.exec(first.text)![1];
    const second = await ok(engine, 'fql10', `Set.paginate("${after}", 20)`);
    expect(j(second.text)).toMatch(/^\{ data: \[ 16, 17, .* 35 \], after: "[^"]+" \}$/);
    const third = await ok(engine, 'fql10', `Set.paginate("${/after: "([^"]+)"/.exec(second.text)![1]}")`);
    expect(j(third.text)).toBe('{ data: [ 36, 37, 38, 39 ] }');
  });

  it('rejects an unknown cursor', async () => {
    const { engine } = await freshEngine();
    expect((await fail(engine, 'fql10', 'Set.paginate("nope")')).error.code).toBe('invalid_cursor');
  });

  it('maps, filters, orders and folds lazily with short lambdas', async () => {
    const { engine } = await users();
    expect(j((await ok(engine, 'fql10', 'User.all().map(.age)')).text)).toBe('{ data: [ 30, 40, 20 ] }');
    expect((await ok(engine, 'fql10', 'User.where(.age > 25).count()')).text).toBe('2');
    expect(j((await ok(engine, 'fql10', 'User.all().order(desc(.email)).map(.id).toArray()')).text)).toBe('[ "3", "2", "1" ]');
    expect((await ok(engine, 'fql10', 'User.all().fold(0, (acc, u) => acc + u.age)')).text).toBe('90');
    expect((await ok(engine, 'fql10', 'User.firstWhere(.email == "b@x")!.age')).text).toBe('40');
    expect(j((await ok(engine, 'fql10', 'User.all().take(2).map(.id).paginate(1)')).text)).toMatch(/^\{ data: \[ "1" \], after: "/);
  });

  it('bills 8 partitions for all() and the documents it reads', async () => {
    const { engine } = await users();
    const r = await ok(engine, 'fql10', 'User.all().map(.id).paginate()');
    expect(r.metrics).toMatchObject({ stats: { compute_ops: 1, read_ops: 8, write_ops: 0 } });
  });
});

describe('indexes', () => {
  it('matches terms without scanning the collection (1 partition, then the document)', async () => {
    const { engine } = await users();
    const r = await ok(engine, 'fql10', 'User.byEmail("b@x").first()!.age');
    expect(r.text).toBe('40');
    expect(r.metrics).toMatchObject({ stats: { read_ops: 2 } });
  });

  it('orders by values', async () => {
    const { engine } = await users();
    expect(j((await ok(engine, 'fql10', 'User.byAge().map(.id)')).text)).toBe('{ data: [ "2", "1", "3" ] }');
  });

  it('stays in step with updates and deletes, in the same query too', async () => {
    const { engine } = await users();
    await ok(engine, 'fql10', 'User.byId("2")!.update({ email: "z@x" })');
    expect((await ok(engine, 'fql10', 'User.byEmail("b@x").count()')).text).toBe('0');
    expect((await ok(engine, 'fql10', 'User.byEmail("z@x").first()!.id')).text).toBe('"2"');
    expect((await ok(engine, 'fql10', 'User.byId("2")!.delete()\nUser.byEmail("z@x").count()')).text).toBe('0');
    expect((await ok(engine, 'fql10', 'User.create({ id: "9", email: "q@x", age: 1 })\nUser.byEmail("q@x").first()!.id')).text).toBe('"9"');
  });

  it('builds an index added later over the existing documents', async () => {
    const { engine } = await users();
    await ok(engine, 'fql10', 'User.definition.update({ indexes: { byAgeTerm: { terms: [{ field: ".age" }] } } })');
    expect((await ok(engine, 'fql10', 'User.byAgeTerm(20).first()!.id')).text).toBe('"3"');
    expect((await ok(engine, 'fql10', 'User.byEmail("a@x").count()')).text).toBe('1');
  });

  it('a unique constraint fails with constraint_failure and writes nothing', async () => {
    const { engine, name } = await users();
    const before = await dumpStores(name);
    const r = await fail(engine, 'fql10', 'User.create({ id: "7", email: "ok@x" })\nUser.create({ email: "a@x" })');
    expect(r.error.code).toBe('constraint_failure');
    expect(r.error.summary).toContain('constraint failures:\n  email: Failed unique constraint');
    expect(await dumpStores(name)).toBe(before);
  });

  it('an unknown index is not a function of the collection', async () => {
    const { engine } = await users();
    expect((await fail(engine, 'fql10', 'User.byNothing("x")')).error.message).toBe('The function `byNothing` does not exist on `User`');
  });
});

describe('documents', () => {
  it('update merges (null removes), replace overwrites, delete leaves a null document', async () => {
    const { engine } = await users();
    expect(j((await ok(engine, 'fql10', 'User.byId("1")!.update({ age: null, tags: { a: 1 } })')).text)).toMatch(
      /email: "a@x", tags: \{ a: 1 \} \}$/,
    );
    expect(j((await ok(engine, 'fql10', 'User.byId("1")!.update({ tags: { b: 2 } }).tags')).text)).toBe('{ a: 1, b: 2 }');
    expect(j((await ok(engine, 'fql10', 'User.byId("1")!.replace({ email: "a@x" })')).text)).toMatch(/ts: Time\("[^"]+"\), email: "a@x" \}$/);
    expect((await ok(engine, 'fql10', 'User.byId("1")!.delete()')).text).toBe('User("1") /* deleted */');
    expect((await ok(engine, 'fql10', 'User.byId("1")?.email')).text).toBe('null');
    expect((await ok(engine, 'fql10', 'User.byId("1").exists()')).text).toBe('false');
  });

  it('rejects reserved fields', async () => {
    const { engine } = await users();
    const r = await fail(engine, 'fql10', 'User.create({ coll: "x" })');
    expect(r.error.summary).toContain('coll: Is a reserved field and cannot be used');
  });

  it('log() and dbg() report info lines', async () => {
    const { engine } = await freshEngine();
    const r = await ok(engine, 'fql10', 'log("hi")\ndbg(1 + 1)');
    expect(r.text).toBe('2');
    // dbg writes the long form with a caret (FQL2LoggingSpec).
    expect(r.ok && r.logs).toEqual(['info at *query*:1: hi', 'info: 2\nat *query*:2:4\n  |\n2 | dbg(1 + 1)\n  |    ^^^^^^^\n  |']);
  });

  it('abort() fails the query with its value and writes nothing', async () => {
    const { engine, name } = await users();
    const before = await dumpStores(name);
    const r = await fail(engine, 'fql10', 'User.create({ email: "new@x" })\nabort({ why: "no" })');
    expect(r.error.code).toBe('abort');
    expect(await dumpStores(name)).toBe(before);
  });
});

// Fauna answers covered fields from the index entries (CollectionIndexMethod.collectCoveredValues
// covers terms and values), so such a projection reads the index page and no document.
describe('covered projections', () => {
  async function films() {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "Film", indexes: { byDirector: { terms: [{ field: ".director" }], values: [{ field: ".title" }, { field: ".year" }] } } })');
    await ok(engine, 'fql10', 'Film.create({ title: "Alien", year: 1979, director: "Ridley Scott", genre: "sf" })\nFilm.create({ title: "Gladiator", year: 2000, director: "Ridley Scott", genre: "drama" })');
    return engine;
  }

  it('reads no document when every projected field is a covered value or term', async () => {
    const engine = await films();
    const r = await ok(engine, 'fql10', 'Film.byDirector("Ridley Scott") { title, year, director, id }');
    expect(r.metrics).toMatchObject({ stats: { read_ops: 1 } });
    expect(r.logs ?? []).toEqual([]);
    const t = await ok(engine, 'fql10', 'Film.byDirector("Ridley Scott").map(.director).toArray()');
    expect(t.text).toBe('[\n  "Ridley Scott",\n  "Ridley Scott"\n]');
    expect(t.metrics).toMatchObject({ stats: { read_ops: 1 } });
    expect(t.logs ?? []).toEqual([]);
  });

  it('reads the documents, with the hint, when a projected field is not covered', async () => {
    const engine = await films();
    const r = await ok(engine, 'fql10', 'Film.byDirector("Ridley Scott") { title, genre }');
    expect(r.metrics).toMatchObject({ stats: { read_ops: 3 } });
    expect(r.logs?.[0]?.split('\n')[0]).toBe(
      'performance_hint: non_covered_document_read - .genre is not covered by the Film.byDirector index. See https://docs.fauna.com/performance_hint/non_covered_document_read.',
    );
  });
});
