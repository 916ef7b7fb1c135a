// Fauna compiles string-method regexes with java.util.regex. This translates a Java pattern into
// an equivalent JS RegExp (flag `u`, so `.` and classes work on code points as in Java), keeps
// Java's meaning where the two differ (`.`, `$`, `\s`, `\h`, `\v`, POSIX classes, `\Q…\E`), reports
// Java's own syntax errors for the common mistakes ("Dangling meta character '+'", "Unclosed
// group", …), and rejects with `invalid_regex` what JS cannot reproduce faithfully (possessive
// quantifiers, atomic groups, inline flags other than a leading `(?i)`/`(?s)`, class unions and
// intersections, `\G`, `\X`, Unicode blocks).
import type { Span } from '../../api';
import { FqlError } from '../../errors';

const LINE_END = '\\n\\r\\u0085\\u2028\\u2029';
const JAVA_DOLLAR = `(?=(?:\\r\\n|[${LINE_END}])?(?![\\s\\S]))`;
const SPACE = '\\t\\n\\x0B\\f\\r ';
const HSPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
const VSPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';
const POSIX: Record<string, string> = {
  Lower: 'a-z', Upper: 'A-Z', ASCII: '\\x00-\\x7F', Alpha: 'a-zA-Z', Digit: '0-9', Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~', Graph: '!-~', Print: ' -~', Blank: ' \\t', Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F', Space: SPACE,
};
const BINARY: Record<string, string> = {
  Alphabetic: '\\p{Alphabetic}', Letter: '\\p{L}', Lowercase: '\\p{Lowercase}', Uppercase: '\\p{Uppercase}',
  Titlecase: '\\p{Lt}', Punctuation: '\\p{P}', Control: '\\p{Cc}', White_Space: '\\p{White_Space}',
  WhiteSpace: '\\p{White_Space}', Digit: '\\p{Nd}', Hex_Digit: '\\p{Hex_Digit}', HexDigit: '\\p{Hex_Digit}',
  Ideographic: '\\p{Ideographic}', Join_Control: '\\p{Join_Control}', JoinControl: '\\p{Join_Control}',
  Emoji: '\\p{Emoji}', javaLowerCase: '\\p{Lowercase}', javaUpperCase: '\\p{Uppercase}', javaLetter: '\\p{L}',
  javaDigit: '\\p{Nd}', javaAlphabetic: '\\p{Alphabetic}', javaLetterOrDigit: '\\p{L}\\p{Nd}',
};
const SYNTAX = new Set('^$\\.*+?()[]{}|/');

class Invalid {
  constructor(
    readonly description: string,
    readonly index: number,
  ) {}
}

const cpCount = (s: string, end: number) => [...s.slice(0, Math.max(0, end))].length;
const hexChar = (cp: number) => `\\u{${cp.toString(16)}}`;

/** Compiles a Java regex as Fauna would, or fails with Fauna's `invalid_regex` error. */
export function javaRegex(pattern: string, span: Span, global = false): RegExp {
  try {
    const { source, flags } = translate(pattern);
    return new RegExp(source, flags + (global ? 'g' : ''));
  } catch (e) {
    if (e instanceof Invalid) {
      throw new FqlError('invalid_regex', `Invalid regular expression. ${e.description} at index ${cpCount(pattern, e.index)}`, span);
    }
    throw new FqlError('invalid_regex', `Invalid regular expression. Unsupported regular expression syntax at index 0`, span);
  }
}

