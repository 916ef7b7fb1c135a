// FQL v4 authentication through the engine, with secrets: Login, Identify, Logout, tokens,
// keys, identity functions, KeyFromSecret, scoped secrets (fauna-auth-semantics §3, §10 v4
// items; each test is named §10.N after its item; tests/engine/auth/catalogue.test.ts has the
// rest and checks that every item is somewhere).
import { describe, expect, it, vi } from 'vitest';
import type { Engine, Executed } from '../../../src/engine/engine';
import { dumpStores, freshEngine } from '../helpers';

// Every world hashes a few passwords (argon2id): slow when the whole suite runs at once.
vi.setConfig({ testTimeout: 30_000 });

const U1 = 'Ref(Collection("users"), "1")';
const U2 = 'Ref(Collection("users"), "2")';

const secretOf = (text: string) => /secret: '(fn[A-Za-z0-9_-]+)'/.exec(text)![1]!;
const idOf = (text: string) => /ref: Ref\([A-Za-z]+\(\), "(\d+)"\)/.exec(text)![1]!;

async function exec(engine: Engine, source: string, secret?: string): Promise<Executed> {
  return engine.execute({ lang: 'fql4', source, ...(secret !== undefined ? { secret } : {}) });
}

/** The shell text of a query that must succeed. */
async function ok(engine: Engine, source: string, secret?: string): Promise<string> {
  const x = await exec(engine, source, secret);
  if (!x.ok) throw new Error(`${source} failed: ${x.error.code}: ${x.error.message}`);
  return (x as Extract<Executed, { ok: true; lang: 'fql4' }>).output.text;
}

/** [code, description, position, HTTP status] of a query that must fail. */
async function err(engine: Engine, source: string, secret?: string) {
  const x = await exec(engine, source, secret);
  if (x.ok) throw new Error(`${source} succeeded`);
  return [x.error.code, x.error.message, x.position ?? [], x.error.httpStatus];
}

const DENIED: unknown[] = ['permission denied', 'Insufficient privileges to perform the action.', [], 403];
const UNAUTHORIZED: unknown[] = ['unauthorized', 'Unauthorized', [], 401];

/** users/1 has password "pw"; users/2 has no credential; keys of every built-in role. */
async function world() {
  const { engine, name } = await freshEngine();
  await ok(engine, 'CreateCollection({name: "users"})');
  await ok(engine, `Create(${U1}, {data: {name: "Ann"}, credentials: {password: "pw"}})`);
  await ok(engine, `Create(${U2}, {data: {name: "Bob"}})`);
  const key = async (role: string) => secretOf(await ok(engine, `CreateKey({role: "${role}"})`));
  const keys = { admin: await key('admin'), server: await key('server'), ro: await key('server-readonly'), client: await key('client') };
  const login = async (secret = keys.server) => secretOf(await ok(engine, `Login(${U1}, {password: "pw"})`, secret));
  return { engine, name, keys, login };
}

