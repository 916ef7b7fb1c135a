// Child databases (fauna-auth-semantics §1.4, §8; §10 cases 12, 14, 18 and 52): each child is
// a store of its own, entered by a key stored in its parent with `database`, by a token minted in
// it, or by an admin key's `secret:child[:role]` path.
import { describe, expect, test, vi } from 'vitest';
import { dumpStores, freshEngine } from '../helpers';
import { exec, idIn, outcome, secretIn, world } from './world';

vi.setConfig({ testTimeout: 30_000 });

const UNAUTHORIZED_V4 = 'unauthorized: Unauthorized';
const UNAUTHORIZED = 'unauthorized: Access token required';

/** The root world plus databases "child" and "other", and an admin key stored in the root for "child". */
async function family() {
  const w = await world();
  await w.ok('fql10', 'Database.create({ name: "child" })\nDatabase.create({ name: "other" })');
  const made = await w.ok('fql10', 'Key.create({ role: "admin", database: "child" })');
  return { ...w, childKey: { id: idIn(made), secret: secretIn(made), text: made } };
}

describe('child databases', () => {
  test('§10.52 a key with database opens only that child; update({database}) re-targets it, update({role}) changes its rights, delete() kills it', async () => {
    const w = await family();
    expect(w.childKey.text).toMatch(/\n {2}role: "admin",\n {2}database: "child",\n {2}secret: "fnA/);
    const child = w.childKey.secret;
    expect(await w.ok('fql10', 'Collection.create({ name: "Inside" }).name', child)).toBe('"Inside"');
    expect(await w.ok('fql10', 'Inside.create({ id: "1", x: 1 }).x', child)).toBe('1');
    // The root does not see the child's collection, and the child does not see the root's.
    expect(await w.ok('fql10', 'Collection.byName("Inside") == null')).toBe('true');
    expect(await w.ok('fql10', 'Collection.byName("U") == null', child)).toBe('true');
    expect(await w.ok('fql10', 'Inside.byId("1")!.x', child)).toBe('1');
    await w.ok('fql10', `Key.byId("${w.childKey.id}")!.update({ database: "other" })`);
    expect(await w.ok('fql10', 'Collection.byName("Inside") == null', child)).toBe('true');
    await w.ok('fql10', `Key.byId("${w.childKey.id}")!.update({ database: "child", role: "server" })`);
    expect(await w.ok('fql10', 'Inside.byId("1")!.x', child)).toBe('1');
    expect(outcome(await w.err('fql10', 'Key.create({ role: "client" })', child))).toBe('permission_denied: Insufficient privileges to perform the action.');
    await w.ok('fql10', `Key.byId("${w.childKey.id}")!.delete()`);
    expect(outcome(await w.err('fql10', '1', child))).toBe(UNAUTHORIZED);
    const bad = await w.err('fql10', 'Key.create({ role: "admin", database: "nope" })');
    expect([bad.error.code, bad.failures]).toEqual(['constraint_failure', [{ paths: [['database']], message: 'Field refers to an unknown database name `nope`.' }]]);
  });

  test('§10.12 deleting a database kills its token secrets; a new database of the same name revives nothing', async () => {
    const w = await family();
    const child = w.childKey.secret;
    await w.ok('fql10', 'Collection.create({ name: "users" })\nusers.create({ id: "1" })\nCredential.create({ document: users.byId("1"), password: "pw" })', child);
    const tok = secretIn(await w.ok('fql4', 'Login(Ref(Collection("users"), "1"), {password: "pw"})', child));
    expect(await w.ok('fql4', 'Identity()', tok)).toBe('Ref(Collection("users"), "1")');
    // A root token does not open the child: a token opens only its own database.
    const rootTok = await w.login('fql4');
    expect(outcome(await w.err('fql4', 'Get(Ref(Collection("users"), "1"))', rootTok))).toMatch(/^(invalid ref|permission denied|instance not found)/);
    await w.ok('fql10', 'Database.byName("child")!.delete()');
    expect(outcome(await w.err('fql4', 'Identity()', tok))).toBe(UNAUTHORIZED_V4);
    expect(outcome(await w.err('fql4', '1', child))).toBe(UNAUTHORIZED_V4);
    await w.ok('fql10', 'Database.create({ name: "child" })');
    expect(outcome(await w.err('fql4', 'Identity()', tok))).toBe(UNAUTHORIZED_V4);
    expect(outcome(await w.err('fql4', '1', child))).toBe(UNAUTHORIZED_V4);
  });

  test('§10.14 a root-stored key used on its child: CurrentToken() is invalid token, HasCurrentToken() false', async () => {
    const w = await family();
    const x = await w.err('fql4', 'CurrentToken()', w.childKey.secret);
    expect([outcome(x), x.error.httpStatus]).toEqual(['invalid token: Token metadata is not accessible.', 400]);
    expect(await w.ok('fql4', 'HasCurrentToken()', w.childKey.secret)).toBe('false');
    expect(await w.ok('fql10', 'Query.token()', w.childKey.secret)).toBe('null');
    // A key made inside the child is a document there: CurrentToken() shows it.
    const inner = secretIn(await w.ok('fql10', 'Key.create({ role: "server" })', w.childKey.secret));
    expect(await w.ok('fql4', 'CurrentToken()', inner)).toMatch(/^Ref\(Keys\(\), "\d+"\)$/);
  });

  test('§10.18 KeyFromSecret(child key): the root admin sees it; the root server key, the child’s keys and non-secrets do not', async () => {
    const w = await family();
    const s = w.childKey.secret;
    expect(await w.ok('fql4', `KeyFromSecret("${s}")`, w.keys.admin)).toMatch(/^\{\n {2}ref: Ref\(Keys\(\), "\d+"\),[\s\S]*role: 'admin'/);
    const inner = secretIn(await w.ok('fql10', 'Key.create({ role: "admin" })', s));
    for (const by of [w.keys.server, s, inner]) {
      expect(outcome(await w.err('fql4', `KeyFromSecret("${s}")`, by))).toBe(`instance not found: No key found for secret ${s}.`);
    }
    expect(outcome(await w.err('fql4', 'KeyFromSecret("not a secret")', w.keys.admin))).toBe('instance not found: No key found for secret not a secret.');
  });

  test('§10.14 in v4 alone: CreateDatabase, CreateKey({database: Database(…)}), CurrentToken() invalid token; Delete(Database) kills the key', async () => {
    const w = await world();
    expect(await w.ok('fql4', 'CreateDatabase({name: "kid"})')).toMatch(/^\{\n {2}ref: Database\("kid"\),\n {2}ts: \d+,\n {2}name: 'kid',\n {2}global_id: '\d+'\n\}$/);
    const made = await w.ok('fql4', 'CreateKey({role: "admin", database: Database("kid")})');
    expect(made).toMatch(/\n {2}role: 'admin',\n {2}database: Database\("kid"\),\n {2}secret: 'fnA/);
    const kid = secretIn(made);
    expect(outcome(await w.err('fql4', 'CurrentToken()', kid))).toBe('invalid token: Token metadata is not accessible.');
    expect(await w.ok('fql4', 'Select("name", CreateCollection({name: "inner"}))', kid)).toBe("'inner'");
    expect(outcome(await w.err('fql4', 'Get(Collection("inner"))'))).toMatch(/^invalid ref/);
    expect(await w.ok('fql4', 'Select("ref", Get(Ref(Keys(), "' + idIn(made) + '")))')).toMatch(/^Ref\(Keys\(\), "\d+"\)$/);
    expect(outcome(await w.err('fql4', 'CreateKey({role: "admin", database: Database("nope")})'))).toBe('validation failed: document data is not valid.');
    await w.ok('fql4', 'Delete(Database("kid"))');
    expect(outcome(await w.err('fql4', '1', kid))).toBe(UNAUTHORIZED_V4);
    expect(outcome(await w.err('fql4', 'CreateDatabase({name: "x"})', w.keys.server))).toBe('permission denied: Insufficient privileges to perform the action.');
  });

  test('v4 Update/Replace of a database keep its global_id (its store); Update of a key re-targets its database', async () => {
    const w = await world();
    const id = /global_id: '(\d+)'/.exec(await w.ok('fql4', 'CreateDatabase({name: "kid"})'))![1];
    await w.ok('fql4', 'CreateDatabase({name: "other"})');
    const made = await w.ok('fql4', 'CreateKey({role: "admin", database: Database("kid")})');
    const [ref, kid] = [`Ref(Keys(), "${idIn(made)}")`, secretIn(made)];
    await w.ok('fql4', 'CreateCollection({name: "inner"})', kid);
    expect(await w.ok('fql4', 'Update(Database("kid"), {data: {x: 1}})')).toBe(`{\n  ref: Database("kid"),\n  ts: ${/ts: (\d+)/.exec(await w.ok('fql4', 'Get(Database("kid"))'))![1]},\n  name: 'kid',\n  global_id: '${id}',\n  data: { x: 1 }\n}`);
    await w.ok('fql4', 'Replace(Database("kid"), {data: {y: 2}})');
    expect(await w.ok('fql4', 'Select("global_id", Get(Database("kid")))')).toBe(`'${id}'`);
    expect(await w.ok('fql4', 'Select("name", Get(Collection("inner")))', kid)).toBe("'inner'");
    await w.ok('fql4', `Update(${ref}, {database: Database("other")})`);
    expect(outcome(await w.err('fql4', 'Get(Collection("inner"))', kid))).toMatch(/^invalid ref/);
    expect(await w.ok('fql4', `Select("database", Get(${ref}))`)).toBe('Database("other")');
    expect(outcome(await w.err('fql4', `Update(${ref}, {database: Database("nope")})`))).toBe('validation failed: document data is not valid.');
  });

  test('admin keys descend by path (secret:child, secret:child:role); other keys, unknown paths and deeper paths are unauthorized', async () => {
    const w = await family();
    await w.ok('fql10', 'Collection.create({ name: "Inside" })', w.childKey.secret);
    expect(await w.ok('fql10', 'Collection.byName("Inside") != null', `${w.keys.admin}:child`)).toBe('true');
    expect(await w.ok('fql10', 'Collection.byName("Inside") != null', `${w.keys.admin}:child:server`)).toBe('true');
    expect(outcome(await w.err('fql10', 'Key.create({ role: "client" })', `${w.keys.admin}:child:server`))).toBe('permission_denied: Insufficient privileges to perform the action.');
    for (const s of [`${w.keys.server}:child`, `${w.keys.admin}:nope`, `${w.keys.admin}:child/deeper`, `${w.childKey.secret}:child`]) {
      expect(outcome(await w.err('fql10', '1', s))).toBe(UNAUTHORIZED);
    }
  });

  test('export carries each child’s store; import restores it (the child key works again), a bad child file changes nothing', async () => {
    const w = await family();
    await w.ok('fql10', 'Collection.create({ name: "Inside" })\nInside.create({ id: "1", x: 42 })', w.childKey.secret);
    const file = await w.engine.exportData();
    expect(Object.keys(file.children ?? {})).toHaveLength(2); // "child" and "other"
    const { engine: copy, name } = await freshEngine();
    await copy.importData(file);
    const x = await exec(copy, 'fql10', 'Inside.byId("1")!.x', w.childKey.secret);
    expect(x.ok && outcome(x)).toBe('42');
    const before = await dumpStores(name);
    const id = Object.keys(file.children!)[0]!;
    const bad = { ...file, children: { ...file.children, [id]: { ...file.children![id]!, docs: [{ coll: 'Nope', id: '1' }] } } };
    await expect(copy.importData(bad)).rejects.toThrow(/Invalid export file/);
    expect(await dumpStores(name)).toBe(before);
    const y = await exec(copy, 'fql10', 'Inside.byId("1")!.x', w.childKey.secret);
    expect(y.ok && outcome(y)).toBe('42');
  });

  test('a refused query in a child writes nothing in either store', async () => {
    const w = await family();
    const ro = secretIn(await w.ok('fql10', 'Key.create({ role: "server-readonly" })', w.childKey.secret));
    await w.ok('fql10', 'Collection.create({ name: "Inside" })', w.childKey.secret);
    const root = await dumpStores(w.name);
    expect(outcome(await w.err('fql10', 'Inside.create({})', ro))).toBe('permission_denied: Insufficient privileges to perform the action.');
    expect(await w.ok('fql10', 'Inside.all().count()', w.childKey.secret)).toBe('0');
    expect(await dumpStores(w.name)).toBe(root);
  });
});
