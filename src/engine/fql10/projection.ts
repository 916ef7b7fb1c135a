// Projection: `doc { a, b { c }, x: .y }` and `{ * }` pick fields into a new object; applied
// to a Set or an Array it projects each element (lazily for Sets), and null stays null.
import type { Span } from '../api';
import { SetV } from '../values/set';
import { Doc, DocRef, Func, IndexedRef, NullDoc, type Value } from '../values/value';
import type { Projection } from './ast';
import type { Interpreter } from './interpreter';
import { getField, uncoveredHint } from './stdlib/dispatch';

type EnvLike = Parameters<Interpreter['evalNode']>[1];

export async function project(interp: Interpreter, target: Value, fields: Projection, env: EnvLike, span: Span): Promise<Value> {
  if (target === null || target instanceof NullDoc) return null;
  if (target instanceof SetV) {
    return new SetV(async function* () {
      for await (const v of target.iterate()) yield await project(interp, v, fields, env, span);
    }, target.pageSize);
  }
  if (Array.isArray(target)) return Promise.all(target.map((v) => project(interp, v, fields, env, span)));
  if (target instanceof IndexedRef && fields.every((f) => f.kind !== 'all')) return projectEntry(interp, target, fields, env);
  const subject = target instanceof DocRef ? await interp.resolve(target) : target;
  if (subject instanceof NullDoc) return null;
  const out = new Map<string, Value>();
  for (const f of fields) {
    if (f.kind === 'all') {
      if (subject instanceof Doc) {
        for (const k of ['id', 'coll', 'ts']) out.set(k, await getField(interp, subject, k, f.span, span));
        for (const [k, v] of subject.fields) out.set(k, v);
      } else if (subject instanceof Map) {
        for (const [k, v] of subject) out.set(k, v);
      }
    } else if (f.kind === 'field') {
      const v = await getField(interp, subject, f.key, f.span, span);
      out.set(f.key, f.sub ? await project(interp, v, f.sub, env, f.span) : v);
    } else {
      const fn = (await interp.evalNode(f.value, env)) as Func;
      out.set(f.key, await interp.apply(fn, [target], f.span));
    }
  }
  return out;
}

/**
 * A document read from an index, projected: fields the index covers (its terms and values, and
 * the id) come from the entry, so no document is read unless a field is not covered — each such
 * field gets Fauna's `non_covered_document_read` hint at its name.
 */
async function projectEntry(interp: Interpreter, ref: IndexedRef, fields: Projection, env: EnvLike): Promise<Value> {
  const uncovered = fields.filter((f) => f.kind === 'field' && !isCovered(ref, f.key));
  for (const f of uncovered) if (f.kind === 'field') uncoveredHint(interp, ref, f.key, f.span);
  const doc = uncovered.length > 0 ? await interp.resolve(ref) : undefined;
  if (doc instanceof NullDoc) return null;
  const out = new Map<string, Value>();
  for (const f of fields) {
    if (f.kind === 'field') {
      const v = doc ? await getField(interp, doc, f.key, f.span, f.span) : isCovered(ref, f.key) && f.key !== 'id' && f.key !== 'coll' ? ref.covered.get(f.key)! : await getField(interp, ref, f.key, f.span, f.span);
      out.set(f.key, f.sub ? await project(interp, v, f.sub, env, f.span) : v);
    } else if (f.kind === 'alias') {
      const fn = (await interp.evalNode(f.value, env)) as Func;
      out.set(f.key, await interp.apply(fn, [ref], f.span));
    }
  }
  return out;
}

function isCovered(ref: IndexedRef, key: string): boolean {
  return key === 'id' || key === 'coll' || ref.covered.has(key);
}
