// Time and Date end to end; expected values from Fauna's FQL2TimeSpec and FQL2DateSpec (model
// and API) unless marked otherwise. Times are compared through toString(), which prints them
// as Fauna's Instant.toString does. (`x.toString()` itself is routed by dispatch.ts; these
// go through `Object.toString(x)`, the same display string.)
import { beforeAll, describe, expect, it } from 'vitest';
import { caseTables, engineFor } from './run';

let e: Awaited<ReturnType<typeof engineFor>>;
beforeAll(async () => {
  e = await engineFor();
});

const { results, errors } = caseTables(() => e);

const T0 = "Time('2023-02-10T12:01:19.000Z')";
const NOON = "Time('2023-02-10T12:00:00.000Z')";
const EPOCH = "Time('1970-01-01T00:00:00Z')";

describe('Time fields and conversions', () => {
  results([
    [`${T0}.year`, '2023'],
    [`${T0}.month`, '2'],
    [`${T0}.dayOfMonth`, '10'],
    [`${T0}.dayOfWeek`, '5'],
    [`${T0}.dayOfYear`, '41'],
    [`${T0}.hour`, '12'],
    [`${T0}.minute`, '1'],
    [`${T0}.second`, '19'],
    [`${T0}.toSeconds()`, '1676030479'],
    [`${T0}.toMillis()`, '1676030479000'],
    [`${T0}.toMicros()`, '1676030479000000'],
    [`Object.toString(${T0})`, '"2023-02-10T12:01:19Z"'],
    ["Object.toString(Time('1970-01-01T01:02:03Z'))", '"1970-01-01T01:02:03Z"'],
    ["Object.toString(Time('1970-01-01T00:00:00.123456Z'))", '"1970-01-01T00:00:00.123456Z"'],
    ["Time('1969-12-31T23:59:59.5Z').toMillis()", '-500'],
    ["Time('1969-12-31T23:59:59.5Z').toSeconds()", '-1'],
    ["Time('2024-12-31T00:00:00Z').dayOfYear", '366'],
    ["Object.toString(Time('2023-02-10T13:01:19+01:00'))", '"2023-02-10T12:01:19Z"'],
    ["Object.toString(Time('2023-02-10T11:01:19-0100'))", '"2023-02-10T12:01:19Z"'],
    ["Object.toString(Time.fromString('1970-01-01T00:00:00.123Z'))", '"1970-01-01T00:00:00.123Z"'],
    ["Time('1970-01-01T00:00:00Z') == Time('1970-01-01T00:00:00Z')", 'true'],
  ]);
  errors([
    ["Time('2020-01-01 01:01:01')", 'invalid_time: `2020-01-01 01:01:01` is not a valid time.'],
    ["Time.fromString('hey')", 'invalid_time: `hey` is not a valid time.'],
    ["Time('2023-02-30T00:00:00Z')", 'invalid_time: `2023-02-30T00:00:00Z` is not a valid time.'],
    ["Time('2023-02-10T12:00:00')", 'invalid_time: `2023-02-10T12:00:00` is not a valid time.'],
    ['Time(1)', 'invalid_argument: expected value for `time` of type String, received Int'],
    [`${T0}.toMillis(1)`, 'invalid_function_invocation: callee function expects no arguments, but 1 was provided.'],
  ]);
});

