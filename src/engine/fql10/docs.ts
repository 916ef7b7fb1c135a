// Stored records as v10 sees them: documents with `id`, `coll`, `ts` and their fields.
// Tokens and credentials show `document` (stored as the identity `instance`), never a hash.
import { decode } from '../store/codec';
import { CREDENTIAL, TOKEN, type DocRecord } from '../store/records';
import { Doc, DocRef, type ObjectV, type Value } from '../values/value';

export function recordToDoc(r: DocRecord, secret?: string): Doc {
  const ref = new DocRef(r.coll, r.id);
  if (r.coll === TOKEN || r.coll === CREDENTIAL) {
    const fields: ObjectV = new Map<string, Value>([['document', DocRef.fromKey(r.instance!)]]);
    if (r.data !== null) fields.set('data', decode(r.data));
    return new Doc(ref, r.ts, fields, r.ttl, secret);
  }
  const fields = decode(r.data);
  // Keys, roles and functions keep their fields in `data`; hashes never leave the record.
  return new Doc(ref, r.ts, fields instanceof Map ? fields : new Map(), r.ttl, secret);
}
