// Where Fauna's docs and core disagree, the result follows the core and carries a note saying so;
// Fauna's own output (text, errors, wire bodies) is unchanged.
import { describe, expect, it } from 'vitest';
import { IDENTITY_NOTE, TOKEN_DATABASE_NOTE, scanNote } from '../../../src/engine/render/notes';
import { freshEngine, ok } from '../helpers';

async function withToken() {
  const { engine } = await freshEngine();
  await ok(engine, 'fql10', 'Collection.create({ name: "Customer" })');
  await ok(engine, 'fql10', 'Customer.create({ id: "999", name: "Ada" })');
  const minted = await ok(engine, 'fql10', 'Token.create({ document: Customer.byId("999") }) { secret }');
  const secret = /secret: "([^"]+)"/.exec(minted.text)![1]!;
  return { engine, secret };
}

describe('notes on docs-versus-core differences', () => {
  it('a role-less token reading its own identity: the core denies it, and a note says the docs differ', async () => {
    const { engine, secret } = await withToken();
    const asToken = await engine.run({ lang: 'fql10', source: 'Customer.byId("999")', secret });
    expect(asToken.ok && asToken.text).toBe('Customer("999") /* permission denied */');
    expect(asToken.notes).toEqual([IDENTITY_NOTE]);
    // The same read by the admin key, or another document denied to the token: no note.
    const asAdmin = await engine.run({ lang: 'fql10', source: 'Customer.byId("999")' });
    expect(asAdmin.notes).toBeUndefined();
    const other = await engine.run({ lang: 'fql10', source: 'Customer.byId("1")', secret });
    expect(other.notes).toBeUndefined();
  });

  it('v4: Get(Identity()) as that token is `permission denied`, with the note', async () => {
    const { engine, secret } = await withToken();
    const r = await engine.run({ lang: 'fql4', source: 'Get(Identity())', secret });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('permission denied');
    expect(r.notes).toEqual([IDENTITY_NOTE]);
  });

  it('Token.create({ database }): the core has no such field, and the note names the older docs page', async () => {
    const { engine } = await withToken();
    const r = await engine.run({ lang: 'fql10', source: 'Token.create({ document: Customer.byId("999"), database: "child" })' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('constraint_failure');
    expect(r.error.summary).toContain('database: Unexpected field provided');
    expect(r.notes).toEqual([TOKEN_DATABASE_NOTE]);
    const plain = await engine.run({ lang: 'fql10', source: 'Token.create({ document: Customer.byId("999"), color: "red" })' });
    expect(plain.notes).toBeUndefined();
  });
});

describe('performance hints', () => {
  it("collection_scan in Fauna's words and span, and a note suggesting the index", async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "TestColl" })');
    const r = await ok(engine, 'fql10', "TestColl.firstWhere(.name == 'test')");
    expect(r.logs).toEqual([
      [
        'performance_hint: collection_scan - Using firstWhere() on collection TestColl can cause a read of every document. See https://docs.fauna.com/performance_hint/collection_scan.',
        'at *query*:1:20',
        '  |',
        "1 | TestColl.firstWhere(.name == 'test')",
        '  |                    ^^^^^^^^^^^^^^^^^',
        '  |',
      ].join('\n'),
    ]);
    expect(r.notes).toEqual([scanNote('firstWhere', 'TestColl')]);
  });

  it('non_covered_document_read in Fauna\'s words', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "Books", indexes: { byAuthor: { terms: [{ field: ".author" }] } } })');
    await ok(engine, 'fql10', 'Books.create({ author: "test_author", category: "fantasy" })');
    const r = await ok(engine, 'fql10', 'Books.byAuthor("test_author").map(.category)');
    expect(r.logs?.[0]?.split('\n')[0]).toBe(
      'performance_hint: non_covered_document_read - .category is not covered by the Books.byAuthor index. See https://docs.fauna.com/performance_hint/non_covered_document_read.',
    );
  });
});
