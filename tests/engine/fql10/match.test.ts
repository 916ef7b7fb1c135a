// `match subject { case … => … }` parses, and fails where it is evaluated as Fauna's interpreter
// does (FQLInterpreter: "match expr not supported", a failed check).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import { fail, freshEngine, ok } from '../helpers';

let engine: Engine;
beforeAll(async () => {
  ({ engine } = await freshEngine());
});

describe('match', () => {
  it('is a failed check where it is evaluated', async () => {
    const e = (await fail(engine, 'fql10', 'let x = 1\nmatch x { case 1 => { "one" } case _ => "other" }')).error;
    expect(e.code).toBe('invalid_query');
    expect(e.message).toBe('The query failed 1 validation check');
    expect(e.summary).toBe(
      [
        'error: match expr not supported',
        'at *query*:2:1',
        '  |',
        '2 | match x { case 1 => { "one" } case _ => "other" }',
        '  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  |',
      ].join('\n'),
    );
  });

  it('parses where it is not evaluated, subject chains included', async () => {
    expect((await ok(engine, 'fql10', 'if (false) match [1].map(x => x).first() { case 1 => 2 } else 3')).text).toBe('3');
  });

  it('an unclosed match is a syntax error', async () => {
    expect((await fail(engine, 'fql10', 'match 1 { case 1 => 2')).error.code).toBe('invalid_query');
  });
});
