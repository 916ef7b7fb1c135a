// The `Collection` module (definitions: create, byName, `definition.update`) and the methods of
// a user collection (`Customer.create`, `byId`, `all`, `where`, `firstWhere`).
import { FqlError } from '../../errors';
import { encode } from '../../store/codec';
import { newId } from '../../store/ids';
import type { CollectionRecord, DocRecord, IndexDef } from '../../store/records';
import { Doc, DocRef, Module, NullDoc, Time, typeName, type ObjectV, type Value } from '../../values/value';
import { recordToDoc } from '../docs';
import { permissionDenied, type Interpreter } from '../interpreter';
import type { Span } from '../../api';
import { argId, argObject, arity, unknownFields, type CallSpans } from './args';
import { constraintFailure } from './constraint';
import { RESERVED_FIELDS, writeUserDocument } from './documents';
import { sig, staticFn, T } from './params';
import type { MethodTable, ModuleDef } from './registry';
import { billedSet, collectionSet, filterSet, firstOf } from './sets';
import type { SetV } from '../../values/set';

/** Names a user collection may not take: modules and native collections of the language. */
const RESERVED = new Set([
  'Collection', 'Credential', 'Credentials', 'Token', 'Tokens', 'Key', 'Role', 'Function', 'Database', 'AccessProvider',
  'Time', 'Date', 'Math', 'Object', 'Array', 'String', 'Set', 'Query', 'Bytes', 'FQL', 'Boolean', 'Number', 'Int',
  'Long', 'Double', 'Null', 'Any', 'Never', 'Tuple', 'Union', 'ID', 'Schema', 'Document', 'Ref',
]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const fieldPath = (p: string[]) => `.${p.join('.')}`;

/** A collection definition as v10 shows it. */
export function collectionDoc(c: CollectionRecord): Doc {
  const indexes: ObjectV = new Map();
  for (const [name, def] of Object.entries(c.indexes ?? {})) {
    if (def.legacy) continue;
    const idx: ObjectV = new Map();
    if (def.terms.length) idx.set('terms', def.terms.map((t) => new Map<string, Value>([['field', fieldPath(t)], ['mva', false]])));
    if (def.values.length) {
      idx.set('values', def.values.map((v) => new Map<string, Value>([['field', fieldPath(v.path)], ['order', v.desc ? 'desc' : 'asc'], ['mva', false]])));
    }
    idx.set('queryable', true);
    idx.set('status', 'complete');
    indexes.set(name, idx);
  }
  const constraints = (c.constraints ?? []).map(
    (u) =>
      new Map<string, Value>([
        ['unique', u.unique.map((p) => new Map<string, Value>([['field', fieldPath(p)], ['mva', false]]))],
        ['status', 'active'],
      ]),
  );
  const fields: ObjectV = new Map<string, Value>([
    ['history_days', c.historyDays],
    ['indexes', indexes],
    ['constraints', constraints],
  ]);
  if (c.ttlDays !== null) fields.set('ttl_days', c.ttlDays);
  return new Doc(new DocRef('Collection', c.name), c.ts, fields);
}

/** `.a.b` or `a.b` or `{ field: ".a.b" }` → `["a", "b"]`. */
function parsePath(v: Value, fail: (m: string) => Error): string[] {
  const text = v instanceof Map ? v.get('field') : v;
  if (typeof text !== 'string') throw fail('Expected a field path');
  const path = text.replace(/^\./, '').split('.');
  if (path.some((p) => !NAME.test(p))) throw fail(`Invalid field path \`${text}\``);
  return path;
}

function parseIndexes(spec: Value | undefined, fail: (field: string, m: string) => Error): Record<string, IndexDef> {
  if (spec === undefined || spec === null) return {};
  if (!(spec instanceof Map)) throw fail('indexes', 'Expected { *: Any } | Null');
  const out: Record<string, IndexDef> = {};
  for (const [name, def] of spec) {
    const at = `indexes.${name}`;
    if (!NAME.test(name)) throw fail(at, 'Invalid identifier.');
    if (!(def instanceof Map)) throw fail(at, 'Expected an index definition');
    const extra = unknownFields(def, ['terms', 'values', 'queryable', 'status']);
    if (extra.length) throw fail(`${at}.${extra[0]}`, 'Unexpected field provided');
    const terms = def.get('terms') ?? [];
    const values = def.get('values') ?? [];
    if (!Array.isArray(terms)) throw fail(`${at}.terms`, 'Expected Array');
    if (!Array.isArray(values)) throw fail(`${at}.values`, 'Expected Array');
    if (terms.length === 0 && values.length === 0) throw fail(at, 'An index needs terms or values.');
    out[name] = {
      terms: terms.map((t) => parsePath(t, (m) => fail(`${at}.terms`, m))),
      values: values.map((v) => {
        const order = v instanceof Map ? (v.get('order') ?? 'asc') : 'asc';
        if (order !== 'asc' && order !== 'desc') throw fail(`${at}.values`, 'Expected "asc" | "desc"');
        return { path: parsePath(v, (m) => fail(`${at}.values`, m)), desc: order === 'desc' };
      }),
    };
  }
  return out;
}

function parseConstraints(spec: Value | undefined, fail: (field: string, m: string) => Error): Array<{ unique: string[][] }> {
  if (spec === undefined || spec === null) return [];
  if (!Array.isArray(spec)) throw fail('constraints', 'Expected Array');
  return spec.map((c, i) => {
    const unique = c instanceof Map ? c.get('unique') : undefined;
    if (!Array.isArray(unique) || unique.length === 0) throw fail(`constraints[${i}]`, 'Expected { unique: Array }');
    return { unique: unique.map((p) => parsePath(p, (m) => fail(`constraints[${i}].unique`, m))) };
  });
}

async function collectionCreate(interp: Interpreter, args: Value[], spans: CallSpans): Promise<Value> {
  arity(args, 1, 1, spans);
  const spec = argObject('definition', args[0], spans.args[0]!);
  const fail = (field: string, message: string) => constraintFailure('Failed to create Collection.', field, message, spans.call);
  const extra = unknownFields(spec, ['name', 'history_days', 'ttl_days', 'data', 'indexes', 'constraints', 'fields', 'computed_fields', 'wildcard', 'migrations', 'document_ttls']);
  if (extra.length > 0) throw fail(extra[0]!, 'Unexpected field provided');
  const name = spec.get('name');
  if (typeof name !== 'string') throw fail('name', 'Missing required field of type String');
  if (!NAME.test(name)) throw fail('name', 'Invalid identifier.');
  if (RESERVED.has(name)) throw fail('name', `The identifier \`${name}\` is reserved.`);
  const history = spec.get('history_days') ?? 0;
  const ttl = spec.get('ttl_days') ?? null;
  if (typeof history !== 'number') throw fail('history_days', 'Expected Int');
  if (ttl !== null && typeof ttl !== 'number') throw fail('ttl_days', 'Expected Int | Null');
  if (!(await interp.access.canManageSchema('create', 'Collection', [spec]))) throw permissionDenied(spans.call);
  if (await interp.tx.getCollection(name)) throw fail('name', `A Collection already exists with the name \`${name}\``);
  const rec: CollectionRecord = { name, ts: interp.tx.txnTs, historyDays: history, ttlDays: ttl };
  const indexes = parseIndexes(spec.get('indexes'), fail);
  const constraints = parseConstraints(spec.get('constraints'), fail);
  if (Object.keys(indexes).length) rec.indexes = indexes;
  if (constraints.length) rec.constraints = constraints;
  interp.tx.putCollection(rec);
  return collectionDoc(rec);
}

/** `Coll.definition.update({ indexes, constraints, history_days, ttl_days })`. */
export async function collectionUpdate(interp: Interpreter, name: string, patch: ObjectV, spans: CallSpans): Promise<Value> {
  const def = await interp.tx.getCollection(name);
  if (!def) throw new FqlError('document_not_found', `Collection \`${name}\` not found.`, spans.receiver);
  if (!(await interp.access.canManageSchema('write', 'Collection', [patch]))) throw permissionDenied(spans.call);
  const fail = (field: string, message: string) => constraintFailure(`Failed to update Collection \`${name}\`.`, field, message, spans.call);
  const extra = unknownFields(patch, ['name', 'history_days', 'ttl_days', 'data', 'indexes', 'constraints']);
  if (extra.length > 0) throw fail(extra[0]!, 'Unexpected field provided');
  if (patch.has('name') && patch.get('name') !== name) throw fail('name', 'Renaming a collection is not supported offline.');
  const next: CollectionRecord = { ...def, ts: interp.tx.txnTs };
  if (patch.has('history_days')) {
    const h = patch.get('history_days');
    if (typeof h !== 'number') throw fail('history_days', 'Expected Int');
    next.historyDays = h;
  }
  if (patch.has('ttl_days')) {
    const t = patch.get('ttl_days') ?? null;
    if (t !== null && typeof t !== 'number') throw fail('ttl_days', 'Expected Int | Null');
    next.ttlDays = t;
  }
  if (patch.has('indexes')) {
    const merged: Record<string, IndexDef> = { ...(def.indexes ?? {}) };
    const incoming = patch.get('indexes');
    if (incoming instanceof Map) {
      // A v4 index is not the definition's to drop (v4 `Delete(Index(…))` is).
      for (const [k, v] of incoming) if (v === null && !merged[k]?.legacy) delete merged[k];
    }
    const added = parseIndexes(incoming instanceof Map ? new Map([...incoming].filter(([, v]) => v !== null)) : incoming, fail);
    for (const [k, v] of Object.entries(added)) {
      const same = JSON.stringify(merged[k]) === JSON.stringify(v);
      merged[k] = v;
      if (!same) interp.tx.buildIndex(name, k);
    }
    next.indexes = merged;
  }
  if (patch.has('constraints')) {
    next.constraints = parseConstraints(patch.get('constraints'), fail);
    next.constraints.forEach((_c, i) => interp.tx.buildIndex(name, `$unique${i}`));
  }
  interp.tx.putCollection(next);
  return collectionDoc(next);
}

/** `Coll.definition.delete()`: the collection goes with its documents, index entries and history. */
export async function collectionDelete(interp: Interpreter, name: string, spans: CallSpans): Promise<Value> {
  const def = await interp.tx.getCollection(name);
  if (!def) throw new FqlError('document_not_found', `Collection \`${name}\` not found.`, spans.receiver);
  if (!(await interp.access.canManageSchema('delete', 'Collection', [collectionDoc(def)]))) throw permissionDenied(spans.call);
  interp.tx.deleteCollection(name);
  return new NullDoc(new DocRef('Collection', name), 'deleted');
}

/** `Collection.all()`: the definitions, by name; empty for callers that may not read schema. */
function definitions(interp: Interpreter): SetV {
  return billedSet(interp, 1, async () => ((await interp.access.allows('read', 'Collection', [])) ? (await interp.tx.scanCollections()).map(collectionDoc) : []));
}

export async function definitionOf(interp: Interpreter, name: string, span: Span): Promise<Value> {
  const def = await interp.tx.getCollection(name);
  if (!def) throw new FqlError('document_not_found', `Collection \`${name}\` not found.`, span);
  return collectionDoc(def);
}

export function documentById(coll: string, args: Value[], spans: CallSpans): Value {
  arity(args, 1, 1, spans);
  return new DocRef(coll, argId(args[0], spans.args[0]!));
}

async function documentCreate(interp: Interpreter, coll: string, args: Value[], spans: CallSpans, dataOnly: boolean): Promise<Value> {
  arity(args, 1, 1, spans);
  const input = argObject('data', args[0], spans.args[0]!);
  const headline = `Failed to create document in collection \`${coll}\`.`;
  const def = await interp.tx.getCollection(coll);
  if (!def) throw new FqlError('invalid_argument', `Collection \`${coll}\` does not exist.`, spans.receiver);
  const fields: ObjectV = new Map();
  let id: string | undefined;
  let ttl: number | undefined;
  for (const [k, v] of input) {
    if (!dataOnly && k === 'id') id = argId(v, spans.args[0]!);
    else if (!dataOnly && k === 'ttl') {
      if (v !== null && !(v instanceof Time)) throw constraintFailure(headline, 'ttl', `Expected Time | Null, provided ${typeName(v)}`, spans.call);
      if (v) ttl = v.micros;
    } else if (!dataOnly && RESERVED_FIELDS.has(k)) {
      if (k === 'data' && v instanceof Map) for (const [dk, dv] of v) fields.set(dk, dv);
      else throw constraintFailure(headline, k, 'Is a reserved field and cannot be used', spans.call);
    } else if (v !== null) fields.set(k, v);
  }
  if (id !== undefined && (await interp.tx.getDoc(coll, id, true))) {
    throw new FqlError('document_id_exists', `Collection \`${coll}\` already contains document with id ${id}.`, spans.call);
  }
  const rec: DocRecord = { coll, id: id ?? newId(), ts: interp.tx.txnTs, data: encode(fields) };
  if (ttl !== undefined) rec.ttl = ttl;
  await interp.require(id === undefined ? 'create' : 'create_with_id', coll, [recordToDoc(rec)], spans.call);
  await writeUserDocument(interp, def, rec, 'create', spans);
  return recordToDoc(rec);
}

export const collectionModule: ModuleDef = {
  kind: 'builtin',
  // `Collection("Book")` is the user collection of that name (never a native one, as in Fauna).
  call: staticFn(
    'Collection',
    sig([['collection', T.string]], async (interp, _s: undefined, [name], spans) => {
      const { isUserCollection } = await import('./dispatch');
      if (await isUserCollection(interp, name)) return new Module(name, 'user-collection');
      throw new FqlError('invalid_argument', `invalid argument \`collection\`: No such user collection \`${name}\`.`, spans.call);
    }),
  ),
  methods: {
    create: collectionCreate,
    all: (interp, args, spans) => {
      arity(args, 0, 0, spans);
      return definitions(interp);
    },
    where: (interp, args, spans) => {
      arity(args, 1, 1, spans);
      return filterSet(interp, definitions(interp), args[0]!, spans);
    },
    firstWhere: (interp, args, spans) => {
      arity(args, 1, 1, spans);
      return firstOf(interp, filterSet(interp, definitions(interp), args[0]!, spans));
    },
    byName: async (interp, args, spans) => {
      arity(args, 1, 1, spans);
      const name = args[0];
      if (typeof name !== 'string') throw new FqlError('invalid_argument', 'invalid argument `name`: expected String', spans.args[0]);
      // Client keys and role-less tokens may not read definitions (§5.1): a null that says why.
      if (!(await interp.access.allows('read', 'Collection', []))) return new NullDoc(new DocRef('Collection', name), 'permission denied');
      const def = await interp.tx.getCollection(name);
      // A missing definition is a null document, so `!` says `Collection \`X\` not found.`
      return def ? collectionDoc(def) : new NullDoc(new DocRef('Collection', name), 'not found');
    },
  },
};

/** `where`/`firstWhere` on a collection read all of it: Fauna's hint, in Fauna's words. */
function scanHint(interp: Interpreter, method: string, coll: string, spans: CallSpans): void {
  interp.hint(
    'collection_scan',
    `Using ${method}() on collection ${coll} can cause a read of every document. See https://docs.fauna.com/performance_hint/collection_scan.`,
    spans.call,
  );
}

export const userCollectionMethods: MethodTable<string> = {
  create: (interp, coll, args, spans) => documentCreate(interp, coll, args, spans, false),
  createData: (interp, coll, args, spans) => documentCreate(interp, coll, args, spans, true),
  byId: (_i, coll, args, spans) => documentById(coll, args, spans),
  all: (interp, coll, args, spans) => {
    arity(args, 0, 1, spans);
    return collectionSet(interp, coll, args[0] ?? null, spans);
  },
  where: (interp, coll, args, spans) => {
    arity(args, 1, 1, spans);
    scanHint(interp, 'where', coll, spans);
    return filterSet(interp, collectionSet(interp, coll, null, spans), args[0]!, spans);
  },
  firstWhere: async (interp, coll, args, spans) => {
    arity(args, 1, 1, spans);
    scanHint(interp, 'firstWhere', coll, spans);
    return firstOf(interp, filterSet(interp, collectionSet(interp, coll, null, spans), args[0]!, spans));
  },
};
