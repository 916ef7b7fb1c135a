// The seed pages' flows end to end (seeds 000 and 003: Login and Create(Tokens())), against a
// real store: shapes, shell text, response sizes, metrics, and failures that write nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import type { PlaygroundDB } from '../../../src/engine/store/open';
import { allDocs, err, freshStore, ok } from './helpers';

const IDENTITY = 'Ref(Collection("characters"), "181388642114077184")';
const LOGIN = `Login(\n  Ref(Collection("characters"), "181388642114077184"),\n  { password: "abracadabra" },\n)`;

/** The seed's printed token, with its id, ts and secret as patterns. */
const TOKEN_TEXT =
  /^\{\n {2}ref: Ref\(Tokens\(\), "(\d{18})"\),\n {2}ts: (\d{16}),\n {2}instance: Ref\(Collection\("characters"\), "181388642114077184"\),\n {2}secret: '(fnE[A-Za-z0-9_-]{48})'\n\}$/;

let db: PlaygroundDB;

beforeEach(async () => {
  db = await freshStore();
  await ok(db, 'CreateCollection({ name: "characters" })');
  await ok(
    db,
    `Create(${IDENTITY}, { data: { name: "Harry" }, credentials: { password: "abracadabra" } })`,
  );
});

describe('CreateCollection and Create', () => {
  it('shows the collection document with v4 defaults', async () => {
    const fresh = await freshStore();
    const r = await ok(fresh, 'CreateCollection({name: "spells"})');
    expect(r.text).toMatch(/^\{\n {2}ref: Collection\("spells"\),\n {2}ts: \d{16},\n {2}history_days: 30,\n {2}name: 'spells'\n\}$/);
    expect(r.responseJson).toMatch(
      /^\{"resource":\{"ref":\{"@ref":\{"id":"spells","collection":\{"@ref":\{"id":"collections"\}\}\}\},"ts":\d{16},"history_days":30,"name":"spells"\}\}$/,
    );
    const again = await err(fresh, 'CreateCollection({name: "spells"})');
    expect([again.code, again.message, again.position]).toEqual([
      'instance already exists',
      'Collection already exists.',
      ['create_collection'],
    ]);
  });

  it('strips credentials from the created document', async () => {
    const r = await ok(db, `Get(${IDENTITY})`);
    expect(r.text).toMatch(
      /^\{\n {2}ref: Ref\(Collection\("characters"\), "181388642114077184"\),\n {2}ts: \d{16},\n {2}data: \{ name: 'Harry' \}\n\}$/,
    );
    expect(r.metrics.readOps).toBe(1);
  });

  it('refuses an id that is taken', async () => {
    const e = await err(db, `Create(${IDENTITY}, {})`);
    expect([e.code, e.message, e.position]).toEqual(['instance already exists', 'Document already exists.', ['create']]);
  });

  it('refuses a missing collection with invalid ref', async () => {
    const e = await err(db, 'Create(Collection("wizards"), { data: {} })');
    expect([e.code, e.message, e.position]).toEqual(['invalid ref', "Ref refers to undefined collection 'wizards'", ['create']]);
  });
});

