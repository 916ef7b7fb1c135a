// Request headers as the core validates them, and the Authorization forms it accepts.
import { describe, expect, it } from 'vitest';
import { tokenOf } from '../../src/engine/wire/auth';
import { booleanParam, formatParam, retriesParam, tagsParam, timeoutParam, timestampParam } from '../../src/engine/wire/params';

const h = (o: Record<string, string>) => new Headers(o);

describe('request parameters', () => {
  it('x-format defaults to simple; anything but simple/tagged/decorated is refused', () => {
    expect(formatParam(h({}))).toEqual({ ok: true, value: 'simple' });
    expect(formatParam(h({ 'x-format': 'decorated' }))).toEqual({ ok: true, value: 'decorated' });
    expect(formatParam(h({ 'x-format': 'Tagged' }))).toEqual({ ok: false, message: "Invalid header 'x-format': Invalid format Tagged" });
  });

  it('timeouts: a positive number of ms up to 600000', () => {
    expect(timeoutParam(h({ t: '5000' }), 't')).toEqual({ ok: true, value: 5000 });
    expect(timeoutParam(h({ t: '600000' }), 't')).toEqual({ ok: true, value: 600000 });
    expect(timeoutParam(h({ t: '600001' }), 't')).toMatchObject({ message: "Invalid header 't': Must be less than or equal to 600000." });
    expect(timeoutParam(h({ t: '-1' }), 't')).toMatchObject({ message: "Invalid header 't': Must be greater than 0." });
    expect(timeoutParam(h({ t: '1.5' }), 't')).toMatchObject({ message: "Invalid header 't': Invalid number '1.5'." });
    expect(timeoutParam(h({ t: '99999999999999999999' }), 't')).toMatchObject({ message: "Invalid header 't': Invalid number '99999999999999999999'." });
  });

  it('timestamps, retries and booleans', () => {
    expect(timestampParam(h({ x: '1700000000000000' }), 'x')).toEqual({ ok: true, value: 1700000000000000n });
    expect(timestampParam(h({ x: 'now' }), 'x')).toMatchObject({ message: "Invalid header 'x': Invalid timestamp 'now'." });
    expect(retriesParam(h({ r: '7' }), 'r')).toEqual({ ok: true, value: 7 });
    expect(retriesParam(h({ r: '-1' }), 'r')).toMatchObject({ message: "Invalid header 'r': Must be between 0 and 7." });
    expect(booleanParam(h({ b: 'TRUE' }), 'b')).toEqual({ ok: true, value: true });
    expect(booleanParam(h({ b: 'yes' }), 'b')).toMatchObject({ message: "Invalid header 'b': Must be a boolean value." });
  });

  it('query tags: validated, and echoed in the core’s (reversed) order', () => {
    expect(tagsParam(h({}), 't')).toEqual({ ok: true, value: undefined });
    expect(tagsParam(h({ t: '' }), 't')).toEqual({ ok: true, value: undefined });
    expect(tagsParam(h({ t: 'a=1,b=2,c=x_y' }), 't')).toEqual({ ok: true, value: 'c=x_y,b=2,a=1' });
    expect(tagsParam(h({ t: 'a=1,,' }), 't')).toMatchObject({ message: "Invalid header 't': invalid tags" });
    expect(tagsParam(h({ t: 'a=b c' }), 't')).toMatchObject({ message: "Invalid header 't': invalid tags" });
    expect(tagsParam(h({ t: 'a=1,a=2' }), 't')).toMatchObject({ message: "Invalid header 't': duplicate key" });
    expect(tagsParam(h({ t: `${'k'.repeat(41)}=1` }), 't')).toMatchObject({ message: "Invalid header 't': invalid key" });
    expect(tagsParam(h({ t: `k=${'v'.repeat(81)}` }), 't')).toMatchObject({ message: "Invalid header 't': invalid value" });
    const many = Array.from({ length: 26 }, (_, i) => `k${i}=v`).join(',');
    expect(tagsParam(h({ t: many }), 't')).toMatchObject({ message: "Invalid header 't': too many tags" });
  });
});

describe('authorization', () => {
  it('reads Bearer and Basic (dropping the trailing colon) as the core does', () => {
    expect(tokenOf('Bearer fnABC')).toBe('fnABC');
    expect(tokenOf(`Basic ${btoa('fnABC:')}`)).toBe('fnABC');
    expect(tokenOf(`Basic ${btoa('fnABC')}`)).toBe('fnABC');
    expect(tokenOf('bearer fnABC')).toBeUndefined();
    expect(tokenOf('Bearer')).toBeUndefined();
    expect(tokenOf('Basic %%%')).toBeUndefined();
    expect(tokenOf(null)).toBeUndefined();
  });
});