function translate(p: string): { source: string; flags: string } {
  let i = 0;
  let flags = 'u';
  let dotAll = false;
  const lead = /^\(\?([is]+)\)/.exec(p);
  if (lead) {
    if (lead[1]!.includes('i')) {
      // Java's (?i) folds ASCII only; JS folds all of Unicode. Identical for ASCII patterns.
      if (/[^\x00-\x7f]|\\[pP]/.test(p)) throw new Invalid('Case-insensitive matching of non-ASCII text is not supported', 0);
      flags += 'i';
    }
    dotAll = lead[1]!.includes('s');
    i = lead[0].length;
  }
  let out = '';
  let groups = 0;
  let depth = 0;
  // What a quantifier may follow: nothing yet, an atom, a quantifier, an anchor.
  let state: 'start' | 'atom' | 'quant' | 'lazy' | 'anchor' = 'start';
  const backrefs: number[] = [];

  while (i < p.length) {
    const c = p[i]!;
    if (c === '\\') {
      const e = escape(p, i, false, dotAll);
      if (e.backref !== undefined) {
        backrefs.push(e.backref);
        out += `\u0000${e.backref}\u0000`;
      } else out += e.js;
      state = e.anchor ? 'anchor' : 'atom';
      i = e.next;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      let q = c;
      let next = i + 1;
      if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
        if (!m) throw new Invalid('Illegal repetition', Math.max(0, i - 1));
        if (m[3] && Number(m[3]) < Number(m[1])) throw new Invalid('Illegal repetition range', i + m[0].length - 1);
        q = m[0];
        next = i + m[0].length;
      }
      if (state === 'quant' && c === '?') {
        out += '?';
        state = 'lazy';
        i++;
        continue;
      }
      if (state === 'quant' && c === '+') throw new Invalid('Possessive quantifiers are not supported', i);
      if (state === 'anchor') throw new Invalid('Quantifiers on anchors or lookarounds are not supported', i);
      if (state !== 'atom') {
        if (c === '{') throw new Invalid('Illegal repetition', Math.max(0, i - 1));
        throw new Invalid(`Dangling meta character '${c}'`, i);
      }
      out += q;
      state = 'quant';
      i = next;
      continue;
    }
    if (c === '[') {
      const cls = charClass(p, i);
      out += cls.js;
      i = cls.next;
      state = 'atom';
      continue;
    }
    if (c === '(') {
      if (p[i + 1] === '?') {
        const rest = p.slice(i + 2);
        const m = /^(:|=|!|<=|<!|<([a-zA-Z][a-zA-Z0-9]*)>)/.exec(rest);
        if (!m) {
          if (rest.startsWith('>')) throw new Invalid('Atomic groups are not supported', i);
          throw new Invalid('Inline flags are not supported', i);
        }
        if (m[2]) groups++;
        out += '(?' + m[0];
        i += 2 + m[0].length;
      } else {
        groups++;
        out += '(';
        i++;
      }
      depth++;
      state = 'start';
      continue;
    }
    if (c === ')') {
      if (depth === 0) throw new Invalid("Unmatched closing ')'", Math.max(0, i - 1));
      depth--;
      out += ')';
      i++;
      // A quantified lookaround is valid Java but not valid JS.
      state = /\(\?<?[=!][^()]*\)$/.test(out) ? 'anchor' : 'atom';
      continue;
    }
    i += c.length;
    if (c === '|') {
      out += '|';
      state = 'start';
    } else if (c === '^') {
      out += '^';
      state = 'anchor';
    } else if (c === '$') {
      out += JAVA_DOLLAR;
      state = 'anchor';
    } else if (c === '.') {
      out += dotAll ? '[\\s\\S]' : `[^${LINE_END}]`;
      state = 'atom';
    } else {
      out += c === ']' || c === '}' ? '\\' + c : c;
      state = 'atom';
    }
  }
  if (depth > 0) throw new Invalid('Unclosed group', p.length);
  out = out.replace(/\u0000(\d+)\u0000/g, (_m, n: string) => (Number(n) <= groups ? `\\${n}(?:)` : '(?!)'));
  return { source: out, flags };
}

interface Escaped {
  js: string;
  next: number;
  anchor?: boolean;
  backref?: number;
}

