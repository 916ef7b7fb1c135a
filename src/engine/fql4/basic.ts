// Pure v4 functions: refs and collection handles, Equals, and time (BasicFunctions.scala and
// TimeFunctions.scala in the core). None of them reads or writes.
import { credentialOf } from '../auth/identity';
import { isValidId } from '../store/ids';
import { CREDENTIAL, ROLE, TOKEN } from '../store/records';
import { parseTime } from '../values/time';
import { DateV, DocRef, Module, Time, type Value } from '../values/value';
import { castInteger, castString, fail, invalidArgument, isNativeColl, unresolvedError, valuesEqual } from './casts';
import { child, type V4Node } from './ast';
import { arg, type Evaluator, type Form } from './form';

const nativeHandle = (key: string, name: string): Form => ({
  keys: [key],
  call: true,
  run: async () => new Module(name, 'native-collection'),
});

// Maps, not object literals: user text such as "constructor" must not hit Object.prototype.
const NATIVE_BY_V4_ID = new Map([
  ['tokens', 'Token'],
  ['credentials', 'Credential'],
  ['keys', 'Key'],
  ['roles', 'Role'],
  ['collections', 'Collection'],
  ['classes', 'Collection'],
]);

/** `Ref(coll, id)`: the id is an integer or a numeric string; the collection need not exist. */
const refForm: Form = {
  keys: ['ref', 'id'],
  call: true,
  async run(ev, node, pos, env) {
    const coll = await arg(ev, node, 'ref', pos, env);
    const id = await arg(ev, node, 'id', pos, env);
    const c = coll.value;
    if (c instanceof Module && c.name === 'Collection' && c.kind !== 'user-collection') {
      fail('invalid argument', 'Regular Class Ref expected, Schema Class Ref provided.', coll.node, coll.pos);
    }
    if (!(c instanceof Module)) return invalidArgument(['Collection Ref'], c, coll.node, coll.pos);
    // A ref into a user collection named like a native one would alias the native documents.
    if (c.kind === 'user-collection' && isNativeColl(c.name)) unresolvedError(c.name, coll.node, coll.pos);
    let text: string;
    if (typeof id.value === 'number' || typeof id.value === 'bigint') text = id.value.toString();
    else if (typeof id.value === 'string') text = id.value;
    else return invalidArgument(['String', 'Number'], id.value, id.node, id.pos);
    if (!/^\d+$/.test(text)) {
      fail('invalid argument', `Number or numeric String expected, non-numeric '${text}' provided.`, id.node, id.pos);
    }
    const normalized = BigInt(text).toString();
    if (!isValidId(normalized)) fail('invalid argument', `The id provided is too large: '${text}'`, id.node, id.pos);
    return new DocRef(c.name, normalized);
  },
};

/**
 * `Ref("tokens/self")`, `Ref("credentials/self")`, `Ref("collections/users/self")`: the
 * caller's token, its identity's credential, its identity (ModelData.lookupInstanceRef). Keys
 * have no self ref; anything unresolvable is an invalid ref.
 */
async function selfRef(ev: Evaluator, text: string): Promise<Value | undefined> {
  const p = ev.principal;
  if (p.kind !== 'identity') return undefined;
  if (text === 'tokens/self') return p.tokenId === undefined ? undefined : new DocRef(TOKEN, p.tokenId);
  if (text === 'credentials/self') {
    const cred = p.tokenId === undefined ? null : await credentialOf(ev.tx, p.identity);
    return cred ? new DocRef(CREDENTIAL, cred.id) : undefined;
  }
  const m = /^(?:collections|classes)\/([^/]+)\/self$/.exec(text);
  return m && m[1] === p.identity.coll ? p.identity : undefined;
}

const isSelf = (text: string) => text.endsWith('/self');

