// `update`/`replace` of tokens and credentials: a token may change `document`, `data` and `ttl`
// (its secret stays valid, and `secret` itself is read-only); a credential may change `document`
// and its `password` (rehashed, never stored as given).
import { hashPassword } from '../../auth/password';
import { encode } from '../../store/codec';
import { CREDENTIAL, type DocRecord } from '../../store/records';
import { Time, typeName, type ObjectV, type Value } from '../../values/value';
import { recordToDoc } from '../docs';
import type { Interpreter } from '../interpreter';
import { argDocRef, type CallSpans } from './args';
import { constraintFailure } from './constraint';
import { isUserCollection } from './dispatch';

export async function writeNative(
  interp: Interpreter,
  rec: DocRecord,
  patch: ObjectV,
  mode: 'update' | 'replace',
  spans: CallSpans,
): Promise<Value> {
  const headline = `Failed to ${mode} document in collection \`${rec.coll}\`.`;
  const allowed = rec.coll === CREDENTIAL ? ['document', 'password', 'data'] : ['document', 'data', 'ttl'];
  const next: DocRecord = { ...rec, ts: interp.tx.txnTs };
  if (mode === 'replace') {
    next.data = null;
    delete next.ttl;
  }
  for (const [k, v] of patch) {
    if (!allowed.includes(k)) {
      const why = k === 'secret' || k === 'hashed_password' ? 'The field is readonly.' : 'Unexpected field provided';
      throw constraintFailure(headline, k, why, spans.call);
    }
    if (k === 'document') {
      const ref = argDocRef(v);
      if (!ref || !(await isUserCollection(interp, ref.coll))) {
        throw constraintFailure(headline, 'document', 'Expected document from a user-defined collection.', spans.call);
      }
      next.instance = ref.key;
    } else if (k === 'password') {
      if (v === null) delete next.hashedPassword;
      else if (typeof v === 'string') next.hashedPassword = await hashPassword(v);
      else throw constraintFailure(headline, 'password', 'Expected String | Null', spans.call);
    } else if (k === 'data') {
      if (v !== null && !(v instanceof Map)) throw constraintFailure(headline, 'data', 'Expected { *: Any } | Null', spans.call);
      next.data = v === null ? null : encode(v);
    } else if (k === 'ttl') {
      if (v !== null && !(v instanceof Time)) throw constraintFailure(headline, 'ttl', `Expected Time | Null, provided ${typeName(v)}`, spans.call);
      if (v === null) delete next.ttl;
      else next.ttl = v.micros;
    }
  }
  await interp.require('write', rec.coll, [recordToDoc(rec), recordToDoc(next)], spans.call);
  interp.tx.putDoc(next);
  return recordToDoc(next);
}
