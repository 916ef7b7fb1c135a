// FQL v10 tokens. The lexer never throws: a bad character or an unterminated string becomes an
// `error` token that the parser reports with its span, so an editor can still make sense of the
// rest of the text.

export type TokenKind = 'ident' | 'keyword' | 'int' | 'float' | 'string' | 'punct' | 'eof' | 'error';

export interface Token {
  kind: TokenKind;
  /** The text as written (for strings: the raw text including quotes). */
  text: string;
  start: number;
  end: number;
  /** Whether a newline separates this token from the previous one: it ends a statement. */
  nlBefore: boolean;
  /** Strings: the parts, literal text and `#{…}` source ranges to parse as expressions. */
  parts?: StringPart[];
  /** error tokens: what is wrong. */
  message?: string;
}

export type StringPart = { text: string } | { start: number; end: number };

export const KEYWORDS = new Set(['if', 'else', 'at', 'match', 'case', 'let', 'null', 'true', 'false', 'isa']);

// Longest first, so `?.` wins over `?` and `==` over `=`.
const PUNCT = [
  '...', '**', '?.', '??', '=>', '==', '!=', '<=', '>=', '&&', '||',
  '{', '}', '(', ')', '[', ']', ',', ':', ';', '.', '!', '<', '>', '+', '-', '*', '/', '%', '=', '&', '|', '^', '~', '?',
];

const isIdentStart = (c: string) => /[A-Za-z_]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_]/.test(c);

export function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let nl = false;
  const push = (t: Omit<Token, 'nlBefore'>) => {
    out.push({ ...t, nlBefore: nl });
    nl = false;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      nl = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const start = i;
      let depth = 0;
      while (i < src.length) {
        if (src.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else if (src.startsWith('*/', i)) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else {
          if (src[i] === '\n') nl = true;
          i++;
        }
      }
      if (depth > 0) push({ kind: 'error', text: src.slice(start, i), start, end: i, message: 'Unterminated block comment' });
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < src.length && isIdentPart(src[i]!)) i++;
      const text = src.slice(start, i);
      push({ kind: KEYWORDS.has(text) ? 'keyword' : 'ident', text, start, end: i });
      continue;
    }
    if (/[0-9]/.test(c)) {
      i = lexNumber(src, i, push);
      continue;
    }
    if (c === '"' || c === "'") {
      i = lexString(src, i, push);
      continue;
    }
    if (/^<<[-+][A-Za-z_]/.test(src.slice(i, i + 4))) {
      i = lexHeredoc(src, i, push);
      continue;
    }
    const p = PUNCT.find((x) => src.startsWith(x, i));
    if (p) {
      push({ kind: 'punct', text: p, start: i, end: i + p.length });
      i += p.length;
      continue;
    }
    push({ kind: 'error', text: c, start: i, end: i + 1, message: `Unexpected character \`${c}\`` });
    i++;
  }
  out.push({ kind: 'eof', text: '', start: src.length, end: src.length, nlBefore: nl });
  return out;
}

type Push = (t: Omit<Token, 'nlBefore'>) => void;

function lexNumber(src: string, i: number, push: Push): number {
  const start = i;
  const radix = /^0[xob]/i.exec(src.slice(i, i + 2));
  if (radix) {
    i += 2;
    while (i < src.length && /[0-9a-fA-F_]/.test(src[i]!)) i++;
    push({ kind: 'int', text: src.slice(start, i), start, end: i });
    return i;
  }
  let float = false;
  while (i < src.length && /[0-9_]/.test(src[i]!)) i++;
  if (src[i] === '.' && /[0-9]/.test(src[i + 1] ?? '')) {
    float = true;
    i++;
    while (i < src.length && /[0-9_]/.test(src[i]!)) i++;
  }
  if (/[eE]/.test(src[i] ?? '') && /[0-9+-]/.test(src[i + 1] ?? '')) {
    float = true;
    i += 2;
    while (i < src.length && /[0-9_]/.test(src[i]!)) i++;
  }
  push({ kind: float ? 'float' : 'int', text: src.slice(start, i), start, end: i });
  return i;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', '0': '\0', "'": "'", '"': '"', '`': '`', n: '\n', r: '\r', v: '\v', t: '\t', b: '\b', f: '\f', '#': '#',
};