/** `Ref("collections/spells")`, the legacy one-argument form: a ref literal, parsed by Fauna. */
const refLiteral: Form = {
  keys: ['@ref'],
  call: false,
  async run(ev, node, pos) {
    // A literal, not an expression: its body is read as JSON, never evaluated.
    const body = child(node, '@ref')!;
    if (body.kind === 'scalar' && typeof body.value === 'string' && isSelf(body.value)) {
      return (await selfRef(ev, body.value)) ?? fail('invalid expression', 'Invalid ref.', node, pos);
    }
    const parsed =
      body.kind === 'scalar' && typeof body.value === 'string' ? parseLegacyRef(body.value) : refObject(body);
    return parsed ?? fail('invalid expression', 'Invalid ref.', node, pos);
  },
};

/** `{"@ref": {"id": …, "collection": {"@ref": …}}}`: a ref value as the v4 API renders it. */
function refObject(body: V4Node): Value | undefined {
  if (body.kind !== 'object') return undefined;
  const id = child(body, 'id');
  if (id?.kind !== 'scalar' || typeof id.value !== 'string') return undefined;
  const coll = child(body, 'collection');
  if (!coll) return parseLegacyRef(id.value);
  const c = coll.kind === 'object' && child(coll, '@ref') ? refObject(child(coll, '@ref')!) : undefined;
  // A user collection named like a native one would alias the native documents.
  if (!(c instanceof Module) || (c.kind === 'user-collection' && isNativeColl(c.name))) return undefined;
  if (c.kind !== 'user-collection' && c.name === 'Collection') return new Module(id.value, 'user-collection');
  return isValidId(id.value) ? new DocRef(c.name, id.value) : undefined;
}

/** `{"@ts": "…"}` and `{"@date": "…"}`, as the driver sends time and date values. */
const timeLiteral: Form = {
  keys: ['@ts'],
  call: false,
  async run(_ev, node, pos) {
    const body = child(node, '@ts')!;
    const t = body.kind === 'scalar' && typeof body.value === 'string' ? parseTime(body.value) : undefined;
    return t ?? fail('invalid expression', 'Invalid time.', node, pos);
  },
};

const dateLiteral: Form = {
  keys: ['@date'],
  call: false,
  async run(_ev, node, pos) {
    const body = child(node, '@date')!;
    const ok = body.kind === 'scalar' && typeof body.value === 'string' && isDate(body.value);
    return ok ? new DateV(body.value as string) : fail('invalid expression', 'Invalid date.', node, pos);
  },
};

function isDate(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text);
}

function parseLegacyRef(text: string): Value | undefined {
  const parts = text.split('/');
  // Roles are named documents: `roles/admins`.
  if (parts[0] === 'roles' && parts.length === 2 && parts[1]) return new DocRef(ROLE, parts[1]);
  const native = NATIVE_BY_V4_ID.get(parts[0]!);
  if (parts.length === 1) return native ? new Module(native, 'native-collection') : undefined;
  const isColl = parts[0] === 'collections' || parts[0] === 'classes';
  if (isColl && parts.length === 2 && parts[1]) return new Module(parts[1], 'user-collection');
  const id = parts[parts.length - 1]!;
  if (!isValidId(id)) return undefined;
  if (isColl && parts.length === 3 && parts[1]) return new DocRef(parts[1], id);
  if (native && native !== 'Collection' && parts.length === 2) return new DocRef(native, id);
  return undefined;
}

/** Equals takes one argument or an array of them (the core's OneOrMore cast). */
const equalsForm: Form = {
  keys: ['equals'],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, 'equals', pos, env);
    const all = Array.isArray(a.value) ? a.value : [a.value];
    if (all.length === 0) fail('invalid argument', 'Non-empty array expected.', a.node, a.pos);
    return all.every((v) => valuesEqual(v, all[0]!));
  },
};

