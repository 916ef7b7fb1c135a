// Methods of numbers (Int, Long, Double). Fauna's number prototypes (STDLIB/Numbers.scala) only
// define operators (`+ - * / % ** & | ^ ~`, in operators.ts) and the `toString()` every value
// has (in dispatch), so the method table is empty. Also here: Java's number parsing, as the
// String methods `parseInt`/`parseLong`/`parseDouble`/`parseNumber` use it.
import type { Double } from '../../values/value';
import type { MethodTable } from './registry';

export const numberMethods: MethodTable<number | bigint | Double> = {};

/** Java's `Character.digit`: ASCII and fullwidth digits and Latin letters. */
function digit(ch: string, radix: number): number {
  const c = ch.charCodeAt(0);
  let d = -1;
  if (c >= 0x30 && c <= 0x39) d = c - 0x30;
  else if (c >= 0x61 && c <= 0x7a) d = c - 0x61 + 10;
  else if (c >= 0x41 && c <= 0x5a) d = c - 0x41 + 10;
  else if (c >= 0xff10 && c <= 0xff19) d = c - 0xff10;
  else if (c >= 0xff41 && c <= 0xff5a) d = c - 0xff41 + 10;
  else if (c >= 0xff21 && c <= 0xff3a) d = c - 0xff21 + 10;
  return d < radix ? d : -1;
}

/** Java's `Integer.parseInt` (bits 32) / `Long.parseLong` (bits 64); undefined when invalid. */
export function parseJavaInteger(s: string, radix: number, bits: 32 | 64): bigint | undefined {
  if (s.length === 0) return undefined;
  let i = 0;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    i = 1;
    if (s.length === 1) return undefined;
  }
  let n = 0n;
  const r = BigInt(radix);
  for (; i < s.length; i++) {
    const d = digit(s[i]!, radix);
    if (d < 0) return undefined;
    n = n * r + BigInt(d);
  }
  if (negative) n = -n;
  const max = bits === 32 ? 2147483647n : 9223372036854775807n;
  return n > max || n < -max - 1n ? undefined : n;
}

const DEC = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/;

/** Java's `Double.parseDouble`: surrounding control characters and spaces are ignored, a
 * trailing `d`/`f` is allowed, as are `NaN`, `Infinity` and hexadecimal floats. */
export function parseJavaDouble(text: string): number | undefined {
  let a = 0;
  let b = text.length;
  while (a < b && text.charCodeAt(a) <= 0x20) a++;
  while (b > a && text.charCodeAt(b - 1) <= 0x20) b--;
  const s = text.slice(a, b);
  if (DEC.test(s)) return Number(s.replace(/[fFdD]$/, ''));
  const hex = HEX.exec(s);
  if (hex && (hex[2] || hex[3])) {
    const [, sign, whole = '', frac = '', exp] = hex;
    const mantissa = BigInt('0x' + (whole + frac || '0'));
    const value = Number(mantissa) * 2 ** (Number(exp) - 4 * frac.length);
    return sign === '-' ? -value : value;
  }
  return undefined;
}
