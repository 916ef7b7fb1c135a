// Keys and roles (admin only, as in Fauna) and the `Query` module: `Key.create/byId/all`,
// `Role.create/byName/all`, `Query.identity()`, `Query.token()`.
import { ACTIONS } from '../../auth/access';
import { BUILTIN_ROLES } from '../../auth/principal';
import { mintKeySecret } from '../../auth/secret';
import { FqlError } from '../../errors';
import { decode, encode } from '../../store/codec';
import { newId } from '../../store/ids';
import { KEY, ROLE, TOKEN, type DocRecord } from '../../store/records';
import { Doc, DocRef, NullDoc, Time, type ObjectV, type Value } from '../../values/value';
import { permissionDenied, type Interpreter } from '../interpreter';
import { argObject, arity, unknownFields, type CallSpans } from './args';
import { constraintFailure } from './constraint';
import { documentById } from './collection';
import type { ModuleDef } from './registry';
import { billedSet } from './sets';

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function securityDoc(rec: DocRecord, secret?: string): Doc {
  const data = decode(rec.data);
  return new Doc(new DocRef(rec.coll, rec.id), rec.ts, data instanceof Map ? data : new Map(), rec.ttl, secret);
}

/** A built-in role, or a user role stored in this database. */
export async function roleExists(interp: Interpreter, role: string): Promise<boolean> {
  return (BUILTIN_ROLES as readonly string[]).includes(role) || (await interp.tx.getDoc(ROLE, role, true)) !== null;
}

export function requireAdmin(interp: Interpreter, spans: CallSpans): void {
  if (!interp.access.canManageSecurity()) throw permissionDenied(spans.call);
}

async function keyCreate(interp: Interpreter, args: Value[], spans: CallSpans): Promise<Value> {
  arity(args, 1, 1, spans);
  requireAdmin(interp, spans);
  const spec = argObject('data', args[0], spans.args[0]!);
  const fail = (f: string, m: string) => constraintFailure('Failed to create Key.', f, m, spans.call);
  const extra = unknownFields(spec, ['role', 'database', 'ttl', 'data']);
  if (extra.length) throw fail(extra[0]!, 'Unexpected field provided');
  const role = spec.get('role');
  if (typeof role !== 'string') throw fail('role', 'Missing required field of type String');
  if (!(await roleExists(interp, role))) throw fail('role', `Field refers to an unknown role name \`${role}\`.`);
  const database = spec.get('database') ?? null;
  if (database !== null && (typeof database !== 'string' || !(await interp.tx.getDoc('Database', database, true)))) {
    throw fail('database', `Field refers to an unknown database name \`${String(database)}\`.`);
  }
  const ttl = spec.get('ttl') ?? null;
  if (ttl !== null && !(ttl instanceof Time)) throw fail('ttl', 'Expected Time | Null');
  const data = spec.get('data') ?? null;
  if (data !== null && !(data instanceof Map)) throw fail('data', 'Expected { *: Any } | Null');
  const id = newId();
  const { secret, hashed } = await mintKeySecret(id);
  const fields: ObjectV = new Map<string, Value>([['role', role]]);
  if (database !== null) fields.set('database', database);
  if (data) fields.set('data', data);
  const rec: DocRecord = { coll: KEY, id, ts: interp.tx.txnTs, data: encode(fields), hashedSecret: hashed };
  if (ttl) rec.ttl = ttl.micros;
  interp.tx.putDoc(rec);
  return securityDoc(rec, secret);
}

function predicateText(v: Value | undefined, where: string, fail: (f: string, m: string) => Error): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw fail(where, 'Expected a predicate as FQL text, e.g. "doc => doc.owner == Query.identity()"');
  return v;
}

/**
 * A role's stored fields from a definition: `membership` and `privileges` validated as Fauna
 * does (known actions, no duplicate resource), predicates kept as lambda text.
 */
