// Document methods (`exists update replace updateData replaceData delete`) and the one write
// path every user-document write goes through, which checks unique constraints where the write
// happens (so the error points at the call) — the commit checks them again under its lock.
import { FqlError } from '../../errors';
import { decode, encode } from '../../store/codec';
import { allIndexes, entriesFor } from '../../store/index-keys';
import { CREDENTIAL, TOKEN, type CollectionRecord, type DocRecord } from '../../store/records';
import { Doc, DocRef, NullDoc, Time, typeName, type ObjectV, type Value } from '../../values/value';
import { recordToDoc } from '../docs';
import { documentNotFound, type Interpreter } from '../interpreter';
import { argObject, arity, type CallSpans } from './args';
import { ConstraintError, constraintFailure } from './constraint';
import type { MethodTable } from './registry';

type DocLike = DocRef | Doc | NullDoc;
const refOf = (d: DocLike) => (d instanceof DocRef ? d : d.ref);

/** Fields Fauna owns on every document; a user field of that name lives under `data`. */
export const RESERVED_FIELDS = new Set(['id', 'coll', 'ts', 'ttl', 'data']);

/** Puts a user document, after checking its collection's unique constraints. */
export async function writeUserDocument(
  interp: Interpreter,
  def: CollectionRecord,
  rec: DocRecord,
  _verb: 'create' | 'update' | 'replace',
  spans: CallSpans,
): Promise<void> {
  const unique = allIndexes(def).filter(([name]) => name.startsWith('$unique'));
  // Every violated constraint is listed, under Fauna's headline for uniqueness (FQL2CollectionsSpec).
  const failures: Array<{ paths: string[][]; message: string }> = [];
  for (const e of entriesFor(rec, def)) {
    const hit = unique.find(([name]) => name === e.index);
    if (!hit) continue;
    const others = (await interp.tx.indexEntries(def, e.index, e.terms)).filter((x) => x.id !== e.id);
    if (others.length > 0) failures.push({ paths: hit[1].terms, message: 'Failed unique constraint' });
  }
  if (failures.length > 0) throw new ConstraintError('Failed unique constraint.', failures, spans.call);
  interp.tx.putDoc(rec);
}

/** The stored record behind a document value, read (and billed) once. */
async function existing(interp: Interpreter, recv: DocLike, spans: CallSpans): Promise<DocRecord> {
  const ref = refOf(recv);
  const doc = recv instanceof NullDoc ? recv : await interp.resolve(ref);
  if (doc instanceof NullDoc) throw documentNotFound(doc, spans.receiver);
  return (await interp.tx.getDoc(ref.coll, ref.id))!;
}

/** Deep merge for `update`: objects merge key by key, `null` removes a field. */
function merge(base: ObjectV, patch: ObjectV): ObjectV {
  const out = new Map(base);
  for (const [k, v] of patch) {
    if (v === null) out.delete(k);
    else if (v instanceof Map && out.get(k) instanceof Map) out.set(k, merge(out.get(k) as ObjectV, v));
    else out.set(k, v);
  }
  return out;
}

async function write(interp: Interpreter, recv: DocLike, args: Value[], spans: CallSpans, mode: 'update' | 'replace', dataOnly: boolean): Promise<Value> {
  arity(args, 1, 1, spans);
  const patch = argObject('data', args[0], spans.args[0]!);
  if (refOf(recv).coll === 'Collection') {
    if (mode === 'replace' || dataOnly) throw new FqlError('invalid_argument', 'Only `update` of a collection definition is supported offline.', spans.call);
    return (await import('./collection')).collectionUpdate(interp, refOf(recv).id, patch, spans);
  }
  const rec = await existing(interp, recv, spans);
  const headline = `Failed to ${mode} document in collection \`${rec.coll}\`.`;
  if (rec.coll === TOKEN || rec.coll === CREDENTIAL) {
    return (await import('./native-writes')).writeNative(interp, rec, patch, mode, spans);
  }
  if (rec.coll === 'Key' || rec.coll === 'Role' || rec.coll === 'Database') {
    return (await import('./security-writes')).writeSecurity(interp, rec, patch, mode, spans);
  }
  const def = await interp.tx.getCollection(rec.coll);
  if (!def) throw new FqlError('document_not_found', `Collection \`${rec.coll}\` was deleted.`, spans.receiver);
  const fields = new Map<string, Value>();
  let ttl = rec.ttl;
  for (const [k, v] of patch) {
    if (!dataOnly && k === 'ttl') {
      if (v !== null && !(v instanceof Time)) throw constraintFailure(headline, 'ttl', `Expected Time | Null, provided ${typeName(v)}`, spans.call);
      ttl = v === null ? undefined : v.micros;
    } else if (!dataOnly && RESERVED_FIELDS.has(k)) {
      if (k === 'data' && v instanceof Map) for (const [dk, dv] of v) fields.set(dk, dv);
      else throw constraintFailure(headline, k, 'Is a reserved field and cannot be used', spans.call);
    } else fields.set(k, v);
  }
  const old = decode(rec.data);
  const base = old instanceof Map ? old : new Map<string, Value>();
  const next = mode === 'update' ? merge(base, fields) : new Map([...fields].filter(([, v]) => v !== null));
  const updated: DocRecord = { ...rec, ts: interp.tx.txnTs, data: encode(next) };
  if (ttl === undefined) delete updated.ttl;
  else updated.ttl = ttl;
  await interp.require('write', rec.coll, [recordToDoc(rec), recordToDoc(updated)], spans.call);
  await writeUserDocument(interp, def, updated, mode, spans);
  return recordToDoc(updated);
}

export const documentMethods: MethodTable<DocLike> = {
  exists: async (interp, recv, args, spans) => {
    arity(args, 0, 0, spans);
    return !(await interp.isNull(recv));
  },
  update: (interp, recv, args, spans) => write(interp, recv, args, spans, 'update', false),
  replace: (interp, recv, args, spans) => write(interp, recv, args, spans, 'replace', false),
  updateData: (interp, recv, args, spans) => write(interp, recv, args, spans, 'update', true),
  replaceData: (interp, recv, args, spans) => write(interp, recv, args, spans, 'replace', true),
  delete: async (interp, recv, args, spans) => {
    arity(args, 0, 0, spans);
    if (refOf(recv).coll === 'Collection') return (await import('./collection')).collectionDelete(interp, refOf(recv).id, spans);
    const rec = await existing(interp, recv, spans);
    await interp.require('delete', rec.coll, [recordToDoc(rec)], spans.call);
    if (rec.coll === 'Role') await (await import('./security-writes')).checkRoleDelete(interp, rec, spans);
    if (rec.coll === 'Database') await (await import('./security-writes')).dropDatabaseKeys(interp, rec);
    interp.tx.deleteDoc(rec.coll, rec.id);
    return new NullDoc(new DocRef(rec.coll, rec.id), 'deleted');
  },
};
