// A function written in FQL v4 (`CreateFunction({ body: Query(Lambda(…)) })`) called from v10.
// Fauna runs its body with the v4 evaluator in the same transaction (FQL2UserFunctionSpec "FQL4
// UDF"): each v10 argument binds one parameter (a single name takes the one argument), a v10
// function cannot cross into v4, an `Abort` in the body is v10's `abort`, and v4 documents come
// back as v10 documents.
import { FqlError } from '../../errors';
import { decode } from '../../store/codec';
import type { DocRecord } from '../../store/records';
import { SetV } from '../../values/set';
import type { Span } from '../../api';
import { Doc, DocRef, Func, Module, NullDoc, type ObjectV, type Value } from '../../values/value';
import type { V4Lambda } from '../../fql4/lambda';
import { permissionDenied, type Interpreter } from '../interpreter';
import { AbortError } from './globals';

const paramsOf = (l: V4Lambda): Array<string | null> => (Array.isArray(l.pattern) ? l.pattern : [l.pattern]);

export function v4Udf(interp: Interpreter, rec: DocRecord, lambda: V4Lambda): Func {
  const params = paramsOf(lambda);
  return new Func(
    rec.id,
    async (args, span = { start: 0, end: 0 }) => {
      if (!(await interp.access.allows('call', rec.id, [args]))) throw permissionDenied(span);
      const env = new Map<string, Value>();
      params.forEach((p, i) => {
        const v = args[i] ?? null;
        if (v instanceof Func || v instanceof SetV) {
          const type = v instanceof Func ? 'Lambda' : 'Set';
          throw new FqlError('invalid_argument', `Invalid argument for \`${p ?? '_'}\`. FQL v4 does not support \`${type}\` values.`, span);
        }
        if (p !== null) env.set(p, toV4(v));
      });
      const [{ V4Evaluator }, { Access }] = await Promise.all([import('../../fql4/eval'), import('../../auth/access')]);
      const role = (decode(rec.data) as ObjectV).get('role');
      const access =
        typeof role === 'string' ? new Access({ kind: 'key', role }, interp.tx, () => Promise.resolve(false), interp.access.readOnly) : interp.access;
      const ev = new V4Evaluator(interp.tx, interp.principal, access);
      try {
        return await fromV4(interp, await ev.evalNode(lambda.body, ['expr'], env), span);
      } catch (e) {
        if (!(e instanceof FqlError)) throw e;
        // v4 errors carry a path into the v4 expression, which the v10 caller cannot show: they
        // point at the call instead.
        if (e.code === 'transaction aborted') throw new AbortError(e.message, span);
        throw new FqlError(e.code.replace(/ /g, '_'), e.message, span);
      }
    },
    params.length,
  );
}

/** A v10 value as v4 sees it: documents are references. */
function toV4(v: Value): Value {
  if (v instanceof Doc || v instanceof NullDoc) return v.ref;
  if (Array.isArray(v)) return v.map(toV4);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, toV4(x)]));
  return v;
}

/**
 * A v4 value as v10 sees it: a document object (`{ref, ts, data}`) is the document, a collection
 * object (`{ref: Collection("X"), ts, name, …}`) the collection's definition.
 */
async function fromV4(interp: Interpreter, v: Value, span: Span): Promise<Value> {
  if (Array.isArray(v)) return Promise.all(v.map((x) => fromV4(interp, x, span)));
  if (v instanceof Map) {
    const ref = v.get('ref');
    if (typeof v.get('ts') === 'bigint') {
      if (ref instanceof DocRef) return ref;
      if (ref instanceof Module && ref.kind === 'user-collection') return (await import('./collection')).definitionOf(interp, ref.name, span);
    }
    const out = new Map<string, Value>();
    for (const [k, x] of v) out.set(k, await fromV4(interp, x, span));
    return out;
  }
  return v;
}
