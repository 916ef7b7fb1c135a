// The `Time` module and Time methods/fields (Fauna's STDLIB/Time.scala). `now()` is the
// transaction's time, so every call in one query agrees, as in Fauna. Times are kept in
// microseconds (Fauna keeps nanoseconds: finer units are truncated), within what a JS Date can
// represent (years -271821 to 275760; Fauna allows ±999999999).
import type { Span } from '../../api';
import { FqlError } from '../../errors';
import { Time, type Value } from '../../values/value';
import type { CallSpans } from './args';
import { method, numberOf, sig, staticFn, T, type Num } from './params';
import type { FieldTable, MethodTable, ModuleDef } from './registry';

const NS = { nanosecond: 1n, microsecond: 1_000n, millisecond: 1_000_000n, second: 1_000_000_000n } as const;
/** Fauna's time units (MidstUnit), singular and plural, with their length in nanoseconds. */
const UNITS: Record<string, bigint> = {
  day: 86_400n * NS.second, 'half day': 43_200n * NS.second, hour: 3_600n * NS.second, minute: 60n * NS.second,
  second: NS.second, millisecond: NS.millisecond, microsecond: NS.microsecond, nanosecond: NS.nanosecond,
};

/** A unit's length in nanoseconds, or undefined when Fauna does not know the name. */
export function unitNanos(unit: string): bigint | undefined {
  const u = unit.trim();
  return UNITS[u] ?? (u.endsWith('s') ? UNITS[u.slice(0, -1)] : undefined);
}

const invalidUnit = (unit: string, span: Span) => new FqlError('invalid_unit', `\`${unit}\` is not a valid time unit.`, span);
const tooLate = (span: Span) => new FqlError('invalid_time', 'Time exceeds the maximum value.', span);
const tooEarly = (span: Span) => new FqlError('invalid_time', 'Time exceeds the minimum value.', span);

const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;
/** java.time.Instant's range, in seconds. */
const INSTANT_MIN_S = -31557014167219200n;
const INSTANT_MAX_S = 31556889864403199n;
/** What this engine can represent: a JS Date's range, in microseconds. */
const MAX_MICROS = 8_640_000_000_000_000_000n;

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const nanosOf = (t: Time) => BigInt(Math.floor(t.micros)) * 1000n;

/** A time from nanoseconds since the epoch (truncated to microseconds), if this engine can hold it. */
function fromNanos(ns: bigint, span: Span): Time {
  const micros = floorDiv(ns, 1000n);
  if (micros > MAX_MICROS) throw tooLate(span);
  if (micros < -MAX_MICROS) throw tooEarly(span);
  return new Time(Number(micros));
}

/** Whether a result lies outside java.time.Instant (Fauna then fails inside its arithmetic). */
const outsideInstant = (ns: bigint) => {
  const s = floorDiv(ns, NS.second);
  return s < INSTANT_MIN_S || s > INSTANT_MAX_S;
};

/** `Instant.plus(long, unit)`: units of a minute or more multiply their seconds exactly. */
function plusLong(ns: bigint, amount: bigint, unit: bigint): bigint | undefined {
  if (unit >= 60n * NS.second) {
    const secs = amount * (unit / NS.second);
    if (secs > LONG_MAX || secs < LONG_MIN) return undefined;
  }
  const r = ns + amount * unit;
  return outsideInstant(r) ? undefined : r;
}

/** `Timestamp.plus(double, unit)`: whole units exactly, the fraction truncated to nanoseconds. */
function plusDouble(ns: bigint, amount: number, unit: bigint): bigint | undefined {
  if (!Number.isFinite(amount)) return undefined;
  const sign = amount < 0 ? -1n : 1n;
  const offset = Math.abs(amount);
  const whole = Math.floor(offset);
  const total = BigInt(whole) * unit;
  if (total / NS.second >= LONG_MAX) return undefined;
  const extra = BigInt(Math.trunc(Number(total % NS.second) + (offset - whole) * Number(unit)));
  const r = ns + sign * ((total / NS.second) * NS.second + extra);
  return outsideInstant(r) ? undefined : r;
}

