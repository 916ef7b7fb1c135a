// The `Math` module (Fauna's STDLIB/Math.scala).
import type { ModuleDef } from './registry';

export const mathModule: ModuleDef = { kind: 'builtin', methods: {} };
