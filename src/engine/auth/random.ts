// Randomness for ids, salts and secrets: always the platform's CSPRNG.

export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  crypto.getRandomValues(out);
  return out;
}

/** A positive random 63-bit integer. */
export function randomInt64(): bigint {
  const b = randomBytes(8);
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v & 0x7fff_ffff_ffff_ffffn;
}
