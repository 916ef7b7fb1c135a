// The acceptance catalogue of fauna-auth-semantics §10, one test per numbered case, named
// `§10.N`. Most v4 cases 1–34 live beside the v4 evaluator's tests (tests/engine/fql4/auth.test.ts
// and roles.test.ts, under the same names), the child-database cases (12, 14, 18, 52) in
// child-databases.test.ts; this file has the v10 cases 35–57, the v4 cases that need more than
// v4 alone, the §7 error table, and a check that every number from 1 to 57 is a test somewhere.
import { readFileSync } from 'node:fs';
import { describe, expect, test, vi } from 'vitest';
import { parseSecret } from '../../../src/engine/auth/secret';
import { dumpStores } from '../helpers';
import { idIn, outcome, secretIn, world } from './world';

// Every world hashes a password (argon2id): slow when the whole suite runs at once.
vi.setConfig({ testTimeout: 30_000 });

const DENIED = 'permission_denied: Insufficient privileges to perform the action.';
const NULL_DENIED = 'null_value: Null value, due to permission denied';
const UNAUTHORIZED = 'unauthorized: Access token required';

describe('v4 cases beyond the v4 files', () => {
  test('§10.16 a token calls a role: "server" UDF returning CurrentIdentity() and CurrentToken(): the caller’s', async () => {
    const w = await world();
    await w.ok('fql4', 'CreateFunction({name: "who", role: "server", body: Query(Lambda([], [CurrentIdentity(), CurrentToken()]))})');
    await w.ok('fql4', 'CreateRole({name: "caller", membership: {resource: Collection("U")}, privileges: {resource: Function("who"), actions: {call: true}}})');
    const tok = await w.login('fql4');
    const token = await w.ok('fql4', 'CurrentToken()', tok);
    expect(await w.ok('fql4', 'Call(Function("who"))', tok)).toBe(`[ Ref(Collection("U"), "1"), ${token} ]`);
    expect(outcome(await w.err('fql4', 'Call(Function("who"))', w.keys.client))).toBe('permission denied: Insufficient privileges to perform the action.');
  });

  test('§10.27 (v4 UDFs) a create predicate calling a writing admin-role UDF denies; a read predicate calling a pure UDF allows', async () => {
    const w = await world();
    await w.ok('fql4', 'CreateFunction({name: "writes", role: "admin", body: Query(Lambda("x", Do(Create(Collection("U"), {data: {spy: true}}), true)))})');
    await w.ok('fql4', 'CreateFunction({name: "reads", body: Query(Lambda("x", Exists(Var("x"))))})');
    await w.ok(
      'fql4',
      'CreateRole({name: "p", privileges: {resource: Collection("U"), actions: {create: Query(Lambda("d", Call(Function("writes"), Var("d")))), read: Query(Lambda("r", Call(Function("reads"), Var("r"))))}}})',
    );
    const key = secretIn(await w.ok('fql4', 'CreateKey({role: Role("p")})'));
    const before = await dumpStores(w.name);
    expect(outcome(await w.err('fql4', 'Create(Collection("U"), {data: {name: "x"}})', key))).toBe('permission denied: Insufficient privileges to perform the action.');
    expect(await dumpStores(w.name)).toBe(before);
    expect(await w.ok('fql4', 'Select(["data", "name"], Get(Ref(Collection("U"), "1")))', key)).toBe("'Ann'");
  });

  test('§10.16 (v10 counterpart) a server-role UDF sees the caller’s identity and token', async () => {
    const w = await world();
    await w.ok('fql10', 'Function.create({ name: "who", role: "server", body: "() => [Query.identity()!.name, Query.token()!.id]" })');
    await w.ok('fql10', 'Role.create({ name: "caller", membership: [{ resource: "U" }], privileges: [{ resource: "who", actions: { call: true } }] })');
    const tok = await w.login();
    const tokenId = await w.ok('fql10', 'Query.token()!.id', tok);
    expect(await w.ok('fql10', 'who()', tok)).toBe(`[\n  "Ann",\n  ${tokenId}\n]`);
  });

  test('§10.18 (same-database half; the child-key half is in child-databases.test.ts) KeyFromSecret by admin, server, token', async () => {
    const w = await world();
    expect(await w.ok('fql4', `KeyFromSecret("${w.keys.client}")`, w.keys.admin)).toMatch(/^\{\n {2}ref: Ref\(Keys\(\), "\d+"\),[\s\S]*role: 'client'/);
    for (const s of [w.keys.server, w.keys.client, await w.login()]) {
      expect(outcome(await w.err('fql4', `KeyFromSecret("${w.keys.client}")`, s))).toBe(`instance not found: No key found for secret ${w.keys.client}.`);
    }
    expect(outcome(await w.err('fql4', 'KeyFromSecret("not a secret")', w.keys.admin))).toBe('instance not found: No key found for secret not a secret.');
  });

  test('§10.27 (v10 counterpart) a predicate calling a writing admin-role UDF denies; a reading UDF allows', async () => {
    const w = await world();
    await w.ok('fql10', 'Function.create({ name: "writes", role: "admin", body: "x => { U.create({ spy: true }); true }" })');
    await w.ok('fql10', 'Function.create({ name: "reads", role: "admin", body: "x => U.all().count() > 0" })');
    await w.ok('fql10', 'Role.create({ name: "p", privileges: [{ resource: "U", actions: { create: "d => writes(d)", read: "d => reads(d)" } }] })');
    const key = JSON.parse(await w.ok('fql10', 'Key.create({ role: "p" }).secret'));
    const before = await dumpStores(w.name);
    expect(outcome(await w.err('fql10', 'U.create({ name: "x" })', key))).toBe(DENIED);
    expect(await dumpStores(w.name)).toBe(before);
    expect(await w.ok('fql10', 'U.byId("1")!.name', key)).toBe('"Ann"');
  });
});

describe('v10 credentials', () => {
  test('§10.35 Credential.create shows id, coll, ts, document; login gives a working token secret', async () => {
    const w = await world();
    const made = await w.ok('fql10', 'Credential.create({ document: U.byId("2"), password: "pw2" })');
    expect(made).toMatch(/^\{\n {2}id: "\d+",\n {2}coll: Credential,\n {2}ts: Time\("[^"]+"\),\n {2}document: U\("2"\)\n\}$/);
    const token = await w.ok('fql10', 'Credentials.byDocument(U.byId("2"))!.login("pw2")');
    expect(token).toMatch(/^\{\n {2}id: "\d+",\n {2}coll: Token,\n {2}ts: Time\("[^"]+"\),\n {2}document: U\("2"\),\n {2}secret: "fnE[A-Za-z0-9_-]{48}"\n\}$/);
    expect(await w.ok('fql10', '1', secretIn(token))).toBe('1');
  });

  test('§10.36 login with a wrong password is invalid_secret', async () => {
    const w = await world();
    expect(outcome(await w.err('fql10', 'Credential.byDocument(U.byId("1"))!.login("invalid")'))).toBe('invalid_secret: Provided secret did not match.');
  });

  test('§10.37 login(pw, ttl) gives a secret that works until the ttl, then is unauthorized', async () => {
    const w = await world();
    const s = secretIn(await w.ok('fql10', 'Credential.byDocument(U.byId("1"))!.login("pw", Time.now().add(1500, "milliseconds"))'));
    expect(await w.ok('fql10', '1', s)).toBe('1');
    await new Promise((r) => setTimeout(r, 1600));
    expect(outcome(await w.err('fql10', '1', s))).toBe(UNAUTHORIZED);
  });

  test('§10.38 verify is a boolean; without read on Credential, ?.verify and ?.login are null', async () => {
    const w = await world();
    expect(await w.ok('fql10', 'Credential.byDocument(U.byId("1"))!.verify("pw")')).toBe('true');
    expect(await w.ok('fql10', 'Credential.byDocument(U.byId("1"))!.verify("invalid")')).toBe('false');
    const id = await w.ok('fql10', 'Credential.byDocument(U.byId("1"))!.id');
    await w.ok('fql10', 'Role.create({ name: "onlyU", privileges: [{ resource: "U", actions: { read: true } }] })');
    const key = JSON.parse(await w.ok('fql10', 'Key.create({ role: "onlyU" }).secret'));
    expect(await w.ok('fql10', `Credential.byId(${id})?.verify("pw")`, key)).toBe('null');
    expect(await w.ok('fql10', `Credential.byId(${id})?.login("pw")`, key)).toBe('null');
    expect(outcome(await w.err('fql10', `Credential.byId(${id})!.login("pw")`, key))).toBe(NULL_DENIED);
  });

  test('§10.39 update/replace of password and document apply at the next login; after delete login fails', async () => {
    const w = await world();
    const cred = 'Credential.byDocument(U.byId("1"))!';
    await w.ok('fql10', `${cred}.update({ password: "new" })`);
    expect(outcome(await w.err('fql10', `${cred}.login("pw")`))).toBe('invalid_secret: Provided secret did not match.');
    expect(await w.ok('fql10', `${cred}.login("new").document.id`)).toBe('"1"');
    await w.ok('fql10', `${cred}.update({ document: U.byId("2") })`);
    expect(await w.ok('fql10', 'Credential.byDocument(U.byId("2"))!.login("new").document.id')).toBe('"2"');
    await w.ok('fql10', 'Credential.byDocument(U.byId("2"))!.replace({ document: U.byId("1"), password: "third" })');
    expect(await w.ok('fql10', `${cred}.login("third").document.id`)).toBe('"1"');
    await w.ok('fql10', `${cred}.delete()`);
    expect(outcome(await w.err('fql10', `${cred}.login("third")`))).toMatch(/^document_not_found: /);
  });

  test('§10.40 an identity without credential: byDocument == null, exists() false', async () => {
    const w = await world();
    expect(await w.ok('fql10', 'Credential.byDocument(U.byId("2")) == null')).toBe('true');
    expect(await w.ok('fql10', 'Credential.byDocument(U.byId("2")).exists()')).toBe('false');
    expect(await w.ok('fql10', 'Credential.byDocument(U.byId("2"))?.login("pw")')).toBe('null');
    expect(outcome(await w.err('fql10', 'Credential.byDocument(U.byId("2"))!'))).toMatch(/^document_not_found: /);
  });

  test('§10.41 a native document as identity is a constraint_failure on document', async () => {
    const w = await world();
    const kid = await w.ok('fql10', 'Key.all().first()!.id');
    for (const coll of ['Credential', 'Token']) {
      const x = await w.err('fql10', `${coll}.create({ document: Key.byId(${kid}) })`);
      expect(x.error.code).toBe('constraint_failure');
      expect(x.failures).toEqual([{ paths: [['document']], message: 'Expected document from a user-defined collection.' }]);
    }
  });
});

describe('v10 tokens', () => {
  test('§10.42 Token.create by server/admin: secret, no hashed_secret, ttl, data; client and server-readonly denied', async () => {
    const w = await world();
    const q = 'let t = Token.create({ document: U.byId("1"), ttl: Time.now().add(1, "hour"), data: { foo: "bar" } })\n[t.secret.length, t.hashed_secret, t.ttl != null, t.data]';
    for (const s of [w.keys.server, w.keys.admin]) expect(await w.ok('fql10', q, s)).toBe('[\n  51,\n  null,\n  true,\n  {\n    foo: "bar"\n  }\n]');
    for (const s of [w.keys.client, w.keys.ro]) expect(outcome(await w.err('fql10', q, s))).toBe(DENIED);
  });

  test('§10.43 secret is readonly on create; a stored token has no secret', async () => {
    const w = await world();
    const x = await w.err('fql10', 'Token.create({ document: U.byId("1"), secret: "x" })');
    expect([x.error.code, x.failures]).toEqual(['constraint_failure', [{ paths: [['secret']], message: 'The field is readonly.' }]]);
    const id = await w.ok('fql10', 'Token.create({ document: U.byId("1") }).id');
    expect(await w.ok('fql10', `Token.byId(${id})!.secret`)).toBe('null');
  });

  test('§10.44 update/replace of document and data keep the secret; secret in a patch is a constraint_failure', async () => {
    const w = await world();
    const made = await w.ok('fql10', 'Token.create({ document: U.byId("1") })');
    const [id, s] = [idIn(made), secretIn(made)];
    await w.ok('fql10', `Token.byId("${id}")!.update({ document: U.byId("2") })`);
    // A role-less token names its identity but may not read it.
    expect(await w.ok('fql10', 'Query.identity()', s)).toBe('U("2") /* permission denied */');
    await w.ok('fql10', `Token.byId("${id}")!.replace({ document: U.byId("1") })`);
    expect(await w.ok('fql10', 'Query.identity()', s)).toBe('U("1") /* permission denied */');
    await w.ok('fql10', `Token.byId("${id}")!.update({ data: { device: "phone" } })`);
    expect(await w.ok('fql10', 'Query.token()!.data', s)).toBe('{\n  device: "phone"\n}');
    expect((await w.err('fql10', `Token.byId("${id}")!.update({ secret: "x" })`)).error.code).toBe('constraint_failure');
  });

  test('§10.45 Token.byDocument lists exactly the identity’s tokens; delete() kills the secret', async () => {
    const w = await world();
    expect(await w.ok('fql10', 'Token.byDocument(U.byId("2")).count()')).toBe('0');
    const a = await w.ok('fql10', 'Token.create({ document: U.byId("2") })');
    expect(await w.ok('fql10', 'Token.byDocument(U.byId("2")).map(.id).toArray()')).toBe(`[\n  "${idIn(a)}"\n]`);
    const b = await w.ok('fql10', 'Token.create({ document: U.byId("2") })');
    await w.login();
    expect(await w.ok('fql10', 'Token.byDocument(U.byId("2")).map(.id).toArray()')).toBe(`[\n  "${idIn(a)}",\n  "${idIn(b)}"\n]`);
    await w.ok('fql10', `Token.byId("${idIn(a)}")!.delete()`);
    expect(outcome(await w.err('fql10', '1', secretIn(a)))).toBe(UNAUTHORIZED);
    expect(await w.ok('fql10', '1', secretIn(b))).toBe('1');
  });
});

describe('v10 roles and identities', () => {
  test('§10.46 a role-less token (or @doc key) cannot read or update itself; it reads and deletes its token', async () => {
    const w = await world();
    const tok = await w.login();
    for (const s of [tok, `${w.keys.admin}:@doc/U/1`]) {
      expect(outcome(await w.err('fql10', 'U.byId("1")!', s))).toBe(NULL_DENIED);
      expect(outcome(await w.err('fql10', 'Query.identity()!', s))).toBe(NULL_DENIED);
      expect(outcome(await w.err('fql10', 'U.byId("1")!.update({})', s))).toBe(NULL_DENIED);
    }
    expect(await w.ok('fql10', 'Query.token()!.document', tok)).toBe('U("1") /* permission denied */');
    expect(outcome(await w.err('fql10', 'Query.token()!.update({ document: U.byId("2") })', tok))).toBe(DENIED);
    expect(await w.ok('fql10', 'Query.token()!.delete()', tok)).toMatch(/^Token\("\d+"\) \/\* deleted \*\/$/);
    expect(outcome(await w.err('fql10', '1', tok))).toBe(UNAUTHORIZED);
  });

  test('§10.47 membership with read on U: reads itself, no update/delete; open privileges: both', async () => {
    const w = await world();
    await w.ok('fql10', 'Role.create({ name: "self", membership: [{ resource: "U" }], privileges: [{ resource: "U", actions: { read: true } }] })');
    const tok = await w.login();
    const scoped = `${w.keys.admin}:@doc/U/1`;
    for (const s of [tok, scoped]) {
      expect(await w.ok('fql10', 'U.byId("1")!.name', s)).toBe('"Ann"');
      expect(outcome(await w.err('fql10', 'U.byId("1")!.update({})', s))).toBe(DENIED);
      expect(outcome(await w.err('fql10', 'U.byId("1")!.delete()', s))).toBe(DENIED);
    }
    expect(await w.ok('fql10', 'Query.identity()!.name', tok)).toBe('"Ann"');
    await w.ok('fql10', 'Role.byName("self")!.update({ privileges: [{ resource: "U", actions: { read: true, write: true, delete: true } }] })');
    expect(await w.ok('fql10', 'U.byId("1")!.update({ seen: true }).seen', tok)).toBe('true');
    expect(await w.ok('fql10', 'U.byId("2")!.delete()', scoped)).toBe('U("2") /* deleted */');
  });

  test('§10.48 read predicate on the identity and membership predicate on the identity’s field', async () => {
    const w = await world();
    await w.ok('fql10', 'Credential.create({ document: U.byId("2"), password: "pw2" })');
    await w.ok('fql10', 'Collection.create({ name: "Profile" })\nProfile.create({ id: "10", user: U.byId("1") })\nProfile.create({ id: "11", user: U.byId("2") })');
    await w.ok('fql10', 'Role.create({ name: "own", membership: [{ resource: "U" }], privileges: [{ resource: "Profile", actions: { read: "ref => ref.user == Query.identity()" } }] })');
    await w.ok('fql10', 'Role.create({ name: "admins", membership: [{ resource: "U", predicate: "ref => ref.isAdmin" }], privileges: [{ resource: "U", actions: { create: true } }] })');
    const ann = await w.login();
    const bob = secretIn(await w.ok('fql10', 'Credential.byDocument(U.byId("2"))!.login("pw2")'));
    expect(await w.ok('fql10', 'Profile.byId("10")!.user == Query.identity()', ann)).toBe('true');
    expect(outcome(await w.err('fql10', 'Profile.byId("11")!', ann))).toBe(NULL_DENIED);
    expect(await w.ok('fql10', 'Profile.all().map(.id).toArray()', bob)).toBe('[\n  "11"\n]');
    expect(await w.ok('fql10', 'U.create({ name: "x" }).name', ann)).toBe('"x"');
    expect(outcome(await w.err('fql10', 'U.create({ name: "y" })', bob))).toBe(DENIED);
  });

  test('§10.49 isAdmin users create U, not Book; the others Book, not U', async () => {
    const w = await world();
    await w.ok('fql10', 'Credential.create({ document: U.byId("2"), password: "pw2" })\nCollection.create({ name: "Book" })');
    await w.ok('fql10', 'Role.create({ name: "a", membership: [{ resource: "U", predicate: "user => user.isAdmin" }], privileges: [{ resource: "U", actions: { create: true } }] })');
    await w.ok('fql10', 'Role.create({ name: "n", membership: [{ resource: "U", predicate: "user => !user.isAdmin" }], privileges: [{ resource: "Book", actions: { create: true } }] })');
    const admin = await w.login();
    const normal = secretIn(await w.ok('fql10', 'Credential.byDocument(U.byId("2"))!.login("pw2")'));
    expect(await w.ok('fql10', 'U.create({}) != null', admin)).toBe('true');
    expect(outcome(await w.err('fql10', 'Book.create({})', admin))).toBe(DENIED);
    expect(await w.ok('fql10', 'Book.create({}) != null', normal)).toBe('true');
    expect(outcome(await w.err('fql10', 'U.create({})', normal))).toBe(DENIED);
  });
});

describe('v10 keys', () => {
  test('§10.50 only admin creates keys: id, coll, role, data, secret; later no secret, ttl kept', async () => {
    const w = await world();
    for (const s of [w.keys.client, w.keys.server, w.keys.ro]) expect(outcome(await w.err('fql10', 'Key.create({ role: "admin" })', s))).toBe(DENIED);
    const made = await w.ok('fql10', 'Key.create({ role: "client", data: { foo: "bar" }, ttl: Time.now().add(1, "hour") })', w.keys.admin);
    expect(made).toMatch(/^\{\n {2}id: "\d+",\n {2}coll: Key,\n {2}ts: Time\("[^"]+"\),\n {2}ttl: Time\("[^"]+"\),\n {2}role: "client",\n {2}data: \{\n {4}foo: "bar"\n {2}\},\n {2}secret: "fnA[A-Za-z0-9_-]{37}"\n\}$/);
    expect(await w.ok('fql10', '1', secretIn(made))).toBe('1');
    expect(await w.ok('fql10', `let k = Key.byId("${idIn(made)}")!\n[k.secret, k.ttl != null]`)).toBe('[\n  null,\n  true\n]');
  });

  test('§10.51 Collection.create: client and server-readonly denied, server and admin allowed; a create predicate allows Foo only', async () => {
    const w = await world();
    for (const s of [w.keys.client, w.keys.ro]) expect(outcome(await w.err('fql10', 'Collection.create({ name: "A" })', s))).toBe(DENIED);
    expect(await w.ok('fql10', 'Collection.create({ name: "S" }).name', w.keys.server)).toBe('"S"');
    expect(await w.ok('fql10', 'Collection.create({ name: "A" }).name', w.keys.admin)).toBe('"A"');
    await w.ok('fql10', 'Role.create({ name: "foo", privileges: [{ resource: "Collection", actions: { create: "data => \\"Foo\\" == data.name" } }] })');
    const key = JSON.parse(await w.ok('fql10', 'Key.create({ role: "foo" }).secret'));
    expect(outcome(await w.err('fql10', 'Collection.create({ name: "Bar" })', key))).toBe(DENIED);
    expect(await w.ok('fql10', 'Collection.create({ name: "Foo" }).name', key)).toBe('"Foo"');
  });

  test('§10.52 (same-database half; the database half is in child-databases.test.ts) update({role}) upgrades the live secret; delete() kills it', async () => {
    const w = await world();
    const made = await w.ok('fql10', 'Key.create({ role: "server" })');
    const [id, s] = [idIn(made), secretIn(made)];
    expect(outcome(await w.err('fql10', 'Key.create({ role: "client" })', s))).toBe(DENIED);
    expect(await w.ok('fql10', `Key.byId("${id}")!.update({ role: "admin" }).role`)).toBe('"admin"');
    expect(await w.ok('fql10', 'Key.create({ role: "client" }).role', s)).toBe('"client"');
    await w.ok('fql10', `Key.byId("${id}")!.update({ role: "server" })`);
    expect(outcome(await w.err('fql10', 'Key.create({ role: "client" })', s))).toBe(DENIED);
    await w.ok('fql10', `Key.byId("${id}")!.delete()`);
    expect(outcome(await w.err('fql10', '1', s))).toBe(UNAUTHORIZED);
  });

  test('§10.53 unknown role is a constraint_failure; a used role cannot be deleted; renaming it renames key.role', async () => {
    const w = await world();
    const bad = await w.err('fql10', 'Key.create({ role: "foobar" })');
    expect([bad.error.code, bad.error.message, bad.failures]).toEqual([
      'constraint_failure',
      'Failed to create Key.',
      [{ paths: [['role']], message: 'Field refers to an unknown role name `foobar`.' }],
    ]);
    await w.ok('fql10', 'Role.create({ name: "aRole", privileges: { resource: "Collection", actions: { create: true } } })');
    const id = idIn(await w.ok('fql10', 'Key.create({ role: "aRole" })'));
    const before = await dumpStores(w.name);
    const del = await w.err('fql10', 'Role.byName("aRole")!.delete()');
    expect([del.error.code, del.error.message, del.failures]).toEqual([
      'constraint_failure',
      'Failed to delete Role `aRole`.',
      [{ paths: [['name']], message: `The key \`${id}\` refers to this document by its previous identifier \`aRole\`.` }],
    ]);
    expect(await dumpStores(w.name)).toBe(before);
    await w.ok('fql10', 'Role.byName("aRole")!.update({ name: "anotherRole" })');
    expect(await w.ok('fql10', `Key.byId("${id}")!.role`)).toBe('"anotherRole"');
    expect(await w.ok('fql10', 'Role.byName("aRole") == null')).toBe('true');
  });

  test('§10.54 a secret that is not one is unauthorized (401)', async () => {
    const w = await world();
    const x = await w.err('fql10', '1', 'notanauth');
    expect([x.error.code, x.error.message, x.error.httpStatus]).toEqual(['unauthorized', 'Access token required', 401]);
  });

  test('§10.55 short-lambda predicates: (.readable) gates reads; (.canCall) membership gates call for @doc users', async () => {
    const w = await world();
    await w.ok('fql10', 'Collection.create({ name: "User" })\nUser.create({ id: "0", readable: true, canCall: true })\nUser.create({ id: "1", readable: false, canCall: false })');
    await w.ok('fql10', 'Role.create({ name: "myRole", privileges: [{ resource: "User", actions: { read: "(.readable)" } }] })');
    const key = JSON.parse(await w.ok('fql10', 'Key.create({ role: "myRole" }).secret'));
    expect(await w.ok('fql10', 'User.all().map(.id).toArray()', key)).toBe('[\n  "0"\n]');
    await w.ok('fql10', 'Function.create({ name: "hello", body: "() => \\"hi\\"" })');
    await w.ok('fql10', 'Role.create({ name: "callers", membership: [{ resource: "User", predicate: "(.canCall)" }], privileges: [{ resource: "hello", actions: { call: true } }] })');
    expect(await w.ok('fql10', 'hello()', `${w.keys.admin}:@doc/User/0`)).toBe('"hi"');
    expect(outcome(await w.err('fql10', 'hello()', `${w.keys.admin}:@doc/User/1`))).toBe(DENIED);
  });

  test('§10.56 a v4 role and a v10 role with the same membership both apply to one token', async () => {
    const w = await world();
    await w.ok('fql10', 'Collection.create({ name: "Book" })\nBook.create({ id: "7", title: "Dune" })');
    await w.ok('fql4', 'CreateRole({name: "v4role", membership: {resource: Collection("U")}, privileges: {resource: Collection("Book"), actions: {read: true}}})');
    await w.ok('fql10', 'Role.create({ name: "v10role", membership: [{ resource: "U" }], privileges: [{ resource: "U", actions: { read: true } }] })');
    const tok = await w.login();
    expect(await w.ok('fql10', '[Book.byId("7")!.title, U.byId("2")!.name]', tok)).toBe('[\n  "Dune",\n  "Bob"\n]');
    expect(await w.ok('fql4', 'Select(["data", "title"], Get(Ref(Collection("Book"), "7")))', tok)).toBe("'Dune'");
  });

  test('§10.57 secrets decode to 126,113 + token id (seed 000) and 126,112 + key id', async () => {
    const seed = parseSecret('fnEETMA7ijACAARMwDsk0AYAu4E51VmH1w-Xm7qk8T6eJcbinkI')!;
    expect(seed).toMatchObject({ kind: 'token', id: '309833836335727104' });
    const w = await world();
    const made = await w.ok('fql10', 'Key.create({ role: "server" })');
    expect(parseSecret(secretIn(made))).toMatchObject({ kind: 'key', id: idIn(made) });
    const tokenText = await w.ok('fql10', 'Token.create({ document: U.byId("1") })');
    expect(parseSecret(secretIn(tokenText))).toMatchObject({ kind: 'token', id: idIn(tokenText) });
  });
});

describe('§7 error table, both languages', () => {
  test('§7 bad, expired or deleted secret, identity gone: unauthorized 401 before evaluation', async () => {
    const w = await world();
    await w.ok('fql10', 'Credential.create({ document: U.byId("2"), password: "pw2" })');
    const gone = secretIn(await w.ok('fql10', 'Credential.byDocument(U.byId("2"))!.login("pw2")'));
    const expired = secretIn(await w.ok('fql10', 'Credential.byDocument(U.byId("1"))!.login("pw", Time("2000-01-01T00:00:00Z"))'));
    const deleted = await w.login();
    await w.ok('fql10', 'U.byId("2")!.delete()');
    await w.ok('fql10', 'Query.token()!.delete()', deleted);
    for (const s of ['notanauth', gone, expired, deleted]) {
      expect(outcome(await w.err('fql10', '1', s))).toBe(UNAUTHORIZED);
      expect(outcome(await w.err('fql4', '1', s))).toBe('unauthorized: Unauthorized');
      expect((await w.err('fql4', '1', s)).error.httpStatus).toBe(401);
    }
  });

  test('§7 wrong or missing password, no credential: v4 authentication failed (400), v10 invalid_secret', async () => {
    const w = await world();
    const x = await w.err('fql4', 'Login(Ref(Collection("U"), "1"), {password: "no"})');
    expect([outcome(x), x.error.httpStatus]).toEqual(['authentication failed: The document was not found or provided password was incorrect.', 400]);
    expect(outcome(await w.err('fql10', 'Credential.byDocument(U.byId("1"))!.login("no")'))).toBe('invalid_secret: Provided secret did not match.');
  });

  test('§7 v10 login through a missing credential: document_not_found with !, null with ?.', async () => {
    const w = await world();
    expect((await w.err('fql10', 'Credential.byDocument(U.byId("2"))!.login("pw")')).error.code).toBe('document_not_found');
    expect(await w.ok('fql10', 'Credential.byDocument(U.byId("2"))?.login("pw")')).toBe('null');
  });

  test('§7 identity asked with a key: v4 missing identity (400); v10 null, ! is null_value', async () => {
    const w = await world();
    expect(outcome(await w.err('fql4', 'CurrentIdentity()', w.keys.server))).toBe('missing identity: Authentication does not contain an identity');
    expect(await w.ok('fql10', 'Query.identity()', w.keys.server)).toBe('null');
    expect((await w.err('fql10', 'Query.identity()!', w.keys.server)).error.code).toBe('null_value');
  });

  test('§7 no key document behind the secret: v4 invalid token (400); v10 Query.token() null', async () => {
    const w = await world();
    expect(outcome(await w.err('fql4', 'CurrentToken()'))).toBe('invalid token: Token metadata is not accessible.');
    expect(await w.ok('fql10', 'Query.token()', w.keys.admin)).toBe('null');
  });

  test('§7 insufficient privilege: v4 permission denied (403), v10 permission_denied', async () => {
    const w = await world();
    const x = await w.err('fql4', 'Create(Collection("U"), {data: {}})', w.keys.ro);
    expect([outcome(x), x.error.httpStatus]).toEqual(['permission denied: Insufficient privileges to perform the action.', 403]);
    expect(outcome(await w.err('fql10', 'U.create({})', w.keys.ro))).toBe(DENIED);
  });

  test('§7 dereferencing an unreadable document: v4 permission denied, v10 null_value', async () => {
    const w = await world();
    expect(outcome(await w.err('fql4', 'Get(Ref(Collection("U"), "1"))', w.keys.client))).toBe('permission denied: Insufficient privileges to perform the action.');
    expect(outcome(await w.err('fql10', 'U.byId("1")!', w.keys.client))).toBe(NULL_DENIED);
  });

  test('§7 KeyFromSecret miss: instance not found (404)', async () => {
    const w = await world();
    const x = await w.err('fql4', 'KeyFromSecret("fnAnothing")', w.keys.admin);
    expect([outcome(x), x.error.httpStatus]).toEqual(['instance not found: No key found for secret fnAnothing.', 404]);
  });

  test('§7 wrong argument type: v4 invalid argument, v10 invalid_argument', async () => {
    const w = await world();
    expect(outcome(await w.err('fql4', 'Logout("yes")'))).toBe('invalid argument: Boolean expected, String provided.');
    expect(outcome(await w.err('fql10', 'Credential.byDocument(U.byId("1"))!.login(1)'))).toBe('invalid_argument: invalid argument `secret`: expected String, received Int');
  });

  test('§7 second credential: v4 instance not unique, v10 constraint_failure', async () => {
    const w = await world();
    expect((await w.err('fql4', 'Create(Credentials(), {instance: Ref(Collection("U"), "1"), password: "x"})')).error.code).toBe('instance not unique');
    expect((await w.err('fql10', 'Credential.create({ document: U.byId("1"), password: "x" })')).error.code).toBe('constraint_failure');
  });

  test('§7 writing secret: v4 validation failed, v10 constraint_failure', async () => {
    const w = await world();
    const ref = `Ref(Keys(), "${idIn(await w.ok('fql4', 'CreateKey({role: "client"})'))}")`;
    expect((await w.err('fql4', `Update(${ref}, {secret: "x"})`)).error.code).toBe('validation failed');
    const kid = await w.ok('fql10', 'Key.all().first()!.id');
    expect((await w.err('fql10', `Key.byId(${kid})!.update({ secret: "x" })`)).error.code).toBe('constraint_failure');
  });

  test('§7 unknown role on a key: v4 validation failed, v10 constraint_failure', async () => {
    const w = await world();
    expect((await w.err('fql4', 'CreateKey({role: "foo"})')).error.code).toBe('validation failed');
    expect((await w.err('fql10', 'Key.create({ role: "foo" })')).error.code).toBe('constraint_failure');
  });
});

describe('the catalogue is complete', () => {
  test('every case 1–57 of §10 is a test (or a todo) named §10.N', () => {
    const files = ['catalogue', 'child-databases'].map((f) => `tests/engine/auth/${f}.test.ts`).concat(['tests/engine/fql4/auth.test.ts', 'tests/engine/fql4/roles.test.ts']);
    const names = new Set<number>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/test(?:\.todo)?\(['"`]§10\.(\d+)|it\(['"`]§10\.(\d+)/g)) names.add(Number(m[1] ?? m[2]));
    const missing = Array.from({ length: 57 }, (_, i) => i + 1).filter((n) => !names.has(n));
    expect(missing).toEqual([]);
  });
});
