// The `Date` module and Date methods/fields (Fauna's STDLIB/Date.scala): calendar dates in UTC,
// `YYYY-MM-DD` as java.time's LocalDate reads and prints them. Dates only move in days; a
// Double amount is rounded. This engine holds the years a JS Date holds (Fauna: ±999999999).
import type { Span } from '../../api';
import { FqlError } from '../../errors';
import { DateV, type Double } from '../../values/value';
import { method, sig, staticFn, T } from './params';
import type { FieldTable, MethodTable, ModuleDef } from './registry';
import { civil, isLeap, isoYear, unitNanos, utcMs } from './time';

const DAY_MS = 86_400_000;
const DATE_TEXT = /^(\d{4}|[+-]\d{4,9})-(\d{2})-(\d{2})$/;

/** `LocalDate.parse`: strict ISO dates, a sign only on years beyond four digits or below zero. */
export function parseDate(text: string): DateV | undefined {
  const m = DATE_TEXT.exec(text);
  if (!m || /^\+\d{4}$/.test(m[1]!)) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1]!) return undefined;
  const ms = utcMs(y, mo, d);
  return Number.isNaN(ms) ? undefined : dateOfDay(ms / DAY_MS);
}

/** Days since 1970-01-01 of a date. */
export function epochDay(d: DateV): number {
  const [, y, mo, day] = /^([+-]?\d+)-(\d{2})-(\d{2})$/.exec(d.iso)!;
  return Math.round(utcMs(Number(y), Number(mo), Number(day)) / DAY_MS);
}

/** The date of a day since the epoch, printed as LocalDate prints it. */
export function dateOfDay(day: number): DateV | undefined {
  const ms = day * DAY_MS;
  if (!(Math.abs(ms) <= 8.64e15)) return undefined;
  const c = civil(ms);
  return new DateV(`${isoYear(c.year)}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`);
}

function shift(d: DateV, amount: number | bigint | Double, unit: string, sign: 1 | -1, span: Span): DateV {
  if (unitNanos(unit) !== 86_400_000_000_000n) throw new FqlError('invalid_unit', `\`${unit}\` is not a valid date unit.`, span);
  const days = typeof amount === 'number' || typeof amount === 'bigint' ? Number(amount) : Math.round(amount.value);
  const r = dateOfDay(epochDay(d) + sign * days);
  if (!r) throw new FqlError('invalid_date', `Date exceeds the ${sign * days > 0 ? 'maximum' : 'minimum'} value.`, span);
  return r;
}

const field = (f: (c: ReturnType<typeof civil>) => number) => (d: DateV) => f(civil(epochDay(d) * DAY_MS));

export const dateFields: FieldTable<DateV> = {
  year: field((c) => c.year),
  month: field((c) => c.month),
  dayOfMonth: field((c) => c.day),
  dayOfWeek: field((c) => c.dayOfWeek),
  dayOfYear: field((c) => c.dayOfYear),
};

export const dateMethods: MethodTable<DateV> = {
  add: method('add', sig([['amount', T.number], ['unit', T.string]], (_i, d: DateV, [n, unit], sp) => shift(d, n, unit, 1, sp.call))),
  subtract: method(
    'subtract',
    sig([['amount', T.number], ['unit', T.string]], (_i, d: DateV, [n, unit], sp) => shift(d, n, unit, -1, sp.call)),
  ),
  // Days from `start` to this date, always a Long.
  difference: method('difference', sig([['start', T.date]], (_i, d: DateV, [start]) => BigInt(epochDay(d) - epochDay(start)))),
  toString: method('toString', sig([], (_i, d: DateV) => d.iso)),
};

const fromString = staticFn(
  'fromString',
  sig([['date', T.string]], (_i, _s: undefined, [text], sp) => {
    const d = parseDate(text);
    if (!d) throw new FqlError('invalid_date', `\`${text}\` is not a valid date.`, sp.call);
    return d;
  }),
);

export const dateModule: ModuleDef = {
  kind: 'builtin',
  methods: {
    fromString,
    today: staticFn('today', sig([], (interp) => dateOfDay(Math.floor(interp.tx.txnTs / 1000 / DAY_MS))!)),
  },
  call: (interp, args, spans) => fromString(interp, args, spans),
};
