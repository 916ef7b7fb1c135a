// String functions (StringFunctions.scala): lengths and offsets count code points, as the core
// does; `Casefold` defaults to NFKC case folding.
import type { Value } from '../values/value';
import type { Path, V4Node } from './ast';
import { castInteger, castString, fail, invalidArgument } from './casts';
import { arg, optArg, type Arg, type Evaluator, type Form } from './form';
import type { V4Object } from './ast';
import type { Env } from './form';

async function str(ev: Evaluator, node: V4Object, key: string, pos: Path, env: Env): Promise<string> {
  const a = await arg(ev, node, key, pos, env);
  return castString(a.value, a.node, a.pos);
}

async function optInt(ev: Evaluator, node: V4Object, key: string, pos: Path, env: Env): Promise<number | undefined> {
  const a = await optArg(ev, node, key, pos, env);
  return a && a.value !== null ? Number(castInteger(a.value, a.node, a.pos)) : undefined;
}

const stringFn = (key: string, f: (s: string) => Value): Form => ({
  keys: [key],
  call: true,
  run: async (ev, node, pos, env) => f(await str(ev, node, key, pos, env)),
});

const searchFn = (key: string, f: (s: string, search: string) => boolean): Form => ({
  keys: [key, 'search'],
  call: true,
  run: async (ev, node, pos, env) => f(await str(ev, node, key, pos, env), await str(ev, node, 'search', pos, env)),
});

/** The strings of a ZeroOrMore(String) argument, each checked at its position. */
function strings(a: Arg): string[] {
  if (!Array.isArray(a.value)) return [castString(a.value, a.node, a.pos)];
  const items = a.node.kind === 'array' ? a.node.items : [];
  return a.value.map((v, i) => castString(v, items[i] ?? a.node, [...a.pos, i]));
}

const codePoints = (s: string): string[] => [...s];

const NORMALIZERS = new Map<string, (s: string) => string>([
  ['NFKCCaseFold', (s) => s.normalize('NFKC').toLowerCase().normalize('NFKC')],
  ['NFC', (s) => s.normalize('NFC')],
  ['NFD', (s) => s.normalize('NFD')],
  ['NFKC', (s) => s.normalize('NFKC')],
  ['NFKD', (s) => s.normalize('NFKD')],
]);

const substringForm: Form = {
  keys: ['substring'],
  optional: ['start', 'length'],
  call: true,
  async run(ev, node, pos, env) {
    const cps = codePoints(await str(ev, node, 'substring', pos, env));
    const start = await optInt(ev, node, 'start', pos, env);
    const length = await optInt(ev, node, 'length', pos, env);
    const s = start === undefined ? 0 : start >= 0 ? start : cps.length + start;
    const e = length === undefined ? cps.length : length === 0 ? s : length > 0 ? Math.min(s + length, cps.length) : -1;
    if (s > cps.length || s < 0) fail('invalid argument', 'start must be less than or equal to the string length', node, pos);
    if (e < 0) fail('invalid argument', 'length must be positive', node, pos);
    return cps.slice(s, e).join('');
  },
};

/** `Format("%s is %d", …)`: the common Java conversions (%s %d %f %b %%, width and precision). */
function format(fmt: string, args: Value[], node: V4Node, pos: Path): string {
  let i = 0;
  return fmt.replace(/%(-)?(\d+)?(?:\.(\d+))?([sdfbn%@^])/g, (_m, left: string | undefined, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    if (conv === 'n') return '\n';
    const v = args[i++];
    if (v === undefined) return fail('invalid argument', `Format specifier '%${conv}' has no argument.`, node, pos);
    let text: string;
    if (conv === 'd') {
      if (typeof v !== 'number' && typeof v !== 'bigint') return invalidArgument(['Integer'], v, node, pos);
      text = v.toString();
    } else if (conv === 'f') {
      const n = typeof v === 'number' || typeof v === 'bigint' ? Number(v) : v !== null && typeof v === 'object' && 'value' in v && typeof v.value === 'number' ? v.value : undefined;
      if (n === undefined) return invalidArgument(['Number'], v, node, pos);
      text = n.toFixed(prec === undefined ? 6 : Number(prec));
    } else if (conv === 'b') {
      text = String(v !== null && v !== false);
    } else {
      text = typeof v === 'string' ? v : v === null ? 'null' : typeof v === 'object' && 'value' in v ? String(v.value) : String(v);
      if (prec !== undefined) text = text.slice(0, Number(prec));
    }
    if (width !== undefined) text = left ? text.padEnd(Number(width)) : text.padStart(Number(width));
    return text;
  });
}