describe('Time arithmetic', () => {
  results([
    [`Object.toString(${NOON}.add(19, 'minutes'))`, '"2023-02-10T12:19:00Z"'],
    [`Object.toString(${NOON}.add(0.5, 'seconds'))`, '"2023-02-10T12:00:00.500Z"'],
    [`Object.toString(${NOON}.add(0.5, 'minutes'))`, '"2023-02-10T12:00:30Z"'],
    [`Object.toString(${NOON}.add(-0.5, 'seconds'))`, '"2023-02-10T11:59:59.500Z"'],
    [`Object.toString(${NOON}.subtract(1.5, 'hours'))`, '"2023-02-10T10:30:00Z"'],
    [
      `let ts = ${EPOCH}\n['microsecond', 'millisecond', 'second', 'minute', 'hour', 'half day', 'day'].map(u => Object.toString(ts.add(1, u + 's')))`,
      '["1970-01-01T00:00:00.000001Z", "1970-01-01T00:00:00.001Z", "1970-01-01T00:00:01Z", "1970-01-01T00:01:00Z", "1970-01-01T01:00:00Z", "1970-01-01T12:00:00Z", "1970-01-02T00:00:00Z"]',
    ],
    [`Object.toString(${EPOCH}.subtract(1, 'half day'))`, '"1969-12-31T12:00:00Z"'],
    [`Object.toString(${EPOCH}.subtract(1, 'microsecond'))`, '"1969-12-31T23:59:59.999999Z"'],
    // Nanoseconds are below this engine's precision (Fauna keeps them): a nanosecond rounds down.
    [`Object.toString(${EPOCH}.add(1, 'nanosecond'))`, '"1970-01-01T00:00:00Z"'],
    [`${EPOCH}.add(1000000000000, 'seconds').year`, '33658'],
    [`Object.toString(${EPOCH}.add(1000000000000.0, 'seconds'))`, '"+33658-09-27T01:46:40Z"'],
    ["Object.toString(Time('+33658-09-27T01:46:40Z').subtract(1000000000000, 'seconds'))", '"1970-01-01T00:00:00Z"'],
    [`${NOON}.difference(Time('2023-02-01T12:00:00.000Z'), 'days')`, '9'],
    [`${NOON}.difference(Time('2023-02-10T12:00:19.000Z'), 'seconds')`, '-19'],
    [`${NOON}.difference(Time('2023-02-10T11:00:00.5Z'), 'hours')`, '0'],
    [`${NOON}.difference(${EPOCH}, 'microseconds')`, '1676030400000000'],
    ["Object.toString(Time.epoch(1676030400, 'seconds'))", '"2023-02-10T12:00:00Z"'],
    ["Object.toString(Time.epoch(19398.25, 'days'))", '"2023-02-10T06:00:00Z"'],
    ["Object.toString(Time.epoch(-1, 'millisecond'))", '"1969-12-31T23:59:59.999Z"'],
  ]);
  errors([
    [`${NOON}.add(1, 'fortnight')`, 'invalid_unit: `fortnight` is not a valid time unit.'],
    [`${NOON}.subtract(1, 'scores')`, 'invalid_unit: `scores` is not a valid time unit.'],
    ["Time('2020-01-01T01:01:01Z').add(1, 'invalid')", 'invalid_unit: `invalid` is not a valid time unit.'],
    [`${NOON}.difference(${EPOCH}, 'weeks')`, 'invalid_unit: `weeks` is not a valid time unit.'],
    ["Time.epoch(1, 'years')", 'invalid_unit: `years` is not a valid time unit.'],
    [`${NOON}.add(9223372036854775807, 'days')`, 'invalid_time: Time exceeds the maximum value.'],
    [`${NOON}.subtract(9223372036854775807, 'days')`, 'invalid_time: Time exceeds the minimum value.'],
    // Fauna reports every overflow of `add` as too late, even with a negative amount.
    [`${NOON}.add(-9223372036854775807, 'days')`, 'invalid_time: Time exceeds the maximum value.'],
    [`${NOON}.add(1000000000000000000000000000000.0, 'days')`, 'invalid_time: Time exceeds the maximum value.'],
    [`${NOON}.subtract(1000000000000000000000000000000.0, 'days')`, 'invalid_time: Time exceeds the minimum value.'],
    [`${NOON}.add('1', 'days')`, 'invalid_argument: expected value for `amount` of type Number, received String'],
    [`${NOON}.add(1)`, 'invalid_function_invocation: callee function expects exactly 2 arguments, but 1 was provided.'],
    [`${NOON}.difference(Date('2023-01-01'), 'days')`, 'invalid_argument: expected value for `start` of type Time, received Date'],
  ]);
  it('points at the argument list', async () => {
    expect(await e.summary(`${NOON}.add(1, 'fortnight')`)).toContain("1 | Time('2023-02-10T12:00:00.000Z').add(1, 'fortnight')\n  |                                     ^^^^^^^^^^^^^^^^");
  });
});

describe('Date', () => {
  const D = "Date('2023-02-10')";
  results([
    [D, 'Date("2023-02-10")'],
    ["Date.fromString('2023-02-10')", 'Date("2023-02-10")'],
    [`${D}.year`, '2023'],
    [`${D}.month`, '2'],
    [`${D}.dayOfMonth`, '10'],
    [`${D}.dayOfWeek`, '5'],
    [`${D}.dayOfYear`, '41'],
    ["Object.toString(Date('2023-03-02'))", '"2023-03-02"'],
    [`${D}.add(19, 'days')`, 'Date("2023-03-01")'],
    [`${D}.add(1, ' day ')`, 'Date("2023-02-11")'],
    [`${D}.subtract(41, 'days')`, 'Date("2022-12-31")'],
    [
      "let dt = Date('2023-02-20')\n[dt.add(0.5, 'days'), dt.add(-0.5, 'days'), dt.add(1.5, 'days'), dt.add(-1.5, 'days')]",
      '[Date("2023-02-21"), Date("2023-02-20"), Date("2023-02-22"), Date("2023-02-19")]',
    ],
    ["let dt = Date('2023-02-20')\n[dt.subtract(0.5, 'days'), dt.subtract(1.5, 'days')]", '[Date("2023-02-19"), Date("2023-02-18")]'],
    [`${D}.difference(Date('2023-01-01'))`, '40'],
    [`${D}.difference(Date('2023-12-31'))`, '-324'],
    ["Date('2024-02-29').add(365, 'days')", 'Date("2025-02-28")'],
    ["Date('0001-01-01').subtract(1, 'day')", 'Date("0000-12-31")'],
    ["Date('-0001-01-01').year", '-1'],
    ["Date('+10000-01-01').subtract(1, 'day')", 'Date("9999-12-31")'],
    ["Date('2023-02-10') == Date('2023-02-10')", 'true'],
  ]);
  errors([
    [`${D}.add(1, 'fortnight')`, 'invalid_unit: `fortnight` is not a valid date unit.'],
    [`${D}.subtract(1, 'minutes')`, 'invalid_unit: `minutes` is not a valid date unit.'],
    [`${D}.add(1, 'half day')`, 'invalid_unit: `half day` is not a valid date unit.'],
    ["Date('2023-02-30')", 'invalid_date: `2023-02-30` is not a valid date.'],
    ["Date('2023-2-3')", 'invalid_date: `2023-2-3` is not a valid date.'],
    ["Date('+2023-02-03')", 'invalid_date: `+2023-02-03` is not a valid date.'],
    ["Date.fromString('2023-02-10T00:00:00Z')", 'invalid_date: `2023-02-10T00:00:00Z` is not a valid date.'],
    ['Date(20230210)', 'invalid_argument: expected value for `date` of type String, received Int'],
    [`${D}.difference(${NOON})`, 'invalid_argument: expected value for `start` of type Date, received Time'],
    [`${D}.difference(${D}, 'days')`, 'invalid_function_invocation: callee function expects exactly 1 argument, but 2 were provided.'],
  ]);
  it('Date.today() is the transaction date', async () => {
    expect(await e.out('Date.today() == Date(Object.toString(Time.now()).slice(0, 10))')).toBe('true');
  });
});
