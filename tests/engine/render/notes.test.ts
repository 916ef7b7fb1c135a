// Where Fauna's docs and core disagree, the result follows the core and carries a note saying so;
// Fauna's own output (text, errors, wire bodies) is unchanged.
import { describe, expect, it } from 'vitest';
import { IDENTITY_NOTE, TOKEN_DATABASE_NOTE } from '../../../src/engine/render/notes';
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
