// The conformance corpus: every case of every tests/corpus/*.fql-cases file runs on a fresh
// engine (set-up queries first, each must succeed) and its text must equal Fauna's, exactly.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshEngine } from '../engine/helpers';
import { matches, parseCorpus, type CorpusCase } from './parse';

const dir = __dirname;
const files = readdirSync(dir).filter((f) => f.endsWith('.fql-cases')).sort();

function explain(c: CorpusCase, actual: string): string {
  return `${c.file}:${c.line} ${c.name}\n--- expected\n${c.expect}\n--- actual\n${actual}`;
}

async function run(c: CorpusCase): Promise<void> {
  const { engine } = await freshEngine();
  for (const [i, setup] of c.setup.entries()) {
    const r = await engine.run({ lang: 'fql10', source: setup });
    if (!r.ok) throw new Error(`${c.file}:${c.line} set-up ${i + 1} failed:\n${r.error.summary}`);
  }
  const r = await engine.run({ lang: 'fql10', source: c.query });
  const actual = r.ok ? r.text : `[${r.error.code}]\n${r.error.summary}`;
  const wanted = c.errorCode ? `[${c.errorCode}]\n${c.expect}` : c.expect;
  // Compare as strings when the case has no placeholder, so vitest shows a readable diff.
  if (!wanted.includes('{{')) expect(actual, explain(c, actual)).toBe(wanted);
  else expect(matches(wanted, actual), explain(c, actual)).toBe(true);
  // In Fauna's summary, diagnostics (log lines too) are separated by a blank line.
  if (c.logs !== undefined) expect((r.logs ?? []).join('\n\n'), `${c.file}:${c.line} logs`).toBe(c.logs);
}

describe('corpus format', () => {
  it('has at least 300 cases', () => {
    const total = files.reduce((n, f) => n + parseCorpus(f, readFileSync(join(dir, f), 'utf8')).length, 0);
    expect(total).toBeGreaterThanOrEqual(300);
  });

  it('placeholders mask only what they stand for', () => {
    expect(matches('{ id: "{{id}}", ts: Time("{{ts}}") }', '{ id: "412", ts: Time("2099-01-01T00:00:00.123Z") }')).toBe(true);
    expect(matches('{ id: "{{id}}" }', '{ id: "41a" }')).toBe(false);
    expect(matches('a.b', 'axb')).toBe(false);
  });

  it('rejects a case with no expected answer', () => {
    expect(() => parseCorpus('x', '=== c\n--- query\n1')).toThrow(/output/);
  });
});

for (const file of files) {
  const cases = parseCorpus(file, readFileSync(join(dir, file), 'utf8'));
  describe(file, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => run(c));
  });
}
