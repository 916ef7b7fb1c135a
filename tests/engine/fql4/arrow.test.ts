// Arrow functions in v4 source: the driver turns a JS function into a Lambda by calling it with
// one Var per parameter; the playground's parser builds the same wire JSON without running it.
import faunadb from 'faunadb';
import { describe, expect, it } from 'vitest';
import { parseFql4 } from '../../../src/engine/fql4';
import { freshEngine, ok } from '../helpers';

const q = faunadb.query;

describe('arrow functions in v4 source', () => {
  const cases: Array<[string, unknown]> = [
    ['Map([1, 2, 3], x => Add(x, 1))', q.Map([1, 2, 3], (x: faunadb.Expr) => q.Add(x, 1))],
    ['Lambda(x => Multiply(x, x))', q.Lambda((x: faunadb.Expr) => q.Multiply(x, x))],
    ['Reduce((acc, x) => Add(acc, x), 0, [1, 2, 3])', q.Reduce((acc: faunadb.Expr, x: faunadb.Expr) => q.Add(acc, x), 0, [1, 2, 3])],
    ['Filter([1, 2, 3], n => GT(n, 1))', q.Filter([1, 2, 3], (n: faunadb.Expr) => q.GT(n, 1))],
    ['Map([[1, 2]], (a, b) => { return Add(a, b) })', q.Map([[1, 2]], (a: faunadb.Expr, b: faunadb.Expr) => q.Add(a, b))],
    ['Map([1], x => Map([2], y => Add(x, y)))', q.Map([1], (x: faunadb.Expr) => q.Map([2], (y: faunadb.Expr) => q.Add(x, y)))],
  ];
  for (const [source, built] of cases) {
    it(`${source} sends what the driver sends`, () => {
      expect(parseFql4(source).wire).toBe(JSON.stringify(built));
    });
  }

  it('evaluates: a lambda sees its parameters, an inner one the outer ones', async () => {
    const { engine } = await freshEngine();
    expect((await ok(engine, 'fql4', 'Map([1, 2, 3], x => Add(x, 1))')).text).toBe('[ 2, 3, 4 ]');
    expect((await ok(engine, 'fql4', 'Map([1, 2], x => Map([10], y => Add(x, y)))')).text).toBe('[ [ 11 ], [ 12 ] ]');
  });

  it('refuses a name that is not a parameter, and a body that is more than a return', () => {
    expect(() => parseFql4('Map([1], x => Add(y, 1))')).toThrow(/identifier `y`/);
    expect(() => parseFql4('Map([1], x => { const y = 1; return y })')).toThrow(/return <expression>/);
    expect(() => parseFql4('Map([1], ({ a }) => a)')).toThrow(/plain name/);
    // Outside its function a parameter is unbound again.
    expect(() => parseFql4('Do(Map([1], x => x), x)')).toThrow(/identifier `x`/);
  });
});
