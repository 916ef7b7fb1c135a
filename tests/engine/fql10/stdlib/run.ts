// Helpers for the standard-library tests: run FQL v10 end to end on a fresh engine and compare
// results in one-line form (`[1, 2]`, `{ a: 1 }`) and errors as `code: message`.
import { expect, it } from 'vitest';
import { freshEngine, fail, ok } from '../../helpers';

/** The decorated result on one line: `[\n  1,\n  2\n]` becomes `[1, 2]`. */
export function oneLine(text: string): string {
  return text
    .replace(/\[\n\s*/g, '[')
    .replace(/\n\s*\]/g, ']')
    .replace(/\{\n\s*/g, '{ ')
    .replace(/\n\s*\}/g, ' }')
    .replace(/,\n\s*/g, ', ');
}

export async function engineFor() {
  const { engine } = await freshEngine();
  return {
    engine,
    /** The result of a query, on one line. */
    out: async (src: string) => oneLine((await ok(engine, 'fql10', src)).text),
    /** The error of a query as `code: message`. */
    err: async (src: string) => {
      const r = await fail(engine, 'fql10', src);
      return `${r.error.code}: ${r.error.message}`;
    },
    /** The error's summary (message and the annotated source). */
    summary: async (src: string) => (await fail(engine, 'fql10', src)).error.summary,
  };
}

type StdlibEngine = Awaited<ReturnType<typeof engineFor>>;

/** Table tests: `results([[query, one-line result]])`, `errors([[query, 'code: message']])`. */
export function caseTables(engine: () => StdlibEngine) {
  return {
    results: (cases: Array<[string, string]>) =>
      it.each(cases)('%s → %s', async (src, want) => {
        expect(await engine().out(src)).toBe(want);
      }),
    errors: (cases: Array<[string, string]>) =>
      it.each(cases)('%s fails: %s', async (src, want) => {
        expect(await engine().err(src)).toBe(want);
      }),
  };
}