function lexString(src: string, i: number, push: Push): number {
  const start = i;
  const quote = src[i]!;
  const interpolates = quote === '"';
  const parts: StringPart[] = [];
  let text = '';
  i++;
  const fail = (message: string, end: number) => {
    push({ kind: 'error', text: src.slice(start, end), start, end, message });
    return end;
  };
  while (i < src.length && src[i] !== quote) {
    const c = src[i]!;
    if (c === '\n') return fail('Unterminated string literal', i);
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      if (e in SIMPLE_ESCAPES) {
        text += SIMPLE_ESCAPES[e];
        i += 2;
        continue;
      }
      const hex = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]{1,6})\})/.exec(src.slice(i + 1));
      if (hex) {
        const cp = parseInt(hex[1] ?? hex[2] ?? hex[3]!, 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return fail('Invalid unicode escape', i + 1 + hex[0].length);
        text += String.fromCodePoint(cp);
        i += 1 + hex[0].length;
        continue;
      }
      const bad = badEscape(src, i + 1);
      push({ kind: 'error', text: src[bad.at] ?? '', start: bad.at, end: bad.at + 1, message: bad.message });
      return bad.at + 1;
    }
    if (interpolates && c === '#' && src[i + 1] === '{') {
      if (text) parts.push({ text });
      text = '';
      const exprStart = i + 2;
      let depth = 1;
      i = exprStart;
      while (i < src.length && depth > 0) {
        if (src[i] === '{') depth++;
        else if (src[i] === '}') depth--;
        if (depth > 0) i++;
      }
      if (depth > 0) return fail('Unterminated string interpolation', i);
      parts.push({ start: exprStart, end: i });
      i++;
      continue;
    }
    text += c;
    i++;
  }
  if (i >= src.length) return fail('Unterminated string literal', i);
  if (text || parts.length === 0) parts.push({ text });
  i++;
  push({ kind: 'string', text: src.slice(start, i), start, end: i, parts });
  return i;
}

const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/**
 * Where and why an escape after `\\` (at `at`) fails, as Fauna's string parser words it: the
 * first character that cannot continue the escape.
 */
function badEscape(src: string, at: number): { at: number; message: string } {
  const e = src[at];
  const firstNonHex = (from: number, max: number) => {
    let j = from;
    while (j < from + max && isHex(src[j])) j++;
    return j;
  };
  if (e === 'x') return { at: firstNonHex(at + 1, 2), message: 'Expected hex digit' };
  if (e === 'u') {
    if (src[at + 1] === '{') {
      const j = firstNonHex(at + 2, 6);
      return { at: j, message: j === at + 2 ? 'Expected hex digit' : 'Expected `}` or hex digit' };
    }
    if (!isHex(src[at + 1])) return { at: at + 1, message: 'Expected `{` or hex digit' };
    return { at: firstNonHex(at + 1, 4), message: 'Expected hex digit' };
  }
  return { at, message: 'Expected escape code' };
}

/**
 * `<<-TAG` … `TAG` (plain) and `<<+TAG` … `TAG` (with `#{}` interpolation): the lines between,
 * with their common indentation removed, each ending with a newline.
 */
function lexHeredoc(src: string, i: number, push: Push): number {
  const start = i;
  const interpolates = src[i + 2] === '+';
  let j = i + 3;
  while (j < src.length && isIdentPart(src[j]!)) j++;
  const tag = src.slice(i + 3, j);
  const bodyStart = src.indexOf('\n', j);
  if (bodyStart < 0) {
    push({ kind: 'error', text: src.slice(start), start, end: src.length, message: `Unterminated heredoc \`${tag}\`` });
    return src.length;
  }
  const lines: Array<{ text: string; at: number }> = [];
  let at = bodyStart + 1;
  for (;;) {
    const nl = src.indexOf('\n', at);
    const line = src.slice(at, nl < 0 ? src.length : nl);
    if (line.trim() === tag) {
      const end = at + line.length;
      const indent = Math.min(...lines.filter((l) => l.text.trim()).map((l) => l.text.length - l.text.trimStart().length), Infinity);
      const cut = Number.isFinite(indent) ? indent : 0;
      const parts: StringPart[] = [];
      let text = '';
      for (const l of lines) {
        const body = l.text.slice(Math.min(cut, l.text.length - l.text.trimStart().length));
        const bodyAt = l.at + (l.text.length - body.length);
        if (!interpolates) {
          text += body + '\n';
          continue;
        }
        let k = 0;
        while (k < body.length) {
          const open = body.indexOf('#{', k);
          if (open < 0) break;
          const close = body.indexOf('}', open);
          if (close < 0) break;
          text += body.slice(k, open);
          if (text) parts.push({ text });
          text = '';
          parts.push({ start: bodyAt + open + 2, end: bodyAt + close });
          k = close + 1;
        }
        text += body.slice(k) + '\n';
      }
      if (text || parts.length === 0) parts.push({ text });
      push({ kind: 'string', text: src.slice(start, end), start, end, parts });
      return end;
    }
    lines.push({ text: line, at });
    if (nl < 0) {
      push({ kind: 'error', text: src.slice(start), start, end: src.length, message: `Unterminated heredoc \`${tag}\`` });
      return src.length;
    }
    at = nl + 1;
  }
}
