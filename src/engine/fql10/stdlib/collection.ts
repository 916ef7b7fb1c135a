// The `Collection` module and user collections (`Customer.create`, `Customer.byId`).
import { FqlError } from '../../errors';
import { createCollection, createDocument, isRefusal } from '../../store/documents';
import type { CollectionRecord } from '../../store/records';
import { Doc, DocRef, Time, type ObjectV, type Value } from '../../values/value';
import { recordToDoc } from '../docs';
import type { Interpreter } from '../interpreter';
import { argId, argObject, arity, unknownFields, type CallSpans } from './args';
import { constraintFailure } from './constraint';

/** Names a user collection may not take: modules and native collections of the language. */
const RESERVED = new Set([
  'Collection', 'Credential', 'Credentials', 'Token', 'Key', 'Role', 'Function', 'Database', 'AccessProvider',
  'Time', 'Date', 'Math', 'Object', 'Array', 'String', 'Set', 'Query', 'Bytes', 'FQL', 'Boolean', 'Number', 'Int',
  'Long', 'Double', 'Null', 'Any', 'Never', 'Tuple', 'Union', 'ID', 'Schema',
]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Document fields owned by Fauna: a user field of that name lives under `data`. */
const RESERVED_FIELDS = new Set(['coll', 'ts', 'ttl', 'data']);

/** A collection definition as v10 shows it. */
export function collectionDoc(c: CollectionRecord): Doc {
  const fields: ObjectV = new Map<string, Value>([
    ['history_days', c.historyDays],
    ['indexes', new Map()],
    ['constraints', []],
  ]);
  if (c.ttlDays !== null) fields.set('ttl_days', c.ttlDays);
  return new Doc(new DocRef('Collection', c.name), c.ts, fields);
}

export async function collectionCreate(interp: Interpreter, args: Value[], spans: CallSpans): Promise<Value> {
  arity(args, 1, 1, spans);
  const spec = argObject('definition', args[0], spans.args[0]!);
  const fail = (field: string, message: string) =>
    constraintFailure('Failed to create Collection.', field, message, spans.call);
  const extra = unknownFields(spec, ['name', 'history_days', 'ttl_days', 'data', 'indexes', 'constraints']);
  if (extra.length > 0) throw fail(extra[0]!, 'Unexpected field provided');
  const name = spec.get('name');
  if (typeof name !== 'string') throw fail('name', `Expected String, provided ${name === undefined ? 'Null' : typeof name}`);
  if (!NAME.test(name)) throw fail('name', 'Invalid identifier.');
  if (RESERVED.has(name)) throw fail('name', `The identifier \`${name}\` is reserved.`);
  const history = spec.get('history_days') ?? 0;
  const ttl = spec.get('ttl_days') ?? null;
  if (typeof history !== 'number') throw fail('history_days', 'Expected Int');
  if (ttl !== null && typeof ttl !== 'number') throw fail('ttl_days', 'Expected Int | Null');
  const made = await createCollection(interp.tx, name, { historyDays: history, ttlDays: ttl });
  if (isRefusal(made)) throw fail('name', `A Collection already exists with the name \`${name}\``);
  return collectionDoc(made);
}

export async function documentCreate(
  interp: Interpreter,
  coll: string,
  args: Value[],
  spans: CallSpans,
): Promise<Value> {
  arity(args, 1, 1, spans);
  const input = argObject('data', args[0], spans.args[0]!);
  const fields: ObjectV = new Map();
  let id: string | undefined;
  let ttl: number | undefined;
  for (const [k, v] of input) {
    if (k === 'id') id = argId(v, spans.args[0]!);
    else if (k === 'ttl') {
      if (v !== null && !(v instanceof Time)) {
        throw constraintFailure(`Failed to create document in collection \`${coll}\`.`, 'ttl', 'Expected Time | Null', spans.call);
      }
      if (v) ttl = v.micros;
    } else if (RESERVED_FIELDS.has(k)) {
      throw constraintFailure(
        `Failed to create document in collection \`${coll}\`.`,
        k,
        `The field \`${k}\` is reserved.`,
        spans.call,
      );
    } else fields.set(k, v);
  }
  const made = await createDocument(interp.tx, coll, id, fields, ttl);
  if (isRefusal(made)) {
    if (made.refused === 'exists') {
      throw new FqlError('document_id_exists', `Collection \`${coll}\` already contains document with id ${id}.`, spans.call);
    }
    throw new FqlError('invalid_argument', `Collection \`${coll}\` does not exist.`, spans.receiver);
  }
  return recordToDoc(made);
}

export function documentById(coll: string, args: Value[], spans: CallSpans): Value {
  arity(args, 1, 1, spans);
  return new DocRef(coll, argId(args[0], spans.args[0]!));
}
