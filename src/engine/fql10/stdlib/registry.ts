// The shapes of native functions, so every module file exports plain tables that dispatch.ts
// routes to: statics of a module (`Math.abs`), methods of a value type (`"a".length`,
// `[1].map(f)`), and fields (`Math.PI`, `"abc".length`, `t.year`).
import type { Module, Value } from '../../values/value';
import type { Interpreter } from '../interpreter';
import type { CallSpans } from './args';

export type Static = (interp: Interpreter, args: Value[], spans: CallSpans) => Promise<Value> | Value;
export type Method<T> = (interp: Interpreter, recv: T, args: Value[], spans: CallSpans) => Promise<Value> | Value;
export type MethodTable<T> = Record<string, Method<T>>;
export type FieldTable<T> = Record<string, (recv: T) => Value>;

export interface ModuleDef {
  kind: Module['kind'];
  methods: Record<string, Static>;
  /** The module called as a function: `Time("…")`, `Date("…")`. */
  call?: Static;
  /** Constants: `Math.PI`. */
  fields?: Record<string, Value>;
}
