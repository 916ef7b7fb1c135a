// User-defined functions from v4: `CreateFunction({name, body: Query(Lambda(…)), role?, data?})`,
// `Function("name")`, `Functions()`, `Call(fn, args…)` (UserFunctionsSpec in the core). The
// function is a `Function` document like the ones v10 makes, its body kept as the lambda's wire
// JSON (`{lang: "fql4", lambda}`), as roles keep v4 predicates. A body that fails makes the
// call fail with `call error` ("Calling the function resulted in an error.") at the call.
import { Access } from '../auth/access';
import { BUILTIN_ROLES } from '../auth/principal';
import { FqlError } from '../errors';
import { decode, encode } from '../store/codec';
import { FUNCTION, ROLE, type DocRecord } from '../store/records';
import { DocRef, Module, type ObjectV, type Value } from '../values/value';
import type { Path, V4Object } from './ast';
import { castIdentifier, castString, fail, invalidArgument } from './casts';
import { arg, type Evaluator, type Form } from './form';
import { permissionDenied } from './guard';
import { V4Lambda, bindLambda, lambdaFromWire } from './lambda';
import { INVALID_DATA, checkStorable, writeParams } from './params';

const NAME_RESERVED = new Set(['events', 'set', 'self', 'documents', '_']);

/** A stored body as a lambda; a v10 body (source text) is not callable from v4. */
function bodyOf(rec: DocRecord): V4Lambda | string | undefined {
  const m = decode(rec.data);
  const body = m instanceof Map ? m.get('body') : undefined;
  if (body instanceof Map && body.get('lang') === 'fql4' && typeof body.get('lambda') === 'string') {
    return lambdaFromWire(body.get('lambda') as string);
  }
  return typeof body === 'string' ? body : undefined;
}

/** A function document as v4 reads it: `{ref, ts, name, body, role?, data?}`. */
export function functionDocV4(rec: DocRecord): ObjectV {
  const m = decode(rec.data);
  const fields = m instanceof Map ? m : new Map<string, Value>();
  const out: ObjectV = new Map<string, Value>([
    ['ref', new DocRef(FUNCTION, rec.id)],
    ['ts', BigInt(rec.ts)],
    ['name', rec.id],
  ]);
  const body = bodyOf(rec);
  if (body !== undefined) out.set('body', body);
  const role = fields.get('role');
  if (typeof role === 'string') out.set('role', (BUILTIN_ROLES as readonly string[]).includes(role) ? role : new DocRef(ROLE, role));
  if (fields.has('data')) out.set('data', fields.get('data')!);
  return out;
}

async function createFunctionDoc(ev: Evaluator, node: V4Object, at: Path, params: ObjectV): Promise<ObjectV> {
  if (!(await ev.access.canManageSchema('create', FUNCTION, [params]))) permissionDenied(node, at);
  const name = params.get('name');
  const body = params.get('body');
  const role = params.get('role') ?? null;
  const data = params.get('data') ?? null;
  if (typeof name !== 'string' || name === '' || name.includes('/') || NAME_RESERVED.has(name)) {
    return fail('validation failed', INVALID_DATA, node, at);
  }
  if (!(body instanceof V4Lambda)) return fail('validation failed', INVALID_DATA, node, at);
  let roleName: string | undefined;
  if (typeof role === 'string' && (BUILTIN_ROLES as readonly string[]).includes(role)) roleName = role;
  else if (role instanceof DocRef && role.coll === ROLE) roleName = role.id;
  else if (role !== null) return fail('validation failed', INVALID_DATA, node, at);
  if (data !== null && !(data instanceof Map)) return fail('validation failed', INVALID_DATA, node, at);
  checkStorable(data ?? undefined, node, at);
  if ((await ev.tx.getDoc(FUNCTION, name, true)) || (await ev.tx.getCollection(name))) {
    return fail('instance already exists', 'Function already exists.', node, at);
  }
  const fields: ObjectV = new Map<string, Value>([['body', new Map<string, Value>([['lang', 'fql4'], ['lambda', body.wire]])]]);
  if (roleName !== undefined) fields.set('role', roleName);
  if (data instanceof Map) fields.set('data', data);
  const rec: DocRecord = { coll: FUNCTION, id: name, ts: ev.tx.txnTs, data: encode(fields) };
  ev.tx.putDoc(rec);
  return functionDocV4(rec);
}

export async function createFunctionForm(ev: Evaluator, node: V4Object, at: Path, params: ObjectV): Promise<ObjectV> {
  return ev.created(await createFunctionDoc(ev, node, at, params)) as ObjectV;
}

/** The `call error` a failing body turns into, at the call. */
function callError(node: V4Object, pos: Path): never {
  return fail('call error', 'Calling the function resulted in an error.', node, pos);
}

const callForm: Form = {
  keys: ['call'],
  optional: ['arguments'],
  call: true,
  async run(ev, node, pos, env) {
    const f = await arg(ev, node, 'call', pos, env);
    const args = node.entries.some(([k]) => k === 'arguments') ? await arg(ev, node, 'arguments', pos, env) : undefined;
    const ref = typeof f.value === 'string' ? new DocRef(FUNCTION, f.value) : f.value;
    if (!(ref instanceof DocRef) || ref.coll !== FUNCTION) return invalidArgument(['Ref'], f.value, f.node, f.pos);
    await castIdentifier(ev.tx, ref, f.node, f.pos);
    const rec = (await ev.tx.getDoc(FUNCTION, ref.id, true))!;
    const body = bodyOf(rec);
    if (!(body instanceof V4Lambda)) {
      return fail('invalid argument', 'The playground calls functions written in FQL v4 from v4; this one is v10.', f.node, f.pos);
    }
    const argv: Value = args ? args.value : [];
    if (!(await ev.access.allows('call', ref.id, [Array.isArray(argv) ? argv : [argv]]))) permissionDenied(node, pos);
    const role = (decode(rec.data) as ObjectV).get('role');
    const inner =
      typeof role === 'string'
        ? ev.withAccess(new Access({ kind: 'key', role }, ev.tx, () => Promise.resolve(false), ev.access.readOnly))
        : ev;
    // One array argument for a one-parameter lambda stays that array (the core's arity rule).
    const bound = bindLambda(body, argv, node, pos);
    ev.tx.metrics.compute();
    try {
      return await inner.evalNode(body.body, ['expr'], bound);
    } catch (e) {
      if (e instanceof FqlError && !(e.code === 'call error')) return callError(node, pos);
      throw e;
    }
  },
};

export const UDF_FORMS: Record<string, Form> = {
  function: {
    keys: ['function'],
    call: true,
    async run(ev, node, pos, env) {
      const a = await arg(ev, node, 'function', pos, env);
      return new DocRef(FUNCTION, castString(a.value, a.node, a.pos));
    },
  },
  functions: { keys: ['functions'], call: true, run: async () => new Module(FUNCTION, 'native-collection') },
  create_function: {
    keys: ['create_function'],
    call: true,
    async run(ev, node, pos, env) {
      const a = await arg(ev, node, 'create_function', pos, env);
      const params = await writeParams(ev, a, node, pos);
      return createFunctionForm(ev, node, a.pos, params);
    },
  },
  call: callForm,
};
