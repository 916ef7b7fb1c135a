// The `Object` module (Fauna's STDLIB/Objects.scala). `keys`, `values`, `entries` and `assign`
// take objects or documents (a document counts as its fields, `id` first); `select` and
// `hasPath` take objects only.
import type { Span } from '../../api';
import { Doc, DocRef, NullDoc, type ObjectV, type Value } from '../../values/value';
import type { Interpreter } from '../interpreter';
import { dynType, invalidArgument, sig, staticFn, T } from './params';
import type { ModuleDef } from './registry';
import { displayString, docEntries } from './tostring';

/** The message Fauna gives for a missing document, lower-cased for an argument error. */
function missingDoc(doc: NullDoc): string {
  const text = doc.describe
    ? `${doc.describe} not found.`
    : `Collection \`${doc.ref.coll}\` does not contain document with id ${doc.ref.id}.`;
  return text[0]!.toLowerCase() + text.slice(1);
}

/** An object argument as its fields; a document is read, a missing one is an argument error. */
async function fieldsOf(interp: Interpreter, v: ObjectV | Doc | DocRef | NullDoc, argName: string, span: Span): Promise<ObjectV> {
  if (v instanceof Map) return v;
  const doc = v instanceof DocRef ? await interp.resolve(v) : v;
  if (doc instanceof NullDoc) throw invalidArgument(argName, missingDoc(doc), span);
  return new Map(docEntries(doc));
}

/** Fauna's `select0`: follows string keys through nested objects; undefined when a step is missing. */
function select(obj: Value, path: Value[], span: Span): { found: boolean; value: Value } {
  let curr = obj;
  for (const key of path) {
    if (typeof key !== 'string') throw invalidArgument('path', 'expected an array of strings', span);
    const struct = T.struct.cast(curr);
    if (!struct || !struct.has(key)) return { found: false, value: null };
    curr = struct.get(key)!;
  }
  return { found: true, value: curr };
}

const objectArg = (fn: (fields: ObjectV) => Value) =>
  sig([['object', T.object]], async (interp, _s: undefined, [obj], sp) => fn(await fieldsOf(interp, obj, 'object', sp.call)));

export const objectModule: ModuleDef = {
  kind: 'builtin',
  methods: {
    keys: staticFn('keys', objectArg((o) => [...o.keys()])),
    values: staticFn('values', objectArg((o) => [...o.values()])),
    entries: staticFn('entries', objectArg((o) => [...o].map(([k, v]): Value => [k, v]))),
    fromEntries: staticFn(
      'fromEntries',
      sig([['entries', T.array]], (_i, _s: undefined, [pairs], sp) => {
        const out: ObjectV = new Map();
        pairs.forEach((pair, i) => {
          if (!Array.isArray(pair)) {
            throw invalidArgument(
              'entries',
              `expected an array for each element of the outer array, but saw type ${dynType(pair)} at index ${i}`,
              sp.call,
            );
          }
          if (pair.length !== 2) {
            throw invalidArgument('entries', `expected inner array of length 2 but saw length ${pair.length} at index ${i}`, sp.call);
          }
          const [key, value] = pair as [Value, Value];
          if (typeof key !== 'string') {
            throw invalidArgument(
              'entries',
              `expected a string for the first element of each inner array, but saw type ${dynType(key)} at index ${i}`,
              sp.call,
            );
          }
          out.set(key, value);
        });
        return out;
      }),
    ),
    assign: staticFn(
      'assign',
      sig([['destination', T.object], ['source', T.object]], async (interp, _s: undefined, [dst, src], sp) => {
        const out = new Map(await fieldsOf(interp, dst, 'destination', sp.call));
        for (const [k, v] of await fieldsOf(interp, src, 'source', sp.call)) out.set(k, v);
        return out;
      }),
    ),
    select: staticFn(
      'select',
      sig([['object', T.struct], ['path', T.array]], (_i, _s: undefined, [obj, path], sp) => select(obj, path, sp.call).value),
    ),
    hasPath: staticFn(
      'hasPath',
      sig([['object', T.struct], ['path', T.array]], (_i, _s: undefined, [obj, path], sp) => select(obj, path, sp.call).found),
    ),
    toString: staticFn('toString', sig([['object', T.any]], (interp, _s: undefined, [v]) => displayString(interp, v))),
  },
};
