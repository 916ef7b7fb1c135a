// v10 syntax beyond the seeds: projection, heredocs, short lambdas in projections.
import { describe, expect, it } from 'vitest';
import { freshEngine, ok } from '../helpers';

const j = (text: string) => text.replace(/\s+/g, ' ');

describe('projection', () => {
  it('picks fields of a document, nested objects and aliases', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "P" })\nP.create({ id: "1", name: "Ann", address: { city: "Paris", zip: "75" }, age: 3 })');
    expect(j((await ok(engine, 'fql10', 'P.byId("1") { name, address { city }, years: .age * 2 }')).text)).toBe(
      '{ name: "Ann", address: { city: "Paris" }, years: 6 }',
    );
    expect(j((await ok(engine, 'fql10', 'P.all() { id, name }')).text)).toBe('{ data: [ { id: "1", name: "Ann" } ] }');
    expect(j((await ok(engine, 'fql10', '[{ a: 1, b: 2 }] { a }')).text)).toBe('[ { a: 1 } ]');
    expect((await ok(engine, 'fql10', 'P.byId("2") { name }')).text).toBe('null');
    expect(j((await ok(engine, 'fql10', '{ a: 1, b: 2 } { * }')).text)).toBe('{ a: 1, b: 2 }');
  });
});

describe('heredocs', () => {
  it('strip the common indentation and end with a newline', async () => {
    const { engine } = await freshEngine();
    const r = await ok(engine, 'fql10', 'let s = <<-END\n    one\n      two\n  END\ns');
    expect(r.text).toBe('<<-END\n  one\n    two\nEND');
    expect((await ok(engine, 'fql10', 'let x = 5\n<<+END\n  x is #{x}\nEND')).text).toBe('<<-END\n  x is 5\nEND');
    expect((await ok(engine, 'fql10', '<<-END\n  #{x}\nEND')).text).toBe('<<-END\n  #{x}\nEND');
  });
});

describe('user-defined functions', () => {
  it('are created with a lambda body and called by name', async () => {
    const { engine } = await freshEngine();
    const made = await ok(engine, 'fql10', 'Function.create({ name: "double", body: "x => x * 2" })');
    expect(j(made.text)).toMatch(/^\{ name: "double", coll: Function, ts: Time\("[^"]+"\), body: "x => x \* 2" \}$/);
    expect((await ok(engine, 'fql10', 'double(21)')).text).toBe('42');
    expect(j((await ok(engine, 'fql10', 'Function.byName("double")')).text)).toMatch(/body: "x => x \* 2"/);
  });

  it('reject a body that is not a function, and a taken name', async () => {
    const { engine } = await freshEngine();
    const { fail } = await import('../helpers');
    expect((await fail(engine, 'fql10', 'Function.create({ name: "f", body: "1 + 1" })')).error.code).toBe('constraint_failure');
    await ok(engine, 'fql10', 'Collection.create({ name: "Taken" })');
    expect((await fail(engine, 'fql10', 'Function.create({ name: "Taken", body: "x => x" })')).error.code).toBe('constraint_failure');
  });
});

describe('streams', () => {
  it('say plainly that they are not supported offline', async () => {
    const { engine } = await freshEngine();
    const { fail } = await import('../helpers');
    await ok(engine, 'fql10', 'Collection.create({ name: "S" })');
    const r = await fail(engine, 'fql10', 'S.all().eventSource()');
    expect(r.error).toMatchObject({ code: 'disabled_feature', message: 'Event streams and feeds are not supported offline.' });
  });
});

describe('isa', () => {
  it('tests types and collections', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "C" })\nC.create({ id: "1" })');
    const t = async (q: string) => (await ok(engine, 'fql10', q)).text;
    expect(await t('[1 isa Int, 1 isa Number, 1.5 isa Double, "a" isa String, null isa Null, 1 isa String]')).toBe(
      '[\n  true,\n  true,\n  true,\n  true,\n  true,\n  false\n]',
    );
    expect(await t('C.byId("1")! isa C')).toBe('true');
  });
});

describe('databases', () => {
  it('are created, listed by name and deleted by the admin', async () => {
    const { engine } = await freshEngine();
    expect(j((await ok(engine, 'fql10', 'Database.create({ name: "child" })')).text)).toMatch(/^\{ name: "child", coll: Database, ts: Time\("[^"]+"\), global_id: "\d+" \}$/);
    expect(j((await ok(engine, 'fql10', 'Database.all().paginate(1000).data { name }')).text)).toBe('[ { name: "child" } ]');
    expect((await ok(engine, 'fql10', 'Database.byName("child")!.delete()')).text).toBe('Database.byName("child") /* deleted */');
  });
});

describe('null assertions', () => {
  it('say why the value is null, as Fauna does', async () => {
    const { engine } = await freshEngine();
    const { fail } = await import('../helpers');
    const lit = await fail(engine, 'fql10', 'null!');
    expect(lit.error).toMatchObject({ code: 'null_value', message: 'Null literal value' });
    const field = await fail(engine, 'fql10', '{ a: 1 }.b!');
    expect(field.error).toMatchObject({ code: 'null_value', message: 'Null value, due to missing field `b`' });
    expect(field.error.summary).toContain('1 | { a: 1 }.b!\n  |          ^^');
  });
});