describe('Login (seeds 000 and 003)', () => {
  it('returns a token shaped and printed as the seed prints it', async () => {
    const r = await ok(db, LOGIN);
    const m = TOKEN_TEXT.exec(r.text);
    expect(m, r.text).not.toBeNull();
    const [, id, ts, secret] = m!;
    expect(r.responseJson).toBe(
      `{"resource":{"ref":{"@ref":{"id":"${id}","collection":{"@ref":{"id":"tokens"}}}},"ts":${ts},` +
        `"instance":{"@ref":{"id":"181388642114077184","collection":{"@ref":{"id":"characters","collection":{"@ref":{"id":"collections"}}}}}},` +
        `"secret":"${secret}"}}`,
    );
    // Seed 003's metrics: bytesOut 313, one compute op, one read, one write.
    expect(new TextEncoder().encode(r.responseJson).length).toBe(313);
    expect([r.metrics.computeOps, r.metrics.readOps, r.metrics.writeOps]).toEqual([1, 1, 1]);
  });

  it('also accepts the q. prefix of the JS examples', async () => {
    const r = await ok(db, `q.Login(\n    q.Ref(q.Collection('characters'), '181388642114077184'),\n    { password: 'abracadabra' },\n  )`);
    expect(r.text).toMatch(TOKEN_TEXT);
  });

  it('issues a token that reads back with hashed_secret instead of secret', async () => {
    const r = await ok(db, LOGIN);
    const id = TOKEN_TEXT.exec(r.text)![1]!;
    const back = await ok(db, `Get(Ref(Tokens(), "${id}"))`);
    expect(back.text).toMatch(
      new RegExp(
        `^\\{\\n {2}ref: Ref\\(Tokens\\(\\), "${id}"\\),\\n {2}ts: \\d{16},\\n {2}instance: Ref\\(Collection\\("characters"\\), "181388642114077184"\\),\\n {2}hashed_secret: '[0-9a-f]{64}'\\n\\}$`,
      ),
    );
  });

  it('copies data and ttl onto the token', async () => {
    const r = await ok(
      db,
      `Login(${IDENTITY}, { password: "abracadabra", data: { device: "phone" }, ttl: TimeAdd(Now(), 1, "hour") })`,
    );
    expect(r.text).toMatch(/^\{\n {2}ref: Ref\(Tokens\(\), "\d+"\),\n {2}ts: \d+,\n {2}data: \{ device: 'phone' \},\n {2}ttl: Time\("[^"]+"\),\n {2}instance: .*\n {2}secret: 'fnE.*'\n\}$/);
  });

  it.each([
    ['a wrong password', `Login(${IDENTITY}, { password: "hocus pocus" })`],
    ['no password', `Login(${IDENTITY}, {})`],
    ['a missing identity', 'Login(Ref(Collection("characters"), "1"), { password: "abracadabra" })'],
  ])('fails with authentication failed on %s and writes nothing', async (_, source) => {
    const before = await allDocs(db);
    const e = await err(db, source);
    expect([e.code, e.message, e.position]).toEqual([
      'authentication failed',
      'The document was not found or provided password was incorrect.',
      [],
    ]);
    expect(e.span).toEqual({ start: 0, end: source.length });
    expect(e.tx.hasWrites).toBe(false);
    expect(await allDocs(db)).toEqual(before);
  });

  it('fails for a document that has no credentials', async () => {
    await ok(db, 'Create(Ref(Collection("characters"), "2"), { data: { name: "Ron" } })');
    const before = await allDocs(db);
    const e = await err(db, 'Login(Ref(Collection("characters"), "2"), { password: "abracadabra" })');
    expect(e.code).toBe('authentication failed');
    expect(e.tx.hasWrites).toBe(false);
    expect(await allDocs(db)).toEqual(before);
  });

  it('keeps earlier writes of the query out of the store when it fails', async () => {
    const before = await allDocs(db);
    const e = await err(db, `Do(Create(Collection("characters"), {}), Login(${IDENTITY}, { password: "nope" }))`);
    expect([e.code, e.position]).toEqual(['authentication failed', ['do', 1]]);
    expect(await allDocs(db)).toEqual(before);
  });

  it('refuses a ref into a missing collection with invalid ref', async () => {
    const e = await err(db, 'Login(Ref(Collection("muggles"), "1"), { password: "x" })');
    expect([e.code, e.message, e.position]).toEqual(['invalid ref', "Ref refers to undefined collection 'muggles'", ['login']]);
  });

  it('checks the argument types', async () => {
    const e1 = await err(db, 'Login("harry", { password: "x" })');
    expect([e1.code, e1.message, e1.position]).toEqual(['invalid argument', 'Ref or Set expected, String provided.', ['login']]);
    const e2 = await err(db, `Login(${IDENTITY}, "abracadabra")`);
    expect([e2.code, e2.message, e2.position]).toEqual(['invalid argument', 'Object expected, String provided.', ['params']]);
  });

  it('Identify answers true or false and never fails', async () => {
    expect((await ok(db, `Identify(${IDENTITY}, "abracadabra")`)).text).toBe('true');
    expect((await ok(db, `Identify(${IDENTITY}, "wrong")`)).text).toBe('false');
    expect((await ok(db, 'Identify(Ref(Collection("characters"), "3"), "abracadabra")')).text).toBe('false');
  });
});

describe('Create(Tokens()) (seed 000)', () => {
  const SOURCE = `Create(\n  Tokens(),\n  {\n    instance: Ref(Collection('characters'), '181388642114077184')\n  }\n)`;

  it('creates a token without a password', async () => {
    const r = await ok(db, SOURCE);
    expect(r.text).toMatch(TOKEN_TEXT);
    expect(new TextEncoder().encode(r.responseJson).length).toBe(313);
    // Seed 000: no read, one write.
    expect([r.metrics.computeOps, r.metrics.readOps, r.metrics.writeOps]).toEqual([1, 0, 1]);
  });

  it('needs instance to be a ref', async () => {
    const e = await err(db, 'Create(Tokens(), { instance: { foo: "bar" } })');
    expect([e.code, e.message, e.position]).toEqual(['validation failed', 'document data is not valid.', ['create']]);
    expect(e.tx.hasWrites).toBe(false);
  });

  it('refuses refs into missing collections inside params', async () => {
    const e = await err(db, 'Create(Tokens(), { instance: Ref(Collection("nope"), "1") })');
    expect([e.code, e.position]).toEqual(['validation failed', []]);
  });
});
