// Type names usable on the right of `isa` (`x isa String`, `d isa Customer`), as modules.
import { SetV } from '../../values/set';
import { Bytes, DateV, Doc, DocRef, Double, Func, Module, NullDoc, Time, type Value } from '../../values/value';
import type { ModuleDef } from './registry';

const TYPE_TESTS: Record<string, (v: Value) => boolean> = {
  Any: () => true,
  Null: (v) => v === null || v instanceof NullDoc,
  Boolean: (v) => typeof v === 'boolean',
  String: (v) => typeof v === 'string',
  Number: (v) => typeof v === 'number' || typeof v === 'bigint' || v instanceof Double,
  Int: (v) => typeof v === 'number',
  Long: (v) => typeof v === 'bigint',
  Double: (v) => v instanceof Double,
  Time: (v) => v instanceof Time,
  Date: (v) => v instanceof DateV,
  Bytes: (v) => v instanceof Bytes,
  Array: (v) => Array.isArray(v),
  Object: (v) => v instanceof Map,
  Set: (v) => v instanceof SetV,
  Function: (v) => v instanceof Func,
};

export const TYPE_MODULES: Record<string, ModuleDef> = Object.fromEntries(
  ['Any', 'Null', 'Boolean', 'String', 'Number', 'Int', 'Long', 'Double'].map((n) => [n, { kind: 'builtin', methods: {} } as ModuleDef]),
);

/** `value isa Type`: a type name, or a collection (documents of it). */
export function isa(v: Value, type: Value): boolean {
  if (!(type instanceof Module)) return false;
  const test = TYPE_TESTS[type.name];
  if (test) return test(v);
  const ref = v instanceof Doc ? v.ref : v instanceof DocRef ? v : undefined;
  return ref !== undefined && ref.coll === type.name;
}
