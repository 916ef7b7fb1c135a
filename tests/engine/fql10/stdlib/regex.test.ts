// The Java-to-JS regex translation on its own: Java's meaning where the two engines differ,
// Java's error messages, and rejection of what JS cannot reproduce.
import { describe, expect, it } from 'vitest';
import { FqlError } from '../../../../src/engine/errors';
import { javaRegex } from '../../../../src/engine/fql10/stdlib/regex';

const span = { start: 0, end: 0 };
const matches = (pattern: string, text: string) => [...text.matchAll(javaRegex(pattern, span, true))].map((m) => m[0]);
const error = (pattern: string) => {
  try {
    javaRegex(pattern, span);
  } catch (e) {
    if (e instanceof FqlError) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error('compiled');
};

describe('Java regex semantics', () => {
  it.each([
    ['.', 'a\u0085b', ['a', 'b']],
    ['.', '😍', ['😍']],
    ['(?s).', '\n', ['\n']],
    ['\\h+', 'a \u00a0\tb', [' \u00a0\t']],
    ['\\v', 'a\u2028b', ['\u2028']],
    ['\\R', 'a\r\nb', ['\r\n']],
    ['[\\s]+', 'a \tb', [' \t']],
    ['\\x{1F60D}', 'x😍', ['😍']],
    ['\\0101', 'AB', ['A']],
    ['\\u0041\\x42', 'AB', ['AB']],
    ['[]a]+', 'a]b', ['a]']],
    ['[\\p{Lower}0-9]+', 'ab1C', ['ab1']],
    ['\\P{Alpha}+', 'ab12c', ['12']],
    ['\\p{L}+', 'héllo 1', ['héllo']],
    ['\\p{IsLatin}+', 'abπ', ['ab']],
    ['\\p{IsAlphabetic}+', 'ab1', ['ab']],
    ['\\pL+', 'ab1', ['ab']],
    ['(a)\\1', 'aa a', ['aa']],
    ['(a)\\11', 'aa1', ['aa1']],
    ['(?<x>b)\\k<x>', 'abb', ['bb']],
    ['(?<=a)b', 'ab cb', ['b']],
    ['a{2,3}?', 'aaaa', ['aa', 'aa']],
    ['\\Qa.b\\E', 'a.b axb', ['a.b']],
    ['[\\Q]\\E]', ']', [']']],
    ['\\Aa', 'aa', ['a']],
    ['a\\z', 'aa', ['a']],
    ['a\\Z', 'a\n', ['a']],
    ['\\-\\#\\ ', '-# ', ['-# ']],
    ['}', 'a}', ['}']],
    ['\\cA', '\u0001', ['\u0001']],
  ] as Array<[string, string, string[]]>)('%s on %j', (pattern, text, want) => {
    expect(matches(pattern, text)).toEqual(want);
  });

  it.each([
    ['*a', "Dangling meta character '*' at index 0"],
    ['a|?', "Dangling meta character '?' at index 2"],
    ['a{', 'Illegal repetition at index 0'],
    ['a{3,2}', 'Illegal repetition range at index 5'],
    ['a)', "Unmatched closing ')' at index 0"],
    ['(a(b)', 'Unclosed group at index 5'],
    ['[a-z', 'Unclosed character class at index 3'],
    ['\\x4', 'Illegal hexadecimal escape sequence at index 2'],
    ['\\0', 'Illegal octal escape sequence at index 2'],
    ['\\p{Foo}', 'Unknown character property name {Foo} at index 6'],
    ['😍\\q', 'Illegal/unsupported escape sequence at index 2'],
    ['\\p{InGreek}', 'Unicode blocks are not supported at index 0'],
    ['[a&&b]', 'Character class intersections are not supported at index 2'],
    ['[a[b]]', 'Nested character classes are not supported at index 2'],
    ['(?m)^a', 'Inline flags are not supported at index 0'],
    ['(?i)é', 'Case-insensitive matching of non-ASCII text is not supported at index 0'],
    ['\\Ga', '\\G is not supported at index 0'],
    ['a\\X', '\\X is not supported at index 1'],
  ])('%s is rejected: %s', (pattern, message) => {
    expect(error(pattern)).toBe(`invalid_regex: Invalid regular expression. ${message}`);
  });
});