describe('Login and Identify', () => {
  it('§10.1: Login with a server key returns a new token with its secret (HTTP 201)', async () => {
    const { engine, name, keys } = await world();
    const x = await exec(engine, `Login(${U1}, {password: "pw"})`, keys.server);
    expect(x.ok).toBe(true);
    const out = (x as Extract<Executed, { ok: true; lang: 'fql4' }>).output;
    expect(out.text).toMatch(
      /^\{\n {2}ref: Ref\(Tokens\(\), "\d+"\),\n {2}ts: \d+,\n {2}instance: Ref\(Collection\("users"\), "1"\),\n {2}secret: 'fnE[A-Za-z0-9_-]{48}'\n\}$/,
    );
    expect(out.created).toBe(true);
    expect(out.text).not.toContain('hashed_secret');
    // Only hashes are stored: neither the secret nor the password is anywhere in the store.
    const stored = await dumpStores(name);
    expect(stored).not.toContain(/secret: '(fn[^']+)'/.exec(out.text)![1]!.slice(18));
    expect(stored).not.toContain('"pw"');
  });

  it('§10.2: wrong password, no password, or no credential: authentication failed at []', async () => {
    const { engine, name, keys } = await world();
    const before = await dumpStores(name);
    const failed = ['authentication failed', 'The document was not found or provided password was incorrect.', [], 400];
    expect(await err(engine, `Login(${U1}, {password: "wrong"})`, keys.server)).toEqual(failed);
    expect(await err(engine, `Login(${U1}, {})`, keys.server)).toEqual(failed);
    expect(await err(engine, `Login(${U2}, {password: "nocreds"})`, keys.server)).toEqual(failed);
    expect(await dumpStores(name)).toBe(before);
  });

  it('§10.3: a client key may Login, but KeyFromSecret shows it nothing; a server key sees the token', async () => {
    const { engine, keys, login } = await world();
    const tok = await login(keys.client);
    expect(await err(engine, `KeyFromSecret("${tok}")`, keys.client)).toEqual([
      'instance not found',
      `No key found for secret ${tok}.`,
      [],
      404,
    ]);
    const doc = await ok(engine, `KeyFromSecret("${tok}")`, keys.server);
    expect(doc).toMatch(/ref: Ref\(Tokens\(\), "\d+"\),[\s\S]*instance: Ref\(Collection\("users"\), "1"\),\n {2}hashed_secret: '[0-9a-f]{64}'/);
    expect(doc).not.toMatch(/\n {2}secret: /);
  });

  it('§10.4: Identify is true for the right password, false otherwise, never an error', async () => {
    const { engine, keys } = await world();
    expect(await ok(engine, `Identify(${U1}, "pw")`, keys.client)).toBe('true');
    expect(await ok(engine, `Identify(${U1}, "wrong")`, keys.client)).toBe('false');
    expect(await ok(engine, `Identify(${U2}, "nocreds")`, keys.client)).toBe('false');
  });

  it('a role-less token may Login and Identify too (they need no privilege)', async () => {
    const { engine, login } = await world();
    const tok = await login();
    expect(await ok(engine, `Identify(${U1}, "pw")`, tok)).toBe('true');
    expect(secretOf(await ok(engine, `Login(${U1}, {password: "pw"})`, tok))).toMatch(/^fnE/);
  });
});

describe('Logout', () => {
  it('§10.5: Logout(false) ends only this token; Logout(true) every token of the identity', async () => {
    const { engine, login } = await world();
    const [tok1, tok2, tok3] = [await login(), await login(), await login()];
    expect(await ok(engine, 'Logout(false)', tok1)).toBe('true');
    expect(await err(engine, 'Get(Ref("tokens/self"))', tok1)).toEqual(UNAUTHORIZED);
    expect(await ok(engine, 'Get(Ref("tokens/self"))', tok2)).toContain('ref: Ref(Tokens()');
    expect(await ok(engine, 'Get(Ref("tokens/self"))', tok3)).toContain('ref: Ref(Tokens()');
    expect(await ok(engine, 'Logout(true)', tok2)).toBe('true');
    expect(await err(engine, 'Get(Ref("tokens/self"))', tok2)).toEqual(UNAUTHORIZED);
    expect(await err(engine, 'Get(Ref("tokens/self"))', tok3)).toEqual(UNAUTHORIZED);
  });

  it('§10.6: Do(Logout(false), Logout(false)) is no error and leaves no token', async () => {
    const { engine, keys, login } = await world();
    const tok = await login();
    const id = idOf(await ok(engine, 'Get(Ref("tokens/self"))', tok));
    expect(await ok(engine, 'Do(Logout(false), Logout(false))', tok)).toBe('true');
    expect(await ok(engine, `Exists(Ref(Tokens(), "${id}"))`, keys.server)).toBe('false');
  });

  it('a plain key has no token to end: false; a non-boolean is an invalid argument', async () => {
    const { engine, keys } = await world();
    expect(await ok(engine, 'Logout(false)', keys.server)).toBe('false');
    expect(await ok(engine, 'Logout(true)', keys.server)).toBe('false');
    expect(await err(engine, 'Logout("yes")', keys.server)).toEqual([
      'invalid argument',
      'Boolean expected, String provided.',
      ['logout'],
      400,
    ]);
  });
});

