// Argument checks for native functions, with Fauna's messages and the spans they point at.
import type { Span } from '../../api';
import { FqlError } from '../../errors';
import { Doc, DocRef, NullDoc, Time, typeName, type ObjectV, type Value } from '../../values/value';

/** Spans of one call: the argument list (parentheses included), the receiver, each argument. */
export interface CallSpans {
  call: Span;
  receiver: Span;
  args: Span[];
}

export function arity(args: Value[], min: number, max: number, spans: CallSpans): void {
  if (args.length >= min && args.length <= max) return;
  const expects =
    min === max
      ? min === 0
        ? 'no arguments'
        : `exactly ${min} argument${min === 1 ? '' : 's'}`
      : max === Infinity
        ? `at least ${min} argument${min === 1 ? '' : 's'}`
        : `between ${min} and ${max} arguments`;
  const n = args.length;
  throw new FqlError(
    'invalid_function_invocation',
    `callee function expects ${expects}, but ${n} ${n === 1 ? 'was' : 'were'} provided.`,
    spans.call,
  );
}

export function invalidArgument(name: string, reason: string, span: Span): FqlError {
  return new FqlError('invalid_argument', `invalid argument \`${name}\`: ${reason}`, span);
}

export function argString(name: string, v: Value | undefined, span: Span): string {
  if (typeof v !== 'string') throw invalidArgument(name, `expected String, received ${typeName(v ?? null)}`, span);
  return v;
}

export function argObject(name: string, v: Value | undefined, span: Span): ObjectV {
  if (!(v instanceof Map)) throw invalidArgument(name, `expected Object, received ${typeName(v ?? null)}`, span);
  return v;
}

export function argTimeOrNull(name: string, v: Value | undefined, span: Span): Time | undefined {
  if (v === undefined || v === null) return undefined;
  if (!(v instanceof Time)) throw invalidArgument(name, `expected Time, received ${typeName(v)}`, span);
  return v;
}

/** A document argument as a reference (a document, a reference, or a missing document). */
export function argDocRef(v: Value | undefined): DocRef | undefined {
  if (v instanceof DocRef) return v;
  if (v instanceof Doc || v instanceof NullDoc) return v.ref;
  return undefined;
}

/** An id argument: a string or an integer, as `byId` takes both. */
export function argId(v: Value | undefined, span: Span): string {
  const id = typeof v === 'number' || typeof v === 'bigint' ? String(v) : v;
  if (typeof id !== 'string') throw invalidArgument('id', `expected ID, received ${typeName(v ?? null)}`, span);
  if (!/^\d{1,19}$/.test(id) || BigInt(id) > 0x7fff_ffff_ffff_ffffn) {
    throw new FqlError('invalid_id', `\`${id}\` is not a valid ID.`, span);
  }
  return id;
}

/** Fields of a create/update object that a schema does not know: Fauna rejects them. */
export function unknownFields(o: ObjectV, allowed: string[]): string[] {
  return [...o.keys()].filter((k) => !allowed.includes(k));
}
