import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/engine/fql10/parser';
import { FqlError } from '../../../src/engine/errors';

function shape(src: string): unknown {
  const strip = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(strip);
    if (x && typeof x === 'object') {
      return Object.fromEntries(
        Object.entries(x)
          .filter(([k]) => !/span|Span$/.test(k))
          .map(([k, v]) => [k, strip(v)]),
      );
    }
    return x;
  };
  return strip(parse(src).body);
}

function parseError(src: string): { message: string; span?: { start: number; end: number } } {
  try {
    parse(src);
  } catch (e) {
    if (e instanceof FqlError) return { message: e.message, span: e.span };
    throw e;
  }
  throw new Error('parsed without error');
}

describe('FQL v10 parser', () => {
  it('separates statements by newlines and semicolons', () => {
    expect(parse('let a = 1\na; 2').body.map((s) => s.kind)).toEqual(['let', 'expr', 'expr']);
  });

  it('continues a chain on the next line when it starts with a dot', () => {
    expect(parse('Customer\n  .byId("1")').body).toHaveLength(1);
  });

  it('reads seed 004 step 3 as a let and an optional-chained call', () => {
    expect(shape('let document = Customer.byId("999")\nCredential.byDocument(document)?.login("sekret")')).toEqual([
      {
        kind: 'let',
        name: 'document',
        value: {
          kind: 'call',
          optional: false,
          callee: { kind: 'member', optional: false, name: 'byId', target: { kind: 'ident', name: 'Customer' } },
          args: [{ kind: 'string', parts: ['999'] }],
        },
      },
      {
        kind: 'expr',
        expr: {
          kind: 'call',
          optional: false,
          callee: {
            kind: 'member',
            optional: true,
            name: 'login',
            target: {
              kind: 'call',
              optional: false,
              callee: { kind: 'member', optional: false, name: 'byDocument', target: { kind: 'ident', name: 'Credential' } },
              args: [{ kind: 'ident', name: 'document' }],
            },
          },
          args: [{ kind: 'string', parts: ['sekret'] }],
        },
      },
    ]);
  });

  it('tells objects from blocks', () => {
    expect(parse('{ a: 1 }').body[0]).toMatchObject({ expr: { kind: 'object' } });
    expect(parse('{}').body[0]).toMatchObject({ expr: { kind: 'object' } });
    expect(parse('{ let x = 1; x }').body[0]).toMatchObject({ expr: { kind: 'block' } });
  });

  it('follows precedence: * before +, && before ||, ?? loosest', () => {
    expect(shape('1 + 2 * 3')).toMatchObject([{ expr: { op: '+', right: { op: '*' } } }]);
    expect(shape('a || b && c')).toMatchObject([{ expr: { op: '||', right: { op: '&&' } } }]);
    expect(shape('a ?? b || c')).toMatchObject([{ expr: { op: '??', right: { op: '||' } } }]);
  });

  it('parses arrow functions and string interpolation', () => {
    expect(shape('(a, b) => a')).toMatchObject([{ expr: { kind: 'lambda', params: ['a', 'b'] } }]);
    expect(shape('x => x')).toMatchObject([{ expr: { kind: 'lambda', params: ['x'] } }]);
    expect(shape('"a#{1 + 2}b"')).toMatchObject([{ expr: { kind: 'string', parts: ['a', { op: '+' }, 'b'] } }]);
  });

  it('puts the argument list in the call span, where Fauna points', () => {
    const call = parse('Collection.create({name: "X"})').body[0]!;
    expect(call.kind === 'expr' && call.expr.kind === 'call' && call.expr.callSpan).toEqual({ start: 17, end: 30 });
  });

  it('reports bad input with a span', () => {
    expect(parseError('1 +')).toEqual({ message: 'Expected expression', span: { start: 3, end: 4 } });
    expect(parseError('let = 1')).toMatchObject({ message: 'Expected identifier', span: { start: 4, end: 5 } });
    expect(parseError('"abc')).toMatchObject({ message: 'Unterminated string literal' });
    expect(parseError('1 2')).toMatchObject({ message: 'Expected end-of-input', span: { start: 2, end: 3 } });
    expect(parseError('a @ b')).toMatchObject({ message: 'Unexpected character `@`' });
    expect(parseError('/* open')).toMatchObject({ message: 'Unterminated block comment' });
  });
});

describe('several syntax errors', () => {
  // Fauna's parser stops at its first failure; only checks that let it go on (an anonymous field
  // access with nothing to bind it, a duplicate key) add up to several errors.
  it('are all reported, each with its caret', async () => {
    const { freshEngine, fail } = await import('../helpers');
    const { engine } = await freshEngine();
    const r = await fail(engine, 'fql10', 'let a = .x\n"ok"\nlet b = .y\nb');
    expect(r.error.message).toBe('The query failed 2 validation checks');
    expect(r.error.summary).toBe(
      [
        'error: Invalid anonymous field access',
        'at *query*:1:9',
        '  |',
        '1 | let a = .x',
        '  |         ^^',
        '  |',
        '',
        'error: Invalid anonymous field access',
        'at *query*:3:9',
        '  |',
        '3 | let b = .y',
        '  |         ^^',
        '  |',
      ].join('\n'),
    );
  });
});
