// The `Object` module (Fauna's STDLIB/Objects.scala).
import type { ModuleDef } from './registry';

export const objectModule: ModuleDef = { kind: 'builtin', methods: {} };