export const STRING_FORMS: Record<string, Form> = {
  concat: {
    keys: ['concat'],
    optional: ['separator'],
    call: true,
    async run(ev, node, pos, env) {
      const parts = strings(await arg(ev, node, 'concat', pos, env));
      const sep = await optArg(ev, node, 'separator', pos, env);
      return parts.join(sep ? castString(sep.value, sep.node, sep.pos) : '');
    },
  },
  casefold: {
    keys: ['casefold'],
    optional: ['normalizer'],
    call: true,
    async run(ev, node, pos, env) {
      const a = await arg(ev, node, 'casefold', pos, env);
      const n = await optArg(ev, node, 'normalizer', pos, env);
      const name = n ? n.value : 'NFKCCaseFold';
      const f = typeof name === 'string' ? NORMALIZERS.get(name) : undefined;
      if (!f) {
        const provided = typeof name === 'string' ? 'String' : invalidArgument(['String'], name, n!.node, n!.pos);
        return fail('invalid argument', `String 'NFKCCaseFold', 'NFC', 'NFD', 'NFKC', or 'NFKD' expected, ${provided} provided.`, n!.node, n!.pos);
      }
      const one = (v: Value) => (typeof v === 'string' ? f(v) : v);
      return Array.isArray(a.value) ? a.value.map(one) : one(a.value);
    },
  },
  lowercase: stringFn('lowercase', (s) => s.toLowerCase()),
  uppercase: stringFn('uppercase', (s) => s.toUpperCase()),
  titlecase: stringFn('titlecase', (s) => s.toLowerCase().replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase())),
  trim: stringFn('trim', (s) => s.trim()),
  ltrim: stringFn('ltrim', (s) => s.trimStart()),
  rtrim: stringFn('rtrim', (s) => s.trimEnd()),
  length: stringFn('length', (s) => codePoints(s).length),
  space: {
    keys: ['space'],
    call: true,
    async run(ev, node, pos, env) {
      const a = await arg(ev, node, 'space', pos, env);
      const n = Number(castInteger(a.value, a.node, a.pos));
      return ' '.repeat(Math.max(0, n));
    },
  },
  repeat: {
    keys: ['repeat'],
    optional: ['number'],
    call: true,
    async run(ev, node, pos, env) {
      const s = await str(ev, node, 'repeat', pos, env);
      const n = (await optInt(ev, node, 'number', pos, env)) ?? 2;
      return s.repeat(Math.max(0, n));
    },
  },
  substring: substringForm,
  replacestr: {
    keys: ['replacestr', 'find', 'replace'],
    call: true,
    async run(ev, node, pos, env) {
      const s = await str(ev, node, 'replacestr', pos, env);
      const find = await str(ev, node, 'find', pos, env);
      const replace = await str(ev, node, 'replace', pos, env);
      return find === '' ? s : s.split(find).join(replace);
    },
  },
  findstr: {
    keys: ['findstr', 'find'],
    optional: ['start'],
    call: true,
    async run(ev, node, pos, env) {
      const s = await str(ev, node, 'findstr', pos, env);
      const find = await str(ev, node, 'find', pos, env);
      const start = (await optInt(ev, node, 'start', pos, env)) ?? 0;
      const cps = codePoints(s);
      const from = start > 0 && start < s.length ? cps.slice(0, start).join('').length : 0;
      const at = s.indexOf(find, from);
      return at < 0 ? -1 : codePoints(s.slice(0, at)).length;
    },
  },
  containsstr: searchFn('containsstr', (s, x) => s.includes(x)),
  startswith: searchFn('startswith', (s, x) => s.startsWith(x)),
  endswith: searchFn('endswith', (s, x) => s.endsWith(x)),
  format: {
    keys: ['format', 'values'],
    call: true,
    async run(ev, node, pos, env) {
      const fmt = await str(ev, node, 'format', pos, env);
      const v = (await arg(ev, node, 'values', pos, env)).value;
      return format(fmt, Array.isArray(v) ? v : [v], node, pos);
    },
  },
};
