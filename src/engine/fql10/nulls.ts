// Where a null came from. Fauna's null values carry their cause (a literal, a missing field, an
// empty set, a missing document), and an error about a null says why it is null and points
// back at where it was made. The engine's values keep JS `null` (every native function relies
// on it), so the cause travels beside the value: inside the interpreter as a CausedNull, across
// a function call keyed by the arguments array.
import type { Span } from '../api';
import { FqlError } from '../errors';
import { contextOf, overlaps, type Located, type SourceText } from '../render/hints';
import type { Value } from '../values/value';

export class NullOrigin implements Located {
  constructor(
    /** The `null_value` message when the null is asserted: `Null literal value`, `Null value, due to …`. */
    readonly message: string,
    readonly span: Span,
    readonly src: SourceText,
  ) {}
}

/** A null whose origin is known; only ever inside the interpreter, never handed to natives. */
export class CausedNull {
  constructor(readonly origin: NullOrigin) {}
}

export const LITERAL = 'Null literal value';
export const missingField = (name: string) => `Null value, due to missing field \`${name}\``;
export const dueTo = (reason: string) => `Null value, due to ${reason}`;

/** Origins of the null arguments of one call, by position. */
export const argOrigins = new WeakMap<Value[], Array<NullOrigin | undefined>>();
/** Origin of the null a function application returned, keyed by the arguments it was given. */
export const returnOrigins = new WeakMap<Value[], NullOrigin>();

/**
 * Origins of the nulls an array or object literal holds, by index or key: Fauna keeps a null's
 * cause inside the value, so `[null][0]!` still blames the literal.
 */
export const heldOrigins = new WeakMap<object, Map<string | number, NullOrigin>>();

export function holdOrigin(container: object, at: string | number, slot: unknown): void {
  if (!(slot instanceof CausedNull)) return;
  let m = heldOrigins.get(container);
  if (!m) heldOrigins.set(container, (m = new Map()));
  m.set(at, slot.origin);
}

export const HINT = 'Null value created here';

/** Adds Fauna's hint unless it would point at the error's own place. */
export function hintAt(err: unknown, origin: Located | undefined, at: Located, always = false): unknown {
  if (!(err instanceof FqlError) || !origin) return err;
  if (always || !overlaps(at, origin)) contextOf(err).hints.push({ message: HINT, span: origin.span, src: origin.src });
  return err;
}
