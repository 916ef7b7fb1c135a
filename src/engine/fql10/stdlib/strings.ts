// String methods and fields (Fauna's STDLIB/Strings.scala).
import type { FieldTable, MethodTable } from './registry';

export const stringFields: FieldTable<string> = {};
export const stringMethods: MethodTable<string> = {};
