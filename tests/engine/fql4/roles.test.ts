// FQL v4 authorization through the engine: the identity baseline, CreateRole with static and
// `Query(Lambda(…))` predicates (evaluated with v4's arguments: refs, data), Update/Replace/
// Delete under each principal, credentials, and v4 roles seen from v10 (fauna-auth-semantics §5,
// §10 v4 items 17, 19–27, 31). Denied operations write nothing.
import { describe, expect, it, vi } from 'vitest';
import type { Engine, Executed } from '../../../src/engine/engine';
import { dumpStores, freshEngine } from '../helpers';

// Every world hashes a few passwords (argon2id): slow when the whole suite runs at once.
vi.setConfig({ testTimeout: 30_000 });

const U1 = 'Ref(Collection("users"), "1")';
const U2 = 'Ref(Collection("users"), "2")';

const secretOf = (text: string) => /secret: '(fn[A-Za-z0-9_-]+)'/.exec(text)![1]!;
const idOf = (text: string) => /ref: Ref\([A-Za-z]+\(\), "(\d+)"\)/.exec(text)![1]!;

async function exec(engine: Engine, source: string, secret?: string, lang: 'fql4' | 'fql10' = 'fql4'): Promise<Executed> {
  return engine.execute({ lang, source, ...(secret !== undefined ? { secret } : {}) } as Parameters<Engine['execute']>[0]);
}

async function ok(engine: Engine, source: string, secret?: string): Promise<string> {
  const x = await exec(engine, source, secret);
  if (!x.ok) throw new Error(`${source} failed: ${x.error.code}: ${x.error.message}`);
  return (x as Extract<Executed, { ok: true; lang: 'fql4' }>).output.text;
}

async function err(engine: Engine, source: string, secret?: string) {
  const x = await exec(engine, source, secret);
  if (x.ok) throw new Error(`${source} succeeded`);
  return [x.error.code, x.error.message, x.position ?? [], x.error.httpStatus];
}

const DENIED: unknown[] = ['permission denied', 'Insufficient privileges to perform the action.', [], 403];
const DENIED_CREATE: unknown[] = ['permission denied', 'Insufficient privileges to perform the action.', ['create'], 403];

/** users 1 (Ann, admin) and 2 (Bob), both with passwords; profiles 10 (Ann's) and 11 (Bob's). */
async function world() {
  const { engine, name } = await freshEngine();
  await ok(engine, 'Do(CreateCollection({name: "users"}), CreateCollection({name: "profiles"}))');
  await ok(engine, `Create(${U1}, {data: {name: "Ann", admin: true}, credentials: {password: "pw1"}})`);
  await ok(engine, `Create(${U2}, {data: {name: "Bob", admin: false}, credentials: {password: "pw2"}})`);
  await ok(engine, `Create(Ref(Collection("profiles"), "10"), {data: {user: ${U1}}})`);
  await ok(engine, `Create(Ref(Collection("profiles"), "11"), {data: {user: ${U2}}})`);
  const server = secretOf(await ok(engine, 'CreateKey({role: "server"})'));
  const login = async (user: string, pw: string) => secretOf(await ok(engine, `Login(${user}, {password: "${pw}"})`, server));
  return { engine, name, server, ann: () => login(U1, 'pw1'), bob: () => login(U2, 'pw2') };
}

/** Runs `source` as `secret`, expects `expected` and that the store did not change. */
async function deniedWithoutWrites(engine: Engine, name: string, source: string, secret: string, expected: unknown[] = DENIED) {
  const before = await dumpStores(name);
  expect(await err(engine, source, secret)).toEqual(expected);
  expect(await dumpStores(name)).toBe(before);
}

