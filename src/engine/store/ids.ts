// Fauna-style document ids: decimal strings of a 64-bit integer that grows with time (like
// Fauna's, 18 digits today), with random low bits so two tabs never mint the same id.
import { randomBytes } from '../auth/random';

const EPOCH_MS = 1_000_000_000_000n;
let last = 0n;

export function newId(): string {
  const rnd = randomBytes(3);
  const low = BigInt(((rnd[0]! << 16) | (rnd[1]! << 8) | rnd[2]!) & 0x3ffff);
  let id = ((BigInt(Date.now()) - EPOCH_MS) << 18n) | low;
  if (id <= last) id = last + 1n;
  last = id;
  return id.toString();
}

/** A valid id is a non-negative decimal integer that fits in 64 bits. */
export function isValidId(id: string): boolean {
  return /^\d{1,19}$/.test(id) && BigInt(id) <= 0x7fff_ffff_ffff_ffffn;
}
