// Conversions, type checks and the odd ones out (ConversionFunctions.scala,
// TypeCheckFunctions.scala, TimeFunctions.scala, BasicFunctions.scala): ToString, ToNumber,
// ToInteger, ToDouble, ToTime, ToDate, ToMillis/Seconds/Micros, Is*, Date, Epoch, NewId, Abort.
import { newId } from '../store/ids';
import { parseTime } from '../values/time';
import { DateV, Doc, DocRef, Double, Module, NullDoc, Time, type Value } from '../values/value';
import { javaDouble, v4Instant } from '../wire/v4-json';
import type { Path, V4Node } from './ast';
import { castInteger, castString, fail, invalidArgument, long, v4Type } from './casts';
import { arg, type Form } from './form';
import { V4Lambda } from './lambda';
import { V4Page } from './paginate';
import { INDEX, V4Set } from './sets';

const cannotCast = (v: Value, to: string, node: V4Node, pos: Path): never =>
  fail('invalid argument', `Cannot cast ${v4Type(v)} to ${to}.`, node, pos);

/** Java's NumberFormat.parse, roughly: a leading number, grouping commas allowed. */
function parseNumber(s: string): { int: bigint } | { dbl: number } | undefined {
  const m = /^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(E[-+]?\d+)?/.exec(s.trim());
  if (!m || m[0] === '' || m[0] === '-' || m[0] === '+' || (m[1] === undefined && m[3] === undefined)) return undefined;
  const text = m[0].replace(/,/g, '');
  if (/^[-+]?\d+$/.test(text)) {
    const n = BigInt(text);
    return n >= -(2n ** 63n) && n < 2n ** 63n ? { int: n } : { dbl: Number(text) };
  }
  const d = Number(text);
  return Number.isInteger(d) && Math.abs(d) < 2 ** 53 && !text.includes('E') ? { int: BigInt(d) } : { dbl: d };
}

/** A Java `Instant.toString()` of a time, and `LocalDate.toString()` of a date. */
const timeText = (t: Time) => v4Instant(t.micros);

const MICROS_PER = new Map([
  ['second', 1_000_000],
  ['millisecond', 1_000],
  ['microsecond', 1],
  ['nanosecond', 0.001],
]);

function unitFactor(unit: string): number | undefined {
  const u = unit.trim();
  return MICROS_PER.get(u) ?? (u.endsWith('s') ? MICROS_PER.get(u.slice(0, -1)) : undefined);
}

const unaryForm = (key: string, f: (v: Value, node: V4Node, pos: Path, argNode: V4Node, argPos: Path) => Value): Form => ({
  keys: [key],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, key, pos, env);
    return f(a.value, node, pos, a.node, a.pos);
  },
});

const isDate = (text: string): boolean => {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text);
};

function toDate(v: Value, node: V4Node, pos: Path): Value {
  if (v instanceof DateV) return v;
  if (v instanceof Time) return new DateV(new Date(Math.floor(v.micros / 1000)).toISOString().slice(0, 10));
  if (typeof v === 'string') return isDate(v) ? new DateV(v) : fail('invalid argument', `Cannot cast '${v}' to a date.`, node, pos);
  return cannotCast(v, 'Date', node, pos);
}

function toTime(v: Value, node: V4Node, pos: Path): Value {
  if (v instanceof Time) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return new Time(Number(v) * 1000);
  if (v instanceof DateV) return new Time(Date.parse(`${v.iso}T00:00:00Z`) * 1000);
  if (typeof v === 'string') return parseTime(v.trim()) ?? fail('invalid argument', `Cannot cast '${v}' to a time.`, node, pos);
  return cannotCast(v, 'Time', node, pos);
}

const sinceEpoch = (key: string, per: number): Form =>
  unaryForm(key, (v, node, pos) => {
    const t = v instanceof DateV ? new Time(Date.parse(`${v.iso}T00:00:00Z`) * 1000) : v;
    if (!(t instanceof Time)) return invalidArgument(['Time', 'Date'], v, node, pos);
    return long(BigInt(Math.floor(t.micros / per)));
  });

