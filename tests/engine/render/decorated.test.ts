import { describe, expect, it } from 'vitest';
import { renderDecorated } from '../../../src/engine/render/decorated';
import { Doc, DocRef, Double, Module, NullDoc, Time, obj } from '../../../src/engine/values/value';

describe('v10 decorated rendering', () => {
  it('prints scalars as Fauna does', () => {
    expect(renderDecorated(null)).toBe('null');
    expect(renderDecorated(3)).toBe('3');
    expect(renderDecorated(3000000000n)).toBe('3000000000');
    expect(renderDecorated(new Double(3))).toBe('3.0');
    expect(renderDecorated(new Double(0.5))).toBe('0.5');
    expect(renderDecorated(new Double(Infinity))).toBe('Math.Infinity');
    expect(renderDecorated(new Double(NaN))).toBe('Math.NaN');
    expect(renderDecorated('say "hi" #{x}')).toBe('"say \\"hi\\" \\#{x}"');
    expect(renderDecorated(new Time(1692057240750000))).toBe('Time("2023-08-14T23:54:00.750Z")');
    expect(renderDecorated(new Time(1692057240750123))).toBe('Time("2023-08-14T23:54:00.750123Z")');
    expect(renderDecorated(new Module('Customer', 'user-collection'))).toBe('Customer');
  });

  it('prints containers one entry per line with two-space indentation', () => {
    expect(renderDecorated([])).toBe('[]');
    expect(renderDecorated(obj([]))).toBe('{}');
    expect(renderDecorated(obj([['a', 1], ['b c', [true, null]]]))).toBe('{\n  a: 1,\n  "b c": [\n    true,\n    null\n  ]\n}');
  });

  it('prints multi-line strings as heredocs, avoiding a tag the text contains', () => {
    expect(renderDecorated(obj([['s', 'one\ntwo\n']]))).toBe('{\n  s: <<-END\n    one\n    two\n  END\n}');
    expect(renderDecorated('END\nx')).toBe('<<-END0\n  END\n  x\nEND0');
  });

  it('expands a document at the top and shows references inside it', () => {
    const doc = new Doc(
      new DocRef('Token', '373081653342371873'),
      1692057240750000,
      obj([['document', new DocRef('People', '372696914650464289')]]),
      undefined,
      'fnEFLXPJe7AAIQUh3mNk4AAhp6iMjCB6XHC44_eP3E1Tr9HXGcQ',
    );
    expect(renderDecorated(doc)).toBe(
      [
        '{',
        '  id: "373081653342371873",',
        '  coll: Token,',
        '  ts: Time("2023-08-14T23:54:00.750Z"),',
        '  document: People("372696914650464289"),',
        '  secret: "fnEFLXPJe7AAIQUh3mNk4AAhp6iMjCB6XHC44_eP3E1Tr9HXGcQ"',
        '}',
      ].join('\n'),
    );
  });

  it('prints a missing document with its cause', () => {
    expect(renderDecorated(new NullDoc(new DocRef('Customer', '123'), 'not found'))).toBe('Customer("123") /* not found */');
  });
});
