// Nulls remember where they were made: Fauna's `hint: Null value created here` and `trace:`
// blocks in error summaries (expected texts from Fauna's FQL2BasicSpec, FQL2ErrorRenderingSpec
// and FQL2InterpreterSpec).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import { fail, freshEngine, ok } from '../helpers';

let engine: Engine;
beforeAll(async () => {
  ({ engine } = await freshEngine());
  await ok(engine, 'fql10', `Collection.create({ name: "Person" })`);
  await ok(engine, 'fql10', `Function.create({ name: "errFunc", body: '(doc) => doc.a' })`);
  await ok(engine, 'fql10', `Function.create({ name: "eventuallyError", body: '(doc) => errFunc(doc)' })`);
});

const summary = async (q: string) => (await fail(engine, 'fql10', q)).error;

describe('null causes', () => {
  it('a null literal bound to a variable points back at the literal, with the call as trace', async () => {
    const e = await summary('let myVal = null\n[1, 2].firstWhere(v => myVal!)');
    expect(e.code).toBe('null_value');
    expect(e.summary).toBe(
      [
        'error: Null literal value',
        'at *query*:2:24',
        '  |',
        '2 | [1, 2].firstWhere(v => myVal!)',
        '  |                        ^^^^^^',
        '  |',
        'hint: Null value created here',
        'at *query*:1:13',
        '  |',
        '1 | let myVal = null',
        '  |             ^^^^',
        '  |',
        'trace:',
        '  |',
        '2 | [1, 2].firstWhere(v => myVal!)',
        '  |                  ^^^^^^^^^^^^^',
        '  |',
      ].join('\n'),
    );
  });

  it('no hint where the null is made at the error itself; the call sites still show', async () => {
    const e = await summary('[1].firstWhere(v => [1, 2].firstWhere(v => v == null!) == 3)');
    expect(e.summary).toBe(
      [
        'error: Null literal value',
        'at *query*:1:49',
        '  |',
        '1 | [1].firstWhere(v => [1, 2].firstWhere(v => v == null!) == 3)',
        '  |                                                 ^^^^^',
        '  |',
        '  |',
        '1 | [1].firstWhere(v => [1, 2].firstWhere(v => v == null!) == 3)',
        '  |                                      ^^^^^^^^^^^^^^^^^',
        '  |',
        '  |',
        '1 | [1].firstWhere(v => [1, 2].firstWhere(v => v == null!) == 3)',
        '  |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  |',
      ].join('\n'),
    );
  });

  it('a null passed through two UDFs: the error is in the UDF body, the hint in the query', async () => {
    const e = await summary('\nlet a = null\neventuallyError(a)\n');
    expect(e.code).toBe('invalid_null_access');
    expect(e.summary).toBe(
      [
        'error: Cannot access `a` on null.',
        'at *udf:errFunc*:1:14',
        '  |',
        '1 | (doc) => doc.a',
        '  |              ^',
        '  |',
        'hint: Null value created here',
        'at *query*:2:9',
        '  |',
        '2 | let a = null',
        '  |         ^^^^',
        '  |',
        'trace:',
        'at *udf:eventuallyError*:1:17',
        '  |',
        '1 | (doc) => errFunc(doc)',
        '  |                 ^^^^^',
        '  |',
        'at *query*:3:16',
        '  |',
        '3 | eventuallyError(a)',
        '  |                ^^^',
        '  |',
      ].join('\n'),
    );
  });

  it('a lambda returning null: the hint is the literal inside it', async () => {
    const e = await summary('let foo = () => null\n\nfoo()!');
    expect(e.summary).toBe(
      [
        'error: Null literal value',
        'at *query*:3:4',
        '  |',
        '3 | foo()!',
        '  |    ^^^',
        '  |',
        'hint: Null value created here',
        'at *query*:1:17',
        '  |',
        '1 | let foo = () => null',
        '  |                 ^^^^',
        '  |',
      ].join('\n'),
    );
  });

  it('missing fields, also through a variable and a ?. chain', async () => {
    expect((await summary('let foo = {}\n\nfoo.bar!')).message).toBe('Null value, due to missing field `bar`');
    const viaVar = await summary('let foo = {}\nlet bar = foo.bar\n\nbar!');
    expect(viaVar.message).toBe('Null value, due to missing field `bar`');
    expect(viaVar.summary).toContain('hint: Null value created here\nat *query*:2:15\n  |\n2 | let bar = foo.bar\n  |               ^^^\n');
    const chain = await summary('let foo = {}\n\nfoo?.bar?.baz!');
    expect(chain.code).toBe('null_value');
    expect(chain.message).toBe('Null value, due to missing field `bar`');
    expect(chain.span).toEqual({ start: 24, end: 28 });
  });

  it('empty sets and arrays, and no element found', async () => {
    const set = await summary('Person.all().first()!');
    expect(set.message).toBe('Null value, due to empty set');
    expect(set.span).toEqual({ start: 18, end: 21 });
    expect(set.summary).not.toContain('hint:');
    expect((await summary('[].first()!')).message).toBe('Null value, due to empty array');
    expect((await summary('[1].firstWhere(x => x > 1)!')).message).toBe('Null value, due to no element found');
  });

  it('a field called on a null says where the null came from', async () => {
    const e = await summary('let x = [].last()\nx.foo');
    expect(e.summary).toBe(
      [
        'error: Cannot access `foo` on null.',
        'at *query*:2:3',
        '  |',
        '2 | x.foo',
        '  |   ^^^',
        '  |',
        'hint: Null value created here',
        'at *query*:1:16',
        '  |',
        '1 | let x = [].last()',
        '  |                ^^',
        '  |',
      ].join('\n'),
    );
  });

  it('a missing document is read where it is used, and blamed there (no hint)', async () => {
    const e = await summary('let p = Person.byId("404")\np!');
    expect(e.code).toBe('document_not_found');
    expect(e.summary).toBe(
      ['error: Collection `Person` does not contain document with id 404.', 'at *query*:2:1', '  |', '2 | p!', '  | ^^', '  |'].join('\n'),
    );
    expect((await summary('Person.byId("404").name')).span).toEqual({ start: 11, end: 18 });
  });

  it('a deleted document read in a UDF: the error points at the receiver, the trace at both calls', async () => {
    const id = (await ok(engine, 'fql10', 'Person.create({}).id')).text.replace(/"/g, '');
    const e = await summary(`\nlet doc = Person.byId('${id}')!\ndoc.delete()\neventuallyError(doc)\n`);
    expect(e.summary).toBe(
      [
        `error: Collection \`Person\` does not contain document with id ${id}.`,
        'at *udf:errFunc*:1:10',
        '  |',
        '1 | (doc) => doc.a',
        '  |          ^^^',
        '  |',
        'at *udf:eventuallyError*:1:17',
        '  |',
        '1 | (doc) => errFunc(doc)',
        '  |                 ^^^^^',
        '  |',
        'at *query*:4:16',
        '  |',
        '4 | eventuallyError(doc)',
        '  |                ^^^^^',
        '  |',
      ].join('\n'),
    );
  });

  it('an operator on null: the operator does not exist on Null, and the null is pointed at', async () => {
    const e = await summary('null?.foo + 1');
    expect(e.code).toBe('invalid_function_invocation');
    expect(e.message).toBe('The function `+` does not exist on `Null`');
    expect(e.span).toEqual({ start: 10, end: 11 });
    const doc = await summary('let doc = { ok: true }\ndoc.foo + 1 > 0');
    expect(doc.summary).toBe(
      [
        'error: The function `+` does not exist on `Null`',
        'at *query*:2:9',
        '  |',
        '2 | doc.foo + 1 > 0',
        '  |         ^',
        '  |',
        'hint: Null value created here',
        '  |',
        '2 | doc.foo + 1 > 0',
        '  |     ^^^',
        '  |',
      ].join('\n'),
    );
  });

  it('null literals asserted in place have no hint', async () => {
    const e = await summary('null!');
    expect(e.summary).toBe(['error: Null literal value', 'at *query*:1:1', '  |', '1 | null!', '  | ^^^^^', '  |'].join('\n'));
  });
});

describe('traces of lazy sets (FQL2ErrorRenderingSpec)', () => {
  beforeAll(async () => {
    await ok(engine, 'fql10', `Function.create({ name: "setMap", body: '_ => [1].toSet().map(i => abort("ahhhhh"))' })`);
    await ok(engine, 'fql10', `Function.create({ name: "setWhere", body: '_ => [1].toSet().where(i => abort("ahhhhh"))' })`);
  });

  it('an error in Set.map, read after the UDF returned, keeps where the set was made', async () => {
    const e = await summary('\nsetMap(2)\n');
    expect(e.code).toBe('abort');
    expect(e.summary).toBe(
      [
        'error: Query aborted.',
        'at *udf:setMap*:1:32',
        '  |',
        '1 | _ => [1].toSet().map(i => abort("ahhhhh"))',
        '  |                                ^^^^^^^^^^',
        '  |',
        '  |',
        '1 | _ => [1].toSet().map(i => abort("ahhhhh"))',
        '  |                     ^^^^^^^^^^^^^^^^^^^^^^',
        '  |',
        'at *query*:2:7',
        '  |',
        '2 | setMap(2)',
        '  |       ^^^',
        '  |',
      ].join('\n'),
    );
  });

  it('the same for Set.where', async () => {
    const e = await summary('\nsetWhere(2)\n');
    expect(e.summary).toContain(['  |', '1 | _ => [1].toSet().where(i => abort("ahhhhh"))', '  |                       ^^^^^^^^^^^^^^^^^^^^^^', '  |', 'at *query*:2:9'].join('\n'));
  });
  // Not pinned by a spec: Fauna's interpreter keeps a null's cause inside the array or struct that
  // holds it (Value.Null carries it), and `!` fails at the access step with the hint when the
  // cause lies elsewhere (FQLInterpreter handleNullCause / QueryRuntimeFailure.NullValue).
  it('a null taken out of an array or object literal still blames the literal', async () => {
    const e = await summary('let x = [null]\nx[0]!');
    expect(e.summary).toBe(
      ['error: Null literal value', 'at *query*:2:2', '  |', '2 | x[0]!', '  |  ^^^^', '  |', 'hint: Null value created here', 'at *query*:1:10', '  |', '1 | let x = [null]', '  |          ^^^^', '  |'].join('\n'),
    );
    const o = await summary('let o = { a: null }\no.a.b');
    expect(o.code).toBe('invalid_null_access');
    expect(o.summary).toContain('hint: Null value created here\nat *query*:1:14');
  });

  it('null.toString() is "null" (FQL2ToStringSpec), any other method on null fails', async () => {
    expect((await ok(engine, 'fql10', `'foo ' + null.toString() + ' bar ' + null.toString()`)).text).toBe('"foo null bar null"');
    expect((await summary('null.foo()')).code).toBe('invalid_null_access');
  });
});
