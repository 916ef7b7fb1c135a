import { describe, expect, it } from 'vitest';
import { dumpStores, fail, freshEngine, ok } from '../helpers';

async function seeded() {
  const { engine, name } = await freshEngine();
  await ok(engine, 'fql10', 'Collection.create({ name: "Customer" })');
  await ok(engine, 'fql10', 'Customer.create({ id: "999", name: "John", big: 9007199254740993, at: Time("2099-01-01T00:00:00Z") })');
  await ok(engine, 'fql10', 'Credential.create({ document: Customer.byId("999"), password: "sekret" })');
  const login = await ok(engine, 'fql10', 'Credential.byDocument(Customer.byId("999"))!.login("sekret")');
  return { engine, name, secret: /"(fn[^"]+)"/.exec(login.text)![1]! };
}

describe('export and import', () => {
  it('round-trips every record into another database, keeping hashes and no secret', async () => {
    const a = await seeded();
    const file = await a.engine.exportData();
    const text = JSON.stringify(file);
    expect(text).not.toContain('sekret');
    expect(text).not.toContain(a.secret);
    expect(text).toContain('$argon2id$');

    const b = await freshEngine();
    await b.engine.importData(JSON.parse(text));
    expect((await ok(b.engine, 'fql10', 'Customer.byId("999")!.big')).text).toBe('9007199254740993');
    expect((await ok(b.engine, 'fql10', 'Credential.byDocument(Customer.byId("999"))!.verify("sekret")')).text).toBe('true');
    const ov = await b.engine.overview();
    expect(ov.collections).toEqual([expect.objectContaining({ name: 'Customer', documents: 1, firstIds: ['999'] })]);
    expect(ov.credentials).toHaveLength(1);
    expect(ov.tokens).toEqual([expect.objectContaining({ document: 'Customer/999' })]);
  });

  it('rejects a bad file with a clear error and changes nothing', async () => {
    const a = await seeded();
    const before = await dumpStores(a.name);
    const file = JSON.parse(JSON.stringify(await a.engine.exportData()));
    const bad = [
      null,
      { format: 'something else' },
      { ...file, version: 99 },
      { ...file, docs: [{ ...file.docs[0], coll: 'Nope' }] },
      { ...file, docs: [...file.docs, file.docs[0]] },
      { ...file, docs: file.docs.map((d: { coll: string }) => (d.coll === 'Token' ? { ...d, hashedSecret: 'plain' } : d)) },
    ];
    for (const f of bad) await expect(a.engine.importData(f)).rejects.toThrow(/^Invalid export file/);
    expect(await dumpStores(a.name)).toBe(before);
    await fail(a.engine, 'fql10', 'Nope.byId("1")');
  });
});

describe('overview', () => {
  it('lists indexes, keys (no secret), roles, functions and databases', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "U", indexes: { byName: { terms: [{ field: ".name" }] } } })');
    await ok(engine, 'fql10', 'Key.create({ role: "server" })\nRole.create({ name: "r" })\nFunction.create({ name: "f", body: "x => x" })\nDatabase.create({ name: "child" })');
    const ov = await engine.overview();
    expect(ov.collections[0]).toMatchObject({ name: 'U', indexes: ['byName'] });
    expect(ov.keys).toEqual([{ id: expect.stringMatching(/^\d+$/), role: 'server' }]);
    expect(ov).toMatchObject({ roles: ['r'], functions: ['f'], databases: ['child'] });
    expect(JSON.stringify(ov)).not.toMatch(/fn[A-Za-z0-9_-]{30}|hashed/);
  });
});