function shift(t: Time, amount: Num, unitName: string, sign: 1n | -1n, span: Span): Time {
  const unit = unitNanos(unitName);
  if (unit === undefined) throw invalidUnit(unitName, span);
  const r =
    typeof amount === 'number' || typeof amount === 'bigint'
      ? plusLong(nanosOf(t), sign * BigInt(amount), unit)
      : plusDouble(nanosOf(t), Number(sign) * amount.value, unit);
  // Fauna reports any failure of `add` as too late and of `subtract` as too early.
  if (r === undefined) throw sign > 0n ? tooLate(span) : tooEarly(span);
  return fromNanos(r, span);
}

/** `Instant.until(end, unit)` (JDK 17): whole units from `start` to `end`, toward zero. */
function until(start: Time, end: Time, unit: bigint): bigint {
  const split = (t: Time) => {
    const ns = nanosOf(t);
    const s = floorDiv(ns, NS.second);
    return [s, ns - s * NS.second] as const;
  };
  const [s0, n0] = split(start);
  const [s1, n1] = split(end);
  const secs = s1 - s0;
  const nanos = n1 - n0;
  if (unit === NS.nanosecond) return secs * NS.second + nanos;
  if (unit === NS.microsecond) return secs * 1_000_000n + nanos / 1000n;
  if (unit === NS.millisecond) return secs * 1000n + nanos / 1_000_000n;
  const whole = secs > 0n && nanos < 0n ? secs - 1n : secs < 0n && nanos > 0n ? secs + 1n : secs;
  return whole / (unit / NS.second);
}

// --- Text ------------------------------------------------------------------------------------

const pad = (n: number, w: number) => String(Math.abs(n)).padStart(w, '0');

/** A year as java.time prints it: four digits, a sign beyond them or below zero. */
export function isoYear(y: number): string {
  if (y < 0) return '-' + pad(y, 4);
  return y > 9999 ? '+' + String(y) : pad(y, 4);
}

/** The UTC civil fields of an instant given in milliseconds. */
export function civil(ms: number) {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return {
    year, month, day,
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
    dayOfWeek: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    dayOfYear: Math.round((utcMs(year, month, day) - utcMs(year, 1, 1)) / 86_400_000) + 1,
  };
}

export const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Milliseconds since the epoch of a UTC civil date (any year a JS Date holds). */
export function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  return t.getTime();
}

/** `Instant.toString()`: `2023-02-10T12:01:19Z`, a fraction only when there is one (3 or 6 digits). */
export function instantString(t: Time): string {
  const micros = Math.floor(t.micros);
  const secs = Math.floor(micros / 1e6);
  const frac = micros - secs * 1e6;
  const c = civil(secs * 1000);
  const fraction = frac === 0 ? '' : frac % 1000 === 0 ? '.' + pad(frac / 1000, 3) : '.' + pad(frac, 6);
  return `${isoYear(c.year)}-${pad(c.month, 2)}-${pad(c.day, 2)}T${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}${fraction}Z`;
}

const TIME_TEXT =
  /^(\d{4}|[+-]\d{4,9})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2})(?::(\d{2}))?|([+-])(\d{2})(\d{2}))$/;

/** Fauna's `Timestamp.parse`: an ISO local date-time with a `Z`, `±HH:MM[:ss]` or `±HHMM` offset. */
export function parseFaunaTime(text: string): Time | undefined {
  const m = TIME_TEXT.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (/^\+\d{4}$/.test(m[1]!)) return undefined;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1]! || h > 23 || mi > 59 || s > 59) return undefined;
  const sign = m[9] ?? m[13];
  const [oh, om, os] = m[9] ? [m[10], m[11], m[12] ?? '0'].map(Number) : m[13] ? [m[14], m[15], '0'].map(Number) : [0, 0, 0];
  if (oh! > 18 || om! > 59 || os! > 59 || oh! * 3600 + om! * 60 + os! > 18 * 3600) return undefined;
  const offsetS = (sign === '-' ? -1 : 1) * (oh! * 3600 + om! * 60 + os!);
  const ms = utcMs(y, mo, d, h, mi, s);
  if (Number.isNaN(ms)) return undefined;
  const ns = (BigInt(ms) - BigInt(offsetS) * 1000n) * 1_000_000n + BigInt((m[7] ?? '').padEnd(9, '0') || '0');
  const micros = floorDiv(ns, 1000n);
  return micros > MAX_MICROS || micros < -MAX_MICROS ? undefined : new Time(Number(micros));
}

