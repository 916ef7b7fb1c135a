// Byte sizes of stored records in the cost model. One encoding for every document: a fixed
// version header (ids, timestamps, flags) plus the fields in the `storedSize` encoding. The
// header and the index-entry overhead are calibrated on Fauna's published figures: a v4 Login
// reads a 214-byte credential and a new token writes 414 bytes (seeds 000 and 003).
import { storedSize } from './codec';
import type { CollectionRecord, DocRecord } from './records';

/** Bytes of a document version's header. */
export const VERSION_HEADER_BYTES = 62;
/** Bytes of one index entry beside its terms and the document reference. */
export const INDEX_ENTRY_BYTES = 213;
/** What looking up an absent document reads (Fauna: a miss reads 14 bytes). */
export const MISSING_DOC_BYTES = 14;

const utf8 = new TextEncoder();
const str = (s: string) => 3 + utf8.encode(s).length;

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

export function collectionSize(c: CollectionRecord): number {
  return VERSION_HEADER_BYTES + str(c.name) + 9 + 9;
}
