// Role predicates written in v4 (`Query(Lambda(…))` in CreateRole), evaluated for the shared
// access rules whichever language runs the query. Fauna evaluates each predicate in its own
// language with that language's arguments (RoleEvalAction.lambdaArgs), so from the v10-shaped
// arguments `Access` receives this derives v4's:
//   membership, read, delete, history_read  → the document's ref
//   create                                  → the new version's fields ({data, ttl?})
//   create_with_id                          → fields, or [fields, ref] for two parameters
//   write                                   → [old fields, new fields] (+ ref for three)
//   call                                    → the argument array
// Predicates run read-only with server rights (the core's InternalReadOnlyPermissions) but the
// caller's identity and token (`CurrentIdentity()` is the caller). Any error means "not granted".
import { Access, registerV4PredicateRunner, type Action } from '../auth/access';
import type { Principal } from '../auth/principal';
import { FqlError } from '../errors';
import type { QueryTx } from '../store/query-tx';
import { CREDENTIAL, TOKEN } from '../store/records';
import { Doc, NullDoc, Time, type ObjectV, type Value } from '../values/value';
import { V4Evaluator } from './eval';
import { applyLambda, lambdaFromWire } from './lambda';

const refOf = (v: Value | undefined): Value => (v instanceof Doc || v instanceof NullDoc ? v.ref : (v ?? null));

/** A document's fields as a v4 version shows them: `{data}` (tokens, credentials: `instance`). */
function fieldsOf(v: Value | undefined): Value {
  if (!(v instanceof Doc)) return v ?? null;
  const out: ObjectV = new Map();
  if (v.ref.coll === TOKEN || v.ref.coll === CREDENTIAL) {
    const instance = v.fields.get('document');
    if (instance !== undefined) out.set('instance', instance);
    const data = v.fields.get('data');
    if (data !== undefined) out.set('data', data);
  } else {
    out.set('data', v.fields);
  }
  if (v.ttl !== undefined) out.set('ttl', new Time(v.ttl));
  return out;
}

function v4Args(action: Action | 'membership', args: Value[], arity: number): Value {
  switch (action) {
    case 'membership':
    case 'read':
    case 'delete':
    case 'history_read':
      return refOf(args[0]);
    case 'create':
      return fieldsOf(args[0]);
    case 'create_with_id':
      return arity === 1 ? fieldsOf(args[0]) : [fieldsOf(args[0]), refOf(args[0])];
    case 'write': {
      const both = [fieldsOf(args[0]), fieldsOf(args[1])];
      return arity === 3 ? [...both, refOf(args[0])] : both;
    }
    case 'call':
      return args[0] ?? [];
    default:
      return null;
  }
}

/** Read-only server rights for what a predicate itself reads. */
const readOnlyServer = (tx: QueryTx) =>
  new Access({ kind: 'key', role: 'server' }, tx, async () => false, true);

export async function runV4Predicate(
  lambdaWire: string,
  action: Action | 'membership',
  args: Value[],
  principal: Principal,
  tx: QueryTx,
): Promise<Value> {
  const lambda = lambdaFromWire(lambdaWire);
  const ev = new V4Evaluator(tx, principal, readOnlyServer(tx));
  try {
    return await applyLambda(ev, lambda, v4Args(action, args, lambda.arity));
  } catch (e) {
    if (e instanceof FqlError) return false;
    throw e;
  }
}

registerV4PredicateRunner(runV4Predicate);
