// v10 tagged and simple encodings of every value kind, and decoding of what drivers send.
import { describe, expect, it } from 'vitest';
import { Page } from '../../src/engine/values/set';
import { DateV, Doc, DocRef, Double, Func, Module, NullDoc, Time, type Value } from '../../src/engine/values/value';
import { decodeSimple, decodeTagged, InvalidValue, toSimple, toTagged } from '../../src/engine/wire/tagged';

const micros = (iso: string) => Date.parse(iso) * 1000;

describe('toTagged / toSimple', () => {
  const doc = new Doc(
    new DocRef('Users', '1'),
    micros('2023-01-01T00:00:00.123Z') + 456,
    new Map<string, Value>([
      ['name', 'Ann'],
      ['friend', new Doc(new DocRef('Users', '2'), 0, new Map())],
    ]),
  );

  it('numbers: Int, Long, Double (Java Double.toString), as strings', () => {
    expect(toTagged(17)).toEqual({ '@int': '17' });
    expect(toTagged(9007199254740993n)).toEqual({ '@long': '9007199254740993' });
    expect(toTagged(new Double(3))).toEqual({ '@double': '3.0' });
    expect(toTagged(new Double(1e10))).toEqual({ '@double': '1.0E10' });
    expect(toTagged(new Double(NaN))).toEqual({ '@double': 'NaN' });
    expect(toSimple(new Double(3))).toBe(3);
    expect(toSimple(9007199254740993n)).toBe(9007199254740992);
  });

  it('times print as Java Instant.toString; dates, modules, functions', () => {
    expect(toTagged(new Time(micros('2023-01-01T00:00:00Z')))).toEqual({ '@time': '2023-01-01T00:00:00Z' });
    expect(toTagged(new Time(micros('2023-01-01T00:00:00.5Z')))).toEqual({ '@time': '2023-01-01T00:00:00.500Z' });
    expect(toTagged(new Time(micros('2023-01-01T00:00:00Z') + 1))).toEqual({ '@time': '2023-01-01T00:00:00.000001Z' });
    expect(toSimple(new Time(micros('2023-01-01T00:00:00Z')))).toBe('2023-01-01T00:00:00Z');
    expect(toTagged(new DateV('2023-01-01'))).toEqual({ '@date': '2023-01-01' });
    expect(toTagged(new Module('Users', 'user-collection'))).toEqual({ '@mod': 'Users' });
    expect(toSimple(new Module('Users', 'user-collection'))).toBe('Users');
    expect(toTagged(new Func('<lambda>', async () => null, 1))).toBe('[function <lambda>]');
    expect(toTagged(new Func('log', async () => null, 1))).toBe('[function log()]');
  });

  it('objects with an `@` key are wrapped in @object', () => {
    expect(toTagged(new Map<string, Value>([['@a', 1]]))).toEqual({ '@object': { '@a': { '@int': '1' } } });
    expect(toTagged(new Map<string, Value>([['a', 1]]))).toEqual({ a: { '@int': '1' } });
  });

  it('documents: @doc at the top, @ref inside; simple documents with coll and ts as strings', () => {
    expect(toTagged(doc)).toEqual({
      '@doc': {
        id: '1',
        coll: { '@mod': 'Users' },
        ts: { '@time': '2023-01-01T00:00:00.123456Z' },
        name: 'Ann',
        friend: { '@ref': { id: '2', coll: { '@mod': 'Users' } } },
      },
    });
    expect(toSimple(doc)).toEqual({ id: '1', coll: 'Users', ts: '2023-01-01T00:00:00.123456Z', name: 'Ann', friend: { id: '2', coll: 'Users' } });
    const coll = new Doc(new DocRef('Collection', 'Users'), 0, new Map());
    expect(toTagged(coll)).toEqual({ '@doc': { name: 'Users', coll: { '@mod': 'Collection' }, ts: { '@time': '1970-01-01T00:00:00Z' } } });
  });

  it('missing documents: @ref with exists false and the cause; null in simple', () => {
    const missing = new NullDoc(new DocRef('Users', '9'), 'deleted');
    expect(toTagged(missing)).toEqual({ '@ref': { id: '9', coll: { '@mod': 'Users' }, exists: false, cause: 'deleted' } });
    expect(toSimple(missing)).toBeNull();
  });

  it('pages: @set with data and after', () => {
    expect(toTagged(new Page([1], 'cursor'))).toEqual({ '@set': { data: [{ '@int': '1' }], after: 'cursor' } });
    expect(toTagged(new Page([]))).toEqual({ '@set': { data: [] } });
    expect(toSimple(new Page([1], 'c'))).toEqual({ data: [1], after: 'c' });
  });
});

describe('decodeTagged', () => {
  it('reads every tag the drivers send', () => {
    expect(decodeTagged({ '@int': '-5' })).toBe(-5);
    expect(decodeTagged({ '@long': '9223372036854775807' })).toBe(9223372036854775807n);
    expect(decodeTagged({ '@double': '1.5' })).toEqual(new Double(1.5));
    expect(decodeTagged({ '@double': 'NaN' })).toEqual(new Double(NaN));
    expect(decodeTagged({ '@date': '2024-02-29' })).toEqual(new DateV('2024-02-29'));
    expect(decodeTagged({ '@object': { '@x': { '@int': '1' } } })).toEqual(new Map([['@x', 1]]));
    expect(decodeTagged({ '@ref': { id: '12', coll: { '@mod': 'Users' } } })).toEqual(new DocRef('Users', '12'));
    expect(decodeTagged({ '@doc': { name: 'Users', coll: { '@mod': 'Collection' } } })).toEqual(new DocRef('Collection', 'Users'));
    expect(decodeTagged({ '@doc': 'Users:12' })).toEqual(new DocRef('Users', '12'));
    expect(decodeTagged(['a', null, true, { k: 'v' }])).toEqual(['a', null, true, new Map([['k', 'v']])]);
  });

  it('rejects what the core rejects, with its messages', () => {
    const cases: Array<[unknown, string]> = [
      [1, 'numbers must be tagged'],
      [{ '@int': '2147483648' }, 'invalid integer'],
      [{ '@int': 1 }, '@int requires a string value'],
      [{ '@long': '1.5' }, 'invalid long'],
      [{ '@double': 'x' }, 'invalid double'],
      [{ '@time': '2023-01-01T00:00:00' }, 'invalid time'],
      [{ '@date': '2023-02-30' }, 'invalid date'],
      [{ '@int': '1', x: 1 }, 'too many keys in tagged value'],
      [{ '@wat': 1 }, "invalid tag '@wat'"],
      [{ '@ref': { id: 'abc', coll: { '@mod': 'Users' } } }, "@ref field 'id' must be an integer"],
      [{ '@ref': { id: '1' } }, "@ref field 'coll' is required"],
      [{ '@ref': { id: '1', coll: 'Users' } }, "@ref field 'coll' requires a module value"],
      [{ '@doc': 'Users' }, 'doc id must be in the format <coll>:<id>'],
    ];
    for (const [json, message] of cases) {
      expect(() => decodeTagged(json as never), message).toThrow(new InvalidValue(message));
    }
  });
});

describe('decodeSimple', () => {
  it('reads plain JSON: whole numbers as Int or Long, others as Double', () => {
    expect(decodeSimple(5)).toBe(5);
    expect(decodeSimple(2 ** 40)).toBe(2n ** 40n);
    expect(decodeSimple(0.5)).toEqual(new Double(0.5));
    expect(decodeSimple({ '@int': '1' })).toEqual(new Map([['@int', '1']]));
  });
});