describe('Create(Tokens())', () => {
  it('§10.7: a server key creates a token: secret shown once, no global_id; it exists for both', async () => {
    const { engine, keys } = await world();
    const text = await ok(engine, `Create(Tokens(), {instance: ${U1}})`, keys.server);
    expect(text).toMatch(/^\{\n {2}ref: Ref\(Tokens\(\), "\d+"\),\n {2}ts: \d+,\n {2}instance: Ref\(Collection\("users"\), "1"\),\n {2}secret: 'fnE/);
    expect(text).not.toContain('global_id');
    const ref = `Ref(Tokens(), "${idOf(text)}")`;
    expect(await ok(engine, `Exists(${ref})`, keys.server)).toBe('true');
    expect(await ok(engine, `Exists(${ref})`, secretOf(text))).toBe('true');
  });

  it('§10.8: an instance that is not a ref fails validation at ["create"]', async () => {
    const { engine, keys } = await world();
    expect(await err(engine, 'Create(Tokens(), {instance: {foo: "bar"}})', keys.server)).toEqual([
      'validation failed',
      'document data is not valid.',
      ['create'],
      400,
    ]);
  });

  it('§10.9: client and server-readonly keys and role-less tokens may not create tokens; nothing is written', async () => {
    const { engine, name, keys, login } = await world();
    const tok = await login();
    const before = await dumpStores(name);
    for (const secret of [keys.client, keys.ro, tok]) {
      expect(await err(engine, `Create(Tokens(), {instance: ${U1}})`, secret)).toEqual([...DENIED.slice(0, 2), ['create'], 403]);
    }
    expect(await dumpStores(name)).toBe(before);
    const x = await exec(engine, `Create(Tokens(), {instance: ${U1}})`, keys.server);
    expect(x.ok && x.lang === 'fql4' && x.output.created).toBe(true);
  });

  it('§10.10: a token whose ttl passes (set at creation or by Update) stops authenticating and is gone', async () => {
    const { engine, keys, login } = await world();
    const soon = 'TimeAdd(Now(), 1500, "milliseconds")';
    const made = await ok(engine, `Create(Tokens(), {instance: ${U1}, ttl: ${soon}})`, keys.server);
    expect(await ok(engine, '1', secretOf(made))).toBe('1');
    const tok2 = await login();
    const id2 = idOf(await ok(engine, 'Get(Ref("tokens/self"))', tok2));
    await ok(engine, `Update(Ref(Tokens(), "${id2}"), {ttl: ${soon}})`, keys.server);
    expect(await ok(engine, '1', tok2)).toBe('1');
    await new Promise((r) => setTimeout(r, 1600));
    expect(await err(engine, '1', secretOf(made))).toEqual(UNAUTHORIZED);
    expect(await err(engine, '1', tok2)).toEqual(UNAUTHORIZED);
    expect(await err(engine, `Get(Ref(Tokens(), "${idOf(made)}"))`, keys.server)).toEqual(['instance not found', 'Token not found.', [], 404]);
  });

  it('§10.11: Update(token, {}) keeps the secret working for the same identity', async () => {
    const { engine, keys, login } = await world();
    const tok = await login();
    const id = idOf(await ok(engine, 'Get(Ref("tokens/self"))', tok));
    await ok(engine, `Update(Ref(Tokens(), "${id}"), {})`, keys.server);
    expect(await ok(engine, 'Identity()', tok)).toBe(U1);
  });
});

describe('identity functions', () => {
  it('§10.13: CurrentToken() is the token of a token, the key document of a key', async () => {
    const { engine, keys, login } = await world();
    const tok = await login();
    const self = await ok(engine, 'Get(Ref("tokens/self"))', tok);
    expect(await ok(engine, 'Get(CurrentToken())', tok)).toBe(self);
    const key = await ok(engine, 'Get(CurrentToken())', keys.admin);
    expect(key).toMatch(/^\{\n {2}ref: Ref\(Keys\(\), "\d+"\),\n {2}ts: \d+,\n {2}role: 'admin',\n {2}hashed_secret: '[0-9a-f]{64}'\n\}$/);
    expect(await ok(engine, 'HasCurrentToken()', tok)).toBe('true');
    expect(await ok(engine, 'HasCurrentToken()', keys.client)).toBe('true');
  });

  it("§10.14 (the root's analogue; the child case is in tests/engine/auth/child-databases.test.ts): the playground's own admin secret has no key document: invalid token", async () => {
    const { engine } = await world();
    expect(await err(engine, 'CurrentToken()')).toEqual(['invalid token', 'Token metadata is not accessible.', [], 400]);
    expect(await ok(engine, 'HasCurrentToken()')).toBe('false');
  });

  it('§10.15: a key has no identity (missing identity); a key scoped @doc/users/1 is users/1', async () => {
    const { engine, keys } = await world();
    const missing = ['missing identity', 'Authentication does not contain an identity', [], 400];
    expect(await err(engine, 'CurrentIdentity()', keys.admin)).toEqual(missing);
    expect(await err(engine, 'Identity()', keys.admin)).toEqual(missing);
    expect(await ok(engine, 'HasCurrentIdentity()', keys.admin)).toBe('false');
    expect(await ok(engine, 'HasIdentity()', keys.admin)).toBe('false');
    const scoped = `${keys.admin}:@doc/users/1`;
    expect(await ok(engine, 'CurrentIdentity()', scoped)).toBe(U1);
    expect(await ok(engine, 'Identity()', scoped)).toBe(U1);
    expect(await ok(engine, 'HasCurrentIdentity()', scoped)).toBe('true');
    // A @doc key is still its key: CurrentToken is the key, Logout(false) has no token to end.
    expect(await ok(engine, 'CurrentToken()', scoped)).toMatch(/^Ref\(Keys\(\), "\d+"\)$/);
    expect(await ok(engine, 'Logout(false)', scoped)).toBe('false');
  });

  it('self refs: tokens/self and credentials/self for tokens, collections/<c>/self for identities', async () => {
    const { engine, keys, login } = await world();
    const tok = await login();
    expect(await ok(engine, 'Ref("collections/users/self")', tok)).toBe(U1);
    expect(await ok(engine, 'Select("id", Ref("credentials/self"))', tok)).toMatch(/^'\d+'$/);
    const invalid = ['invalid expression', 'Invalid ref.', [], 400];
    expect(await err(engine, 'Ref("tokens/self")', keys.server)).toEqual(invalid);
    expect(await err(engine, 'Ref("keys/self")', keys.server)).toEqual(invalid);
    expect(await err(engine, 'Ref("credentials/self")', `${keys.admin}:@doc/users/1`)).toEqual(invalid);
  });
});

describe('KeyFromSecret', () => {
  it('§10.18: an admin key reads any key by its secret; server keys and bad secrets get instance not found', async () => {
    const { engine, keys } = await world();
    expect(await ok(engine, `KeyFromSecret("${keys.client}")`, keys.admin)).toMatch(/role: 'client',\n {2}hashed_secret: '/);
    const notFound = (s: string) => ['instance not found', `No key found for secret ${s}.`, [], 404];
    expect(await err(engine, `KeyFromSecret("${keys.client}")`, keys.server)).toEqual(notFound(keys.client));
    expect(await err(engine, 'KeyFromSecret("not a secret")', keys.admin)).toEqual(notFound('not a secret'));
    const tampered = keys.client.slice(0, -2) + (keys.client.endsWith('AA') ? 'BB' : 'AA');
    expect(await err(engine, `KeyFromSecret("${tampered}")`, keys.admin)).toEqual(notFound(tampered));
  });
});

describe('keys', () => {
  it('§10.28: CreateKey shows secret and role once; later reads have no secret; bad roles and other keys fail', async () => {
    const { engine, name, keys } = await world();
    const made = await ok(engine, 'CreateKey({role: "server", data: {app: "ios"}})', keys.admin);
    expect(made).toMatch(
      /^\{\n {2}ref: Ref\(Keys\(\), "\d+"\),\n {2}ts: \d+,\n {2}role: 'server',\n {2}data: \{ app: 'ios' \},\n {2}secret: 'fnA[A-Za-z0-9_-]{37}',\n {2}hashed_secret: '[0-9a-f]{64}'\n\}$/,
    );
    const ref = `Ref(Keys(), "${idOf(made)}")`;
    expect(await dumpStores(name)).not.toContain(secretOf(made).slice(10));
    const later = await ok(engine, `Get(${ref})`, keys.admin);
    expect(later).not.toContain("secret: 'fn");
    expect(later).toContain('hashed_secret');
    const before = await dumpStores(name);
    expect(await err(engine, 'CreateKey({role: "foo"})', keys.admin)).toEqual(['validation failed', 'document data is not valid.', ['create_key'], 400]);
    expect(await err(engine, 'CreateKey({role: "admin"})', keys.server)).toEqual([...DENIED.slice(0, 2), ['create_key'], 403]);
    expect(await err(engine, `Get(${ref})`, keys.server)).toEqual(DENIED);
    expect(await err(engine, `Get(${ref})`, keys.client)).toEqual(DENIED);
    expect(await err(engine, 'Get(Ref(Keys(), "21312"))', keys.server)).toEqual(DENIED);
    expect(await dumpStores(name)).toBe(before);
  });

  it('§10.29: a deleted key, a made-up secret or an expired key is unauthorized', async () => {
    const { engine, keys } = await world();
    const made = await ok(engine, 'CreateKey({role: "server"})', keys.admin);
    expect(await ok(engine, '"works"', secretOf(made))).toBe("'works'");
    await ok(engine, `Delete(Ref(Keys(), "${idOf(made)}"))`, keys.admin);
    expect(await err(engine, '"works"', secretOf(made))).toEqual(UNAUTHORIZED);
    expect(await err(engine, '"works"', 'foo')).toEqual(UNAUTHORIZED);
    const brief = await ok(engine, 'CreateKey({role: "server", ttl: TimeAdd(Now(), 1500, "milliseconds")})', keys.admin);
    expect(await ok(engine, '1', secretOf(brief))).toBe('1');
    await new Promise((r) => setTimeout(r, 1600));
    expect(await err(engine, '1', secretOf(brief))).toEqual(UNAUTHORIZED);
  });

  it('§10.30: writing a key’s hashed_secret changes nothing; its role can be changed', async () => {
    const { engine, keys } = await world();
    const made = await ok(engine, 'CreateKey({role: "client"})', keys.admin);
    const ref = `Ref(Keys(), "${idOf(made)}")`;
    const hash = /hashed_secret: '([0-9a-f]+)'/.exec(made)![1];
    await ok(engine, `Update(${ref}, {hashed_secret: "x"})`, keys.admin);
    await ok(engine, `Replace(${ref}, {role: "client", hashed_secret: "y"})`, keys.admin);
    expect(await ok(engine, `Select("hashed_secret", Get(${ref}))`, keys.admin)).toBe(`'${hash}'`);
    expect(await ok(engine, '"works"', secretOf(made))).toBe("'works'");
    expect(await err(engine, `Get(${U1})`, secretOf(made))).toEqual(DENIED);
    await ok(engine, `Update(${ref}, {role: "server"})`, keys.admin);
    expect(await ok(engine, `Select(["data", "name"], Get(${U1}))`, secretOf(made))).toBe("'Ann'");
  });
});

describe('scoped secrets', () => {
  it('§10.32: only admin keys change role; bad scopes and any scope on a client key are unauthorized', async () => {
    const { engine, keys } = await world();
    await ok(engine, 'CreateRole({name: "r"})', keys.admin);
    for (const s of [`${keys.server}:admin`, `${keys.server}:@role/r`, `${keys.client}:client`, `${keys.admin}:@doc/users/99`, `${keys.admin}:@role/nope`]) {
      expect(await err(engine, '1', s)).toEqual(UNAUTHORIZED);
    }
  });

  it('§10.33: an admin key as @role/r, client or server has exactly those rights', async () => {
    const { engine, keys } = await world();
    await ok(engine, 'CreateRole({name: "r", privileges: {resource: Collection("users"), actions: {read: true}}})', keys.admin);
    const asRole = `${keys.admin}:@role/r`;
    expect(await ok(engine, `Select(["data", "name"], Get(${U1}))`, asRole)).toBe("'Ann'");
    expect(await err(engine, `Update(${U1}, {data: {name: "x"}})`, asRole)).toEqual(DENIED);
    expect(await err(engine, `Get(${U1})`, `${keys.admin}:client`)).toEqual(DENIED);
    expect(await ok(engine, `Select(["data", "name"], Get(${U1}))`, `${keys.admin}:server`)).toBe("'Ann'");
  });

  it('§10.34: a token secret with a suffix authenticates as the plain token', async () => {
    const { engine, login } = await world();
    const tok = await login();
    expect(await ok(engine, 'Identity()', `${tok}:junk`)).toBe(U1);
  });
});
