// String methods end to end; expected values from Fauna's FQL2StringSpec (model and API specs)
// unless marked otherwise.
import { beforeAll, describe, expect, it } from 'vitest';
import { caseTables, engineFor } from './run';

let e: Awaited<ReturnType<typeof engineFor>>;
beforeAll(async () => {
  e = await engineFor();
});

const { results, errors } = caseTables(() => e);

describe('length and at', () => {
  results([
    ["''.length", '0'],
    ["'foo'.length", '3'],
    ["'fo😍o'.length", '4'],
    ["'fo😍😍'.length", '4'],
    ["'foo'.at(0)", '"f"'],
    ["'foo'.at(2)", '"o"'],
    ["'fo😍o'.at(2)", '"😍"'],
    ["'fo😍o'.at(3)", '"o"'],
    ["'abcd'.at(2)", '"c"'],
  ]);
  errors([
    ["'abcd'.at(4000)", 'index_out_of_bounds: index 4000 out of bounds for length 4'],
    ["'abcd'.at(-123456)", 'index_out_of_bounds: index -123456 out of bounds for length 4'],
    ["'fo😍o'.at(4)", 'index_out_of_bounds: index 4 out of bounds for length 4'],
    ["'fo😍😍'.at(5)", 'index_out_of_bounds: index 5 out of bounds for length 4'],
    ["'foo'.at('x')", 'invalid_argument: expected value for `index` of type Int, received String'],
    ["'foo'.at(2147483648)", 'invalid_argument: expected value for `index` of type Int, received Long'],
    ["'foo'.at()", 'invalid_function_invocation: callee function expects exactly 1 argument, but 0 were provided.'],
    ["'foo'.at(1, 2)", 'invalid_function_invocation: callee function expects exactly 1 argument, but 2 were provided.'],
  ]);
  it('accepts a whole Double as an index, as Fauna casts it', async () => {
    expect(await e.out("'foo'.at(1.0)")).toBe('"o"');
  });
  it('points at the argument list', async () => {
    expect(await e.summary("let str = 'abcd'\nstr.at(4000)")).toBe(
      ['error: index 4000 out of bounds for length 4', 'at *query*:2:7', '  |', '2 | str.at(4000)', '  |       ^^^^^^', '  |'].join('\n'),
    );
  });
});

describe('concat, insert, includes, startsWith, endsWith', () => {
  results([
    ["'foo'.concat('bar')", '"foobar"'],
    ["'foo'.concat('')", '"foo"'],
    ["''.concat('bar')", '"bar"'],
    ["'foo'.insert(0, 'bar')", '"barfoo"'],
    ["'foo'.insert(3, 'bar')", '"foobar"'],
    ["'f😍o'.insert(2, 'bar')", '"f😍baro"'],
    ["'f😍o'.insert(3, 'bar')", '"f😍obar"'],
    ["'foo'.includes('o')", 'true'],
    ["'foo'.includes('fooo')", 'false'],
    ["'foo'.startsWith('foo')", 'true'],
    ["'foo'.startsWith('foobar')", 'false'],
    ["'foo'.endsWith('o')", 'true'],
    ["'foo'.endsWith('barfoo')", 'false'],
  ]);
  errors([
    ["'foo'.insert(4, 'bar')", 'index_out_of_bounds: index 4 out of bounds for length 3'],
    ["'f😍😍'.insert(4, 'bar')", 'index_out_of_bounds: index 4 out of bounds for length 3'],
    ["'foo'.insert(-1, 'bar')", 'index_out_of_bounds: index -1 out of bounds for length 3'],
    ["'foo'.concat(3)", 'invalid_argument: expected value for `other` of type String, received Int'],
    ["'foo'.includes(null)", 'invalid_argument: expected value for `pattern` of type String, received Null'],
    ["'foo'.endsWith(['o'])", 'invalid_argument: expected value for `suffix` of type String, received Array<Any>'],
  ]);
  it('limits the size of the result (value_too_large)', async () => {
    const msg = await e.err(
      'let str = "Lorem ipsum dolor sit amet,Lorem ipsum dolor sit amet";\n[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0].fold(\n  str, (acc, val) => acc.concat(acc)\n)',
    );
    expect(msg).toBe('value_too_large: Value too large: string size 27787264 exceeds limit 16777216.');
  });
});

