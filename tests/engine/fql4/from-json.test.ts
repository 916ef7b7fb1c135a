// Request bodies arriving as JSON (the wire host) evaluate like parsed source, with forms
// matched by key set whatever the key order, and `@ref`/`@ts` values read back as literals.
import { beforeEach, describe, expect, it } from 'vitest';
import { FqlError } from '../../../src/engine/errors';
import { evalFql4 } from '../../../src/engine/fql4/index';
import { parseWireFql4 } from '../../../src/engine/fql4/from-json';
import { MetricsCollector } from '../../../src/engine/metrics/collector';
import type { PlaygroundDB } from '../../../src/engine/store/open';
import { QueryTx } from '../../../src/engine/store/query-tx';
import { freshStore, ok } from './helpers';

let db: PlaygroundDB;

beforeEach(async () => {
  db = await freshStore();
  await ok(db, 'CreateCollection({ name: "characters" })');
  await ok(db, 'Create(Ref(Collection("characters"), "1"), { credentials: { password: "pw" } })');
});

async function runJson(text: string) {
  const tx = await QueryTx.begin(db, new MetricsCollector());
  const parsed = parseWireFql4(JSON.parse(text), text);
  try {
    const out = await evalFql4(parsed, tx);
    await tx.commit();
    return { out, bytesIn: parsed.bytesIn };
  } catch (e) {
    if (e instanceof FqlError) return { error: e };
    throw e;
  }
}

describe('JSON request bodies', () => {
  it('log in from the driver body, keys in any order', async () => {
    const body = '{"params":{"object":{"password":"pw"}},"login":{"id":"1","ref":{"collection":"characters"}}}';
    const r = await runJson(body);
    expect(r.out?.text).toMatch(/^\{\n {2}ref: Ref\(Tokens\(\), "\d+"\),/);
    expect(r.out?.created).toBe(true);
    expect(r.bytesIn).toBe(body.length);
  });

  it('read ref and time values as the API renders them', async () => {
    const ref = '{"@ref":{"id":"1","collection":{"@ref":{"id":"characters","collection":{"@ref":{"id":"collections"}}}}}}';
    const r = await runJson(`{"equals":[${ref},{"ref":{"collection":"characters"},"id":"1"}]}`);
    expect(r.out?.text).toBe('true');
    const t = await runJson('{"time_add":{"@ts":"2021-09-15T20:57:02.080Z"},"offset":1,"unit":"second"}');
    expect(t.out?.text).toBe('Time("2021-09-15T20:57:03.080Z")');
    const tokens = await runJson('{"@ref":{"id":"7","collection":{"@ref":{"id":"tokens"}}}}');
    expect(tokens.out?.text).toBe('Ref(Tokens(), "7")');
  });

  it('refuse unknown forms with the core message', async () => {
    const r = await runJson('{"foo":1,"bar":2}');
    expect([r.error?.code, r.error?.message, r.error?.position]).toEqual([
      'invalid expression',
      'No form/function found, or invalid argument keys: { foo, bar }.',
      [],
    ]);
  });

  it('accept object-shaped let bindings and refuse an empty do', async () => {
    expect((await runJson('{"let":{"a":1,"b":{"var":"a"}},"in":{"var":"b"}}')).out?.text).toBe('1');
    const e = await runJson('{"do":[]}');
    expect([e.error?.message, e.error?.position]).toEqual(['Expression list cannot be empty.', ['do']]);
  });
});

describe('created (HTTP 201)', () => {
  it.each([
    ['Login(Ref(Collection("characters"), "1"), { password: "pw" })', true],
    ['Do(1, Create(Collection("characters"), {}))', true],
    ['Let({ t: Create(Tokens(), { instance: Ref(Collection("characters"), "1") }) }, Var("t"))', true],
    ['Select("ref", Create(Collection("characters"), {}))', false],
    ['Get(Ref(Collection("characters"), "1"))', false],
    ['CreateCollection({ name: "spells" })', true],
  ])('%s → %s', async (source, created) => {
    expect((await ok(db, source)).created).toBe(created);
  });
});