const timeForm: Form = {
  keys: ['time'],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, 'time', pos, env);
    const text = castString(a.value, a.node, a.pos);
    if (text === 'now') return new Time(ev.tx.txnTs);
    return parseTime(text.trim()) ?? fail('invalid argument', `Cannot cast '${text}' to a time.`, node, pos);
  },
};

/** Time units (the core's MidstUnit) in nanoseconds; only `day(s)` applies to a Date. */
const DAY_NANOS = 86_400_000_000_000n;
const UNIT_NANOS = new Map([
  ['day', DAY_NANOS],
  ['half day', 43_200_000_000_000n],
  ['hour', 3_600_000_000_000n],
  ['minute', 60_000_000_000n],
  ['second', 1_000_000_000n],
  ['millisecond', 1_000_000n],
  ['microsecond', 1_000n],
  ['nanosecond', 1n],
]);

function unitNanos(unit: string): bigint | undefined {
  const u = unit.trim();
  return UNIT_NANOS.get(u) ?? (u.endsWith('s') ? UNIT_NANOS.get(u.slice(0, -1)) : undefined);
}

/** JavaScript dates reach ±8.64e15 ms; Fauna's Instant reaches further. */
const MAX_MICROS = 8_640_000_000_000_000_000n;

const timeAddForm: Form = {
  keys: ['time_add', 'offset', 'unit'],
  call: true,
  async run(ev, node, pos, env) {
    const base = await arg(ev, node, 'time_add', pos, env);
    const offset = await arg(ev, node, 'offset', pos, env);
    const unit = await arg(ev, node, 'unit', pos, env);
    if (!(base.value instanceof Time) && !(base.value instanceof DateV)) {
      invalidArgument(['Temporal'], base.value, base.node, base.pos);
    }
    const n = castInteger(offset.value, offset.node, offset.pos);
    const unitText = typeof unit.value === 'string' ? unit.value : undefined;
    const nanos = unitText === undefined ? undefined : unitNanos(unitText);
    if (nanos === undefined) return invalidArgument(['Time Unit'], unit.value, unit.node, unit.pos);
    const bounds = () =>
      fail(
        'invalid argument',
        'dates and times must be between -1000000000-01-01T00:00:00Z and +1000000000-12-31T23:59:59.999999999Z',
        offset.node,
        offset.pos,
      );
    if (base.value instanceof DateV) {
      if (nanos !== DAY_NANOS) fail('invalid argument', `Invalid time unit '${unitText}'.`, unit.node, unit.pos);
      const ms = BigInt(Date.parse(`${base.value.iso}T00:00:00Z`)) + n * 86_400_000n;
      if (ms < -MAX_MICROS / 1000n || ms > MAX_MICROS / 1000n) bounds();
      return new DateV(new Date(Number(ms)).toISOString().slice(0, 10));
    }
    const ns = BigInt(base.value.micros) * 1000n + n * nanos;
    // Floor to whole microseconds: the store keeps no nanoseconds.
    const micros = ns >= 0n ? ns / 1000n : -((-ns + 999n) / 1000n);
    if (micros < -MAX_MICROS || micros > MAX_MICROS) bounds();
    return new Time(Number(micros));
  },
};

export const BASIC_FORMS: Record<string, Form> = {
  ref: refForm,
  '@ref': refLiteral,
  '@ts': timeLiteral,
  '@date': dateLiteral,
  collection: {
    keys: ['collection'],
    call: true,
    async run(ev, node, pos, env) {
      const a = await arg(ev, node, 'collection', pos, env);
      return new Module(castString(a.value, a.node, a.pos), 'user-collection');
    },
  },
  collections: nativeHandle('collections', 'Collection'),
  tokens: nativeHandle('tokens', 'Token'),
  credentials: nativeHandle('credentials', 'Credential'),
  keys: nativeHandle('keys', 'Key'),
  equals: equalsForm,
  time: timeForm,
  now: { keys: ['now'], call: true, run: async (ev) => new Time(ev.tx.txnTs) },
  time_add: timeAddForm,
};