/** One escape sequence at `p[i] === '\\'`, inside a character class or not. */
function escape(p: string, i: number, inClass: boolean, dotAll: boolean): Escaped {
  const c = p[i + 1];
  if (c === undefined) throw new Invalid('Unexpected internal error', p.length);
  const outside = (js: string, what: string): string => {
    if (inClass) throw new Invalid(`${what} is not supported in a character class`, i);
    return js;
  };
  const lit = (cp: number): string => (inClass || cp > 0x7f || !SYNTAX.has(String.fromCodePoint(cp)) ? hexChar(cp) : '\\' + String.fromCodePoint(cp));
  switch (c) {
    case 'd': case 'D': case 'w': case 'W':
      return { js: '\\' + c, next: i + 2 };
    case 's': return { js: inClass ? SPACE : `[${SPACE}]`, next: i + 2 };
    case 'S': return { js: outside(`[^${SPACE}]`, '\\S'), next: i + 2 };
    case 'h': return { js: inClass ? HSPACE : `[${HSPACE}]`, next: i + 2 };
    case 'H': return { js: outside(`[^${HSPACE}]`, '\\H'), next: i + 2 };
    case 'v': return { js: inClass ? VSPACE : `[${VSPACE}]`, next: i + 2 };
    case 'V': return { js: outside(`[^${VSPACE}]`, '\\V'), next: i + 2 };
    case 'R': return { js: outside(`(?:\\r\\n|[${VSPACE}])`, '\\R'), next: i + 2 };
    case 'b': case 'B': return { js: outside('\\' + c, '\\' + c), next: i + 2, anchor: true };
    case 'A': return { js: outside('^', '\\A'), next: i + 2, anchor: true };
    case 'z': return { js: outside('(?![\\s\\S])', '\\z'), next: i + 2, anchor: true };
    case 'Z': return { js: outside(JAVA_DOLLAR, '\\Z'), next: i + 2, anchor: true };
    case 't': return { js: '\\t', next: i + 2 };
    case 'n': return { js: '\\n', next: i + 2 };
    case 'r': return { js: '\\r', next: i + 2 };
    case 'f': return { js: '\\f', next: i + 2 };
    case 'a': return { js: '\\x07', next: i + 2 };
    case 'e': return { js: '\\x1B', next: i + 2 };
    case 'c': {
      const x = p.codePointAt(i + 2);
      if (x === undefined) throw new Invalid('Illegal control escape sequence', i + 2);
      return { js: lit(x ^ 64), next: i + 3 };
    }
    case '0': {
      const m = /^[0-7]{1,3}/.exec(p.slice(i + 2));
      if (!m) throw new Invalid('Illegal octal escape sequence', i + 2);
      const digits = m[0].length === 3 && m[0][0]! > '3' ? m[0].slice(0, 2) : m[0];
      return { js: lit(parseInt(digits, 8)), next: i + 2 + digits.length };
    }
    case 'x': {
      const braced = /^\{([0-9a-fA-F]+)\}/.exec(p.slice(i + 2));
      if (braced) {
        const cp = parseInt(braced[1]!, 16);
        if (cp > 0x10ffff) throw new Invalid('Hexadecimal codepoint is too big', i + 2 + braced[0].length - 1);
        return { js: lit(cp), next: i + 2 + braced[0].length };
      }
      const m = /^[0-9a-fA-F]{2}/.exec(p.slice(i + 2));
      if (!m) throw new Invalid('Illegal hexadecimal escape sequence', i + 2);
      return { js: lit(parseInt(m[0], 16)), next: i + 4 };
    }
    case 'u': {
      const m = /^[0-9a-fA-F]{4}/.exec(p.slice(i + 2));
      if (!m) throw new Invalid('Illegal Unicode escape sequence', i + 2);
      return { js: lit(parseInt(m[0], 16)), next: i + 6 };
    }
    case 'Q': {
      const end = p.indexOf('\\E', i + 2);
      const text = p.slice(i + 2, end < 0 ? p.length : end);
      const js = [...text].map((ch) => lit(ch.codePointAt(0)!)).join('');
      return { js: inClass ? js : `(?:${js})`, next: end < 0 ? p.length : end + 2 };
    }
    case 'k': {
      const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(p.slice(i + 2));
      if (!m) throw new Invalid('\\k is not followed by \'<\' for named capturing group', i + 2);
      return { js: outside(`\\k<${m[1]}>`, '\\k'), next: i + 2 + m[0].length };
    }
    case 'p': case 'P':
      return property(p, i, inClass);
    case 'G': case 'X': case 'N':
      throw new Invalid(`\\${c} is not supported`, i);
  }
  if (c >= '1' && c <= '9') {
    if (inClass) throw new Invalid('Illegal/unsupported escape sequence', i + 1);
    return { js: '', backref: Number(c), next: i + 2 };
  }
  if (/[a-zA-Z]/.test(c)) throw new Invalid('Illegal/unsupported escape sequence', i + 1);
  const cp = p.codePointAt(i + 1)!;
  return { js: lit(cp), next: i + 1 + String.fromCodePoint(cp).length };
}

