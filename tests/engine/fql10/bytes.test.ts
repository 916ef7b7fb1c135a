// Bytes (Fauna's FQL2BytesSpec, MaterializedValue and ValueDecoderSpec): made from base64, given
// back by toBase64()/toString(), shown as Bytes("…"), sent as {"@bytes": "…"}, stored in documents.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import { decodeTagged } from '../../../src/engine/wire/tagged';
import { Bytes } from '../../../src/engine/values/value';
import { fail, freshEngine, ok } from '../helpers';

let engine: Engine;
beforeAll(async () => {
  ({ engine } = await freshEngine());
});
const text = async (q: string) => (await ok(engine, 'fql10', q)).text;

describe('Bytes', () => {
  it('Bytes(…) and Bytes.fromBase64(…) make the same value, shown as Bytes("…")', async () => {
    expect(await text("Bytes('AQID')")).toBe('Bytes("AQID")');
    expect(await text("Bytes.fromBase64('AQID')")).toBe('Bytes("AQID")');
    expect(await text('Bytes("aGVsbG8=")')).toBe('Bytes("aGVsbG8=")');
    expect(await text("Bytes.fromBase64('AQID') == Bytes('AQID')")).toBe('true');
    expect(await text("Bytes('AQID') == Bytes('AQIE')")).toBe('false');
    expect(await text("Bytes('AQID') isa Bytes")).toBe('true');
  });

  it('toBase64() and toString() give the base64 text', async () => {
    expect(await text("Bytes.fromBase64('AQID').toBase64()")).toBe('"AQID"');
    expect(await text("Bytes.fromBase64('AQID').toString()")).toBe('"AQID"');
    expect(await text('"b: #{Bytes(\'AQID\')}"')).toBe('"b: AQID"');
    expect(await text("[Bytes('AQID')].toString()")).toBe('"[Bytes(\\"AQID\\")]"');
  });

  it('tagged JSON is {"@bytes": …}, simple JSON the base64 string', async () => {
    const r = await ok(engine, 'fql10', "{ b: Bytes('AQID') }");
    expect(JSON.parse(r.json!.tagged)).toEqual({ b: { '@bytes': 'AQID' } });
    expect(JSON.parse(r.json!.simple)).toEqual({ b: 'AQID' });
  });

  it('decodes @bytes arguments, rejecting bad base64 as Fauna does', () => {
    const v = decodeTagged({ '@bytes': 'AQID' });
    expect(v).toBeInstanceOf(Bytes);
    expect([...(v as Bytes).bytes]).toEqual([1, 2, 3]);
    expect(() => decodeTagged({ '@bytes': '1' })).toThrow('invalid bytes');
  });

  it('is stored in documents and read back', async () => {
    await ok(engine, 'fql10', 'Collection.create({ name: "Blob" })');
    await ok(engine, 'fql10', 'Blob.create({ id: "1", blob: Bytes("aGVsbG8=") })');
    expect(await text('Blob.byId("1")!.blob')).toBe('Bytes("aGVsbG8=")');
    expect(await text('Blob.byId("1")!.blob.toBase64()')).toBe('"aGVsbG8="');
  });

  it('a non-base64 argument is an invalid argument', async () => {
    const e = (await fail(engine, 'fql10', "Bytes('not base64!')")).error;
    expect(e.code).toBe('invalid_argument');
    const t = (await fail(engine, 'fql10', 'Bytes(1)')).error;
    expect(t.message).toBe('invalid argument `encoded`: expected String, received Int');
  });
});
