// Expired documents (past their ttl) are invisible at once and leave the store lazily: the next
// query that meets one removes it, with its index entries, in the same atomic commit (or in a
// transaction of its own when the query writes nothing, or was refused at authentication).
// Purging bills nothing and causes no contention.
import { describe, expect, test, vi } from 'vitest';
import type { Engine } from '../../../src/engine/engine';
import { dumpStores, freshEngine } from '../helpers';
import { exec, idIn, secretIn } from './world';

vi.setConfig({ testTimeout: 30_000 });

interface Dump {
  docs: Array<{ coll: string; id: string }>;
  entries: Array<{ coll: string; id: string }>;
}

const stored = async (name: string): Promise<Dump> => JSON.parse(await dumpStores(name)) as Dump;
const has = (d: Dump, coll: string, id: string) => d.docs.some((r) => r.coll === coll && r.id === id);
const entriesOf = (d: Dump, coll: string) => d.entries.filter((e) => e.coll === coll).length;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ok(engine: Engine, source: string, secret?: string, lang: 'fql10' | 'fql4' = 'fql10') {
  const x = await exec(engine, lang, source, secret);
  if (!x.ok) throw new Error(`${source}: ${x.error.code} ${x.error.message}`);
  return x;
}

/** A user document with an index entry, a token and a key, all expiring in 300 ms. */
async function expiring() {
  const { engine, name } = await freshEngine();
  await ok(engine, 'Collection.create({ name: "U", indexes: { byName: { terms: [{ field: ".name" }] } } })');
  await ok(engine, 'U.create({ id: "1", name: "keep" })\nU.create({ id: "2", name: "gone", ttl: Time.now().add(300, "milliseconds") })');
  const render = async (q: string) => {
    const r = await engine.run({ lang: 'fql10', source: q });
    if (!r.ok) throw new Error(r.error.summary);
    return r.text;
  };
  const token = await render('Token.create({ document: U.byId("1"), ttl: Time.now().add(300, "milliseconds") })');
  const key = await render('Key.create({ role: "server", ttl: Time.now().add(300, "milliseconds") })');
  return { engine, name, token: { id: idIn(token), secret: secretIn(token) }, key: { id: idIn(key), secret: secretIn(key) } };
}

describe('lazy purge of expired documents', () => {
  test('an expired document stays stored until a query meets it; a write query then removes it and its index entries', async () => {
    const { engine, name } = await expiring();
    await pause(350);
    const before = await stored(name);
    expect(has(before, 'U', '2')).toBe(true);
    expect(entriesOf(before, 'U')).toBe(2);
    const x = await ok(engine, 'let gone = U.byId("2")\nU.create({ id: "3", name: "new" })\ngone == null');
    expect(x.ok && x.lang === 'fql10' && x.value).toBe(true);
    const after = await stored(name);
    expect(has(after, 'U', '2')).toBe(false);
    expect(has(after, 'U', '3')).toBe(true);
    expect(entriesOf(after, 'U')).toBe(2); // "keep" and "new"
    // The purge is not billed: one document written, the query's own.
    expect(x.totals.writeOps).toBe(1);
    expect(x.totals.retries).toBe(0);
  });

  test('a read-only query (v4 or v10) that meets expired documents removes them; its metrics are unchanged by it', async () => {
    const { engine, name, token } = await expiring();
    await pause(350);
    const v4 = await exec(engine, 'fql4', 'Get(Ref(Collection("U"), "2"))');
    expect(!v4.ok && v4.error.code).toBe('instance not found');
    expect(has(await stored(name), 'U', '2')).toBe(true); // a failed query commits nothing, purge included
    const first = await ok(engine, 'U.all().count()');
    expect(first.ok && first.lang === 'fql10' && first.value).toBe(1);
    expect(has(await stored(name), 'U', '2')).toBe(false);
    const again = await ok(engine, 'U.all().count()');
    expect([again.totals.readOps, again.totals.writeOps]).toEqual([first.totals.readOps, 0]);
    expect(first.totals.writeOps).toBe(0);
    await ok(engine, `Token.byId("${token.id}") == null`);
    expect(has(await stored(name), 'Token', token.id)).toBe(false);
  });

  test('a purged document is still in the past: at() before its ttl reads it', async () => {
    const { engine, name } = await expiring();
    const before = await engine.run({ lang: 'fql10', source: 'Time.now()' });
    await pause(350);
    await ok(engine, 'U.byId("2") == null\nU.create({})');
    expect(has(await stored(name), 'U', '2')).toBe(false);
    const then = before.ok ? before.text : '';
    const x = await ok(engine, `at (${then}) { U.byId("2")!.name }`);
    expect(x.ok && x.lang === 'fql10' && x.value).toBe('gone');
  });

  test('an expired token or key presented as a secret is unauthorized and removed', async () => {
    const { engine, name, token, key } = await expiring();
    await pause(350);
    for (const [coll, t] of [['Token', token], ['Key', key]] as const) {
      expect(has(await stored(name), coll, t.id)).toBe(true);
      const x = await exec(engine, 'fql10', '1', t.secret);
      expect(!x.ok && x.error.code).toBe('unauthorized');
      expect(x.totals.readOps).toBe(0);
      expect(has(await stored(name), coll, t.id)).toBe(false);
    }
  });

  test('a refused or failed write purges nothing: the store is byte-identical', async () => {
    const { engine, name } = await expiring();
    await pause(350);
    const before = await dumpStores(name);
    const x = await exec(engine, 'fql10', 'U.byId("2")\nU.create({ id: "1" })');
    expect(!x.ok && x.error.code).toBe('document_id_exists');
    expect(await dumpStores(name)).toBe(before);
  });

  test('queries meeting the same expired documents at once both commit, without contention', async () => {
    const { engine, name } = await expiring();
    await pause(350);
    const [a, b] = await Promise.all([
      ok(engine, 'U.byId("2") == null\nU.create({ id: "10", name: "a" })'),
      ok(engine, 'U.byId("2") == null\nU.create({ id: "11", name: "b" })'),
    ]);
    expect(a.totals.retries + b.totals.retries).toBe(0);
    const after = await stored(name);
    expect(has(after, 'U', '2')).toBe(false);
    expect(after.docs.filter((d) => d.coll === 'U')).toHaveLength(3);
  });
});