describe('the identity baseline (role-less tokens)', () => {
  it('§10.19: a token may not edit itself (move to another identity)', async () => {
    const { engine, name, ann } = await world();
    const tok = await ann();
    const id = idOf(await ok(engine, 'Get(Ref("tokens/self"))', tok));
    await deniedWithoutWrites(engine, name, `Update(Ref(Tokens(), "${id}"), {instance: ${U2}})`, tok);
  });

  it('§10.21: reads tokens/self and credentials/self, deletes its token; no token or credential writes', async () => {
    const { engine, name, ann } = await world();
    const tok = await ann();
    expect(await ok(engine, 'Get(Ref("tokens/self"))', tok)).toMatch(/instance: Ref\(Collection\("users"\), "1"\)/);
    const cred = await ok(engine, 'Get(Ref("credentials/self"))', tok);
    expect(cred).toMatch(/^\{\n {2}ref: Ref\(Credentials\(\), "\d+"\),\n {2}ts: \d+,\n {2}instance: Ref\(Collection\("users"\), "1"\),\n {2}hashed_password: '\$argon2id\$/);
    expect(await err(engine, `Get(${U1})`, tok)).toEqual(DENIED);
    await deniedWithoutWrites(engine, name, `Create(Tokens(), {instance: ${U1}})`, tok, DENIED_CREATE);
    await deniedWithoutWrites(engine, name, `Create(Credentials(), {instance: ${U2}, password: "x"})`, tok, DENIED_CREATE);
    await deniedWithoutWrites(engine, name, `Delete(Ref(Credentials(), "${idOf(cred)}"))`, tok);
    await deniedWithoutWrites(engine, name, `Update(${U1}, {data: {name: "Eve"}})`, tok);
    expect(await ok(engine, 'Delete(Ref("tokens/self"))', tok)).toContain('ref: Ref(Tokens()');
    expect((await exec(engine, '1', tok)).ok).toBe(false);
  });

  it("§10.22: a server key changes a password and tokens survive; a token cannot touch another's credentials", async () => {
    const { engine, name, server, ann } = await world();
    const tok = await ann();
    const credId = idOf(await ok(engine, 'Get(Ref("credentials/self"))', tok));
    await ok(engine, `Update(Ref(Credentials(), "${credId}"), {password: "new"})`, server);
    expect(await ok(engine, 'Identity()', tok)).toBe(U1);
    expect(await ok(engine, `Identify(${U1}, "new")`, server)).toBe('true');
    await deniedWithoutWrites(engine, name, `Update(${U2}, {credentials: {password: "sekrit"}})`, tok);
    await deniedWithoutWrites(engine, name, `Update(${U2}, {credentials: null})`, tok);
    expect(await ok(engine, `Identify(${U2}, "pw2")`, server)).toBe('true');
  });

  it('§10.22b: others than server keys need current_password to change a password on the credential itself', async () => {
    const { engine, server, ann } = await world();
    const credId = idOf(await ok(engine, 'Get(Ref("credentials/self"))', await ann()));
    const ref = `Ref(Credentials(), "${credId}")`;
    expect(await err(engine, `Update(${ref}, {password: "x"})`)).toEqual(['validation failed', 'document data is not valid.', [], 400]);
    await ok(engine, `Update(${ref}, {password: "x", current_password: "pw1"})`);
    expect(await ok(engine, `Identify(${U1}, "x")`, server)).toBe('true');
    // The document's own `credentials` field sets it outright, with the writer's rights on the document.
    await ok(engine, `Update(${U1}, {credentials: {password: "y"}})`);
    expect(await ok(engine, `Identify(${U1}, "y")`, server)).toBe('true');
    expect(await ok(engine, `Get(${U1})`)).not.toContain('credentials');
  });
});

describe('CreateRole', () => {
  it('shows Query(Lambda(…)) predicates as the shell prints them, and Get(Role()) reads them back', async () => {
    const { engine } = await world();
    const role =
      'CreateRole({name: "reader", membership: {resource: Collection("users")}, privileges: [{resource: Collection("profiles"), ' +
      'actions: {read: Query(Lambda("ref", Equals(Identity(), Select(["data", "user"], Get(Var("ref"))))))}}]})';
    const made = await ok(engine, role);
    expect(made).toContain('ref: Role("reader")');
    expect(made).toContain('read: Query(Lambda("ref", Equals(Identity(), Select(["data", "user"], Get(Var("ref"))))))');
    expect(await ok(engine, 'Get(Role("reader"))')).toBe(made);
    expect(await err(engine, 'Get(Role("nope"))')).toEqual(['invalid ref', "Ref refers to undefined role 'nope'", ['get'], 400]);
    expect(await err(engine, 'CreateRole({name: "reader"})')).toEqual(['instance already exists', 'Role already exists.', ['create_role'], 400]);
    expect(await err(engine, 'CreateRole({name: "server"})')).toEqual(['validation failed', 'document data is not valid.', ['create_role'], 400]);
  });

  it('only admin keys create roles; a lambda that is not closed is a parse error', async () => {
    const { engine, name, server } = await world();
    await deniedWithoutWrites(engine, name, 'CreateRole({name: "x"})', server, [...DENIED.slice(0, 2), ['create_role'], 403]);
    expect(await err(engine, 'Let({a: 1}, CreateRole({name: "x", membership: {resource: Collection("users"), predicate: Query(Lambda("r", Var("a")))}}))')).toEqual([
      'invalid expression',
      "Variable 'a' is not defined.",
      ['in', 'create_role', 'object', 'membership', 'object', 'predicate', 'query', 'expr'],
      400,
    ]);
  });

  it('§10.20: a role whose privilege has no actions grants nothing, for a token and a @doc key', async () => {
    const { engine, name, ann } = await world();
    await ok(engine, 'CreateRole({name: "none", membership: {resource: Collection("users")}, privileges: {resource: Collection("users")}})');
    const admin = secretOf(await ok(engine, 'CreateKey({role: "admin"})'));
    for (const secret of [await ann(), `${admin}:@doc/users/1`]) {
      expect(await err(engine, `Get(${U1})`, secret)).toEqual(DENIED);
      await deniedWithoutWrites(engine, name, `Update(${U1}, {data: {x: 1}})`, secret);
      await deniedWithoutWrites(engine, name, `Delete(${U1})`, secret);
    }
  });

  it('§10.23: a membership predicate on data.admin: only the admin user may create users', async () => {
    const { engine, name, ann, bob } = await world();
    await ok(
      engine,
      'CreateRole({name: "admins", membership: {resource: Collection("users"), predicate: Query(Lambda("ref", Select(["data", "admin"], Get(Var("ref")))))}, privileges: {resource: Collection("users"), actions: {create: true, read: true, write: true, delete: true}}})',
    );
    await deniedWithoutWrites(engine, name, 'Create(Collection("users"), {data: {name: "x"}})', await bob(), DENIED_CREATE);
    const x = await exec(engine, 'Create(Collection("users"), {data: {name: "x"}})', await ann());
    expect(x.ok && x.lang === 'fql4' && x.output.created).toBe(true);
  });

  it('§10.24: a read predicate on the identity: each user reads only their own profile', async () => {
    const { engine, ann, bob } = await world();
    await ok(
      engine,
      'CreateRole({name: "profiles", membership: [{resource: Collection("users")}], privileges: [{resource: Collection("profiles"), actions: {read: Query(Lambda("ref", Equals(Identity(), Select(["data", "user"], Get(Var("ref"))))))}}]})',
    );
    const [a, b] = [await ann(), await bob()];
    expect(await ok(engine, 'Select(["data", "user"], Get(Ref(Collection("profiles"), "10")))', a)).toBe(U1);
    expect(await err(engine, 'Get(Ref(Collection("profiles"), "11"))', a)).toEqual(DENIED);
    expect(await ok(engine, 'Select(["data", "user"], Get(Ref(Collection("profiles"), "11")))', b)).toBe(U2);
    expect(await ok(engine, 'Exists(Ref(Collection("profiles"), "10"))', b)).toBe('false');
  });

  it('§10.17: predicates may use CurrentIdentity(), HasCurrentIdentity() and CurrentToken()', async () => {
    const { engine, ann, bob } = await world();
    const a = await ann();
    const tokRef = `Ref(Tokens(), "${idOf(await ok(engine, 'Get(Ref("tokens/self"))', a))}")`;
    await ok(engine, `CreateRole({name: "bytoken", membership: {resource: Collection("users"), predicate: Query(Lambda("ref", Equals(CurrentToken(), ${tokRef})))}, privileges: {resource: Collection("profiles"), actions: {create: true}}})`);
    await ok(engine, 'CreateRole({name: "byidentity", membership: {resource: Collection("users")}, privileges: {resource: Collection("users"), actions: {create: Query(Lambda("data", And(HasCurrentIdentity(), Equals(CurrentIdentity(), Select(["data", "by"], Var("data"))))))}}})');
    expect((await exec(engine, 'Create(Collection("profiles"), {})', a)).ok).toBe(true);
    expect(await err(engine, 'Create(Collection("profiles"), {})', await ann())).toEqual(DENIED_CREATE);
    expect((await exec(engine, `Create(Collection("users"), {data: {by: ${U1}}})`, a)).ok).toBe(true);
    expect(await err(engine, `Create(Collection("users"), {data: {by: ${U1}}})`, await bob())).toEqual(DENIED_CREATE);
  });

  it('write predicates get (old data, new data[, ref]); create_with_id gets the ref too', async () => {
    const { engine, name } = await world();
    await ok(
      engine,
      'CreateRole({name: "w", privileges: {resource: Collection("users"), actions: {write: Query(Lambda(["old", "new", "ref"], And(Equals(Var("ref"), Ref(Collection("users"), "1")), Not(Select(["data", "admin"], Var("new"), false))))), create_with_id: Query(Lambda(["data", "ref"], Equals(Select("id", Var("ref")), "7")))}}})',
    );
    const key = secretOf(await ok(engine, 'CreateKey({role: Role("w")})'));
    expect(await ok(engine, `Select(["data", "admin"], Update(${U1}, {data: {admin: false}}))`, key)).toBe('false');
    await deniedWithoutWrites(engine, name, `Update(${U1}, {data: {admin: true}})`, key);
    await deniedWithoutWrites(engine, name, `Update(${U2}, {data: {admin: false}})`, key);
    expect((await exec(engine, 'Create(Ref(Collection("users"), "7"), {})', key)).ok).toBe(true);
    await deniedWithoutWrites(engine, name, 'Create(Ref(Collection("users"), "8"), {})', key, DENIED_CREATE);
  });

  it('§10.25: at most 64 roles name one collection in their membership', async () => {
    const { engine } = await world();
    const role = (n: string) => `CreateRole({name: "${n}", membership: {resource: Collection("users")}, privileges: {resource: Collection("users"), actions: {read: true}}})`;
    await ok(engine, `Do(${Array.from({ length: 64 }, (_, i) => role(`r${i}`)).join(', ')})`);
    expect(await err(engine, role('exceeding'))).toEqual(['validation failed', 'document data is not valid.', ['create_role'], 400]);
    await ok(engine, 'Delete(Role("r0"))');
    expect(await ok(engine, role('exceeding'))).toContain('ref: Role("exceeding")');
  });

  it('§10.26: a role without privileges still makes a working key', async () => {
    const { engine } = await world();
    await ok(engine, 'CreateRole({name: "aRole"})');
    const made = await ok(engine, 'CreateKey({role: Role("aRole")})');
    expect(made).toContain('role: Role("aRole")');
    const key = secretOf(made);
    expect(await ok(engine, '"works"', key)).toBe("'works'");
    await ok(engine, `Update(Ref(Keys(), "${idOf(made)}"), {data: {note: "kept its role"}})`);
    expect(await ok(engine, `Select("role", Get(Ref(Keys(), "${idOf(made)}")))`)).toBe('Role("aRole")');
    expect(await err(engine, 'Get(CurrentToken())', key)).toEqual(DENIED);
  });

  it('§10.27 (without UDFs): predicates are read-only — one that writes grants nothing, a reading one works', async () => {
    const { engine, name } = await world();
    await ok(
      engine,
      'CreateRole({name: "p", privileges: {resource: Collection("profiles"), actions: {read: Query(Lambda("ref", Exists(Var("ref")))), create: Query(Lambda("data", Do(Create(Collection("users"), {}), true)))}}})',
    );
    const key = secretOf(await ok(engine, 'CreateKey({role: Role("p")})'));
    expect(await ok(engine, 'Exists(Ref(Collection("profiles"), "10"))', key)).toBe('true');
    await deniedWithoutWrites(engine, name, 'Create(Collection("profiles"), {})', key, DENIED_CREATE);
  });

  it('§10.31: a server key scoped to a document reads nothing else until a role grants it', async () => {
    const { engine, server } = await world();
    const scoped = `${server}:@doc/users/1`;
    expect(await ok(engine, `Exists(${U2})`, scoped)).toBe('false');
    await ok(engine, 'CreateRole({name: "readers", membership: {resource: Collection("users")}, privileges: {resource: Collection("users"), actions: {read: true}}})');
    expect(await ok(engine, `Exists(${U2})`, scoped)).toBe('true');
  });
});

describe('built-in roles on documents', () => {
  it('server-readonly and client keys: reads (server-readonly only), no writes, nothing written', async () => {
    const { engine, name } = await world();
    const ro = secretOf(await ok(engine, 'CreateKey({role: "server-readonly"})'));
    const client = secretOf(await ok(engine, 'CreateKey({role: "client"})'));
    expect(await ok(engine, `Select(["data", "name"], Get(${U1}))`, ro)).toBe("'Ann'");
    expect(await err(engine, `Get(${U1})`, client)).toEqual(DENIED);
    expect(await ok(engine, 'Equals(1, 1)', client)).toBe('true');
    for (const secret of [ro, client]) {
      await deniedWithoutWrites(engine, name, `Update(${U1}, {data: {name: "x"}})`, secret);
      await deniedWithoutWrites(engine, name, `Replace(${U1}, {data: {name: "x"}})`, secret);
      await deniedWithoutWrites(engine, name, `Delete(${U1})`, secret);
      await deniedWithoutWrites(engine, name, 'Create(Collection("users"), {})', secret, DENIED_CREATE);
      await deniedWithoutWrites(engine, name, 'CreateCollection({name: "more"})', secret, [...DENIED.slice(0, 2), ['create_collection'], 403]);
    }
  });

  it('Update merges, Replace replaces, Delete returns the last version; missing documents are not found', async () => {
    const { engine, server } = await world();
    expect(await ok(engine, `Update(${U1}, {data: {name: "Anne", admin: null}})`, server)).toMatch(/data: \{ name: 'Anne' \}/);
    expect(await ok(engine, `Replace(${U1}, {data: {nick: "A"}})`, server)).toMatch(/data: \{ nick: 'A' \}\n\}$/);
    expect(await ok(engine, `Delete(${U2})`, server)).toMatch(/data: \{ name: 'Bob', admin: false \}/);
    expect(await err(engine, `Update(${U2}, {data: {}})`, server)).toEqual(['instance not found', 'Document not found.', ['update'], 404]);
    expect(await err(engine, `Delete(${U2})`, server)).toEqual(['instance not found', 'Document not found.', [], 404]);
    // Deleting an identity leaves its credential: Login still mints (useless) tokens (§0.7).
    expect(await ok(engine, `Identify(${U2}, "pw2")`, server)).toBe('true');
  });
});

describe('v4 and v10 roles together', () => {
  it('a v10 predicate text given to CreateRole is evaluated by v10 for a v4 query', async () => {
    const { engine, ann, bob } = await world();
    await ok(engine, 'CreateRole({name: "v10", membership: {resource: Collection("users"), predicate: "u => u.admin"}, privileges: {resource: Collection("profiles"), actions: {read: true}}})');
    expect(await ok(engine, 'Select(["data", "user"], Get(Ref(Collection("profiles"), "11")))', await ann())).toBe(U2);
    expect(await err(engine, 'Get(Ref(Collection("profiles"), "11"))', await bob())).toEqual(DENIED);
  });

  it('a v4 Query(Lambda) predicate applies to v10 queries too, with v4 arguments', async () => {
    const { engine, ann } = await world();
    await ok(
      engine,
      'CreateRole({name: "own", membership: {resource: Collection("users")}, privileges: {resource: Collection("profiles"), actions: {read: Query(Lambda("ref", Equals(CurrentIdentity(), Select(["data", "user"], Get(Var("ref"))))))}}})',
    );
    const x = await exec(engine, 'profiles.all().map(.id).toArray()', await ann(), 'fql10');
    expect(x.ok && x.lang === 'fql10' && x.value).toEqual(['10']);
  });
});
