// The cost figures the seed pages print, and the cost rules they rest on (fql-surface §6).
import { describe, expect, it } from 'vitest';
import { MetricsCollector } from '../../../src/engine/metrics/collector';
import { fail, freshEngine, ok } from '../helpers';

describe('metrics collector', () => {
  it('bills compute in units of 50, at least 1', () => {
    const m = new MetricsCollector();
    expect(m.computeOps).toBe(1);
    m.compute(50);
    expect(m.computeOps).toBe(1);
    m.compute(1);
    expect(m.computeOps).toBe(2);
  });

  it('bills reads per 4 KiB (at least 1) and writes per 1 KiB', () => {
    const m = new MetricsCollector();
    m.documentRead(4096);
    m.documentRead(4097);
    m.documentWrite(1025);
    expect([m.readOps, m.readBytes, m.writeOps, m.writeBytes]).toEqual([3, 8193, 2, 1025]);
  });
});

describe('v10 costs', () => {
  it('a literal costs 1 compute op and nothing else', async () => {
    const { engine } = await freshEngine();
    const r = await ok(engine, 'fql10', 'let x = 1\nx + 2');
    expect(r.metrics).toMatchObject({ stats: { compute_ops: 1, read_ops: 0, write_ops: 0, storage_bytes_read: 0 } });
  });

  it('reading the same document twice bills one read', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "C" })\nC.create({ id: "1", a: 1 })');
    const r = await ok(engine, 'fql10', 'C.byId("1")!.a + C.byId("1")!.a');
    expect(r.metrics).toMatchObject({ stats: { read_ops: 1 } });
  });

  it('a missing document still costs a read', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "C" })');
    const r = await ok(engine, 'fql10', 'C.byId("0")?.x');
    expect(r.metrics).toMatchObject({ stats: { read_ops: 1, storage_bytes_read: 14 } });
  });

  it('login() reads the 214-byte credential and writes a 414-byte token', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "characters" })');
    await ok(engine, 'fql10', 'Credential.create({ document: characters.byId("181388642114077184"), password: "abracadabra" })');
    const r = await ok(engine, 'fql10', 'Credential.byDocument(characters.byId("181388642114077184"))!.login("abracadabra")');
    expect(r.metrics).toMatchObject({
      stats: { compute_ops: 1, read_ops: 1, write_ops: 1, storage_bytes_read: 214, storage_bytes_write: 414 },
    });
  });

  it('a failed query bills its reads but no writes', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "C" })\nC.create({ id: "1", a: 1 })');
    const r = await fail(engine, 'fql10', 'C.create({ b: 1 })\nC.byId("1")!.a / 0');
    expect(r.metrics).toMatchObject({ stats: { read_ops: 1, write_ops: 0, storage_bytes_write: 0 } });
  });
});

describe('cost breakdown', () => {
  it('puts each charge on the call that made it', async () => {
    const { engine } = await freshEngine();
    await ok(engine, 'fql10', 'Collection.create({ name: "C" })\nC.create({ id: "1", a: 1 })');
    const src = 'let d = C.byId("1")!\nC.create({ b: d.a })';
    const r = await ok(engine, 'fql10', src);
    const rows = (r.costs ?? []).map((c) => ({ text: c.span ? src.slice(c.span.start, c.span.end) : '', what: c.what, read: c.readOps, write: c.writeOps }));
    expect(rows).toEqual([
      { text: 'byId("1")', what: 'call', read: 0, write: 0 },
      { text: '("1")!', what: 'document read', read: 1, write: 0 },
      { text: 'create({ b: d.a })', what: 'call', read: 0, write: 0 },
      { text: 'create({ b: d.a })', what: 'document write', read: 0, write: 1 },
    ]);
  });
});
