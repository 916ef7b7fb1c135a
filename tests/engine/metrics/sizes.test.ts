// The cost model's byte sizes: UTF-8 lengths counted without encoding, and v4 updates sized by
// their changes.
import { describe, expect, it } from 'vitest';
import { recordUpdateSize, recordWriteSize, VERSION_HEADER_BYTES } from '../../../src/engine/store/sizes';
import { utf8Length } from '../../../src/engine/store/utf8';
import type { DocRecord } from '../../../src/engine/store/records';

describe('utf8Length', () => {
  it('agrees with TextEncoder, lone surrogates included', () => {
    const samples = ['', 'abc', 'é', '€', '😀', 'a😀b', '\ud800', '\udc00x', '\ud800\ud800', 'x\ud83d', 'ünïcødé ✓ 𝄞'];
    for (const s of samples) expect(utf8Length(s), JSON.stringify(s)).toBe(new TextEncoder().encode(s).length);
  });
});

describe('recordUpdateSize', () => {
  const doc = (data: DocRecord['data']): DocRecord => ({ coll: 'C', id: '1', ts: 1, data });
  const big = 'x'.repeat(58 * 1024);

  it('counts only the changed fields of a version', () => {
    const before = doc({ o: [['blob', big], ['n', 0]] });
    const after = doc({ o: [['blob', big], ['n', 1]] });
    // header + object tag + "n" key + an int
    expect(recordUpdateSize(before, after)).toBe(VERSION_HEADER_BYTES + 3 + (3 + 1 + 5));
    expect(recordWriteSize(after)).toBeGreaterThan(58 * 1024);
  });

  it('counts a removed field as a null, nested objects by their changes, and nothing for no change', () => {
    const before = doc({ o: [['a', { o: [['x', 1], ['y', 'same']] }], ['gone', 'v']] });
    const after = doc({ o: [['a', { o: [['x', 2], ['y', 'same']] }]] });
    expect(recordUpdateSize(before, after)).toBe(VERSION_HEADER_BYTES + 3 + (3 + 1 + (3 + (3 + 1 + 5))) + (3 + 4 + 1));
    expect(recordUpdateSize(before, before)).toBe(VERSION_HEADER_BYTES);
  });
});
