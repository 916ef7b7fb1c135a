// v4 display (what the v4 shell prints) and v4 response JSON (what `bytesOut` measures).
// Layout is checked against Node's own util.inspect — fauna-shell prints v4 results with
// `util.inspect(value, { depth: null })` — on the JS values the driver would have decoded.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { displayV4, strEscape } from '../../../src/engine/render/v4-display';
import { DateV, DocRef, Double, Module, Time, type Value } from '../../../src/engine/values/value';
import { javaDouble, v4ErrorsJson, v4Instant, v4Json, v4ResourceJson } from '../../../src/engine/wire/v4-json';
import { errorResponseJson } from '../../../src/engine/fql4/index';

const seedToken = () =>
  new Map<string, Value>([
    ['ref', new DocRef('Token', '309833029179671040')],
    ['ts', 1631738652300000n],
    ['instance', new DocRef('characters', '181388642114077184')],
    ['secret', 'fnEETL9_m_ACAARMv36xQAYA0e8RzC8kR9TQDLEM5tEpq79-w_M'],
  ]);

describe('seed 003 Login result', () => {
  it('prints exactly as the page', () => {
    expect(displayV4(seedToken())).toBe(
      [
        '{',
        '  ref: Ref(Tokens(), "309833029179671040"),',
        '  ts: 1631738652300000,',
        '  instance: Ref(Collection("characters"), "181388642114077184"),',
        "  secret: 'fnEETL9_m_ACAARMv36xQAYA0e8RzC8kR9TQDLEM5tEpq79-w_M'",
        '}',
      ].join('\n'),
    );
  });

  it('answers 313 bytes, as the page reports for bytesOut', () => {
    const json = v4ResourceJson(seedToken());
    expect(json).toBe(
      '{"resource":{"ref":{"@ref":{"id":"309833029179671040","collection":{"@ref":{"id":"tokens"}}}},' +
        '"ts":1631738652300000,"instance":{"@ref":{"id":"181388642114077184","collection":{"@ref":' +
        '{"id":"characters","collection":{"@ref":{"id":"collections"}}}}}},' +
        '"secret":"fnEETL9_m_ACAARMv36xQAYA0e8RzC8kR9TQDLEM5tEpq79-w_M"}}',
    );
    expect(new TextEncoder().encode(json).length).toBe(313);
  });
});

describe('value strings (faunadb-js values.js)', () => {
  it.each<[Value, string]>([
    [new DocRef('Credential', '1'), 'Ref(Credentials(), "1")'],
    [new DocRef('Key', '2'), 'Ref(Keys(), "2")'],
    [new Module('spells', 'user-collection'), 'Collection("spells")'],
    [new Module('Token', 'native-collection'), 'Tokens()'],
    [new Module('Collection', 'native-collection'), 'Collections()'],
    [new Time(1631739422080000), 'Time("2021-09-15T20:57:02.080Z")'],
    [new Time(1631739422000000), 'Time("2021-09-15T20:57:02Z")'],
    [new Time(1631739422080001), 'Time("2021-09-15T20:57:02.080001Z")'],
    [new DateV('2021-09-15'), 'Date("2021-09-15")'],
    [new Double(1), '1'],
    [2n ** 60n + 1n, '1152921504606847000'],
    [-0, '-0'],
  ])('%o → %s', (v, text) => {
    expect(displayV4(v)).toBe(text);
  });
});

