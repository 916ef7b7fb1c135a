// Seeds 001 (Token.create) and 004 (Credential.create, credential.login) end to end.
import { describe, expect, it } from 'vitest';
import { examples } from '../../../src/examples/seeds';
import { dumpStores, fail, freshEngine, ok } from '../helpers';

const masked = (text: string) =>
  text
    .replace(/id: "\d+"/g, 'id: "<id>"')
    .replace(/Time\("[^"]+"\)/g, 'Time(<ts>)')
    .replace(/"fn[A-Za-z0-9_-]{49}"/g, '"<secret>"');

async function withCustomer999() {
  const { engine, name } = await freshEngine();
  await ok(engine, 'fql10', 'Collection.create({ name: "Customer" })');
  await ok(engine, 'fql10', 'Customer.create({ id: "999", name: "John Doe" })');
  return { engine, name };
}

describe('seed 001: Token.create()', () => {
  it('prints the new token with its secret, as the page does', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "People" })');
    const r = await ok(engine, 'fql10', 'Token.create({\n  document: People.byId("372696914650464289")\n})');
    expect(masked(r.text)).toBe(
      ['{', '  id: "<id>",', '  coll: Token,', '  ts: Time(<ts>),', '  document: People("372696914650464289"),', '  secret: "<secret>"', '}'].join('\n'),
    );
  });

  it('never shows the secret again on a later read', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "People" })');
    const created = await ok(engine, 'fql10', 'Token.create({ document: People.byId("1") })');
    const id = /id: "(\d+)"/.exec(created.text)![1];
    const read = await ok(engine, 'fql10', `Token.byId("${id}")`);
    expect(read.text).not.toContain('secret');
    expect(read.text).toContain('document: People("1")');
    expect((await ok(engine, 'fql10', `Token.byId("${id}")!.secret`)).text).toBe('null');
  });

  it('keeps ttl and data', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "People" })');
    const r = await ok(
      engine,
      'fql10',
      'Token.create({ document: People.byId("1"), ttl: Time("2099-01-01T00:00:00Z"), data: { device: "phone" } })',
    );
    expect(r.text).toContain('  ttl: Time("2099-01-01T00:00:00Z"),\n  document: People("1"),\n  data: {\n    device: "phone"\n  },\n  secret: "fn');
  });

  it('rejects a secret field and a document that is not from a user collection', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "People" })');
    const r = await fail(engine, 'fql10', 'Token.create({ document: People.byId("1"), secret: "x" })');
    expect(r.error.code).toBe('constraint_failure');
    const r2 = await fail(engine, 'fql10', 'Token.create({ document: 1 })');
    expect(r2.error.summary).toContain('document: Expected document from a user-defined collection.');
  });
});

