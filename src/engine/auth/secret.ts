// Secrets in Fauna's layout (fauna-auth-semantics §1.1): URL-safe base64 without padding of
//   key:   126, 112, key id (int64 BE), 20 random bytes                       -> 40 characters
//   token: 126, 113, token id (int64 BE), database global id (int64 BE), 20 random bytes -> 51
// so a secret names its document and is then verified. The random part is high-entropy, so a
// fast hash (SHA-256) is enough to store; only that hash is ever kept.
import { randomBytes } from './random';

const RANDOM_BYTES = 20;

export interface ParsedSecret {
  kind: 'key' | 'token';
  id: string;
  /** Tokens only: the global id of the database that issued it. */
  databaseId?: string;
  /** base64url of the random part, what the stored hash is computed over. */
  random: string;
}

export interface MintedSecret {
  secret: string;
  /** SHA-256 (hex) of the random part: the only thing stored. */
  hashed: string;
}

export async function mintTokenSecret(tokenId: string, databaseId: string): Promise<MintedSecret> {
  const bytes = new Uint8Array(38);
  bytes[0] = 126;
  bytes[1] = 113;
  const view = new DataView(bytes.buffer);
  view.setBigInt64(2, BigInt(tokenId));
  view.setBigInt64(10, BigInt(databaseId));
  const random = randomBytes(RANDOM_BYTES);
  bytes.set(random, 18);
  return { secret: toBase64Url(bytes), hashed: await sha256Hex(toBase64Url(random)) };
}

export function parseSecret(secret: string): ParsedSecret | undefined {
  const bytes = fromBase64Url(secret);
  if (!bytes || bytes[0] !== 126) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[1] === 113 && bytes.length === 38) {
    return {
      kind: 'token',
      id: view.getBigInt64(2).toString(),
      databaseId: view.getBigInt64(10).toString(),
      random: toBase64Url(bytes.subarray(18)),
    };
  }
  if (bytes[1] === 112 && bytes.length === 30) {
    return { kind: 'key', id: view.getBigInt64(2).toString(), random: toBase64Url(bytes.subarray(10)) };
  }
  return undefined;
}

/** Whether `random` hashes to `storedHex`, compared in constant time. */
export async function secretMatches(random: string, storedHex: string): Promise<boolean> {
  return constantTimeEqual(await sha256Hex(random), storedHex);
}

export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += ALPHABET[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of text) {
    acc = (acc << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export async function mintKeySecret(keyId: string): Promise<MintedSecret> {
  const bytes = new Uint8Array(30);
  bytes[0] = 126;
  bytes[1] = 112;
  new DataView(bytes.buffer).setBigInt64(2, BigInt(keyId));
  const random = randomBytes(RANDOM_BYTES);
  bytes.set(random, 10);
  return { secret: toBase64Url(bytes), hashed: await sha256Hex(toBase64Url(random)) };
}
