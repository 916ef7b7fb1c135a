// Byte sizes of stored records in the cost model. One encoding for every document: a fixed
// version header (ids, timestamps, flags) plus the fields in the `storedSize` encoding. The
// header and the index-entry overhead are calibrated on Fauna's published figures: a v4 Login
// reads a 214-byte credential and a new token writes 414 bytes (seeds 000 and 003).
import { storedSize, type Stored } from './codec';
import { utf8Length } from './utf8';
import type { CollectionRecord, DocRecord } from './records';

/** Bytes of a document version's header. */
export const VERSION_HEADER_BYTES = 62;
/** Bytes of one index entry beside its terms and the document reference. */
export const INDEX_ENTRY_BYTES = 213;
/** What looking up an absent document reads (Fauna: a miss reads 14 bytes). */
export const MISSING_DOC_BYTES = 14;

const str = (s: string) => 3 + utf8Length(s);

function refSize(key: string): number {
  const slash = key.lastIndexOf('/');
  return 1 + 8 + str(key.slice(0, slash));
}

export function recordSize(r: DocRecord): number {
  let n = VERSION_HEADER_BYTES + storedSize(r.data);
  if (r.ttl !== undefined) n += 9;
  if (r.instance !== undefined) n += 3 + 8 + refSize(r.instance);
  if (r.hashedSecret !== undefined) n += 3 + 13 + str(r.hashedSecret);
  if (r.hashedPassword !== undefined) n += 3 + 15 + str(r.hashedPassword);
  return n;
}

/** Bytes a commit writes for a document: its version plus its entries in native indexes. */
export function recordWriteSize(r: DocRecord): number {
  let n = recordSize(r);
  if (r.instance !== undefined) n += INDEX_ENTRY_BYTES + refSize(r.instance);
  return n;
}

/**
 * Bytes a write over an existing version bills when only changes count (v4-era billing): the
 * header, the changed fields (nested objects by their changed fields, removed ones as a null),
 * and the index entry again if the identity changed.
 */
export function recordUpdateSize(old: DocRecord, r: DocRecord): number {
  let n = VERSION_HEADER_BYTES + diffSize(old.data, r.data);
  if (r.ttl !== old.ttl) n += 9;
  if (r.hashedSecret !== old.hashedSecret && r.hashedSecret !== undefined) n += 3 + 13 + str(r.hashedSecret);
  if (r.hashedPassword !== old.hashedPassword && r.hashedPassword !== undefined) n += 3 + 15 + str(r.hashedPassword);
  if (r.instance !== old.instance && r.instance !== undefined) n += 3 + 8 + refSize(r.instance) + INDEX_ENTRY_BYTES + refSize(r.instance);
  return n;
}

const isObject = (s: Stored): s is { o: Array<[string, Stored]> } => typeof s === 'object' && s !== null && 'o' in s;

/** Bytes of what changed from `a` to `b`; 0 when nothing did. */
function diffSize(a: Stored, b: Stored): number {
  if (!isObject(a) || !isObject(b)) return sameStored(a, b) ? 0 : storedSize(b);
  const before = new Map(a.o);
  let n = 0;
  for (const [k, v] of b.o) {
    const prev = before.get(k);
    before.delete(k);
    const d = prev === undefined ? storedSize(v) : diffSize(prev, v);
    if (d > 0) n += 3 + utf8Length(k) + d;
  }
  for (const k of before.keys()) n += 3 + utf8Length(k) + 1;
  return n === 0 ? 0 : 3 + n;
}

function sameStored(a: Stored, b: Stored): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameStored(x, b[i]!));
  }
  if (isObject(a) || isObject(b)) return isObject(a) && isObject(b) && diffSize(a, b) === 0 && a.o.length === b.o.length;
  const ka = Object.keys(a) as Array<keyof typeof a>;
  return ka.length === Object.keys(b).length && ka.every((k) => sameStored(a[k] as Stored, (b as typeof a)[k] as Stored));
}

export function collectionSize(c: CollectionRecord): number {
  return VERSION_HEADER_BYTES + str(c.name) + 9 + 9;
}
