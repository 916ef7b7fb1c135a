// The v10 query template joined into FQL text as the core's FQL2Query does.
import { describe, expect, it } from 'vitest';
import { BadBody, BadTemplateValue, composeQuery, displaySource, joinTemplate } from '../../src/engine/wire/template';
import { Double, DocRef, Module, Time } from '../../src/engine/values/value';

describe('joinTemplate', () => {
  it('takes plain query text as is', () => {
    expect(joinTemplate('1 + 1')).toEqual({ text: '1 + 1', slots: [] });
  });

  it('joins fragments and puts a placeholder for each value', () => {
    const { text, slots } = joinTemplate({ fql: ['let x = ', { value: { '@int': '17' } }, '; x'] });
    expect(text).toBe('let x = \u0000; x');
    expect(slots).toEqual([{ value: { '@int': '17' }, offset: 8 }]);
  });

  it('parenthesizes text and nested queries inside arrays and objects', () => {
    expect(joinTemplate({ fql: ['[', { array: ['1 + 1', { fql: ['2'] }] }, ']'] }).text).toBe('[[(1 + 1), (2)]]');
    expect(joinTemplate({ fql: [{ object: { a: 'x', 'b c': { fql: ['y'] } } }] }).text).toBe('{ "a": (x), "b c": (y) }');
    // A nested query outside containers is spliced in without parentheses.
    expect(joinTemplate({ fql: ['1 + ', { fql: ['2'] }] }).text).toBe('1 + 2');
  });

  it('collapses containers of values into one value (objects tagged with @object)', () => {
    const arr = joinTemplate({ fql: ['f(', { array: [{ value: { '@int': '1' } }, { value: 'a' }] }, ')'] });
    expect(arr.text).toBe('f(\u0000)');
    expect(arr.slots[0]!.value).toEqual([{ '@int': '1' }, 'a']);
    const obj = joinTemplate({ object: { '@k': { value: 'v' }, n: { array: [{ value: null }] } } });
    expect(obj.text).toBe('\u0000');
    expect(obj.slots[0]!.value).toEqual({ '@object': { '@k': 'v', n: [null] } });
    // A container holding text stays text, and so do the containers around it.
    expect(joinTemplate({ array: [{ value: 1 }, { array: ['x'] }] }).text).toBe('[\u0000, [(x)]]');
  });

  it('rejects malformed templates as the core does (Invalid request body…)', () => {
    for (const bad of [{ fql: 'x' }, { sql: ['x'] }, { fql: [1] }, { fql: ['a'], value: 1 }, { fql: ['\u0000'] }, 5, null, []]) {
      expect(() => joinTemplate(bad)).toThrow(BadBody);
    }
    expect(() => joinTemplate({ fql: ['\u0000'] })).toThrow('Invalid request body: FQL strings cannot contain NUL characters');
  });
});

describe('composeQuery', () => {
  it('binds each value to a 7-character placeholder, shown as <value> in summaries', () => {
    const q = composeQuery({ fql: ['let x = ', { value: { '@double': '1.5' } }, '\n', { value: { '@ref': { id: '1', coll: { '@mod': 'Users' } } } }] });
    expect(q.source).toBe('let x = _v0____\n_v1____');
    expect(q.placeholders).toEqual(['_v0____', '_v1____']);
    expect(q.bindings.get('_v0____')).toEqual(new Double(1.5));
    expect(q.bindings.get('_v1____')).toEqual(new DocRef('Users', '1'));
    expect(displaySource('1 | let x = _v0____ + _v0____x', q.placeholders)).toBe('1 | let x = <value> + _v0____x');
  });

  it('decodes values as tagged whatever the format', () => {
    const q = composeQuery({ fql: [{ value: { '@time': '2023-01-01T00:00:00+01:00' } }, { value: { '@mod': 'Token' } }] });
    expect(q.bindings.get('_v0____')).toEqual(new Time(Date.UTC(2022, 11, 31, 23) * 1000));
    expect(q.bindings.get('_v1____')).toEqual(new Module('Token', 'native-collection'));
  });

  it('a value that does not decode is a check failure at its placeholder', () => {
    try {
      composeQuery({ fql: ['1 + ', { value: 2 }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BadTemplateValue);
      expect(e).toMatchObject({ message: 'numbers must be tagged', offset: 4, length: 7, source: '1 + _v0____' });
    }
  });
});