describe('seed 004: credentials and login()', () => {
  it('step 1: Customer.create prints the document with its fields in order', async () => {
    const ex = examples.find((e) => e.id === 'v10-customer-create')!;
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "Customer" })');
    const r = await ok(engine, 'fql10', ex.source);
    expect(r.text).toMatch(ex.expectShape);
    expect(r.metrics).toMatchObject({ lang: 'fql10', stats: { compute_ops: 1, read_ops: 0, write_ops: 1 } });
  });

  it('step 2: Credential.create shows the document, never the password', async () => {
    const { engine, name } = await withCustomer999();
    const r = await ok(engine, 'fql10', 'Credential.create({\n  document: Customer.byId("999"),\n  password: "sekret"\n})');
    expect(masked(r.text)).toBe(['{', '  id: "<id>",', '  coll: Credential,', '  ts: Time(<ts>),', '  document: Customer("999")', '}'].join('\n'));
    expect(await dumpStores(name)).not.toContain('sekret');
  });

  it('step 3: login returns a token for the credential identity', async () => {
    const { engine } = await withCustomer999();
    await ok(engine, 'fql10', 'Credential.create({ document: Customer.byId("999"), password: "sekret" })');
    const r = await ok(engine, 'fql10', 'let document = Customer.byId("999")\nCredential.byDocument(document)?.login("sekret")');
    expect(masked(r.text)).toBe(
      ['{', '  id: "<id>",', '  coll: Token,', '  ts: Time(<ts>),', '  document: Customer("999"),', '  secret: "<secret>"', '}'].join('\n'),
    );
    expect(r.metrics).toMatchObject({ stats: { read_ops: 1, write_ops: 1 } });
  });

  it('each login creates another token', async () => {
    const { engine } = await withCustomer999();
    await ok(engine, 'fql10', 'Credential.create({ document: Customer.byId("999"), password: "sekret" })');
    const a = await ok(engine, 'fql10', 'Credential.byDocument(Customer.byId("999"))!.login("sekret")');
    const b = await ok(engine, 'fql10', 'Credential.byDocument(Customer.byId("999"))!.login("sekret")');
    expect(/id: "(\d+)"/.exec(a.text)![1]).not.toBe(/id: "(\d+)"/.exec(b.text)![1]);
  });

  it('a wrong password is invalid_secret, pointing at the call, and writes nothing', async () => {
    const { engine, name } = await withCustomer999();
    await ok(engine, 'fql10', 'Credential.create({ document: Customer.byId("999"), password: "sekret" })');
    const before = await dumpStores(name);
    const r = await fail(engine, 'fql10', 'Credential.byDocument(Customer.byId("999"))?.login("wrong")');
    expect(r.error.code).toBe('invalid_secret');
    expect(r.error.summary).toBe(
      [
        'error: Provided secret did not match.',
        'at *query*:1:51',
        '  |',
        '1 | Credential.byDocument(Customer.byId("999"))?.login("wrong")',
        '  |                                                   ^^^^^^^^^',
        '  |',
      ].join('\n'),
    );
    expect(r.metrics).toMatchObject({ stats: { write_ops: 0, storage_bytes_write: 0 } });
    expect(await dumpStores(name)).toBe(before);
  });

  it('a missing identity has no credential: ?. gives null, ! gives document_not_found, nothing written', async () => {
    const { engine, name } = await withCustomer999();
    const before = await dumpStores(name);
    expect((await ok(engine, 'fql10', 'Credential.byDocument(Customer.byId("404"))?.login("sekret")')).text).toBe('null');
    const r = await fail(engine, 'fql10', 'Credential.byDocument(Customer.byId("404"))!.login("sekret")');
    expect(r.error.code).toBe('document_not_found');
    expect(await dumpStores(name)).toBe(before);
  });

  it('a document without credentials cannot log in and nothing is written', async () => {
    const { engine, name } = await withCustomer999();
    const before = await dumpStores(name);
    expect((await ok(engine, 'fql10', 'Credential.byDocument(Customer.byId("999")) == null')).text).toBe('true');
    const r = await fail(engine, 'fql10', 'Credential.byDocument(Customer.byId("999"))!.login("sekret")');
    expect(r.error.code).toBe('document_not_found');
    expect(await dumpStores(name)).toBe(before);
  });

  it('a second credential for one identity is a constraint failure and is not written', async () => {
    const { engine, name } = await withCustomer999();
    await ok(engine, 'fql10', 'Credential.create({ document: Customer.byId("999"), password: "a" })');
    const before = await dumpStores(name);
    const r = await fail(engine, 'fql10', 'Credential.create({ document: Customer.byId("999"), password: "b" })');
    expect(r.error.code).toBe('constraint_failure');
    expect(await dumpStores(name)).toBe(before);
  });

  it('login accepts a ttl, and an expired token document reads as missing', async () => {
    const { engine } = await withCustomer999();
    await ok(engine, 'fql10', 'Credential.create({ document: Customer.byId("999"), password: "sekret" })');
    const r = await ok(
      engine,
      'fql10',
      'Credential.byDocument(Customer.byId("999"))!.login("sekret", Time("2000-01-01T00:00:00Z"))',
    );
    expect(r.text).toContain('ttl: Time("2000-01-01T00:00:00Z")');
    const id = /id: "(\d+)"/.exec(r.text)![1];
    expect((await ok(engine, 'fql10', `Token.byId("${id}")`)).text).toBe(`Token("${id}") /* not found */`);
  });

  it('verify() answers true or false without creating a token', async () => {
    const { engine, name } = await withCustomer999();
    await ok(engine, 'fql10', 'Credential.create({ document: Customer.byId("999"), password: "sekret" })');
    const before = await dumpStores(name);
    expect((await ok(engine, 'fql10', 'Credential.byDocument(Customer.byId("999"))!.verify("sekret")')).text).toBe('true');
    expect((await ok(engine, 'fql10', 'Credential.byDocument(Customer.byId("999"))!.verify("nope")')).text).toBe('false');
    expect(await dumpStores(name)).toBe(before);
  });
});
