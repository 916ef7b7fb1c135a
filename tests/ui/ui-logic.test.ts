// The UI's pure logic: set-up steps as text, result views (table, tree data, copy text), ttl
// countdowns, storage that never throws.
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/engine/api';
import { countdown } from '../../src/ui/countdown';
import { cell, dataOf, tableOf, viewText, viewsFor } from '../../src/ui/result-views';
import { ALREADY_DONE, setupFromText, setupToText } from '../../src/ui/setup';
import { persistent, readJson, readText, writeJson } from '../../src/ui/storage';

type Ok = Extract<RunResult, { ok: true }>;
const v10 = (simple: unknown, text = 'decorated'): Ok =>
  ({ ok: true, lang: 'fql10', text, json: { simple: JSON.stringify(simple, null, 2), tagged: '{}' }, txnTs: '1' }) as unknown as Ok;
const v4 = (resource: unknown): Ok =>
  ({ ok: true, lang: 'fql4', text: 'shell', json: { wire: JSON.stringify({ resource }) }, txnTs: '1' }) as unknown as Ok;

describe('set-up text', () => {
  it('splits steps on lines holding only ---, trimming blank edges', () => {
    const steps = setupFromText('Collection.create({ name: "A" })\n---\n\nA.create({ id: "1" })\n\n  ---  \n\n', 'fql10');
    expect(steps).toEqual([
      { lang: 'fql10', source: 'Collection.create({ name: "A" })', alreadyDone: ALREADY_DONE.fql10 },
      { lang: 'fql10', source: 'A.create({ id: "1" })', alreadyDone: ALREADY_DONE.fql10 },
    ]);
  });

  it('keeps a dash run inside a line, and unchanged steps keep their language and codes', () => {
    const previous = [{ lang: 'fql4' as const, source: 'CreateCollection({ name: "b" })', alreadyDone: ['x'] }];
    const steps = setupFromText('CreateCollection({ name: "b" })\n---\n"a --- b"', 'fql10', previous);
    expect(steps[0]).toEqual(previous[0]);
    expect(steps[1]!.source).toBe('"a --- b"');
    expect(setupFromText(setupToText(steps), 'fql10', steps)).toEqual(steps);
  });

  it('no text, no steps', () => {
    expect(setupFromText('  \n---\n', 'fql4')).toEqual([]);
    expect(setupToText([])).toBe('');
  });
});

describe('result views', () => {
  const docs = [
    { id: '1', coll: 'Book', ts: '2099-01-01T00:00:00Z', title: 'Dune', author: { id: '7', coll: 'Author' } },
    { id: '2', coll: 'Book', ts: '2099-01-01T00:00:00Z', title: 'Emma', tags: ['novel'] },
  ];

  it('a table for an array of documents: the union of fields, references as Coll("id")', () => {
    expect(tableOf(v10(docs))).toEqual({
      columns: ['id', 'coll', 'ts', 'title', 'author', 'tags'],
      rows: [
        ['1', 'Book', '2099-01-01T00:00:00Z', 'Dune', 'Author("7")', ''],
        ['2', 'Book', '2099-01-01T00:00:00Z', 'Emma', '', '["novel"]'],
      ],
    });
  });

  it('a table for a page of documents, none for scalars or mixed arrays', () => {
    expect(tableOf(v10({ data: docs, after: 'cursor' }))?.rows).toHaveLength(2);
    expect(tableOf(v10(1))).toBeNull();
    expect(tableOf(v10([1, { a: 1 }]))).toBeNull();
    expect(tableOf(v10([]))).toBeNull();
  });

  it('v4 documents flatten to ref, ts and their data fields', () => {
    const ref = (id: string) => ({ '@ref': { id, collection: { '@ref': { id: 'films', collection: { '@ref': { id: 'collections' } } } } } });
    const table = tableOf(v4([{ ref: ref('1'), ts: 5, data: { title: 'Alien' } }, { ref: ref('2'), ts: 6, data: { title: 'Heat', year: 1995 } }]));
    expect(table).toEqual({ columns: ['ref', 'ts', 'title', 'year'], rows: [['films/1', '5', 'Alien', ''], ['films/2', '6', 'Heat', '1995']] });
    expect(cell({ '@ts': '2099-01-01T00:00:00Z' })).toBe('2099-01-01T00:00:00Z');
  });

  it('views offered follow the language and the result', () => {
    expect(viewsFor(v10(docs), 'fql10')).toEqual(['decorated', 'simple', 'tagged', 'table', 'tree']);
    expect(viewsFor(v10('x'), 'fql10')).toEqual(['decorated', 'simple', 'tagged', 'tree']);
    expect(viewsFor(v4(1), 'fql4')).toEqual(['decorated', 'wire', 'tree']);
    expect(viewsFor(null, 'fql4')).toEqual(['decorated', 'wire', 'tree']);
  });

  it('Copy takes the shown view: text, JSON, tab-separated table, tree JSON', () => {
    const r = v10(docs, 'the decorated text');
    expect(viewText(r, 'decorated')).toBe('the decorated text');
    expect(viewText(r, 'simple')).toBe(JSON.stringify(docs, null, 2));
    expect(viewText(r, 'table').split('\n')[0]).toBe('id\tcoll\tts\ttitle\tauthor\ttags');
    expect(JSON.parse(viewText(r, 'tree'))).toEqual(docs);
    expect(dataOf({ ...r, json: { simple: '{bad' } })).toBeUndefined();
  });
});

describe('ttl countdown', () => {
  const now = Date.parse('2099-01-01T00:00:00Z');
  it.each([
    ['2099-01-01T00:59:58Z', 'expires in 59:58'],
    ['2099-01-01T05:04:03Z', 'expires in 5:04:03'],
    ['2099-01-04T02:00:00Z', 'expires in 3 d 2 h'],
    ['2101-01-02T00:00:00Z', 'expires in 2 years'],
    ['2098-12-31T00:00:00Z', 'expired'],
    ['not a time', 'ttl not a time'],
  ])('%s → %s', (ttl, text) => {
    expect(countdown(ttl, now)).toBe(text);
  });
});

describe('storage', () => {
  it('works without localStorage (Node, blocked iframes): values live in memory', () => {
    expect(persistent()).toBe(false);
    writeJson('ui-logic-test', { a: 1 });
    expect(readJson('ui-logic-test', (v) => v as { a: number }, { a: 0 })).toEqual({ a: 1 });
    expect(readText('missing-key')).toBeNull();
    expect(readJson('missing-key', () => 1, 2)).toBe(2);
  });
});
