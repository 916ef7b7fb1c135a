// Document and collection operations shared by both languages. They report outcomes as data;
// each language turns a refusal into its own error (v10 `document_id_exists`, v4
// `instance already exists`, …).
import { encode } from './codec';
import { newId } from './ids';
import type { QueryTx } from './query-tx';
import type { CollectionRecord, DocRecord } from './records';
import type { ObjectV } from '../values/value';

export type Refusal = { refused: 'exists' | 'missing-collection' };

export async function createCollection(
  tx: QueryTx,
  name: string,
  opts: { historyDays: number; ttlDays: number | null },
): Promise<CollectionRecord | Refusal> {
  if (await tx.getCollection(name)) return { refused: 'exists' };
  const rec: CollectionRecord = { name, ts: tx.txnTs, historyDays: opts.historyDays, ttlDays: opts.ttlDays };
  tx.putCollection(rec);
  return rec;
}

export async function createDocument(
  tx: QueryTx,
  coll: string,
  id: string | undefined,
  fields: ObjectV,
  ttl?: number,
): Promise<DocRecord | Refusal> {
  if (!(await tx.getCollection(coll))) return { refused: 'missing-collection' };
  const docId = id ?? newId();
  if (id !== undefined && (await tx.getDoc(coll, id, true))) return { refused: 'exists' };
  const rec: DocRecord = { coll, id: docId, ts: tx.txnTs, data: encode(fields) };
  if (ttl !== undefined) rec.ttl = ttl;
  tx.putDoc(rec);
  return rec;
}

export function isRefusal<T>(r: T | Refusal): r is Refusal {
  return typeof r === 'object' && r !== null && 'refused' in r;
}