export function roleFields(spec: ObjectV, fail: (f: string, m: string) => Error): ObjectV {
  const asList = (v: Value | undefined) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
  const membership = asList(spec.get('membership')).map((m, i) => {
    if (!(m instanceof Map) || typeof m.get('resource') !== 'string') throw fail(`membership[${i}]`, 'Expected { resource: String, predicate?: String }');
    const out: ObjectV = new Map<string, Value>([['resource', m.get('resource')!]]);
    const p = predicateText(m.get('predicate'), `membership[${i}].predicate`, fail);
    if (p !== undefined) out.set('predicate', p);
    return out;
  });
  const seen = new Set<string>();
  const privileges = asList(spec.get('privileges')).map((p, i) => {
    const resource = p instanceof Map ? p.get('resource') : undefined;
    if (!(p instanceof Map) || typeof resource !== 'string') throw fail(`privileges[${i}]`, 'Expected { resource: String, actions: Object }');
    if (seen.has(resource)) throw fail(`privileges[${i}].resource`, `Duplicate privileges for \`${resource}\`.`);
    seen.add(resource);
    const actions = p.get('actions') ?? new Map();
    if (!(actions instanceof Map)) throw fail(`privileges[${i}].actions`, 'Expected Object');
    const out: ObjectV = new Map();
    for (const [k, v] of actions) {
      if (!(ACTIONS as string[]).includes(k)) throw fail(`privileges[${i}].actions.${k}`, `Unknown action \`${k}\`.`);
      if (typeof v === 'boolean') out.set(k, v);
      else out.set(k, predicateText(v, `privileges[${i}].actions.${k}`, fail)!);
    }
    return new Map<string, Value>([['resource', resource], ['actions', out]]);
  });
  const fields: ObjectV = new Map<string, Value>([['membership', membership], ['privileges', privileges]]);
  const data = spec.get('data');
  if (data instanceof Map) fields.set('data', data);
  return fields;
}

/** A role name usable by a new or renamed role; fails unless free and not reserved. */
export async function checkRoleName(interp: Interpreter, name: Value | undefined, fail: (f: string, m: string) => Error): Promise<string> {
  if (typeof name !== 'string' || !NAME.test(name)) throw fail('name', 'Invalid identifier.');
  if ((BUILTIN_ROLES as readonly string[]).includes(name)) throw fail('name', `The identifier \`${name}\` is reserved.`);
  if (await interp.tx.getDoc(ROLE, name, true)) throw fail('name', `A Role already exists with the name \`${name}\``);
  return name;
}

async function roleCreate(interp: Interpreter, args: Value[], spans: CallSpans): Promise<Value> {
  arity(args, 1, 1, spans);
  requireAdmin(interp, spans);
  const spec = argObject('definition', args[0], spans.args[0]!);
  const fail = (f: string, m: string) => constraintFailure('Failed to create Role.', f, m, spans.call);
  const extra = unknownFields(spec, ['name', 'membership', 'privileges', 'data']);
  if (extra.length) throw fail(extra[0]!, 'Unexpected field provided');
  const name = await checkRoleName(interp, spec.get('name'), fail);
  const rec: DocRecord = { coll: ROLE, id: name, ts: interp.tx.txnTs, data: encode(roleFields(spec, fail)) };
  interp.tx.putDoc(rec);
  return securityDoc(rec);
}

function listOf(interp: Interpreter, coll: string, spans: CallSpans) {
  requireAdmin(interp, spans);
  return billedSet(interp, 8, async () => (await interp.tx.scanCollection(coll)).map((r) => new DocRef(coll, r.id)));
}

export const keyModule: ModuleDef = {
  kind: 'native-collection',
  methods: {
    create: keyCreate,
    byId: (interp, args, spans) => {
      requireAdmin(interp, spans);
      return documentById(KEY, args, spans);
    },
    all: (interp, args, spans) => {
      arity(args, 0, 0, spans);
      return listOf(interp, KEY, spans);
    },
  },
};

export const roleModule: ModuleDef = {
  kind: 'builtin',
  methods: {
    create: roleCreate,
    byName: async (interp, args, spans) => {
      arity(args, 1, 1, spans);
      const name = args[0];
      if (typeof name !== 'string') throw new FqlError('invalid_argument', 'invalid argument `name`: expected String', spans.args[0]);
      // Roles are admin-only (§5.1): others get a null that says why, as for any unreadable document.
      if (!interp.access.canManageSecurity()) return new NullDoc(new DocRef(ROLE, name), 'permission denied');
      const rec = await interp.tx.getDoc(ROLE, name, true);
      return rec ? securityDoc(rec) : null;
    },
    all: (interp, args, spans) => {
      arity(args, 0, 0, spans);
      return listOf(interp, ROLE, spans);
    },
  },
};

export const queryModule: ModuleDef = {
  kind: 'builtin',
  methods: {
    identity: (interp, args, spans) => {
      arity(args, 0, 0, spans);
      const p = interp.principal;
      return p.kind === 'identity' ? p.identity : null;
    },
    token: async (interp, args, spans) => {
      arity(args, 0, 0, spans);
      const p = interp.principal;
      if (p.kind !== 'identity' || !p.tokenId) return null;
      const doc = await interp.resolve(new DocRef(TOKEN, p.tokenId));
      return doc instanceof NullDoc ? null : doc;
    },
    isEnvTypechecked: () => false,
    isEnvProtected: () => false,
  },
};
