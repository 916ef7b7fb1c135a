// Keys and roles from v4: `CreateKey`, `CreateRole` (also `Create(Keys(), …)`, `Create(Roles(),
// …)`), `Role("name")`, `Roles()`. Both write the documents the v10 side reads (records.ts): a
// key keeps `{role, data?}` and the SHA-256 of its secret; a role keeps `{membership,
// privileges, data?}` with resources by name and predicates either as v10 lambda text or, for
// `Query(Lambda(…))`, as `{lang: "fql4", lambda: <wire JSON>}` (evaluated by the v4 evaluator,
// with v4's arguments, whichever language asks; see auth/access.ts and predicates.ts).
// Only principals allowed to create keys/roles may (admin; the core's RootClassIDs).
import { ACTIONS } from '../auth/access';
import { BUILTIN_ROLES } from '../auth/principal';
import { randomInt64 } from '../auth/random';
import { DATABASE } from '../auth/route';
import { mintKeySecret } from '../auth/secret';
import { decode, encode } from '../store/codec';
import { newId } from '../store/ids';
import { FUNCTION, KEY, ROLE, type DocRecord } from '../store/records';
import { DocRef, Module, Time, type ObjectV, type Value } from '../values/value';
import { child, type Path, type V4Object } from './ast';
import { castString, fail, isNativeColl } from './casts';
import { databaseDocV4, refOf, roleDocV4, roleValue } from './docs';
import { arg, type Evaluator, type Form } from './form';
import { pendingDoc, requireAllowed } from './guard';
import { V4Lambda } from './lambda';
import { INVALID_DATA, checkStorable, orderOf, writeParams } from './params';

const invalid = (node: V4Object, at: Path): never => fail('validation failed', INVALID_DATA, node, at);

/** Role names usable from both languages (v10 identifiers), minus the built-in and reserved ones. */
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESERVED = new Set([...BUILTIN_ROLES, 'events', 'set', 'self', 'documents', '_']);

/** Fauna's cap on roles whose membership names one collection (Role.MaxRolesPerCollection). */
const MAX_ROLES_PER_COLLECTION = 64;

/**
 * A key's role: a built-in role's name, or a user role by ref (`Role("x")`, or an array of one).
 * Undefined when it names nothing (the caller reports `validation failed`).
 */
export async function roleName(ev: Evaluator, v: Value, node: V4Object, at: Path): Promise<string | undefined> {
  if (Array.isArray(v)) {
    if (v.length !== 1) fail('invalid argument', 'The playground gives a key one role: a role name or one Role("name").', node, at);
    return roleName(ev, v[0]!, node, at);
  }
  if (typeof v === 'string') return (BUILTIN_ROLES as readonly string[]).includes(v) ? v : undefined;
  if (v instanceof DocRef && v.coll === ROLE && (await ev.tx.getDoc(ROLE, v.id, true))) return v.id;
  return undefined;
}

/** `CreateKey({role, data?, ttl?, priority?})` → `{ref, ts, role, …, secret, hashed_secret}`. */
export async function createKeyDoc(ev: Evaluator, node: V4Object, at: Path, params: ObjectV): Promise<ObjectV> {
  const id = newId();
  await requireAllowed(ev, 'create', KEY, [pendingDoc(ev, KEY, id, params)], node, at);
  const role = await roleName(ev, params.get('role') ?? null, node, at);
  if (role === undefined) return invalid(node, at);
  const database = params.get('database') ?? null;
  if (database !== null && !(database instanceof DocRef && database.coll === DATABASE && (await ev.tx.getDoc(DATABASE, database.id, true)))) {
    return invalid(node, at);
  }
  const data = params.get('data') ?? null;
  const ttl = params.get('ttl') ?? null;
  if ((data !== null && !(data instanceof Map)) || (ttl !== null && !(ttl instanceof Time))) return invalid(node, at);
  if (data) checkStorable(data, node, at);
  const { secret, hashed } = await mintKeySecret(id);
  const fields: ObjectV = new Map<string, Value>([['role', role]]);
  if (database) fields.set('database', database.id);
  if (data) fields.set('data', data);
  const rec: DocRecord = { coll: KEY, id, ts: ev.tx.txnTs, data: encode(fields), hashedSecret: hashed };
  if (ttl) rec.ttl = ttl.micros;
  ev.tx.putDoc(rec);
  const out: ObjectV = new Map<string, Value>([
    ['ref', refOf(rec)],
    ['ts', BigInt(rec.ts)],
  ]);
  for (const k of orderOf(params, ['role', 'database', 'data', 'ttl'])) {
    if (k === 'role') out.set('role', roleValue(role));
    if (k === 'database' && database) out.set('database', database);
    if (k === 'data' && data) out.set('data', data);
    if (k === 'ttl' && ttl) out.set('ttl', ttl);
  }
  out.set('secret', secret);
  out.set('hashed_secret', hashed);
  return out;
}

