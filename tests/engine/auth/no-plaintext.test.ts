// No stored record holds a password or a secret in plaintext: every seed flow runs, then every
// record of every store is scanned for each password and for each secret (and its random part).
import { describe, expect, it } from 'vitest';
import { parseSecret } from '../../../src/engine/auth/secret';
import { dumpStores, freshEngine, ok } from '../helpers';

const SECRET = /fn[A-Za-z0-9_-]{38,49}/g;

describe('stored records', () => {
  it('contain no password and no secret in plaintext, in either language', async () => {
    const { engine, name } = await freshEngine();
    const secrets: string[] = [];
    const collect = (text: string) => secrets.push(...(text.match(SECRET) ?? []));

    await ok(engine, 'fql4', 'CreateCollection({ name: "characters" })');
    await ok(
      engine,
      'fql4',
      'Create(Ref(Collection("characters"), "181388642114077184"), { credentials: { password: "abracadabra" } })',
    );
    collect((await ok(engine, 'fql4', 'Login(Ref(Collection("characters"), "181388642114077184"), { password: "abracadabra" })')).text);
    collect((await ok(engine, 'fql4', 'Create(Tokens(), { instance: Ref(Collection("characters"), "181388642114077184") })')).text);

    await ok(engine, 'fql10', 'Collection.create({ name: "Customer" })');
    await ok(engine, 'fql10', 'Customer.create({ id: "999", name: "John Doe" })');
    await ok(engine, 'fql10', 'Credential.create({ document: Customer.byId("999"), password: "sekret" })');
    collect((await ok(engine, 'fql10', 'Credential.byDocument(Customer.byId("999"))!.login("sekret")')).text);
    collect((await ok(engine, 'fql10', 'Token.create({ document: Customer.byId("999") })')).text);

    expect(secrets).toHaveLength(4);
    const dump = await dumpStores(name);
    expect(dump).toContain('argon2id'); // the passwords are there, hashed
    for (const word of ['abracadabra', 'sekret']) expect(dump).not.toContain(word);
    for (const s of secrets) {
      expect(dump).not.toContain(s);
      expect(dump).not.toContain(parseSecret(s)!.random);
    }
  });
});