// --- Module, fields, methods -----------------------------------------------------------------

const fromString = staticFn(
  'fromString',
  sig([['time', T.string]], (_i, _s: undefined, [text], sp) => {
    const t = parseFaunaTime(text);
    if (!t) throw new FqlError('invalid_time', `\`${text}\` is not a valid time.`, sp.call);
    return t;
  }),
);

export function timeFromString(args: Value[], spans: CallSpans): Value {
  return fromString(undefined as never, args, spans) as Value;
}

export const timeModule: ModuleDef = {
  kind: 'builtin',
  methods: {
    now: staticFn('now', sig([], (interp) => new Time(interp.tx.txnTs))),
    fromString,
    epoch: staticFn(
      'epoch',
      sig([['offset', T.number], ['unit', T.string]], (_i, _s: undefined, [amount, unitName], sp) => {
        const unit = unitNanos(unitName);
        if (unit === undefined) throw invalidUnit(unitName, sp.call);
        if (typeof amount === 'number' || typeof amount === 'bigint') {
          const r = plusLong(0n, BigInt(amount), unit);
          if (r === undefined) throw amount > 0 ? tooLate(sp.call) : tooEarly(sp.call);
          return fromNanos(r, sp.call);
        }
        // A Double offset is a Scala Duration: nanoseconds rounded, within a Long.
        const ns = amount.value * Number(unit);
        if (!(Math.abs(ns) <= 9.223372036854776e18)) throw ns > 0 ? tooLate(sp.call) : tooEarly(sp.call);
        return fromNanos(BigInt(Math.round(ns)), sp.call);
      }),
    ),
  },
  call: (i, args, spans) => fromString(i, args, spans),
};

const field = (f: (c: ReturnType<typeof civil>) => number) => (t: Time) => f(civil(Math.floor(Math.floor(t.micros) / 1000)));

export const timeFields: FieldTable<Time> = {
  year: field((c) => c.year),
  month: field((c) => c.month),
  dayOfMonth: field((c) => c.day),
  dayOfWeek: field((c) => c.dayOfWeek),
  dayOfYear: field((c) => c.dayOfYear),
  hour: field((c) => c.hour),
  minute: field((c) => c.minute),
  second: field((c) => c.second),
};

const N = T.number;
const S = T.string;

export const timeMethods: MethodTable<Time> = {
  add: method('add', sig([['amount', N], ['unit', S]], (_i, t: Time, [n, unit], sp) => shift(t, n, unit, 1n, sp.call))),
  subtract: method('subtract', sig([['amount', N], ['unit', S]], (_i, t: Time, [n, unit], sp) => shift(t, n, unit, -1n, sp.call))),
  difference: method(
    'difference',
    sig([['start', T.time], ['unit', S]], (_i, t: Time, [start, unitName], sp) => {
      const unit = unitNanos(unitName);
      if (unit === undefined) throw invalidUnit(unitName, sp.call);
      return numberOf(until(start, t, unit));
    }),
  ),
  toMicros: method('toMicros', sig([], (_i, t: Time) => numberOf(nanosOf(t) / 1000n))),
  toMillis: method('toMillis', sig([], (_i, t: Time) => numberOf(floorDiv(nanosOf(t), NS.millisecond)))),
  toSeconds: method('toSeconds', sig([], (_i, t: Time) => numberOf(floorDiv(nanosOf(t), NS.second)))),
  toString: method('toString', sig([], (_i, t: Time) => instantString(t))),
};
