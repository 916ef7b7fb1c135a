// User-defined functions: `Function.create({ name, body, role? })`, `Function.byName(n)`, and
// calling one by name, `myFn(1, 2)`. The body is FQL source for a lambda, parsed when called.
import { FqlError } from '../../errors';
import { encode, decode } from '../../store/codec';
import { FUNCTION, type DocRecord } from '../../store/records';
import { Doc, DocRef, Func, type ObjectV, type Value } from '../../values/value';
import { permissionDenied, type Interpreter } from '../interpreter';
import { parse } from '../parser';
import { argObject, arity, unknownFields, type CallSpans } from './args';
import { constraintFailure } from './constraint';
import { sig, staticFn, T } from './params';
import type { ModuleDef } from './registry';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BUILTIN_ROLES = new Set(['admin', 'server', 'server-readonly']);

export function functionDoc(rec: DocRecord): Doc {
  const data = decode(rec.data);
  const fields = data instanceof Map ? data : new Map<string, Value>();
  // A v4 body has no v10 text: Fauna shows it as the function value it is.
  const body = fields.get('body');
  if (body instanceof Map && body.get('lang') === 'fql4') {
    fields.set('body', new Func('<lambda>', () => Promise.reject(new Error('a v4 body is called through its function')), 0, true));
  }
  return new Doc(new DocRef(FUNCTION, rec.id), rec.ts, fields);
}

async function functionCreate(interp: Interpreter, args: Value[], spans: CallSpans): Promise<Value> {
  arity(args, 1, 1, spans);
  const spec = argObject('definition', args[0], spans.args[0]!);
  const fail = (field: string, m: string) => constraintFailure('Failed to create Function.', field, m, spans.call);
  const extra = unknownFields(spec, ['name', 'body', 'role', 'signature', 'data', 'alias']);
  if (extra.length) throw fail(extra[0]!, 'Unexpected field provided');
  const name = spec.get('name');
  const body = spec.get('body');
  const role = spec.get('role') ?? null;
  if (typeof name !== 'string') throw fail('name', 'Missing required field of type String');
  if (!NAME.test(name)) throw fail('name', 'Invalid identifier.');
  if (typeof body !== 'string') throw fail('body', 'Missing required field of type String');
  if (role !== null && (typeof role !== 'string' || !(BUILTIN_ROLES.has(role) || NAME.test(role)))) throw fail('role', 'Expected a role name');
  checkBody(body, (m) => fail('body', m));
  if (!(await interp.access.canManageSchema('create', 'Function', [spec]))) throw permissionDenied(spans.call);
  if ((await interp.tx.getCollection(name)) || (await interp.tx.getDoc(FUNCTION, name, true))) {
    throw fail('name', `The identifier \`${name}\` is already in use.`);
  }
  const fields: ObjectV = new Map<string, Value>([['body', body]]);
  if (role !== null) fields.set('role', role);
  for (const k of ['signature', 'data'] as const) if (spec.get(k) != null) fields.set(k, spec.get(k)!);
  const rec: DocRecord = { coll: FUNCTION, id: name, ts: interp.tx.txnTs, data: encode(fields) };
  interp.tx.putDoc(rec);
  return functionDoc(rec);
}

function checkBody(body: string, fail: (m: string) => Error): void {
  let program;
  try {
    program = parse(body);
  } catch (e) {
    throw fail(`Invalid function body: ${e instanceof Error ? e.message : String(e)}`);
  }
  const only = program.body.length === 1 ? program.body[0] : undefined;
  if (!only || only.kind !== 'expr' || only.expr.kind !== 'lambda') throw fail('The body must be a function, e.g. `x => x + 1`.');
}

/** A stored function as a callable value, evaluated in this query's transaction. */
/** The stored record behind a UDF value: `fn.definition` reads it. */
const udfRecords = new WeakMap<Func, DocRecord>();

export function udfDefinition(f: Func): Doc | undefined {
  const rec = udfRecords.get(f);
  return rec ? functionDoc(rec) : undefined;
}

export async function udf(interp: Interpreter, rec: DocRecord): Promise<Func> {
  const f = await udfOf(interp, rec);
  udfRecords.set(f, rec);
  return f;
}

async function udfOf(interp: Interpreter, rec: DocRecord): Promise<Func> {
  const data = decode(rec.data) as ObjectV;
  const stored = data.get('body');
  if (stored instanceof Map && stored.get('lang') === 'fql4') {
    const [{ lambdaFromWire }, { v4Udf }] = await Promise.all([import('../../fql4/lambda'), import('./v4-udf')]);
    return v4Udf(interp, rec, lambdaFromWire(stored.get('lambda') as string));
  }
  const body = stored as string;
  const program = parse(body);
  const stmt = program.body[0]!;
  const lambda = stmt.kind === 'expr' ? stmt.expr : undefined;
  const params = lambda?.kind === 'lambda' ? lambda.params.length : 0;
  return new Func(
    rec.id,
    async (args) => {
      if (!(await interp.access.allows('call', rec.id, [args]))) throw permissionDenied({ start: 0, end: 0 });
      const { Interpreter: Interp } = await import('../interpreter');
      const role = data.get('role');
      // A UDF's role replaces the caller's privileges inside it; identity and token stay the caller's.
      const inner = new Interp(interp.tx, body, interp.logs, interp.principal, typeof role === 'string' ? undefined : interp.access);
      inner.spansInQuery = false;
      inner.where = { name: `*udf:${rec.id}*`, text: body };
      inner.stack = interp.stack;
      if (typeof role === 'string') {
        const { Access } = await import('../../auth/access');
        // Called from a role predicate, even an admin-role UDF stays read-only (§5.4).
        inner.access = new Access({ kind: 'key', role }, interp.tx, (src, a) => inner.runPredicate(src, a), interp.access.readOnly);
      }
      const fn = await inner.run(program);
      if (!(fn instanceof Func)) throw new FqlError('invalid_function_invocation', `Function \`${rec.id}\` has no callable body.`);
      return fn.invoke(args);
    },
    params,
    lambda?.kind === 'lambda' && lambda.variadic,
  );
}

export const functionModule: ModuleDef = {
  kind: 'builtin',
  // `Function("double")` is the stored function of that name, callable.
  call: staticFn(
    'Function',
    sig([['function', T.string]], async (interp, _s: undefined, [name], spans) => {
      const rec = await interp.tx.getDoc(FUNCTION, name, true);
      if (rec) return udf(interp, rec);
      throw new FqlError('invalid_argument', `invalid argument \`function\`: No such user function \`${name}\`.`, spans.call);
    }),
  ),
  methods: {
    create: functionCreate,
    byName: async (interp, args, spans) => {
      arity(args, 1, 1, spans);
      const name = args[0];
      if (typeof name !== 'string') throw new FqlError('invalid_argument', 'invalid argument `name`: expected String', spans.args[0]);
      const rec = await interp.tx.getDoc(FUNCTION, name);
      return rec ? functionDoc(rec) : null;
    },
  },
};