/** `\p{…}` / `\P{…}` / `\pL`: Unicode categories, scripts, binary and POSIX properties. */
function property(p: string, i: number, inClass: boolean): Escaped {
  const negated = p[i + 1] === 'P';
  let name: string;
  let next: number;
  if (p[i + 2] === '{') {
    const close = p.indexOf('}', i + 3);
    if (close < 0) throw new Invalid('Unclosed character family', p.length);
    name = p.slice(i + 3, close);
    next = close + 1;
  } else {
    name = p[i + 2] ?? '';
    next = i + 3;
  }
  const unknown = () => new Invalid(`Unknown character property name {${name}}`, next - 1);
  let bare = name.replace(/^Is/, '');
  const kv = /^(gc|general_category|sc|script)=(.+)$/i.exec(name);
  let js: string | undefined;
  if (kv) {
    bare = kv[2]!;
    js = /^(gc|general_category)$/i.test(kv[1]!) ? `\\p{${bare}}` : `\\p{Script=${bare}}`;
  } else if (/^In/.test(name) || /^(blk|block)=/i.test(name)) {
    throw new Invalid('Unicode blocks are not supported', i);
  } else if (POSIX[name]) {
    if (negated && inClass) throw new Invalid('Negated POSIX classes are not supported in a character class', i);
    const set = POSIX[name]!;
    return { js: inClass ? set : `[${negated ? '^' : ''}${set}]`, next };
  } else if (/^[A-Z][a-z&]?$/.test(bare)) {
    js = `\\p{${bare === 'L&' ? 'LC' : bare}}`;
  } else if (BINARY[bare]) {
    js = BINARY[bare];
    if (js.length > 10 && js.startsWith('\\p{L}\\p')) {
      if (negated && inClass) throw new Invalid('Negated properties are not supported in a character class', i);
      return { js: inClass ? js : `[${negated ? '^' : ''}${js}]`, next };
    }
  } else if (name.startsWith('Is')) {
    js = `\\p{Script=${bare}}`;
  } else {
    throw unknown();
  }
  try {
    new RegExp(js, 'u');
  } catch {
    throw unknown();
  }
  return { js: negated ? js.replace('\\p', '\\P') : js, next };
}

/** A character class `[…]` starting at `p[i]`. */
function charClass(p: string, i: number): { js: string; next: number } {
  let j = i + 1;
  let out = '[';
  if (p[j] === '^') {
    out += '^';
    j++;
  }
  let first = true;
  while (j < p.length) {
    const c = p[j]!;
    if (c === ']' && !first) return { js: out + ']', next: j + 1 };
    first = false;
    if (c === '\\') {
      const e = escape(p, j, true, false);
      out += e.js;
      j = e.next;
    } else if (c === '[') {
      throw new Invalid('Nested character classes are not supported', j);
    } else if (c === '&' && p[j + 1] === '&') {
      throw new Invalid('Character class intersections are not supported', j);
    } else {
      const ch = String.fromCodePoint(p.codePointAt(j)!);
      out += ch === ']' || ch === '[' ? '\\' + ch : ch;
      j += ch.length;
    }
  }
  throw new Invalid('Unclosed character class', p.length - 1);
}