describe('wire values', () => {
  it.each<[Value, string]>([
    [new Module('spells', 'user-collection'), '{"@ref":{"id":"spells","collection":{"@ref":{"id":"collections"}}}}'],
    [new Module('Credential', 'native-collection'), '{"@ref":{"id":"credentials"}}'],
    [new DocRef('Credential', '7'), '{"@ref":{"id":"7","collection":{"@ref":{"id":"credentials"}}}}'],
    [new Time(1631739422080000), '{"@ts":"2021-09-15T20:57:02.080Z"}'],
    [new DateV('2021-09-15'), '{"@date":"2021-09-15"}'],
    [new Map<string, Value>([['@ts', 1], ['a', new Map([['b', 2]])]]), '{"@obj":{"@ts":1,"a":{"b":2}}}'],
    [[new Double(1), new Double(0.5), new Double(1e7), new Double(1.5e-5), 9007199254740993n], '[1.0,0.5,1.0E7,1.5E-5,9007199254740993]'],
  ])('%o', (v, json) => {
    expect(v4Json(v)).toBe(json);
  });

  it('formats instants and doubles as Java does', () => {
    expect(v4Instant(-1)).toBe('1969-12-31T23:59:59.999999Z');
    expect(javaDouble(123.25)).toBe('123.25');
    expect(javaDouble(-2e-7)).toBe('-2.0E-7');
    expect(javaDouble(1.2345e21)).toBe('1.2345E21');
  });

  it('orders error fields as the core does', () => {
    expect(errorResponseJson('authentication failed', 'The document was not found or provided password was incorrect.', [])).toBe(
      '{"errors":[{"position":[],"code":"authentication failed","description":"The document was not found or provided password was incorrect."}]}',
    );
    expect(v4ErrorsJson([{ position: ['do', 1, 'params'], code: 'x', description: 'y' }])).toBe(
      '{"errors":[{"position":["do",1,"params"],"code":"x","description":"y"}]}',
    );
  });
});

/** The JS value faunadb-js would hand to util.inspect for a v4 value. */
function asDriverValue(v: Value): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Double) return v.value;
  if (v instanceof DocRef || v instanceof Module || v instanceof Time || v instanceof DateV) {
    const text = displayV4(v);
    return { [inspect.custom]: () => text };
  }
  if (Array.isArray(v)) return v.map(asDriverValue);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) Object.defineProperty(o, k, { value: asDriverValue(x), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return v;
}

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const STRINGS = [
  'a',
  "it's",
  'say "hi"',
  'both \' and " and `',
  'with ${x} and \' and "',
  'line1\nline2\nline3 that is long enough to need the multi-line layout of node, yes quite',
  'tab\tx\u0001\u007f\u0085é',
  '\ud800lone',
  '😀',
];

function gen(r: () => number, depth: number): Value {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  switch (Math.floor(r() * (depth > 3 ? 7 : 11))) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return r() < 0.3 ? 'x'.repeat(Math.floor(r() * 120)) : pick(STRINGS);
    case 3:
      return Math.floor(r() * 1e6) - 5000;
    case 4:
      return BigInt(Math.floor(r() * 1e15)) * 1000n;
    case 5:
      return new Double(r() * 100);
    case 6:
      return pick<Value>([
        new DocRef('characters', '181388642114077184'),
        new DocRef('Token', '309833029179671040'),
        new Module('spells', 'user-collection'),
        new Time(1631738652300000),
        new DateV('2021-01-02'),
      ]);
    case 7: {
      const n = Math.floor(r() * (r() < 0.2 ? 130 : 12));
      const numeric = r() < 0.5;
      return Array.from({ length: n }, () => (numeric ? Math.floor(r() * 10 ** Math.floor(r() * 6)) : gen(r, depth + 1)));
    }
    default: {
      const m = new Map<string, Value>();
      const keys = ['ref', 'ts', 'data', 'name', 'x y', '9', '10', '@at', 'über', '_k1', '2a', '__proto__'];
      for (let i = Math.floor(r() * 6); i > 0; i--) m.set(pick(keys), gen(r, depth + 1));
      return m;
    }
  }
}

describe('layout matches util.inspect', () => {
  it('on 2000 random values', () => {
    const r = random(20240915);
    for (let i = 0; i < 2000; i++) {
      const v = gen(r, 0);
      expect(displayV4(v)).toBe(inspect(asDriverValue(v), { showHidden: false, depth: null }));
    }
  });

  it('groups long number arrays in columns and cuts at 100 items', () => {
    const v = Array.from({ length: 120 }, (_, i) => i * 7);
    expect(displayV4(v)).toBe(inspect(v, { depth: null }));
    expect(displayV4(v)).toContain('... 20 more items');
  });

  it('quotes strings like Node', () => {
    expect(strEscape("it's")).toBe(`"it's"`);
    expect(strEscape('a\nb')).toBe("'a\\nb'");
    expect(strEscape('\u0000\u001b')).toBe("'\\x00\\x1B'");
  });
});
