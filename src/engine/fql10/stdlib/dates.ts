// The `Date` module and Date methods/fields (Fauna's STDLIB/Date.scala).
import type { DateV } from '../../values/value';
import type { FieldTable, MethodTable, ModuleDef } from './registry';

export const dateFields: FieldTable<DateV> = {};
export const dateMethods: MethodTable<DateV> = {};
export const dateModule: ModuleDef = { kind: 'builtin', methods: {} };
