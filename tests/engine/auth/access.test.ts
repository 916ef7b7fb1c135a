// Secrets, keys, roles and what each principal may do (fauna-auth-semantics §1, §4, §5, §10).
import { describe, expect, it } from 'vitest';
import { dumpStores, fail, freshEngine, ok } from '../helpers';
import type { Engine } from '../../../src/engine';

async function world() {
  const { engine, name } = await freshEngine();
  await ok(engine, 'fql10', 'Collection.create({ name: "User" })\nCollection.create({ name: "Book" })');
  await ok(engine, 'fql10', 'User.create({ id: "1", name: "Ann", isAdmin: true })\nUser.create({ id: "2", name: "Bob", isAdmin: false })');
  await ok(engine, 'fql10', 'Book.create({ id: "10", owner: User.byId("1") })\nBook.create({ id: "11", owner: User.byId("2") })');
  await ok(engine, 'fql10', 'Credential.create({ document: User.byId("1"), password: "pw1" })\nCredential.create({ document: User.byId("2"), password: "pw2" })');
  return { engine, name };
}

const secretOf = (text: string) => /secret: "(fn[A-Za-z0-9_-]+)"/.exec(text)![1]!;
const as = (engine: Engine, secret: string, source: string) => engine.run({ lang: 'fql10', source, secret });
const txt = async (engine: Engine, secret: string, source: string) => {
  const r = await as(engine, secret, source);
  return r.ok ? r.text : r.error.code;
};

describe('authentication', () => {
  it('a token secret from login() runs queries as its identity', async () => {
    const { engine } = await world();
    const secret = secretOf((await ok(engine, 'fql10', 'Credential.byDocument(User.byId("1"))!.login("pw1")')).text);
    const r = await as(engine, secret, '1 + 1');
    expect(r).toMatchObject({ ok: true, text: '2' });
    expect(r.principal).toMatch(/^token \d+ of User\("1"\)$/);
    expect((await as(engine, secret, 'Query.identity()')).ok).toBe(true);
  });

  it('a bad, deleted or expired secret is unauthorized and runs nothing', async () => {
    const { engine, name } = await world();
    const secret = secretOf((await ok(engine, 'fql10', 'Credential.byDocument(User.byId("1"))!.login("pw1")')).text);
    const before = await dumpStores(name);
    for (const s of ['notanauth', secret.slice(0, -2) + 'xx', `${secret}x`]) {
      const r = await as(engine, s, 'User.create({ x: 1 })');
      expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'Access token required', httpStatus: 401 } });
    }
    expect(await dumpStores(name)).toBe(before);
    const expiring = secretOf((await ok(engine, 'fql10', 'Credential.byDocument(User.byId("1"))!.login("pw1", Time("2000-01-01T00:00:00Z"))')).text);
    expect((await as(engine, expiring, '1')).ok).toBe(false);
  });

  it('deleting the identity kills its tokens', async () => {
    const { engine } = await world();
    const secret = secretOf((await ok(engine, 'fql10', 'Credential.byDocument(User.byId("2"))!.login("pw2")')).text);
    expect((await as(engine, secret, '1')).ok).toBe(true);
    await ok(engine, 'fql10', 'User.byId("2")!.delete()');
    expect((await as(engine, secret, '1')).ok).toBe(false);
  });
});