/** The type checks: one per v4 type (TypeCheckFunctions.scala). */
const IS: Array<[string, (v: Value) => boolean]> = [
  ['is_number', (v) => typeof v === 'number' || typeof v === 'bigint' || v instanceof Double],
  ['is_double', (v) => v instanceof Double],
  ['is_integer', (v) => typeof v === 'number' || typeof v === 'bigint'],
  ['is_boolean', (v) => typeof v === 'boolean'],
  ['is_null', (v) => v === null],
  ['is_bytes', () => false],
  ['is_timestamp', (v) => v instanceof Time],
  ['is_date', (v) => v instanceof DateV],
  ['is_string', (v) => typeof v === 'string'],
  ['is_array', (v) => Array.isArray(v)],
  ['is_object', (v) => (v instanceof Map && !(v instanceof V4Page)) || v instanceof Doc],
  ['is_ref', (v) => v instanceof DocRef || v instanceof Module || v instanceof NullDoc],
  ['is_set', (v) => v instanceof V4Set || (v instanceof Module && v.kind !== 'user-collection')],
  ['is_doc', (v) => v instanceof Doc || (v instanceof Map && v.get('ref') instanceof DocRef && typeof v.get('ts') === 'bigint')],
  ['is_lambda', (v) => v instanceof V4Lambda],
  ['is_collection', (v) => v instanceof Module && v.kind === 'user-collection'],
  ['is_database', () => false],
  ['is_index', (v) => v instanceof DocRef && v.coll === INDEX],
  ['is_function', (v) => v instanceof DocRef && v.coll === 'Function'],
  ['is_key', (v) => v instanceof DocRef && v.coll === 'Key'],
  ['is_token', (v) => v instanceof DocRef && v.coll === 'Token'],
  ['is_credentials', (v) => v instanceof DocRef && v.coll === 'Credential'],
  ['is_role', (v) => v instanceof DocRef && v.coll === 'Role'],
];

const TYPE_FORMS: Record<string, Form> = Object.fromEntries(
  IS.map(([key, test]) => [key, unaryForm(key, (v) => test(v))]),
);

export const CONVERSION_FORMS: Record<string, Form> = {
  ...TYPE_FORMS,
  to_string: unaryForm('to_string', (v, node, pos) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
    if (v instanceof Double) return javaDouble(v.value);
    if (typeof v === 'boolean' || v === null) return String(v);
    if (v instanceof Time) return timeText(v);
    if (v instanceof DateV) return v.iso;
    return cannotCast(v, 'String', node, pos);
  }),
  to_number: unaryForm('to_number', (v, node, pos) => {
    if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Double) return v;
    const n = typeof v === 'string' ? parseNumber(v) : undefined;
    if (!n) return cannotCast(v, 'Number', node, pos);
    return 'int' in n ? long(n.int) : new Double(n.dbl);
  }),
  to_double: unaryForm('to_double', (v, _node, _pos, an, ap) => {
    if (v instanceof Double) return v;
    if (typeof v === 'number' || typeof v === 'bigint') return new Double(Number(v));
    const n = typeof v === 'string' ? parseNumber(v) : undefined;
    if (!n) return cannotCast(v, 'Double', an, ap);
    return new Double('int' in n ? Number(n.int) : n.dbl);
  }),
  to_integer: unaryForm('to_integer', (v, _node, _pos, an, ap) => {
    if (typeof v === 'number' || typeof v === 'bigint') return v;
    if (v instanceof Double) return long(BigInt.asIntN(64, BigInt(Math.trunc(Number.isFinite(v.value) ? v.value : 0))));
    const n = typeof v === 'string' ? parseNumber(v) : undefined;
    if (!n) return cannotCast(v, 'Integer', an, ap);
    return long('int' in n ? n.int : BigInt(Math.trunc(n.dbl)));
  }),
  to_time: unaryForm('to_time', toTime),
  to_date: unaryForm('to_date', toDate),
  date: unaryForm('date', (v, node, pos, an, ap) => {
    const s = castString(v, an, ap);
    return isDate(s) ? new DateV(s) : fail('invalid argument', `Cannot cast '${s}' to a date.`, node, pos);
  }),
  to_seconds: sinceEpoch('to_seconds', 1_000_000),
  to_millis: sinceEpoch('to_millis', 1_000),
  to_micros: sinceEpoch('to_micros', 1),
  epoch: {
    keys: ['epoch', 'unit'],
    call: true,
    async run(ev, node, pos, env) {
      const n = await arg(ev, node, 'epoch', pos, env);
      const u = await arg(ev, node, 'unit', pos, env);
      const count = castInteger(n.value, n.node, n.pos);
      const f = typeof u.value === 'string' ? unitFactor(u.value) : undefined;
      if (f === undefined) return invalidArgument(['Time Unit'], u.value, u.node, u.pos);
      return new Time(Math.floor(Number(count) * f));
    },
  },
  new_id: { keys: ['new_id'], call: true, run: async () => newId() },
  next_id: { keys: ['next_id'], call: true, run: async () => newId() },
  abort: {
    keys: ['abort'],
    call: true,
    async run(ev, node, pos, env) {
      const a = await arg(ev, node, 'abort', pos, env);
      return fail('transaction aborted', castString(a.value, a.node, a.pos), node, pos);
    },
  },
};
