// String methods and fields (Fauna's STDLIB/Strings.scala). Indexes count code points, as in
// Fauna (a surrogate pair is one character); JS strings are UTF-16 like Java's, so Java's char
// indexes are JS string indexes. Regexes are Java's, translated by regex.ts.
import type { Span } from '../../api';
import { Double, type Value } from '../../values/value';
import { parseJavaDouble, parseJavaInteger } from './numbers';
import { indexOutOfBounds, invalidArgument, method, sig, T, valueTooLarge } from './params';
import { javaRegex } from './regex';
import type { FieldTable, MethodTable } from './registry';

/** The longest string Fauna builds: its transaction size limit. */
export const MAX_STRING = 16 * 1024 * 1024;

const tooLarge = (size: number, span: Span) => valueTooLarge(`string size ${size} exceeds limit ${MAX_STRING}`, span);

/** Java's `codePointCount(0, end)`: code points before a char index. */
export function cpCount(s: string, end = s.length): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Java's `offsetByCodePoints(0, n)`; undefined when the string has fewer code points. */
function cpOffset(s: string, n: number): number | undefined {
  let i = 0;
  for (let k = 0; k < n; k++) {
    if (i >= s.length) return undefined;
    const cp = s.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** A code point index to a char index, where the index may equal the length (insert, splitAt). */
function indexInclusive(s: string, idx: number, span: Span): number {
  const err = () => indexOutOfBounds(idx, cpCount(s), span);
  if (idx > s.length || idx < 0) throw err();
  const at = cpOffset(s, idx);
  if (at === undefined) throw err();
  return at;
}

/** A code point index to the char index of that character; `checked: false` lets slice clamp. */
function indexOf0(s: string, idx: number, span: Span, checked = true): number {
  if (idx >= s.length || idx < 0) {
    if (checked) throw indexOutOfBounds(idx, cpCount(s), span);
    return idx;
  }
  const at = cpOffset(s, idx);
  if (!checked) return at ?? s.length;
  if (at === undefined || at === s.length) throw indexOutOfBounds(idx, cpCount(s), span);
  return at;
}

/** Scala's `StringOps.slice`: bounds clamp, an empty result when they cross. */
const scalaSlice = (s: string, from: number, until: number) => {
  const lo = Math.max(from, 0);
  const hi = Math.min(until, s.length);
  return hi <= lo ? '' : s.slice(lo, hi);
};

type Matcher = (section: string) => [number, number] | undefined;

const literal =
  (pattern: string): Matcher =>
  (section) => {
    const i = section.indexOf(pattern);
    return i < 0 ? undefined : [i, i + pattern.length];
  };

const regexMatcher = (re: RegExp): Matcher => (section) => {
  const m = re.exec(section);
  return m ? [m.index, m.index + m[0].length] : undefined;
};

/** Fauna's replace loop: `count` replacements of the next match in what is left (all when undefined). */
function replace0(s: string, match: Matcher, replacement: string, count: number | undefined, span: Span): string {
  if (count !== undefined && count < 1) throw invalidArgument('count', 'must be greater than or equal to 1', span);
  let prev = 0;
  let remaining = count;
  let out = '';
  while (remaining === undefined || remaining > 0) {
    const m = match(s.slice(prev));
    if (!m) break;
    const [start, end] = m;
    if (out.length + start + replacement.length > MAX_STRING) throw tooLarge(out.length + start + replacement.length, span);
    if (end === 0) {
      // An empty match at the start of what is left matches again forever: Fauna keeps
      // appending the replacement until the count runs out or the size limit is hit.
      if (replacement.length === 0) break;
      const room = Math.floor((MAX_STRING - out.length) / replacement.length);
      const times = remaining === undefined ? room + 1 : Math.min(remaining, room + 1);
      if (times > room) throw tooLarge(out.length + (room + 1) * replacement.length, span);
      out += replacement.repeat(times);
      remaining = 0;
      break;
    }
    out += s.slice(prev, prev + start) + replacement;
    prev += end;
    if (remaining !== undefined) remaining--;
  }
  if (out.length + s.length - prev > MAX_STRING) throw tooLarge(out.length + s.length - prev, span);
  return out + s.slice(prev);
}

/** Fauna's split (JavaScript's semantics, not Java's): separators at the ends give empty strings. */
function split0(s: string, match: Matcher): string[] {
  let prev = 0;
  let done = false;
  const out: string[] = [];
  while (!done && prev < s.length) {
    const m = match(s.slice(prev));
    if (!m) break;
    const [start, end] = m;
    if (start === end) {
      out.push(s.slice(prev, prev + 1));
      prev += 1;
      if (prev === s.length - 1) done = true;
    } else {
      out.push(s.slice(prev, prev + start));
      prev += end;
    }
  }
  out.push(s.slice(prev));
  return out;
}

/** All matches of a regex as [char index, text], as Scala's `findAllMatchIn`. */
function allMatches(s: string, pattern: string, span: Span): Array<[number, string]> {
  const re = javaRegex(pattern, span, true);
  return [...s.matchAll(re)].map((m) => [m.index, m[0]]);
}

/** Unicode case folding for `casefold()`: NFKC_Casefold, approximated with JS's case mappings. */
function nfkcCasefold(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKC')) {
    // Dotless ı has no case folding; İ folds to i + combining dot (its lowercase).
    out += ch === '\u0131' ? ch : ch === '\u0130' ? ch.toLowerCase() : ch.toUpperCase().toLowerCase();
  }
  return out.replace(/\p{Default_Ignorable_Code_Point}/gu, '').normalize('NFKC');
}

const S = T.string;
const I = T.int;

export const stringFields: FieldTable<string> = {
  length: (s) => cpCount(s),
};

export const stringMethods: MethodTable<string> = {
  at: method('at', sig([['index', I]], (_i, s: string, [idx], sp) => String.fromCodePoint(s.codePointAt(indexOf0(s, idx, sp.call))!))),
  concat: method(
    'concat',
    sig([['other', S]], (_i, s: string, [other], sp) => {
      if (s.length + other.length > MAX_STRING) throw tooLarge(s.length + other.length, sp.call);
      return s + other;
    }),
  ),
  endsWith: method('endsWith', sig([['suffix', S]], (_i, s: string, [x]) => s.endsWith(x))),
  startsWith: method('startsWith', sig([['prefix', S]], (_i, s: string, [x]) => s.startsWith(x))),
  includes: method('includes', sig([['pattern', S]], (_i, s: string, [x]) => s.includes(x))),
  includesRegex: method('includesRegex', sig([['regex', S]], (_i, s: string, [x], sp) => javaRegex(x, sp.call).test(s))),
  insert: method(
    'insert',
    sig([['index', I], ['other', S]], (_i, s: string, [idx, other], sp) => {
      const at = indexInclusive(s, idx, sp.call);
      if (s.length + other.length > MAX_STRING) throw tooLarge(s.length + other.length, sp.call);
      return s.slice(0, at) + other + s.slice(at);
    }),
  ),
  indexOf: method(
    'indexOf',
    sig([['pattern', S]], (_i, s: string, [x]) => found(s, s.indexOf(x))),
    sig([['pattern', S], ['start', I]], (_i, s: string, [x, start], sp) => found(s, s.indexOf(x, indexOf0(s, start, sp.call)))),
  ),
  indexOfRegex: method(
    'indexOfRegex',
    sig([['regex', S]], (_i, s: string, [x], sp) => found(s, javaRegex(x, sp.call).exec(s)?.index ?? -1)),
    sig([['regex', S], ['start', I]], (_i, s: string, [x, start], sp) => {
      const from = indexOf0(s, start, sp.call);
      const m = javaRegex(x, sp.call).exec(s.slice(from));
      return found(s, m ? m.index + from : -1);
    }),
  ),
  lastIndexOf: method(
    'lastIndexOf',
    sig([['pattern', S]], (_i, s: string, [x]) => found(s, s.lastIndexOf(x))),
    sig([['pattern', S], ['end', I]], (_i, s: string, [x, end], sp) => found(s, s.lastIndexOf(x, indexOf0(s, end, sp.call)))),
  ),
  matches: method('matches', sig([['regex', S]], (_i, s: string, [x], sp) => allMatches(s, x, sp.call).map(([, text]) => text))),
  matchIndexes: method(
    'matchIndexes',
    sig([['regex', S]], (_i, s: string, [x], sp) => allMatches(s, x, sp.call).map(([at, text]): Value => [cpCount(s, at), text])),
  ),
  replace: method(
    'replace',
    sig([['pattern', S], ['replacement', S]], (_i, s: string, [p, r], sp) => replace0(s, literal(p), r, 1, sp.call)),
    sig([['pattern', S], ['replacement', S], ['amount', I]], (_i, s: string, [p, r, n], sp) => replace0(s, literal(p), r, n, sp.call)),
  ),
  replaceAll: method(
    'replaceAll',
    sig([['pattern', S], ['replacement', S]], (_i, s: string, [p, r], sp) => replace0(s, literal(p), r, undefined, sp.call)),
  ),
  replaceRegex: method(
    'replaceRegex',
    sig([['regex', S], ['replacement', S]], (_i, s: string, [p, r], sp) => replace0(s, regexMatcher(javaRegex(p, sp.call)), r, 1, sp.call)),
    sig([['regex', S], ['replacement', S], ['amount', I]], (_i, s: string, [p, r, n], sp) =>
      replace0(s, regexMatcher(javaRegex(p, sp.call)), r, n, sp.call),
    ),
  ),
  replaceAllRegex: method(
    'replaceAllRegex',
    sig([['pattern', S], ['replacement', S]], (_i, s: string, [p, r], sp) =>
      replace0(s, regexMatcher(javaRegex(p, sp.call)), r, undefined, sp.call),
    ),
  ),
  slice: method(
    'slice',
    sig([['start', I]], (_i, s: string, [from], sp) => scalaSlice(s, indexOf0(s, from, sp.call, false), s.length)),
    sig([['start', I], ['end', I]], (_i, s: string, [from, until], sp) =>
      scalaSlice(s, indexOf0(s, from, sp.call, false), indexOf0(s, until, sp.call, false)),
    ),
  ),
  split: method('split', sig([['separator', S]], (_i, s: string, [sep]) => split0(s, literal(sep)))),
  splitRegex: method('splitRegex', sig([['regex', S]], (_i, s: string, [x], sp) => split0(s, regexMatcher(javaRegex(x, sp.call))))),
  splitAt: method(
    'splitAt',
    sig([['index', I]], (_i, s: string, [idx], sp) => {
      const at = indexInclusive(s, idx, sp.call);
      return [s.slice(0, at), s.slice(at)];
    }),
  ),
  toLowerCase: method('toLowerCase', sig([], (_i, s: string) => s.toLowerCase())),
  toUpperCase: method('toUpperCase', sig([], (_i, s: string) => s.toUpperCase())),
  casefold: method(
    'casefold',
    sig([], (_i, s: string) => nfkcCasefold(s)),
    sig([['format', S]], (_i, s: string, [format], sp) => {
      if (format === 'NFKCCaseFold') return nfkcCasefold(s);
      if (format === 'NFC' || format === 'NFD' || format === 'NFKC' || format === 'NFKD') return s.normalize(format);
      throw invalidArgument('format', 'expected a casefold format (one of NFKCCaseFold, NFC, NFD, NFKC, or NFKD)', sp.call);
    }),
  ),
  parseInt: method(
    'parseInt',
    sig([], (_i, s: string) => toInt(parseJavaInteger(s, 10, 32))),
    sig([['radix', I]], (_i, s: string, [radix], sp) => toInt(parseJavaInteger(s, checkRadix(radix, sp.call), 32))),
  ),
  parseLong: method(
    'parseLong',
    sig([], (_i, s: string) => parseJavaInteger(s, 10, 64) ?? null),
    sig([['radix', I]], (_i, s: string, [radix], sp) => parseJavaInteger(s, checkRadix(radix, sp.call), 64) ?? null),
  ),
  parseDouble: method('parseDouble', sig([], (_i, s: string) => toDouble(parseJavaDouble(s)))),
  parseNumber: method(
    'parseNumber',
    sig([], (_i, s: string) => {
      const int = parseJavaInteger(s, 10, 32);
      if (int !== undefined) return Number(int);
      return parseJavaInteger(s, 10, 64) ?? toDouble(parseJavaDouble(s));
    }),
  ),
};

/** A char index found by a search, as a code point index, or null (Fauna's "no element found"). */
const found = (s: string, charIndex: number): Value => (charIndex < 0 ? null : cpCount(s, charIndex));
const toInt = (n: bigint | undefined): Value => (n === undefined ? null : Number(n));
const toDouble = (d: number | undefined): Value => (d === undefined ? null : new Double(d));

function checkRadix(radix: number, span: Span): number {
  if (radix < 2 || radix > 36) throw invalidArgument('format', 'invalid radix, expected a number from 2-36', span);
  return radix;
}