describe('keys', () => {
  it('Key.create shows the secret once; the key runs with its role', async () => {
    const { engine } = await world();
    const made = await ok(engine, 'fql10', 'Key.create({ role: "server-readonly" })');
    expect(made.text).toMatch(/coll: Key,[\s\S]*role: "server-readonly",\n  secret: "fnA/);
    const secret = secretOf(made.text);
    const id = /id: "(\d+)"/.exec(made.text)![1];
    expect((await ok(engine, 'fql10', `Key.byId("${id}")`)).text).not.toContain('secret');
    expect(await txt(engine, secret, 'User.byId("1")!.name')).toBe('"Ann"');
    const w = await as(engine, secret, 'User.create({ name: "x" })');
    expect(w).toMatchObject({ ok: false, error: { code: 'permission_denied', message: 'Insufficient privileges to perform the action.' } });
  });

  it('only admin may create keys; a client key can only compute', async () => {
    const { engine } = await world();
    const server = secretOf((await ok(engine, 'fql10', 'Key.create({ role: "server" })')).text);
    expect(await as(engine, server, 'Key.create({ role: "admin" })')).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
    const client = secretOf((await ok(engine, 'fql10', 'Key.create({ role: "client" })')).text);
    expect(await as(engine, client, '2 * 21')).toMatchObject({ ok: true, text: '42' });
    expect(await txt(engine, client, 'User.byId("1")')).toBe('User("1") /* permission denied */');
    expect((await fail(engine, 'fql10', 'Key.create({ role: "foobar" })')).error.code).toBe('constraint_failure');
  });
});

describe('roles', () => {
  it('a role-less token reads its own token and credential, nothing else', async () => {
    const { engine } = await world();
    const secret = secretOf((await ok(engine, 'fql10', 'Credential.byDocument(User.byId("2"))!.login("pw2")')).text);
    expect(await txt(engine, secret, 'Query.token() != null')).toBe('true');
    expect(await txt(engine, secret, 'User.byId("2")')).toBe('User("2") /* permission denied */');
    expect(await txt(engine, secret, 'Book.all().count()')).toBe('0');
    expect(await as(engine, secret, 'Token.create({ document: User.byId("2") })')).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
  });

  it('membership predicates pick the identity; privilege predicates filter documents', async () => {
    const { engine } = await world();
    await ok(
      engine,
      'fql10',
      `Role.create({
  name: "reader",
  membership: [{ resource: "User" }],
  privileges: [
    { resource: "Book", actions: { read: "book => book.owner == Query.identity()" } },
    { resource: "User", actions: { read: true } }
  ]
})`,
    );
    await ok(
      engine,
      'fql10',
      'Role.create({ name: "creator", membership: [{ resource: "User", predicate: "u => u.isAdmin" }], privileges: [{ resource: "Book", actions: { create: true } }] })',
    );
    const ann = secretOf((await ok(engine, 'fql10', 'Credential.byDocument(User.byId("1"))!.login("pw1")')).text);
    const bob = secretOf((await ok(engine, 'fql10', 'Credential.byDocument(User.byId("2"))!.login("pw2")')).text);
    const text = async (s: string, q: string) => {
      const r = await as(engine, s, q);
      return r.ok ? r.text : r.error.code;
    };
    expect(await text(ann, 'Book.all().map(.id).toArray()')).toBe('[\n  "10"\n]');
    expect(await text(bob, 'Book.all().map(.id).toArray()')).toBe('[\n  "11"\n]');
    expect(await text(ann, 'Book.byId("11")')).toBe('Book("11") /* permission denied */');
    expect(await text(ann, 'User.byId("2")!.name')).toBe('"Bob"');
    expect(await text(ann, 'Book.create({ owner: Query.identity() }).id == null')).toBe('false');
    expect(await text(bob, 'Book.create({ owner: Query.identity() })')).toBe('permission_denied');
  });

  it('a UDF with a server role lets a client key log users in (the docs pattern)', async () => {
    const { engine } = await world();
    await ok(engine, 'fql10', 'Function.create({ name: "signIn", role: "server", body: "(id, pw) => Credential.byDocument(User.byId(id))!.login(pw)" })');
    await ok(engine, 'fql10', 'Role.create({ name: "public", privileges: [{ resource: "signIn", actions: { call: true } }] })');
    const pub = secretOf((await ok(engine, 'fql10', 'Key.create({ role: "public" })')).text);
    const r = await as(engine, pub, 'signIn("1", "pw1")');
    expect(r.ok && r.text).toMatch(/coll: Token,[\s\S]*document: User\("1"\),\n  secret: "fnE/);
    expect(await as(engine, pub, 'Credential.byDocument(User.byId("1"))?.login("pw1")')).toMatchObject({ ok: true, text: 'null' });
  });
});
