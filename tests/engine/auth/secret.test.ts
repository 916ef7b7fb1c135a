import { describe, expect, it } from 'vitest';
import { constantTimeEqual, fromBase64Url, mintTokenSecret, parseSecret, secretMatches } from '../../../src/engine/auth/secret';
import { hashPassword, verifyPassword } from '../../../src/engine/auth/password';

describe('token secrets in Fauna layout', () => {
  it('decodes seed 000 secrets to their printed token ids and one database id', () => {
    const a = parseSecret('fnEETMA7ijACAARMwDsk0AYAu4E51VmH1w-Xm7qk8T6eJcbinkI')!;
    const b = parseSecret('fnEETMA7e2ACAARMwDsk0AYATF1jLijRmK7HYAZDxe1snLrPWJs')!;
    expect(a).toMatchObject({ kind: 'token', id: '309833836335727104' });
    expect(b).toMatchObject({ kind: 'token', id: '309833836087214592' });
    expect(a.databaseId).toBe(b.databaseId);
  });

  it('decodes seed 001 secret to its token id', () => {
    expect(parseSecret('fnEFLXPJe7AAIQUh3mNk4AAhp6iMjCB6XHC44_eP3E1Tr9HXGcQ')).toMatchObject({ id: '373081653342371873' });
  });

  it('mints 51-character secrets that name the token and database and verify only against their hash', async () => {
    const { secret, hashed } = await mintTokenSecret('309833836335727104', '309833834634937856');
    expect(secret).toMatch(/^fnE[A-Za-z0-9_-]{48}$/);
    const parsed = parseSecret(secret)!;
    expect(parsed).toMatchObject({ kind: 'token', id: '309833836335727104', databaseId: '309833834634937856' });
    expect(hashed).toMatch(/^[0-9a-f]{64}$/);
    expect(hashed).not.toContain(parsed.random);
    expect(await secretMatches(parsed.random, hashed)).toBe(true);
    const other = parseSecret((await mintTokenSecret('1', '2')).secret)!;
    expect(await secretMatches(other.random, hashed)).toBe(false);
  });

  it('rejects what is not a secret', () => {
    expect(parseSecret('secret')).toBeUndefined();
    expect(parseSecret('')).toBeUndefined();
    expect(parseSecret('fn!!')).toBeUndefined();
    expect(parseSecret('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBeUndefined();
    expect(fromBase64Url('a')).toBeUndefined();
  });

  it('compares in constant time and still answers correctly', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('argon2id passwords', () => {
  it('stores a PHC string with the decided parameters and verifies it', async () => {
    const phc = await hashPassword('abracadabra');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('abracadabra', phc)).toBe(true);
    expect(await verifyPassword('abracadabrA', phc)).toBe(false);
    expect(await verifyPassword('x', 'not a hash')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});
