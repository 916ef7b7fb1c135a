// v10 calling functions written in v4, and v4 indexes seen from v10. Expected values from Fauna's
// ext/api/src/test/scala/fql2/FQL2UserFunctionSpec.scala ("FQL4 UDF", "FQLX calling FQL4") and
// FQL2ValueDecoratedSpec / FQLCollectionSchemaHooksSpec (v4 indexes are legacy indexes, apart
// from a collection's own `indexes`).
import { describe, expect, it } from 'vitest';
import { fail, freshEngine, ok } from '../helpers';

describe('v4 functions called from v10', () => {
  it('runs the body, adapting arity as Fauna does', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql4', 'CreateFunction({ name: "legacy_udf", body: Query(Lambda([], 10)) })');
    await ok(engine, 'fql4', 'CreateFunction({ name: "udf1", body: Query(Lambda(["x"], Var("x"))) })');
    await ok(engine, 'fql4', 'CreateFunction({ name: "udf2", body: Query(Lambda("x", Var("x"))) })');
    await ok(engine, 'fql4', 'CreateFunction({ name: "udf3", body: Query(Lambda(["x", "y"], [Var("x"), Var("y")])) })');
    expect((await ok(engine, 'fql10', 'legacy_udf()')).text).toBe('10');
    const r = await ok(engine, 'fql10', '[udf1(1), udf1([1, 2]), udf2(1), udf2([1, 2]), udf3(1, 2)]');
    expect(JSON.parse(r.json.simple!)).toEqual([1, [1, 2], 1, [1, 2], [1, 2]]);
  });

  it('refuses a wrong arity with the v10 error at the argument list', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql4', 'CreateFunction({ name: "empty_params", body: Query(Lambda([], 10)) })');
    await ok(engine, 'fql4', 'CreateFunction({ name: "one_argument_string", body: Query(Lambda("x", 10)) })');
    const e0 = (await fail(engine, 'fql10', 'empty_params(10)')).error;
    expect(e0.code).toBe('invalid_function_invocation');
    expect(e0.summary).toBe(
      ['error: callee function expects no arguments, but 1 was provided.', 'at *query*:1:13', '  |', '1 | empty_params(10)', '  |             ^^^^', '  |'].join('\n'),
    );
    const e2 = (await fail(engine, 'fql10', 'one_argument_string(10, 20)')).error;
    expect(e2.summary).toBe(
      [
        'error: callee function expects exactly 1 argument, but 2 were provided.',
        'at *query*:1:20',
        '  |',
        '1 | one_argument_string(10, 20)',
        '  |                    ^^^^^^^^',
        '  |',
      ].join('\n'),
    );
  });

  it('turns Abort into abort and refuses v10 functions as arguments', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql4', 'CreateFunction({ name: "legacy_udf", body: Query(Lambda(["arg"], Abort("some message"))) })');
    const a = (await fail(engine, 'fql10', 'legacy_udf(10)')).error;
    expect(a.code).toBe('abort');
    expect(a.summary).toBe(['error: Query aborted.', 'at *query*:1:11', '  |', '1 | legacy_udf(10)', '  |           ^^^^', '  |'].join('\n'));
    const l = (await fail(engine, 'fql10', 'legacy_udf(.name)')).error;
    expect(l.code).toBe('invalid_argument');
    expect(l.summary).toBe(
      [
        'error: Invalid argument for `arg`. FQL v4 does not support `Lambda` values.',
        'at *query*:1:11',
        '  |',
        '1 | legacy_udf(.name)',
        '  |           ^^^^^^^',
        '  |',
      ].join('\n'),
    );
  });

  it('returns v4 documents and collections as v10 ones, and shows a v4 body as a function', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', "Collection.create({ name: 'Book' })");
    await ok(engine, 'fql4', 'CreateFunction({ name: "mkBook", body: Query(Lambda("n", Create(Collection("Book"), { data: { name: Var("n") } }))) })');
    await ok(engine, 'fql4', 'CreateFunction({ name: "MyCreateCollection", body: Query(Lambda(["x"], CreateCollection({ name: Var("x") }))) })');
    const book = JSON.parse((await ok(engine, 'fql10', "mkBook('foo')")).json.simple!);
    expect(book.name).toBe('foo');
    expect(book.id).toBeTruthy();
    expect(book.ts).toBeTruthy();
    const coll = JSON.parse((await ok(engine, 'fql10', 'MyCreateCollection("MyCollection1")')).json.simple!);
    expect([coll.name, coll.coll]).toEqual(['MyCollection1', 'Collection']);
    const def = JSON.parse((await ok(engine, 'fql10', 'mkBook.definition')).json.simple!);
    expect([def.coll, def.body, def.name]).toEqual(['Function', '[function <lambda>]', 'mkBook']);
  });
});

describe('v4 indexes from v10', () => {
  it('are not in the collection definition, nor methods of the collection', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "Book" })');
    await ok(engine, 'fql4', 'CreateIndex({ name: "books_by_author", source: Collection("Book"), terms: [{ field: ["data", "author"] }], values: [{ field: ["ref"] }] })');
    expect((await ok(engine, 'fql10', 'Book.definition.indexes')).text).toBe('{}');
    expect((await fail(engine, 'fql10', 'Book.books_by_author("x")')).error.message).toBe('The function `books_by_author` does not exist on `Book`');
    await ok(engine, 'fql10', 'Book.definition.update({ indexes: { books_by_author: null } })');
    expect((await ok(engine, 'fql4', 'Paginate(Match(Index("books_by_author"), "x"))')).text).toBe('{ data: [] }');
  });
});
