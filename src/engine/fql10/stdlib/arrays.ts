// Array methods and fields, and the `Array` module (Fauna's STDLIB/Arrays.scala).
import type { Value } from '../../values/value';
import type { FieldTable, MethodTable, ModuleDef } from './registry';

export const arrayFields: FieldTable<Value[]> = {};
export const arrayMethods: MethodTable<Value[]> = {};
export const arrayModule: ModuleDef = { kind: 'builtin', methods: {} };