describe('indexOf, lastIndexOf', () => {
  results([
    ["'foo'.indexOf('o')", '1'],
    ["'foo'.indexOf('bar')", 'null'],
    ["'foo'.indexOf('o', 2)", '2'],
    ["'f😍o'.indexOf('o')", '2'],
    ["'f😍😍'.indexOf('😍', 2)", '2'],
    ["'foo'.lastIndexOf('o')", '2'],
    ["'foobar'.lastIndexOf('o', 0)", 'null'],
    ["'foobar'.lastIndexOf('o', 1)", '1'],
    ["'foobar'.lastIndexOf('o', 5)", '2'],
    ["'f😍😍'.lastIndexOf('😍', 1)", '1'],
  ]);
  errors([
    ["'foo'.indexOf('o', 5)", 'index_out_of_bounds: index 5 out of bounds for length 3'],
    ["'f😍😍'.indexOf('😍', 5)", 'index_out_of_bounds: index 5 out of bounds for length 3'],
    ["'foo'.lastIndexOf('o', 5)", 'index_out_of_bounds: index 5 out of bounds for length 3'],
    ["'foo'.indexOf(1)", 'invalid_argument: expected arguments to `indexOf` of type (String), received (Int)'],
    ["'foo'.indexOf('o', 'x')", 'invalid_argument: expected arguments to `indexOf` of type (String, Int), received (String, String)'],
    ["'foo'.indexOf()", 'invalid_function_invocation: callee function expects 1 or 2 arguments, but 0 were provided.'],
  ]);
});

describe('regex methods', () => {
  results([
    ["'foo'.includesRegex('[a-z]')", 'true'],
    ["''.includesRegex('.')", 'false'],
    ["'foo 123'.indexOfRegex('[0-9]')", '4'],
    ["'foo 123'.indexOfRegex('$')", '7'],
    ["'foo'.indexOfRegex('\\\\W')", 'null'],
    ["'foo'.indexOfRegex('o', 2)", '2'],
    ["'f😍😍'.indexOfRegex('😍', 2)", '2'],
    ["'foo bar baz'.matches('\\\\w+')", '["foo", "bar", "baz"]'],
    ["'foo bar baz'.matchIndexes('\\\\w+')", '[[0, "foo"], [4, "bar"], [8, "baz"]]'],
    ["'f😍😍 bar baz'.matchIndexes('\\\\S+')", '[[0, "f😍😍"], [4, "bar"], [8, "baz"]]'],
    ["'foo bar'.replaceRegex('\\\\w+', 'bar')", '"bar bar"'],
    ["'foo1234bar'.replaceRegex('[0-9]', 'z')", '"fooz234bar"'],
    ["'foo bar'.replaceRegex('\\\\w', 'z', 4)", '"zzz zar"'],
    ["'foobar'.replaceAllRegex('\\\\w', 'z')", '"zzzzzz"'],
    ["'1 2 3'.replaceAllRegex('\\\\W', '::')", '"1::2::3"'],
    ["'a$1b'.replaceAllRegex('[0-9]', '$0')", '"a$$0b"'],
    ["'foo bar  \\t  baz'.splitRegex('\\\\W+')", '["foo", "bar", "baz"]'],
    ["':1:2:'.splitRegex(':')", '["", "1", "2", ""]'],
    ["'12'.splitRegex('(1|)')", '["", "2", ""]'],
    ["'12'.splitRegex('')", '["1", "2"]'],
    // Java's `$` also matches before a final line terminator; JS's would not.
    ["'foo\\n'.includesRegex('o$')", 'true'],
    // Java's \\s is ASCII whitespace only.
    ["'a\\u00a0b'.includesRegex('\\\\s')", 'false'],
    ["'a+b'.matches('\\\\Q+\\\\E')", '["+"]'],
    ["'ABC'.matches('\\\\p{Upper}+')", '["ABC"]'],
    ["'Ab'.includesRegex('(?i)ab')", 'true'],
  ]);
  errors([
    ["'foo bar baz'.matches('+')", "invalid_regex: Invalid regular expression. Dangling meta character '+' at index 0"],
    ["'foo bar baz'.matchIndexes('+')", "invalid_regex: Invalid regular expression. Dangling meta character '+' at index 0"],
    ["'x'.includesRegex('(a')", 'invalid_regex: Invalid regular expression. Unclosed group at index 2'],
    ["'x'.includesRegex('[a')", 'invalid_regex: Invalid regular expression. Unclosed character class at index 1'],
    ["'x'.includesRegex('a**')", "invalid_regex: Invalid regular expression. Dangling meta character '*' at index 2"],
    ["'x'.includesRegex('\\\\y')", 'invalid_regex: Invalid regular expression. Illegal/unsupported escape sequence at index 1'],
    ["'x'.includesRegex('a++')", 'invalid_regex: Invalid regular expression. Possessive quantifiers are not supported at index 2'],
    ["'x'.includesRegex('(?>a)')", 'invalid_regex: Invalid regular expression. Atomic groups are not supported at index 0'],
    ["'foo'.indexOfRegex('o', 5)", 'index_out_of_bounds: index 5 out of bounds for length 3'],
    ["'foo bar'.replaceRegex('\\\\w', 'z', 0)", 'invalid_argument: invalid argument `count`: must be greater than or equal to 1'],
  ]);
});