/** A predicate as stored: v4 lambdas by their wire JSON, v10 text as is. */
function storedPredicate(v: Value | undefined, node: V4Object, at: Path): Value | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof V4Lambda) return new Map<string, Value>([['lang', 'fql4'], ['lambda', v.wire]]);
  if (typeof v === 'string') return v;
  return invalid(node, at);
}

/** A role's resource by name: a user collection, a native one (`Tokens()`, `Keys()`, …), or a UDF. */
async function resourceName(ev: Evaluator, v: Value | undefined, node: V4Object, at: Path): Promise<string> {
  if (v instanceof Module && v.kind === 'user-collection' && (await ev.tx.getCollection(v.name))) return v.name;
  if (v instanceof Module && v.kind === 'native-collection' && isNativeColl(v.name)) return v.name;
  // A UDF, for `call` privileges: roles name functions by name, as v10's do.
  if (v instanceof DocRef && v.coll === FUNCTION && (await ev.tx.getDoc(FUNCTION, v.id, true))) return v.id;
  return invalid(node, at);
}

const membershipOf = (rec: DocRecord): Value | undefined => {
  const fields = decode(rec.data);
  return fields instanceof Map ? fields.get('membership') : undefined;
};

const asList = (v: Value | undefined): Value[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/**
 * The role document `spec` describes (`{name, membership?, privileges?, data?}`), validated as
 * the core does; failures are `validation failed` at `at`. `self` is the role being replaced.
 */
export async function roleRecord(ev: Evaluator, spec: ObjectV, node: V4Object, at: Path, self?: string): Promise<DocRecord> {
  const name = spec.get('name');
  if (typeof name !== 'string' || !NAME.test(name) || RESERVED.has(name)) return invalid(node, at);
  if (self === undefined && (await ev.tx.getDoc(ROLE, name, true))) fail('instance already exists', 'Role already exists.', node, at);
  const others = (await ev.tx.scanCollection(ROLE)).filter((r) => r.id !== self);
  const membership: Value[] = [];
  for (const m of asList(spec.get('membership'))) {
    if (!(m instanceof Map)) return invalid(node, at);
    const resource = await resourceName(ev, m.get('resource'), node, at);
    if (!(await ev.tx.getCollection(resource))) return invalid(node, at);
    const holders = others.filter((r) => asList(membershipOf(r)).some((x) => x instanceof Map && x.get('resource') === resource));
    if (holders.length >= MAX_ROLES_PER_COLLECTION) return invalid(node, at);
    const entry: ObjectV = new Map([['resource', resource]]);
    const p = storedPredicate(m.get('predicate'), node, at);
    if (p !== undefined) entry.set('predicate', p);
    membership.push(entry);
  }
  const privileges: Value[] = [];
  for (const p of asList(spec.get('privileges'))) {
    if (!(p instanceof Map)) return invalid(node, at);
    const resource = await resourceName(ev, p.get('resource'), node, at);
    const actionsIn = p.get('actions') ?? null;
    if (actionsIn !== null && !(actionsIn instanceof Map)) return invalid(node, at);
    const actions: ObjectV = new Map();
    for (const [k, v] of actionsIn ?? []) {
      if (!(ACTIONS as string[]).includes(k)) return invalid(node, at);
      if (typeof v === 'boolean') actions.set(k, v);
      else {
        const pred = storedPredicate(v, node, at);
        if (pred !== undefined) actions.set(k, pred);
      }
    }
    privileges.push(new Map<string, Value>([['resource', resource], ['actions', actions]]));
  }
  const fields: ObjectV = new Map<string, Value>([['membership', membership], ['privileges', privileges]]);
  const data = spec.get('data') ?? null;
  if (data !== null && !(data instanceof Map)) return invalid(node, at);
  if (data) {
    checkStorable(data, node, at);
    fields.set('data', data);
  }
  return { coll: ROLE, id: name, ts: ev.tx.txnTs, data: encode(fields) };
}

/** `CreateRole({name, membership?, privileges?, data?})` → the role document. */
export async function createRoleDoc(ev: Evaluator, node: V4Object, at: Path, params: ObjectV): Promise<ObjectV> {
  const name = typeof params.get('name') === 'string' ? (params.get('name') as string) : '';
  await requireAllowed(ev, 'create', ROLE, [pendingDoc(ev, ROLE, name, params)], node, at);
  const rec = await roleRecord(ev, params, node, at);
  ev.tx.putDoc(rec);
  return roleDocV4(ev.tx, rec);
}

/**
 * `CreateDatabase({name, data?, priority?})` → `{ref: Database("x"), ts, name, global_id, …}`
 * (admin only). The child's store is made when a secret first enters it (auth/route.ts).
 */
export async function createDatabaseDoc(ev: Evaluator, node: V4Object, at: Path, params: ObjectV): Promise<ObjectV> {
  const name = params.get('name');
  await requireAllowed(ev, 'create', DATABASE, [pendingDoc(ev, DATABASE, typeof name === 'string' ? name : '', params)], node, at);
  if (typeof name !== 'string' || !NAME.test(name)) return invalid(node, at);
  if (await ev.tx.getDoc(DATABASE, name, true)) fail('instance already exists', 'Database already exists.', node, at);
  const fields: ObjectV = new Map();
  for (const k of ['data', 'priority']) {
    const v = params.get(k) ?? null;
    if (v !== null) fields.set(k, v);
  }
  fields.set('global_id', randomInt64().toString());
  const rec: DocRecord = { coll: DATABASE, id: name, ts: ev.tx.txnTs, data: encode(fields) };
  ev.tx.putDoc(rec);
  return databaseDocV4(rec);
}

/**
 * `Update`/`Replace` of a database definition: `data` and `priority`; its `global_id` is kept
 * whatever the patch says (the child's store and token secrets hang on it). Renaming is refused.
 */
export async function patchDatabase(
  ev: Evaluator,
  rec: DocRecord,
  patch: ObjectV,
  mode: 'update' | 'replace',
  node: V4Object,
  at: Path,
): Promise<{ record: DocRecord; invalid: boolean }> {
  const name = patch.get('name');
  if (name !== undefined && name !== rec.id) fail('invalid argument', 'The playground cannot rename databases from v4.', node, at);
  const old = decode(rec.data);
  const fields: ObjectV = mode === 'update' && old instanceof Map ? new Map(old) : new Map();
  let invalid = false;
  for (const k of ['data', 'priority']) {
    if (!patch.has(k)) continue;
    const v = patch.get(k) ?? null;
    if (v === null) fields.delete(k);
    else fields.set(k, v);
  }
  const data = fields.get('data');
  invalid ||= data !== undefined && !(data instanceof Map);
  if (data instanceof Map) checkStorable(data, node, at);
  const globalId = old instanceof Map ? old.get('global_id') : undefined;
  if (globalId !== undefined) fields.set('global_id', globalId);
  return { record: { ...rec, ts: ev.tx.txnTs, data: encode(fields) }, invalid };
}

const schemaCreate = (key: string, create: typeof createKeyDoc): Form => ({
  keys: [key],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, key, pos, env);
    const params = await writeParams(ev, a, node, pos);
    return ev.created(await create(ev, node, [...pos, key], params));
  },
});

export const SECURITY_FORMS: Record<string, Form> = {
  create_key: schemaCreate('create_key', createKeyDoc),
  create_role: schemaCreate('create_role', createRoleDoc),
  create_database: schemaCreate('create_database', createDatabaseDoc),
  database: {
    keys: ['database'],
    optional: ['scope'],
    call: true,
    async run(ev, node, pos, env) {
      if (child(node, 'scope')) fail('invalid argument', 'Only databases of the current database can be named.', node, [...pos, 'scope']);
      const a = await arg(ev, node, 'database', pos, env);
      return new DocRef(DATABASE, castString(a.value, a.node, a.pos));
    },
  },
  role: {
    keys: ['role'],
    optional: ['scope'],
    call: true,
    async run(ev, node, pos, env) {
      if (child(node, 'scope')) fail('invalid argument', 'Child databases are not supported offline.', node, [...pos, 'scope']);
      const a = await arg(ev, node, 'role', pos, env);
      return new DocRef(ROLE, castString(a.value, a.node, a.pos));
    },
  },
  roles: { keys: ['roles'], call: true, run: async () => new Module(ROLE, 'native-collection') },
};
