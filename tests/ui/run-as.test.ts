// "Run as" and the cost view's pure helpers: finding a minted secret in a result, cost rows in
// source order with their text and editor spans, totals.
import { describe, expect, it } from 'vitest';
import type { CostRow } from '../../src/engine/api';
import { costLines, costTotals, mintedSecret, snippetOf } from '../../src/ui/run-as';

const SECRET = `fn${'A'.repeat(49)}`;

function row(what: string, span: { start: number; end: number } | undefined, computeUnits = 0): CostRow {
  return { ...(span ? { span } : {}), what, computeUnits, readOps: 1, readBytes: 10, writeOps: 0, writeBytes: 0 };
}

describe('mintedSecret', () => {
  it('finds a v10 token secret', () => {
    const text = `{\n  id: "1",\n  coll: Token,\n  document: Customer("999"),\n  secret: "${SECRET}"\n}`;
    expect(mintedSecret(text)).toEqual({ secret: SECRET, kind: 'token' });
  });

  it('finds a v10 key secret (single quotes too)', () => {
    expect(mintedSecret(`{ coll: Key, role: "server", secret: '${SECRET}' }`)).toEqual({ secret: SECRET, kind: 'key' });
  });

  it('finds a v4 token secret', () => {
    expect(mintedSecret(`{ ref: Ref(Tokens(), "1"), instance: Ref(Collection("c"), "2"), secret: "${SECRET}" }`)?.kind).toBe('token');
  });

  it('ignores results without a secret, or a non-fn one', () => {
    expect(mintedSecret('{ name: "John" }')).toBeNull();
    expect(mintedSecret('{ secret: "hello" }')).toBeNull();
    expect(mintedSecret(`{ secret: "${SECRET}' }`)).toBeNull();
  });
});

describe('cost lines', () => {
  const source = 'let x = Customer.all()\nx.count()';

  it('sorts by span start, span-less rows last, and moves spans by the run offset', () => {
    const lines = costLines([row('count', { start: 23, end: 32 }), row('overhead', undefined, 5), row('all', { start: 8, end: 22 })], source, 100);
    expect(lines.map((l) => l.what)).toEqual(['all', 'count', 'overhead']);
    expect(lines[0]?.text).toBe('Customer.all()');
    expect(lines[0]?.editorSpan).toEqual({ start: 108, end: 122 });
    expect(lines[2]?.text).toBe('');
    expect(lines[2]?.editorSpan).toBeNull();
  });

  it('collapses whitespace and truncates long source text', () => {
    expect(snippetOf('a\n   b', { start: 0, end: 6 })).toBe('a b');
    const long = 'x'.repeat(100);
    const text = snippetOf(long, { start: 0, end: 100 }, 20);
    expect(text).toHaveLength(20);
    expect(text.endsWith('…')).toBe(true);
  });

  it('totals every column', () => {
    expect(costTotals([row('a', undefined, 50), row('b', undefined, 25)])).toEqual({
      computeUnits: 75,
      readOps: 2,
      readBytes: 20,
      writeOps: 0,
      writeBytes: 0,
    });
  });
});
