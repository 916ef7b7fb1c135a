// Share links: every released format decodes forever, the current one round-trips, and decoding
// is total (whatever the hash holds, a snippet or a reason; never an exception).
import * as lz from 'lz-string';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, decodeSnippet, encodeSnippet, snippetFromObject, viewFor } from '../../src/share/codec';
import type { Snippet } from '../../src/share/codec';
import { LINK_WARN_CHARS, readSnippetFile, shareMarkdown, shareUrl, snippetFile } from '../../src/share/links';
import { FIXTURES } from './share-fixtures';

const LZ = ((lz as unknown as { default?: typeof lz }).default ?? lz) as typeof lz;

describe('released link formats', () => {
  it.each(FIXTURES)('v$version: $name', (fixture) => {
    const decoded = decodeSnippet(fixture.hash);
    expect(decoded).toEqual({ ok: true, snippet: fixture.snippet, version: fixture.version });
  });

  it('the current format still encodes the fixtures to the same links', () => {
    for (const f of FIXTURES.filter((f) => f.version === CURRENT_VERSION)) {
      expect(`#${encodeSnippet(f.snippet)}`).toBe(f.hash);
    }
  });

  it('every version up to the current one has fixtures', () => {
    for (let v = 1; v <= CURRENT_VERSION; v++) expect(FIXTURES.some((f) => f.version === v), `v${v}`).toBe(true);
  });
});

describe('round trip', () => {
  const snippets: Snippet[] = [
    { lang: 'fql10', query: '', setup: [], view: 'decorated' },
    { lang: 'fql4', query: 'Add(1, 2)', setup: [{ lang: 'fql10', source: 'Collection.create({ name: "X" })' }], view: 'table' },
    {
      lang: 'fql10',
      query: '<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>',
      setup: [],
      view: 'decorated',
      title: '<b>bold</b> & "quotes"',
    },
    { lang: 'fql10', query: 'x'.repeat(50_000), setup: [], view: 'tagged' },
    { lang: 'fql10', query: '\u0000\uffff\ud83e\udd8a line\r\nnext\u2028sep', setup: [], view: 'simple' },
  ];
  it.each(snippets)('keeps the snippet exactly ($lang, $view)', (snippet) => {
    const hash = encodeSnippet(snippet);
    expect(hash).toMatch(/^v1\/[A-Za-z0-9+\-$]*$/);
    expect(decodeSnippet(`#${hash}`)).toEqual({ ok: true, snippet, version: 1 });
  });
});

describe('decoding is total', () => {
  const payload = (x: unknown) => `#v1/${LZ.compressToEncodedURIComponent(typeof x === 'string' ? x : JSON.stringify(x))}`;
  const garbage: [string, string][] = [
    ['empty', ''],
    ['just #', '#'],
    ['not a link', '#hello'],
    ['no payload', '#v1/'],
    ['bad characters', '#v1/%%%<script>'],
    ['not lz', '#v1/AAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['random lz alphabet', '#v1/Zm9vYmFyYmF6cXV4-+$abc'],
    ['newer version', '#v2/abc'],
    ['unknown old version', '#v0/abc'],
    ['huge version', '#v999999/abc'],
    ['not JSON', payload('{not json')],
    ['JSON null', payload('null')],
    ['JSON array', payload([1, 2])],
    ['no language', payload({ q: '1' })],
    ['bad language', payload({ l: 'sql', q: '1' })],
    ['query not a string', payload({ l: 'fql10', q: 1 })],
    ['set-up not an array', payload({ l: 'fql10', q: '1', s: 'x' })],
    ['bad step', payload({ l: 'fql10', q: '1', s: [['fql10']] })],
    ['bad step language', payload({ l: 'fql10', q: '1', s: [['js', 'x']] })],
    ['bad codes', payload({ l: 'fql10', q: '1', s: [['fql10', 'x', 'code']] })],
    ['too many steps', payload({ l: 'fql10', q: '1', s: Array.from({ length: 101 }, () => ['fql10', 'x']) })],
    ['prototype keys', payload('{"__proto__":{"l":"fql10"},"q":"1"}')],
  ];
  it.each(garbage)('%s gives a reason', (_name, hash) => {
    const decoded = decodeSnippet(hash);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason.length).toBeGreaterThan(5);
  });

  it('never throws on random input', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$%#/v';
    for (let i = 0; i < 2000; i++) {
      const len = Math.floor(rand() * 80);
      let s = rand() < 0.7 ? '#v1/' : '';
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
      expect(() => decodeSnippet(s)).not.toThrow();
    }
  });

  it('ignores unknown views and views of the other language', () => {
    expect(viewFor('fql10', 'wire')).toBe('decorated');
    expect(viewFor('fql4', 'tagged')).toBe('decorated');
    expect(viewFor('fql4', 'nonsense')).toBe('decorated');
    expect(viewFor('fql4', 'table')).toBe('table');
    const d = decodeSnippet(payload({ l: 'fql10', q: '1', v: 'hologram' }));
    expect(d.ok && d.snippet.view).toBe('decorated');
  });
});

describe('links, Markdown and files', () => {
  const snippet: Snippet = { lang: 'fql10', query: 'let s = "```"\ns', setup: [], view: 'decorated', title: 'Fences [and] brackets' };

  it('builds the link on the page address without its query or old hash', () => {
    const url = shareUrl('https://example.com/play/?embed=parent#v1/old', snippet);
    expect(url.startsWith('https://example.com/play/#v1/')).toBe(true);
    expect(decodeSnippet(new URL(url).hash)).toMatchObject({ ok: true, snippet });
  });

  it('Markdown fences the query with a longer fence and escapes the title', () => {
    const url = shareUrl('https://example.com/', snippet);
    const md = shareMarkdown(url, snippet);
    expect(md).toContain('````fql\nlet s = "```"\ns\n````');
    expect(md).toContain('[Run “Fences \\[and\\] brackets” in the FQL Playground](https://example.com/#v1/');
  });

  it('a snippet file reads back; a bad one gives a reason', () => {
    expect(readSnippetFile(snippetFile(snippet))).toEqual({ ok: true, snippet, version: 1 });
    expect(readSnippetFile('nope').ok).toBe(false);
    expect(readSnippetFile('{"format":"other"}').ok).toBe(false);
    expect(readSnippetFile('{"format":"fql-playground-snippet","version":1,"snippet":{"query":5}}').ok).toBe(false);
  });

  it('embed.js messages are validated the same way', () => {
    expect(snippetFromObject({ query: 'Add(1, 1)', lang: 'fql4', setup: ['CreateCollection({ name: "a" })'] })).toEqual({
      ok: true,
      version: 1,
      snippet: { lang: 'fql4', query: 'Add(1, 1)', setup: [{ lang: 'fql4', source: 'CreateCollection({ name: "a" })' }], view: 'decorated' },
    });
    expect(snippetFromObject({ query: 1 }).ok).toBe(false);
    expect(snippetFromObject(null).ok).toBe(false);
    expect(snippetFromObject({ query: 'x', setup: [{}] }).ok).toBe(false);
  });

  it('warns at 8 KB', () => {
    expect(LINK_WARN_CHARS).toBe(8192);
  });
});
