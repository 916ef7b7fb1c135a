// Password hashing: argon2id through hash-wasm (a decided departure from Fauna's bcrypt), with
// OWASP's minimum parameters. Stored as a PHC string, so parameters travel with the hash.
import { argon2Verify, argon2id } from 'hash-wasm';
import { randomBytes } from './random';

export const ARGON2_PARAMS = { memorySize: 19456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2id({ password, salt: randomBytes(16), ...ARGON2_PARAMS, outputType: 'encoded' });
}

export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash: phc });
  } catch {
    return false; // a malformed stored hash matches nothing
  }
}