describe('replace, split, splitAt, slice', () => {
  results([
    ["'foobar'.replace('foo', 'bar')", '"barbar"'],
    ["'foobar'.replace('o', 'oo')", '"fooobar"'],
    ["'foobar'.replace('o', 'oo', 2)", '"foooobar"'],
    ["'foobar'.replace('o', 'oo', 3)", '"foooobar"'],
    ["'foobar'.replaceAll('foo', 'bar')", '"barbar"'],
    ["'foobar'.replaceAll('o', 'oo')", '"foooobar"'],
    ["'ab'.replace('', '-', 3)", '"---ab"'],
    ["'foo bar baz'.split(' ')", '["foo", "bar", "baz"]'],
    ["'foo::bar'.split(':')", '["foo", "", "bar"]'],
    ["'1:2:'.split(':')", '["1", "2", ""]'],
    ["':1:2'.split(':')", '["", "1", "2"]'],
    ["'foo'.split('')", '["f", "o", "o"]'],
    ["''.split(',')", '[""]'],
    ["'foobar'.splitAt(3)", '["foo", "bar"]'],
    ["'foobar'.splitAt(0)", '["", "foobar"]'],
    ["'foobar'.splitAt(6)", '["foobar", ""]'],
    ["'foo'.slice(0, 2)", '"fo"'],
    ["'foo'.slice(1, 0)", '""'],
    ["'foo'.slice(-1, 10)", '"foo"'],
    ["'foo'.slice(4)", '""'],
    ["'f😍o'.slice(1)", '"😍o"'],
    ["'fo😍😍'.slice(0, 3)", '"fo😍"'],
    ["'fo😍😍'.slice(0, 5)", '"fo😍😍"'],
  ]);
  errors([
    ["'foo bar'.replace('o', 'z', 0)", 'invalid_argument: invalid argument `count`: must be greater than or equal to 1'],
    ["'foobar'.splitAt(7)", 'index_out_of_bounds: index 7 out of bounds for length 6'],
    ["'foo'.slice('a')", 'invalid_argument: expected arguments to `slice` of type (Int), received (String)'],
    ["'foo'.split()", 'invalid_function_invocation: callee function expects exactly 1 argument, but 0 were provided.'],
  ]);
  it('fails, as Fauna does, when replacing an empty match forever', async () => {
    expect(await e.err("'ab'.replaceAll('', 'x')")).toBe('value_too_large: Value too large: string size 16777217 exceeds limit 16777216.');
  });
});

describe('case and normalization', () => {
  results([
    ["'FQL-X'.toLowerCase()", '"fql-x"'],
    ["'foobar'.toUpperCase()", '"FOOBAR"'],
    ["'FQL-X'.casefold()", '"fql-x"'],
    ["'\\u0130stanbul'.casefold()", '"i̇stanbul"'],
    ["'Diyarbakır'.casefold()", '"diyarbakır"'],
    ["'φιλόσοφος'.casefold()", '"φιλόσοφοσ"'],
    ["'Weißkopfseeadler'.casefold()", '"weisskopfseeadler"'],
    ["'foo'.casefold('NFKCCaseFold')", '"foo"'],
    ["'ﬁ'.casefold('NFKC')", '"fi"'],
    ["'é'.casefold('NFD').length", '2'],
  ]);
  errors([
    [
      "'foo'.casefold('wrong')",
      'invalid_argument: invalid argument `format`: expected a casefold format (one of NFKCCaseFold, NFC, NFD, NFKC, or NFKD)',
    ],
    ["'foo'.toLowerCase(1)", 'invalid_function_invocation: callee function expects no arguments, but 1 was provided.'],
  ]);
});

describe('parsing numbers', () => {
  results([
    ["'3'.parseInt()", '3'],
    ["'4294967297'.parseInt()", 'null'],
    ["'50.0'.parseInt()", 'null'],
    ["'5a'.parseInt()", 'null'],
    ["'-12'.parseInt()", '-12'],
    ["'1a3'.parseInt(16)", '419'],
    ["'1az3'.parseInt(16)", 'null'],
    ["'3'.parseLong()", '3'],
    ["'4294967297'.parseLong()", '4294967297'],
    ["'1a3'.parseLong(16)", '419'],
    ["'3'.parseDouble()", '3.0'],
    ["'4294967297'.parseDouble()", '4.294967297E9'],
    ["'5a'.parseDouble()", 'null'],
    ["' 1.5e3f '.parseDouble()", '1500.0'],
    ["'3'.parseNumber()", '3'],
    ["'4294967297'.parseNumber()", '4294967297'],
    ["'50.0'.parseNumber()", '50.0'],
    ["'50.123'.parseNumber()", '50.123'],
    ["'5a'.parseNumber()", 'null'],
  ]);
  errors([["'1'.parseInt(37)", 'invalid_argument: invalid argument `format`: invalid radix, expected a number from 2-36']]);
});
